"""Scorers: pure functions from (answer text, references, expected) to numbers. No engine, no I/O."""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.evals.extract import Figure, find_numbers, normalise

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "percent": 1.0}


# ------------------------------------------------------------------ numbers


def default_tolerance(answer_type: str, expected: float) -> float:
    """Percent answers: 0.01 points (two decimals). Plain numbers: 0.1 % of the value, at least 0.005."""
    if answer_type == "percent":
        return 0.01
    return max(abs(expected) * 1e-3, 0.005)


def _readings(fig: Figure, answer_type: str) -> list[float]:
    """The values a figure can mean for this answer type (0.078 may be 7.8 %, 25 bp is 0.25 %)."""
    if fig.kind == "bp":
        return [fig.raw / 100] if answer_type == "percent" else [fig.raw, fig.raw / 10000]
    if answer_type == "percent":
        out = [fig.raw]
        if fig.kind == "plain" and abs(fig.raw) <= 1.5 and fig.decimals >= 2:
            out.append(fig.raw * 100)  # a ratio written as a decimal fraction
        return out
    if fig.kind in ("percent", "pp"):
        return [fig.raw, fig.raw / 100]  # ConvFinQA-style ratios: 14 % for 0.14
    return list(dict.fromkeys([fig.value, fig.raw]))


def _signs(fig: Figure, value: float, answer_type: str, expected: float) -> list[float]:
    """The signed value(s) an unsigned figure can mean.

    Percent answers take their direction from the words around the figure ("fell 3.1 %", "跑输2个百分点").
    Plain numbers (levels, counts, ratios) only do so when the expected value is negative: "fell from
    2,600 to 2,500" does not make 2,500 negative.
    """
    if fig.signed:
        return [value]
    if answer_type == "percent" or fig.kind in ("percent", "pp", "bp") or expected < 0:
        return [-abs(value)] if fig.negative_cue else [abs(value)]
    return [abs(value)]


def figure_matches(
    fig: Figure, expected: float, answer_type: str, tolerance: float | None = None, scale: str | None = None
) -> bool:
    """Whether a figure states `expected`: within tolerance, or equal once rounded to its shown precision."""
    targets = [expected]
    if scale in SCALES and scale != "percent":
        targets.append(expected * SCALES[scale])
    for reading in _readings(fig, answer_type):
        for value in _signs(fig, reading, answer_type, expected):
            for target in targets:
                tol = tolerance if tolerance is not None else default_tolerance(answer_type, target)
                if abs(value - target) <= tol + 1e-9:
                    return True
                shown = 0.5 * 10**-fig.decimals  # "7.8 %" states 7.83 rounded to one decimal
                if (
                    fig.decimals >= 1
                    and abs(value - target) <= shown + 1e-9
                    and abs(value - target) <= 0.01 * abs(target)
                ):
                    return True
    return False


@dataclass(frozen=True)
class NumericScore:
    correct: bool
    matched: list[float | None]  # the answer's figure that matched each expected value
    why: str


def score_numeric(
    text: str,
    expected: Sequence[float],
    answer_type: str,
    tolerance: float | None = None,
    scale: str | None = None,
) -> NumericScore:
    """Every expected value must appear among the answer's figures (any position)."""
    figures = find_numbers(text)
    matched: list[float | None] = []
    for e in expected:
        hit = next((f for f in figures if figure_matches(f, e, answer_type, tolerance, scale)), None)
        matched.append(None if hit is None else hit.raw)
    missing = [e for e, m in zip(expected, matched, strict=True) if m is None]
    if not missing:
        return NumericScore(True, matched, "found " + ", ".join(_fmt(e) for e in expected))
    seen = ", ".join(_fmt(f.raw) + ("%" if f.kind == "percent" else "") for f in figures[:12]) or "no numbers"
    return NumericScore(False, matched, f"missing {', '.join(_fmt(e) for e in missing)}; answer has {seen}")


def _fmt(x: float) -> str:
    return f"{x:.6g}"


# ------------------------------------------------------------------ text


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PUNCT = set(string.punctuation) | set("，。、；：？！“”‘’（）《》【】「」…—·")
_ARTICLES = {"a", "an", "the"}


def normalise_text(text: str) -> str:
    text = normalise(text).lower()
    text = "".join(" " if ch in _PUNCT and ch not in ".%" else ch for ch in text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)  # keep decimal points, drop full stops
    return " ".join(w for w in text.split() if w not in _ARTICLES)


def tokens(text: str) -> list[str]:
    """Words for Latin script, single characters for CJK (the usual character-level F1 for Chinese)."""
    out: list[str] = []
    for word in normalise_text(text).split():
        buf = ""
        for ch in word:
            if _CJK.match(ch):
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(ch)
            else:
                buf += ch
        if buf:
            out.append(buf)
    return out


def exact_match(prediction: str, gold: str) -> bool:
    return normalise_text(prediction) == normalise_text(gold)


def f1(prediction: str, gold: str) -> float:
    p, g = tokens(prediction), tokens(gold)
    if not p or not g:
        return float(p == g)
    common = sum((Counter(p) & Counter(g)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]|\.(?=\s|$)|$)")


@dataclass(frozen=True)
class TextScore:
    correct: bool
    em: bool
    f1: float
    contains: bool
    why: str


