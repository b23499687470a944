"""Aggregate item results into the run's metrics, and check them against the CI thresholds."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.evals import scorers
from assistant.evals.results import ItemResult

RETRIEVAL_KS = (1, 3, 5, 10)


class Group(BaseModel):
    n: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0


class Summary(BaseModel):
    """Every metric of a run. Ratios are 0..1; None where nothing was measured."""

    items: int
    mode: str = "offline"
    accuracy: float
    numeric_items: int = 0
    numeric_accuracy: float | None = None
    tool_items: int = 0
    tool_numeric_accuracy: float | None = Field(None, description="The CI gate's numeric accuracy.")
    text_items: int = 0
    text_em: float | None = None
    text_f1: float | None = None
    refusal: dict[str, int] = Field(default_factory=dict, description="tp fp fn tn; positive = declined.")
    refusal_precision: float | None = None
    refusal_recall: float | None = None
    refusal_correctness: float | None = None
    citation_markers: int = 0
    invalid_citations: int = 0
    items_with_invalid_citations: int = 0
    citation_validity: float | None = None
    citation_precision: float | None = None
    citation_recall: float | None = None
    numbers_traced: int = 0
    numbers_total: int = 0
    groundedness: float | None = None
    engine_grounded_rate: float | None = None
    retrieval_items: int = 0
    retrieval_hit: dict[str, float] = Field(default_factory=dict)
    retrieval_mrr: float | None = None
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    errors: int = 0
    by_category: dict[str, Group] = Field(default_factory=dict)
    by_lang: dict[str, Group] = Field(default_factory=dict)
    by_category_lang: dict[str, Group] = Field(default_factory=dict)
    verdicts: dict[str, int] = Field(default_factory=dict)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _groups(results: Sequence[ItemResult], key) -> dict[str, Group]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        c = counts[key(r)]
        c[0] += 1
        c[1] += int(r.correct)
    return {k: Group(n=v[0], correct=v[1]) for k, v in sorted(counts.items())}


def summarise(results: Sequence[ItemResult]) -> Summary:
    n = len(results)
    numeric = [r for r in results if r.numeric_ok is not None]
    tool = [r for r in numeric if r.tool_answerable]
    text = [r for r in results if r.f1 is not None]
    conf = scorers.confusion((r.answer_type == "refuse", r.declined) for r in results if r.verdict != "error")
    markers = sum(r.citation_markers for r in results)
    invalid = sum(r.invalid_markers for r in results)
    precisions = [r.citation_precision for r in results if r.citation_precision is not None]
    recalls = [r.citation_recall for r in results if r.citation_recall is not None]
    traced, total = sum(r.numbers_traced for r in results), sum(r.numbers_total for r in results)
    answered = [r for r in results if r.verdict != "error" and not r.declined]
    checked = [r for r in results if r.retrieval_checked]
    ranks = [r.retrieval_rank for r in checked]
    latencies = [r.latency_ms for r in results if r.verdict != "error"]
    verdicts: dict[str, int] = defaultdict(int)
    for r in results:
        verdicts[r.verdict] += 1
    return Summary(
        items=n,
        mode=results[0].mode if results else "offline",
        accuracy=sum(r.correct for r in results) / n if n else 0.0,
        numeric_items=len(numeric),
        numeric_accuracy=_mean([float(bool(r.numeric_ok)) for r in numeric]),
        tool_items=len(tool),
        tool_numeric_accuracy=_mean([float(bool(r.numeric_ok)) for r in tool]),
        text_items=len(text),
        text_em=_mean([float(bool(r.em)) for r in text]),
        text_f1=_mean([r.f1 or 0.0 for r in text]),
        refusal={"tp": conf.tp, "fp": conf.fp, "fn": conf.fn, "tn": conf.tn},
        refusal_precision=conf.precision,
        refusal_recall=conf.recall,
        refusal_correctness=conf.correctness,
        citation_markers=markers,
        invalid_citations=invalid,
        items_with_invalid_citations=sum(1 for r in results if r.invalid_citations),
        citation_validity=(markers - invalid) / markers if markers else None,
        citation_precision=_mean(precisions),
        citation_recall=_mean(recalls),
        numbers_traced=traced,
        numbers_total=total,
        groundedness=traced / total if total else None,
        engine_grounded_rate=_mean([float(bool(r.engine_grounded)) for r in answered]),
        retrieval_items=len(checked),
        retrieval_hit={f"@{k}": v for k in RETRIEVAL_KS if (v := scorers.hit_at_k(ranks, k)) is not None},
        retrieval_mrr=scorers.mrr(ranks),
        latency_p50_ms=scorers.percentile(latencies, 50),
        latency_p95_ms=scorers.percentile(latencies, 95),
        errors=verdicts.get("error", 0),
        by_category=_groups(results, lambda r: r.category),
        by_lang=_groups(results, lambda r: r.lang),
        by_category_lang=_groups(results, lambda r: f"{r.category}/{r.lang}"),
        verdicts=dict(sorted(verdicts.items())),
    )


# ------------------------------------------------------------------ CI gate


class Thresholds(BaseModel):
    max_invalid_citations: int = 0
    min_tool_numeric_accuracy: float = 0.98
    min_refusal_correctness: float = 0.95
    max_errors: int | None = None


def load_thresholds(path: Path | str) -> Thresholds:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return Thresholds.model_validate(data.get("ci", data))


def gate(summary: Summary, t: Thresholds) -> list[str]:
    """Reasons the run fails the gate; empty when it passes."""
    problems = []
    if summary.invalid_citations > t.max_invalid_citations:
        problems.append(
            f"{summary.invalid_citations} invalid reference marker(s) in "
            f"{summary.items_with_invalid_citations} answer(s) (allowed: {t.max_invalid_citations})"
        )
    acc = summary.tool_numeric_accuracy
    if acc is not None and acc < t.min_tool_numeric_accuracy:
        problems.append(
            f"numeric accuracy on tool-answerable items {acc:.1%} < {t.min_tool_numeric_accuracy:.0%}"
        )
    rc = summary.refusal_correctness
    if rc is not None and rc < t.min_refusal_correctness:
        problems.append(f"refusal correctness {rc:.1%} < {t.min_refusal_correctness:.0%}")
    if t.max_errors is not None and summary.errors > t.max_errors:
        problems.append(f"{summary.errors} item(s) raised instead of answering (allowed: {t.max_errors})")
    return problems
