"""What a run records per item, and how items are judged: pure, given an Answer-like record."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.evals import scorers
from assistant.evals.dataset import EvalItem
from assistant.evals.extract import find_numbers

Verdict = Literal["correct", "wrong", "refused_ok", "false_refusal", "missed_refusal", "error"]


class RefSummary(BaseModel):
    """A reference as the report shows it."""

    n: int
    kind: str
    title: str = ""
    doc_id: str | None = None
    tool: str | None = None
    snippet: str = ""
    numbers: list[float] = Field(default_factory=list)


class ItemResult(BaseModel):
    id: str
    question: str
    lang: str
    category: str
    answer_type: str
    tool: str | None = None
    tool_answerable: bool = False
    history: list[str] = Field(default_factory=list)
    scope: dict[str, Any] | None = None
    expected: Any = None
    expected_sources: list[str] = Field(default_factory=list)
    answer: str = ""
    references: list[RefSummary] = Field(default_factory=list)
    tools_called: list[str] = Field(default_factory=list)
    verdict: Verdict
    why: str = ""
    declined: bool = False
    numeric_ok: bool | None = None
    em: bool | None = None
    f1: float | None = None
    citation_markers: int = 0
    invalid_citations: list[int] = Field(
        default_factory=list, description="Reference numbers cited but absent."
    )
    invalid_markers: int = 0
    citation_precision: float | None = None
    citation_recall: float | None = None
    numbers_traced: int = 0
    numbers_total: int = 0
    engine_grounded: bool | None = None
    retrieval_rank: int | None = Field(
        None, description="Rank of the first expected source in a plain search."
    )
    retrieval_checked: bool = False
    latency_ms: float = 0.0
    timings: dict[str, float] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)
    mode: str = "offline"

    @property
    def correct(self) -> bool:
        return self.verdict in ("correct", "refused_ok")


def summarise_refs(answer: Any) -> list[RefSummary]:
    out = []
    for r in answer.references:
        snippet = (r.snippet or r.computation or "")[:400]
        out.append(
            RefSummary(
                n=r.n,
                kind=r.kind,
                title=r.title,
                doc_id=r.doc_id,
                tool=r.tool,
                snippet=snippet,
                numbers=list(r.numbers),
            )
        )
    return out


def judge(item: EvalItem, answer: Any, latency_ms: float, refusal_phrases: list[str]) -> ItemResult:
    """Score one Answer (assistant.models.Answer or anything shaped like it) against its item."""
    text = answer.text or ""
    refs = summarise_refs(answer)
    data_refs = sum(1 for r in refs if r.kind == "data")
    did_decline = scorers.declined(
        text, bool(answer.refused), list(answer.errors), data_refs, refusal_phrases
    )
    res = _base(item)
    res.answer, res.references, res.declined = text, refs, did_decline
    res.tools_called = [c.name for c in answer.tool_calls]
    res.latency_ms = round(latency_ms, 2)
    res.timings, res.warnings, res.errors = dict(answer.timings), list(answer.warnings), list(answer.errors)
    res.engine_grounded, res.mode = bool(answer.grounded), str(answer.mode)

    cites = scorers.citation_validity(text, [r.n for r in refs])
    res.citation_markers, res.invalid_citations = cites.markers, cites.invalid
    res.invalid_markers = cites.markers - cites.valid
    cited = set(scorers.cited_numbers(text))
    passage_ids = [[r.doc_id or "", r.title] for r in refs if r.kind == "passage" and r.n in cited]
    res.citation_precision, res.citation_recall = scorers.citation_precision_recall(
        passage_ids, item.expected_sources
    )
    evidence = [x for r in refs for x in r.numbers]
    evidence += [f.raw for r in refs for f in find_numbers(r.snippet)]
    res.numbers_traced, res.numbers_total = scorers.groundedness(text, evidence)

    if not item.answerable:
        res.verdict = "refused_ok" if did_decline else "missed_refusal"
        res.why = "declined as expected" if did_decline else "answered a question the sources cannot answer"
        return res
    if did_decline:
        res.verdict, res.why = "false_refusal", "declined an answerable question"
        if item.answer_type in ("number", "percent"):
            res.numeric_ok = False  # a declined number counts against numeric accuracy
        else:
            res.em, res.f1 = False, 0.0
        return res
    if item.answer_type in ("number", "percent"):
        score = scorers.score_numeric(text, item.numbers(), item.answer_type, item.tolerance, item.scale)
        res.numeric_ok, res.why = score.correct, score.why
        res.verdict = "correct" if score.correct else "wrong"
    else:
        ts = scorers.score_text(text, item.texts())
        res.em, res.f1, res.why = ts.em, ts.f1, ts.why
        res.verdict = "correct" if ts.correct else "wrong"
    return res


def failed(item: EvalItem, message: str, latency_ms: float) -> ItemResult:
    """An item whose question raised instead of answering."""
    res = _base(item)
    res.verdict, res.why, res.latency_ms = "error", message[:500], round(latency_ms, 2)
    if item.answer_type in ("number", "percent"):
        res.numeric_ok = False
    return res


def _base(item: EvalItem) -> ItemResult:
    return ItemResult(
        id=item.id,
        question=item.question,
        lang=item.lang,
        category=item.category,
        answer_type=item.answer_type,
        tool=item.tool,
        tool_answerable=item.tool_answerable,
        history=item.history,
        scope=item.scope.model_dump(exclude_none=True) if item.scope else None,
        expected=item.answer,
        expected_sources=item.expected_sources,
        verdict="error",
    )
