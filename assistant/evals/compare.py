"""Compare two runs: metric by metric, category by category, and the items whose verdict changed."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from assistant.evals.results import ItemResult
from assistant.evals.summary import Summary

# (label, attribute, higher is better)
METRICS: list[tuple[str, str, bool]] = [
    ("accuracy", "accuracy", True),
    ("numeric accuracy", "numeric_accuracy", True),
    ("numeric accuracy, tool-answerable", "tool_numeric_accuracy", True),
    ("text F1", "text_f1", True),
    ("refusal correctness", "refusal_correctness", True),
    ("refusal precision", "refusal_precision", True),
    ("refusal recall", "refusal_recall", True),
    ("citation validity", "citation_validity", True),
    ("citation precision", "citation_precision", True),
    ("citation recall", "citation_recall", True),
    ("groundedness", "groundedness", True),
    ("retrieval MRR", "retrieval_mrr", True),
    ("latency p50 (ms)", "latency_p50_ms", False),
    ("latency p95 (ms)", "latency_p95_ms", False),
]


class MetricDelta(BaseModel):
    name: str
    a: float | None
    b: float | None
    higher_is_better: bool = True
    is_ratio: bool = True

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def better(self) -> bool | None:
        d = self.delta
        if d is None or abs(d) < 1e-12:
            return None
        return (d > 0) == self.higher_is_better


class Flip(BaseModel):
    id: str
    category: str
    question: str
    a: str
    b: str
    answer_b: str = ""


class Comparison(BaseModel):
    metrics: list[MetricDelta] = Field(default_factory=list)
    categories: list[MetricDelta] = Field(default_factory=list)
    fixed: list[Flip] = Field(default_factory=list)
    broken: list[Flip] = Field(default_factory=list)
    only_a: int = 0
    only_b: int = 0


def compare(sa: Summary, ra: Sequence[ItemResult], sb: Summary, rb: Sequence[ItemResult]) -> Comparison:
    out = Comparison()
    for label, attr, higher in METRICS:
        out.metrics.append(
            MetricDelta(
                name=label,
                a=getattr(sa, attr),
                b=getattr(sb, attr),
                higher_is_better=higher,
                is_ratio="ms" not in label,
            )
        )
    for cat in sorted(set(sa.by_category) | set(sb.by_category)):
        ga, gb = sa.by_category.get(cat), sb.by_category.get(cat)
        out.categories.append(
            MetricDelta(name=cat, a=ga.accuracy if ga else None, b=gb.accuracy if gb else None)
        )
    by_a = {r.id: r for r in ra}
    by_b = {r.id: r for r in rb}
    for item_id, b in by_b.items():
        a = by_a.get(item_id)
        if a is None or a.correct == b.correct:
            continue
        flip = Flip(
            id=item_id,
            category=b.category,
            question=b.question,
            a=a.verdict,
            b=b.verdict,
            answer_b=b.answer[:300],
        )
        (out.fixed if b.correct else out.broken).append(flip)
    out.only_a = len(set(by_a) - set(by_b))
    out.only_b = len(set(by_b) - set(by_a))
    return out


def render_value(m: MetricDelta, v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v * 100:.1f} %" if m.is_ratio else f"{v:,.0f}"


def render_delta(m: MetricDelta) -> str:
    d = m.delta
    if d is None:
        return "–"
    return f"{d * 100:+.1f} pt" if m.is_ratio else f"{d:+,.0f}"
