"""Request and response schemas of the HTTP API, kept apart from the engine's models."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["zh", "en"]


class Out(BaseModel):
    """Output schemas ignore engine fields the API does not publish."""

    model_config = ConfigDict(extra="ignore")


class ErrorOut(BaseModel):
    error: str = Field(description="What went wrong and what to do about it.")
    status: int


# -- answers ------------------------------------------------------------------------------------------


class ReferenceOut(Out):
    n: int
    kind: Literal["data", "passage"]
    title: str
    source: str = ""
    url: str | None = None
    date: dt.date | None = None
    snippet: str = ""
    tool: str | None = None
    series: list[str] = Field(default_factory=list)
    window: tuple[dt.date, dt.date] | None = None
    computation: str | None = None
    demo: bool = False
    notes: list[str] = Field(default_factory=list)
    doc_id: str | None = None
    chunk_id: str | None = None


class ChartPoint(BaseModel):
    date: dt.date
    close: float


class ChartOut(BaseModel):
    symbol: str
    name: str
    points: list[ChartPoint]
    demo: bool = False


class ReferenceDetail(ReferenceOut):
    """A reference with what the source panel shows beside it: price charts for data references."""

    owner_id: str = Field(description="The answer or research report the reference belongs to.")
    charts: list[ChartOut] = Field(default_factory=list)


class ToolCallOut(Out):
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    summary: str = ""
    ok: bool = True
    error: str | None = None
    ms: float = 0.0
    references: list[int] = Field(default_factory=list)


class TickerOut(Out):
    symbol: str
    name: str
    last: float
    change_pct: float | None = None
    as_of: dt.date
    sparkline: list[float] = Field(default_factory=list)
    demo: bool = False


class AnswerOut(Out):
    id: str
    conversation_id: str | None = None
    question: str
    language: Lang
    text: str = Field(description="Markdown with [n] citations.")
    html: str = Field(description="The text rendered and sanitized; [n] are links with data-ref.")
    references: list[ReferenceOut] = Field(default_factory=list)
    tool_calls: list[ToolCallOut] = Field(default_factory=list)
    related_tickers: list[TickerOut] = Field(default_factory=list)
    grounded: bool = True
    refused: bool = False
    warnings: list[str] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    mode: Literal["offline", "llm"] = "offline"
    model: str | None = None
    disclaimer: str = ""
    created_at: dt.datetime


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(max_length=20_000, description="The question, in Chinese or English.")
    conversation_id: str | None = Field(None, max_length=64, description="Continue this conversation.")
    doc_id: str | None = Field(None, max_length=200, description="Scope the question to one article.")
    ticker: str | None = Field(None, max_length=20, description="Scope the question to one ticker.")


# -- conversations ------------------------------------------------------------------------------------


class ConversationSummary(Out):
    id: str
    title: str
    doc_id: str | None = None
    ticker: str | None = None
    created_at: dt.datetime
    updated_at: dt.datetime
    n_answers: int = 0


class ConversationOut(Out):
    id: str
    title: str
    doc_id: str | None = None
    ticker: str | None = None
    created_at: dt.datetime
    updated_at: dt.datetime
    answers: list[AnswerOut]


class Deleted(BaseModel):
    id: str
    deleted: bool = True


# -- articles and quotes ------------------------------------------------------------------------------


class ArticleSummary(Out):
    id: str
    title: str
    date: dt.date | None = None
    source: str = ""
    url: str | None = None
    lang: str = "en"
    tickers: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    excerpt: str = ""
    score: float | None = None


class ArticleOut(ArticleSummary):
    html: str = Field(description="The article body, rendered and sanitized.")
    quotes: list[TickerOut] = Field(default_factory=list)
    related: list[ArticleSummary] = Field(default_factory=list, description="Related reading, by similarity.")
    n_chunks: int = 0


class QuoteError(BaseModel):
    symbol: str
    error: str


class QuotesOut(BaseModel):
    quotes: list[TickerOut]
    errors: list[QuoteError] = Field(default_factory=list)


# -- ingest -------------------------------------------------------------------------------------------


class FileResult(BaseModel):
    name: str
    status: Literal["added", "unchanged", "failed"]
    documents_added: int = 0
    chunks_added: int = 0
    message: str = ""


class IngestOut(BaseModel):
    files: list[FileResult]
    ms: float


# -- research -----------------------------------------------------------------------------------------


class ResearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str = Field("", max_length=500, description="What to research; defaults to the article's title.")
    doc_id: str | None = Field(None, max_length=200, description="Research starting from this article.")
    language: Lang | None = Field(None, description="Language of the plan and report; default: the topic's.")


class SectionIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    key: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1, max_length=80)
    questions: list[str] = Field(default_factory=list, max_length=4)


class ResearchRunRequest(BaseModel):
    """An edited plan: the sections to run, in order (omit to run the plan as proposed)."""

    model_config = ConfigDict(extra="forbid")

    sections: list[SectionIn] | None = Field(None, max_length=10)


class SectionOut(Out):
    key: str
    title: str
    questions: list[str] = Field(default_factory=list)
    tools: list[list[str]] = Field(default_factory=list)


class PlanOut(Out):
    id: str
    topic: str
    language: Lang
    doc_id: str | None = None
    tickers: list[str] = Field(default_factory=list)
    sections: list[SectionOut]
    mode: Literal["offline", "llm"] = "offline"
    notes: list[str] = Field(default_factory=list)


class SectionReportOut(Out):
    key: str
    title: str
    text: str
    html: str
    questions: list[str] = Field(default_factory=list)
    references: list[int] = Field(default_factory=list)
    grounded: bool = True
    warnings: list[str] = Field(default_factory=list)
    ms: float = 0.0


class ReportOut(Out):
    id: str
    topic: str
    language: Lang
    sections: list[SectionReportOut]
    references: list[ReferenceOut]
    disclaimer: str
    mode: Literal["offline", "llm"] = "offline"
    created_at: dt.datetime
    ms: float = 0.0


class ResearchOut(BaseModel):
    id: str
    status: Literal["planned", "running", "done", "failed"]
    plan: PlanOut
    report: ReportOut | None = None


class ResearchSummary(Out):
    id: str
    topic: str
    doc_id: str | None = None
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str
    mode: Literal["offline", "llm"]
    model: str | None = None
    embedder: str
    documents: int | None = None
    price_series: int | None = None
    demo_prices: bool = False
    auth: bool = Field(description="Whether API requests need the CITED_API_TOKEN.")
