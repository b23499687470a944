"""Verifier: every [n] must exist and every number must trace to a cited reference or a tool result."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.ledger import EvidenceLedger
from assistant.numbers import Figure, find_figures, matches

# One parser for every citation form: [1], [1,2], [1, 2], [1][2], 【1】, 【1，2】.
CITATION = re.compile(r"(?P<open>[\[【])(?P<body>\s*\d+(?:\s*[,，、]\s*\d+)*\s*)(?P<close>[\]】])")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=\.)(?=\s)|\n+")


def parse_citation_numbers(body: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", body)]


@dataclass
class Verification:
    text: str
    grounded: bool
    warnings: list[str] = field(default_factory=list)
    removed_citations: list[int] = field(default_factory=list)
    untraceable: list[str] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)


def _normalise_citations(text: str, ledger: EvidenceLedger, removed: list[int]) -> str:
    """Rewrite every citation as [a, b] with only numbers the ledger holds; record what was dropped."""

    def repl(m: re.Match[str]) -> str:
        nums = parse_citation_numbers(m.group("body"))
        kept = [n for n in dict.fromkeys(nums) if ledger.get(n) is not None]
        removed.extend(n for n in nums if ledger.get(n) is None)
        return f"[{', '.join(str(n) for n in kept)}]" if kept else ""

    out = CITATION.sub(repl, text)
    return re.sub(r"[ \t]+([。，,.;；!?！？])", r"\1", out) if removed else out


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.end()))
            start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def verify(text: str, ledger: EvidenceLedger) -> Verification:
    """Remove citations that do not exist, flag numbers nothing backs, and say whether the text is grounded."""
    removed: list[int] = []
    text = _normalise_citations(text, ledger, removed)
    warnings = []
    if removed:
        shown = ", ".join(f"[{n}]" for n in dict.fromkeys(removed))
        warnings.append(f"removed citation(s) {shown}: no such reference")

    tool_numbers = ledger.tool_numbers()
    untraceable: list[Figure] = []
    cited_all: list[int] = []
    for para in text.split("\n\n"):
        para_cited = [n for m in CITATION.finditer(para) for n in parse_citation_numbers(m.group("body"))]
        cited_all.extend(para_cited)
        for s, e in _sentences(para):
            sentence = para[s:e]
            cited = [n for m in CITATION.finditer(sentence) for n in parse_citation_numbers(m.group("body"))]
            # a sentence without its own citation leans on its paragraph's
            pool = list(tool_numbers)
            for n in cited or para_cited:
                pool.extend(ledger.get(n).reference.numbers)  # type: ignore[union-attr]
            for fig in find_figures(sentence):
                if not matches(fig, pool):
                    untraceable.append(fig)
    if untraceable:
        shown = ", ".join(f"'{f.text}'" for f in untraceable)
        warnings.append(f"untraceable number(s) {shown}: not in a cited source or a tool result")
    return Verification(
        text=text.strip(),
        grounded=not removed and not untraceable,
        warnings=warnings,
        removed_citations=list(dict.fromkeys(removed)),
        untraceable=[f.text for f in untraceable],
        cited=list(dict.fromkeys(cited_all)),
    )
