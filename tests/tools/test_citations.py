"""The citation tools: search_sources and get_passage over a small hash-embedded index."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index import store
from assistant.index.ingest import ingest_paths
from assistant.index.search import SourceIndex
from tools.base import ToolContext, ToolError
from tools.citations import (
    TOOLS,
    GetPassageArgs,
    SearchSourcesArgs,
    get_passage,
    passage_numbers,
    search_sources,
)
from tools.registry import _make

NOTES = Path(__file__).resolve().parents[1] / "index" / "fixtures" / "notes"


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    SourceIndex.forget()
    settings = Settings(data_dir=tmp_path_factory.mktemp("cite"), embedder="hash")
    ingest_paths([NOTES], settings, progress=False)
    yield ToolContext(settings)
    SourceIndex.forget()
    store._clients.clear()


def test_search_sources_returns_passages(ctx: ToolContext) -> None:
    result = search_sources(SearchSourcesArgs(query="Russell 2000 record close", k=3), ctx)
    assert result.tool == "search_sources" and 1 <= len(result.passages) <= 3
    hits = [p for p in result.passages if p.doc_id == "en-rut-record"]
    assert hits and all(p.chunk_id for p in hits) and any("2692.23" in p.text for p in hits)
    assert "Russell 2000 finally sets a new closing high" in result.summary


def test_numbers_come_from_passage_texts_not_scores(ctx: ToolContext) -> None:
    result = search_sources(SearchSourcesArgs(query="record close 2692.23", k=2), ctx)
    numbers = result.numbers()
    assert 2692.23 in numbers and 2026 in numbers
    assert not any(p.score in numbers for p in result.passages)
    assert passage_numbers(["P/E of 31 vs 18, 2,692.23 points, down -1.5% on 2026-01-16"]) == [
        31,
        18,
        2692.23,
        -1.5,
        2026,
        1,
        16,
    ]


def test_filters_pass_through(ctx: ToolContext) -> None:
    result = search_sources(SearchSourcesArgs(query="small caps 小盘股", k=10, lang="zh"), ctx)
    assert result.passages and {p.lang for p in result.passages} == {"zh"}
    result = search_sources(SearchSourcesArgs(query="valuation", k=10, ticker="SPX"), ctx)
    assert {p.doc_id for p in result.passages} == {"en-valuation-gap"}
    result = search_sources(SearchSourcesArgs(query="coffee", doc_id="zh-tomatoes"), ctx)
    assert {p.doc_id for p in result.passages} <= {"zh-tomatoes"}


def test_no_match_is_an_empty_result_not_an_error(ctx: ToolContext) -> None:
    result = search_sources(SearchSourcesArgs(query="coffee", date_from="2030-01-01"), ctx)
    assert result.passages == [] and "No passage" in result.summary and result.numbers() == []


def test_get_passage_round_trip_and_unknown_id(ctx: ToolContext) -> None:
    hit = search_sources(SearchSourcesArgs(query="floating rate 浮动利率", k=1), ctx).passages[0]
    result = get_passage(GetPassageArgs(chunk_id=hit.chunk_id), ctx)
    assert result.passage.text == hit.text and result.passage.doc_id == "zh-floating-debt"
    assert 40 in result.numbers()
    with pytest.raises(ToolError, match="unknown chunk_id"):
        get_passage(GetPassageArgs(chunk_id="c0000000000000000"), ctx)


def test_bad_arguments_become_tool_errors(ctx: ToolContext) -> None:
    tool = _make(search_sources, "citations")
    with pytest.raises(ToolError, match="k"):
        tool.run({"query": "x", "k": 50}, ctx)
    with pytest.raises(ToolError, match="query"):
        tool.run({"query": ""}, ctx)
    with pytest.raises(ToolError, match="date_from"):
        tool.run({"query": "x", "date_from": "2026-02-01", "date_to": "2026-01-01"}, ctx)
    assert tool.run({"query": "coffee", "k": "2"}, ctx).passages  # type: ignore[attr-defined]


def test_schemas_for_the_model() -> None:
    tools = {f.__name__: _make(f, "citations") for f in TOOLS}
    assert set(tools) == {"search_sources", "get_passage"}
    params = tools["search_sources"].openai_schema()["function"]["parameters"]
    assert params["required"] == ["query"]
    assert params["properties"]["k"]["maximum"] == 20 and params["properties"]["k"]["minimum"] == 1
    assert {"ticker", "lang", "doc_id", "date_from", "date_to"} <= set(params["properties"])
    assert "chunk_id" in tools["get_passage"].openai_schema()["function"]["parameters"]["required"]
    assert all(t.description for t in tools.values())
