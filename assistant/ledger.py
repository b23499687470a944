"""EvidenceLedger: every tool result and passage gets a reference number here, and only here."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.models import Passage, Reference
from assistant.numbers import numbers_in
from tools.base import ToolResult

DEMO_LABEL = "demo data"


@dataclass
class Entry:
    reference: Reference
    result: ToolResult | None = None
    passage: Passage | None = None


@dataclass
class EvidenceLedger:
    """Numbers evidence 1..N in order of first use; the same evidence added twice keeps its number."""

    entries: list[Entry] = field(default_factory=list)
    _by_key: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def _add(self, key: str, entry: Entry) -> Reference:
        if key in self._by_key:
            return self.entries[self._by_key[key] - 1].reference
        entry.reference.n = len(self.entries) + 1
        self.entries.append(entry)
        self._by_key[key] = entry.reference.n
        return entry.reference

    def add_result(self, result: ToolResult, arguments: dict | None = None) -> Reference:
        """A data reference for a computed result; its numbers are everything the result holds."""
        prov = result.provenance
        key = f"data:{result.tool}:{sorted((arguments or {}).items())!r}:{result.computation}"
        title = result.summary
        source = prov.source if prov else "computed by Cited from the cited inputs"
        if prov and prov.demo:
            source = f"{source} ({DEMO_LABEL})"
        ref = Reference(
            n=0,
            kind="data",
            title=title,
            source=source,
            snippet=result.computation or result.summary,
            tool=result.tool,
            series=list(prov.series) if prov else [],
            window=(prov.start, prov.end) if prov and prov.start and prov.end else None,
            computation=result.computation or None,
            demo=bool(prov and prov.demo),
            notes=list(result.notes),
            numbers=sorted(set(result.numbers())),
        )
        return self._add(key, Entry(ref, result=result))

    def add_passage(self, passage: Passage) -> Reference:
        ref = Reference(
            n=0,
            kind="passage",
            title=passage.title,
            source=passage.source or (passage.path or ""),
            url=passage.url,
            date=passage.date,
            snippet=passage.text,
            doc_id=passage.doc_id,
            chunk_id=passage.chunk_id,
            score=passage.score,
            numbers=sorted(set(numbers_in(passage.text))),
        )
        return self._add(f"passage:{passage.chunk_id}", Entry(ref, passage=passage))

    def get(self, n: int) -> Entry | None:
        return self.entries[n - 1] if 1 <= n <= len(self.entries) else None

    @property
    def references(self) -> list[Reference]:
        return [e.reference for e in self.entries]

    def tool_numbers(self) -> list[float]:
        """Numbers from every tool result: a figure backed by a computation may be stated anywhere."""
        return [x for e in self.entries if e.result is not None and e.passage is None for x in e.reference.numbers]


def renumber(text: str, references: list[Reference]) -> tuple[str, list[Reference]]:
    """Number the cited references 1..M in order of first citation in the text; drop the uncited.

    The composer cites ledger numbers; the reader should see a compact list that starts at [1].
    """
    from assistant.verify import CITATION, parse_citation_numbers

    order: dict[int, int] = {}
    for m in CITATION.finditer(text):
        for n in parse_citation_numbers(m.group("body")):
            order.setdefault(n, len(order) + 1)

    def repl(m):
        nums = [order[n] for n in dict.fromkeys(parse_citation_numbers(m.group("body"))) if n in order]
        return "".join(f"[{n}]" for n in nums)

    by_old = {r.n: r for r in references}
    kept = [by_old[old].model_copy(update={"n": new}) for old, new in order.items() if old in by_old]
    return CITATION.sub(repl, text), sorted(kept, key=lambda r: r.n)
