"""Pydantic types shared by every stage: Question, ToolCall, Reference, Answer and stream events."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

Language = Literal["zh", "en"]


class Scope(BaseModel):
    """Narrows a question: to one article (document id) and/or one ticker."""

    doc_id: str | None = None
    ticker: str | None = None


class Question(BaseModel):
    text: str
    language: Language = "en"
    scope: Scope = Field(default_factory=Scope)
    history: list[str] = Field(default_factory=list, description="Earlier questions of the conversation.")


class ToolCall(BaseModel):
    """One tool invocation as planned and, once run, its outcome."""

    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    summary: str = ""
    ok: bool = True
    error: str | None = None
    ms: float = 0.0
    references: list[int] = Field(default_factory=list)


class Reference(BaseModel):
    """A numbered piece of evidence shown to the reader: a computation or a passage."""

    n: int
    kind: Literal["data", "passage"]
    title: str
    source: str = ""
    url: str | None = None
    date: dt.date | None = None
    snippet: str = Field("", description="The exact passage text, or the computation, shown to the reader.")
    # data references
    tool: str | None = None
    series: list[str] = Field(default_factory=list)
    window: tuple[dt.date, dt.date] | None = None
    computation: str | None = None
    demo: bool = False
    notes: list[str] = Field(default_factory=list)
    # passage references
    doc_id: str | None = None
    chunk_id: str | None = None
    score: float | None = None
    numbers: list[float] = Field(default_factory=list, description="Every number this reference vouches for.")


class RelatedTicker(BaseModel):
    symbol: str
    name: str
    last: float
    change_pct: float | None = None
    as_of: dt.date
    sparkline: list[float] = Field(default_factory=list)
    demo: bool = False


DISCLAIMER = {
    "zh": "数据基于历史，不代表未来趋势；仅供投资者参考，不构成投资建议。",
    "en": "Based on historical data, which does not predict the future; for reference only, not investment advice.",
}


class Answer(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])
    question: str
    language: Language
    text: str
    references: list[Reference] = Field(default_factory=list)
    tool_calls: list[ToolCall] = Field(default_factory=list)
    related_tickers: list[RelatedTicker] = Field(default_factory=list)
    grounded: bool = True
    refused: bool = False
    warnings: list[str] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list, description="Problems with the question the user can fix.")
    notes: list[str] = Field(default_factory=list, description="Assumptions made while planning.")
    timings: dict[str, float] = Field(default_factory=dict, description="Milliseconds per stage.")
    mode: Literal["offline", "llm"] = "offline"
    model: str | None = None
    usage: dict[str, int] = Field(default_factory=dict)
    disclaimer: str = ""
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


EventType = Literal["plan", "tool_call", "tool_result", "reference", "token", "answer", "error"]


class Event(BaseModel):
    """One step of a streamed answer; the last one is always `answer` (or `error`)."""

    type: EventType
    data: dict[str, Any] = Field(default_factory=dict)


class Passage(BaseModel):
    """A chunk of a source document as retrieved from the index."""

    chunk_id: str
    doc_id: str
    title: str
    text: str
    date: dt.date | None = None
    source: str = ""
    url: str | None = None
    path: str | None = None
    lang: str = "en"
    tickers: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    score: float = 0.0


class SearchFilters(BaseModel):
    """Metadata filters for source search; every field is optional."""

    ticker: str | None = None
    doc_id: str | None = None
    lang: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