def score_text(answer: str, golds: Sequence[str], f1_threshold: float = 0.8) -> TextScore:
    """Best over the gold alternatives: EM and F1 against the whole answer and each of its sentences.

    Correct when a gold alternative appears in the answer (normalised) or a sentence reaches the F1 threshold.
    """
    norm_answer = normalise_text(answer)
    pieces = [answer] + [m.group(0) for m in _SENTENCE.finditer(answer)]
    best_f1, em, contains = 0.0, False, False
    for gold in golds:
        em = em or any(exact_match(p, gold) for p in pieces)
        best_f1 = max([best_f1] + [f1(p, gold) for p in pieces])
        g = normalise_text(gold)
        contains = contains or (bool(g) and _contains(norm_answer, g))
    correct = em or contains or best_f1 >= f1_threshold
    why = "contains the answer" if contains else f"best F1 {best_f1:.2f}"
    return TextScore(correct, em, round(best_f1, 4), contains, why)


def _contains(haystack: str, needle: str) -> bool:
    if needle.isascii():  # whole words for Latin script: "led" is not in "ledger"
        return re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", haystack) is not None
    return needle in haystack


# ------------------------------------------------------------------ refusal


def declined(
    text: str, refused_flag: bool, errors: Sequence[str], data_refs: int, refusal_phrases: Iterable[str] = ()
) -> bool:
    """The answer declines: the engine's refusal flag or phrase, or only errors and no data evidence."""
    if refused_flag:
        return True
    stripped = text.strip()
    if any(p and stripped.startswith(p) for p in refusal_phrases):
        return True
    return bool(errors) and data_refs == 0


@dataclass(frozen=True)
class Confusion:
    """Refusal decisions: positive = declined."""

    tp: int  # unanswerable, declined
    fp: int  # answerable, declined
    fn: int  # unanswerable, answered
    tn: int  # answerable, answered

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def correctness(self) -> float | None:
        """Share of items whose decline-or-answer decision was right."""
        return _ratio(self.tp + self.tn, self.tp + self.fp + self.fn + self.tn)


def confusion(pairs: Iterable[tuple[bool, bool]]) -> Confusion:
    """From (should_decline, did_decline) pairs."""
    c = Counter(pairs)
    return Confusion(tp=c[(True, True)], fp=c[(False, True)], fn=c[(True, False)], tn=c[(False, False)])


def _ratio(a: float, b: float) -> float | None:
    return None if b == 0 else a / b


# ------------------------------------------------------------------ citations


_CITATION = re.compile(r"[\[【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]】]")


def cited_numbers(text: str) -> list[int]:
    """Every [n] in the text, in order, with repeats ([1,2], [1][2] and 【1】 included)."""
    out: list[int] = []
    for m in _CITATION.finditer(normalise(text)):
        out.extend(int(x) for x in re.split(r"\s*[,，、]\s*", m.group(1)))
    return out


@dataclass(frozen=True)
class CitationScore:
    markers: int
    valid: int
    invalid: list[int]

    @property
    def validity(self) -> float | None:
        return _ratio(self.valid, self.markers)


def citation_validity(text: str, reference_numbers: Iterable[int]) -> CitationScore:
    """Share of [n] markers that name an existing reference."""
    known = set(reference_numbers)
    cited = cited_numbers(text)
    invalid = [n for n in cited if n not in known]
    return CitationScore(markers=len(cited), valid=len(cited) - len(invalid), invalid=sorted(set(invalid)))


def _source_key(s: str) -> str:
    return normalise_text(s)


def citation_precision_recall(
    cited_sources: Sequence[Sequence[str]], expected: Sequence[str]
) -> tuple[float | None, float | None]:
    """Precision: share of cited passage references that come from an expected source.

    Recall: 1.0 when at least one expected source is cited (the list holds acceptable alternatives:
    the same fact often sits in a note and its translation), else 0.0. Each cited source is given
    as its identifiers (document id, title); any of them may match.
    """
    if not expected:
        return None, None
    want = {_source_key(e) for e in expected}
    hits = [any(_source_key(k) in want for k in keys if k) for keys in cited_sources]
    precision = _ratio(sum(hits), len(hits))
    return precision, 1.0 if any(hits) else 0.0


# ------------------------------------------------------------------ groundedness


def groundedness(text: str, evidence_numbers: Iterable[float]) -> tuple[int, int]:
    """(traced, total): figures in the text that equal, at their shown precision, a number in the evidence."""
    pool = [float(x) for x in evidence_numbers if isinstance(x, (int, float)) and math.isfinite(x)]
    figures = find_numbers(text)
    traced = 0
    for fig in figures:
        half = 0.5 * 10**-fig.decimals + 1e-9
        if any(abs(abs(fig.raw) - abs(p)) <= half or abs(abs(fig.raw) - abs(p) * 100) <= half for p in pool):
            traced += 1
    return traced, len(figures)


# ------------------------------------------------------------------ retrieval


def first_hit_rank(retrieved: Sequence[str], gold: Iterable[str]) -> int | None:
    """1-based rank of the first retrieved id in gold, or None."""
    wanted = set(gold)
    for rank, rid in enumerate(retrieved, 1):
        if rid in wanted:
            return rank
    return None


def hit_at_k(ranks: Sequence[int | None], k: int) -> float | None:
    return _ratio(sum(1 for r in ranks if r is not None and r <= k), len(ranks))


def mrr(ranks: Sequence[int | None], cutoff: int | None = None) -> float | None:
    if not ranks:
        return None
    return sum(1.0 / r for r in ranks if r is not None and (cutoff is None or r <= cutoff)) / len(ranks)


# ------------------------------------------------------------------ latency


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100), as numpy's default method."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)
