"""Citation tools: search the research notes and fetch a passage by id."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, Field

from assistant.models import Passage, SearchFilters
from tools.base import ToolContext, ToolError, ToolResult

# numbers as a reader sees them (2,692.23 / 7.83 / -1.5); a hyphen is a minus sign only where it cannot
# be a date or range separator, so 2026-01-16 gives 2026, 1, 16
_NUMBER = re.compile(r"(?:(?<![\w-])-)?(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?")


def passage_numbers(texts: list[str]) -> list[float]:
    """Every number written in the passages, so the verifier can trace a quoted figure to its source."""
    found: list[float] = []
    for text in texts:
        for m in _NUMBER.finditer(text):
            try:
                found.append(float(m.group().replace(",", "")))
            except ValueError:
                continue
    return found


class SearchSourcesArgs(BaseModel):
    query: str = Field(min_length=1, max_length=1000, description="What to look for, in Chinese or English.")
    k: int = Field(5, ge=1, le=20, description="How many passages to return.")
    ticker: str | None = Field(None, description="Only notes tagged with this ticker, e.g. RUT or SPX.")
    lang: str | None = Field(None, description="Only notes in this language: 'zh' or 'en'.")
    doc_id: str | None = Field(None, description="Only passages of this document.")
    date_from: date | None = Field(None, description="Only notes dated on or after this day (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="Only notes dated on or before this day (YYYY-MM-DD).")


class SearchSourcesResult(ToolResult):
    query: str
    passages: list[Passage] = Field(default_factory=list)

    def numbers(self) -> list[float]:
        """Numbers in the passage texts (not the retrieval scores)."""
        return passage_numbers([p.text for p in self.passages])


class GetPassageArgs(BaseModel):
    chunk_id: str = Field(min_length=1, description="A chunk_id returned by search_sources.")


class GetPassageResult(ToolResult):
    passage: Passage

    def numbers(self) -> list[float]:
        """Numbers in the passage text (not its score)."""
        return passage_numbers([self.passage.text])


def search_sources(args: SearchSourcesArgs, ctx: ToolContext) -> SearchSourcesResult:
    """Search the research notes (Chinese and English) for passages about the question.

    Hybrid keyword + semantic search; a question in one language also finds notes in the other.
    Returns up to k passages, best first, each with its chunk_id, title, date, source and exact text.
    Quote only what a passage says and cite it; an empty list means the notes do not cover the topic.
    Optional filters: ticker, lang ('zh'/'en'), doc_id, date_from, date_to (YYYY-MM-DD).
    """
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ToolError(f"date_from {args.date_from} is after date_to {args.date_to}; swap them or drop one")
    filters = SearchFilters(
        ticker=args.ticker, doc_id=args.doc_id, lang=args.lang, date_from=args.date_from, date_to=args.date_to
    )
    passages = ctx.sources.search(args.query, k=args.k, filters=filters)
    if passages:
        titles = "; ".join(dict.fromkeys(p.title for p in passages))
        summary = f"Found {len(passages)} passages for {args.query!r} in: {titles}."
    else:
        summary = f"No passage in the research notes matches {args.query!r}."
    return SearchSourcesResult(tool="search_sources", summary=summary, query=args.query, passages=passages)


def get_passage(args: GetPassageArgs, ctx: ToolContext) -> GetPassageResult:
    """Fetch one passage by its chunk_id (from search_sources): its exact text, title, date and source."""
    passage = ctx.sources.get(args.chunk_id)
    if passage is None:
        raise ToolError(f"unknown chunk_id {args.chunk_id!r}; use a chunk_id returned by search_sources")
    return GetPassageResult(
        tool="get_passage", summary=f"Passage {passage.chunk_id} of {passage.title!r}.", passage=passage
    )


TOOLS = [search_sources, get_passage]
