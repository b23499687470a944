"""The model drafts a deep-research outline; a malformed one is sent back once, then it fails clearly."""

from __future__ import annotations

import json

import pytest

from assistant.llm.client import LLMError, OpenAIChatModel

OUTLINE = {
    "sections": [
        {
            "key": "Returns",
            "title": "How far small caps ran",
            "questions": ["How much did the Russell 2000 rise from 2025-12-01 to 2026-01-16?"],
        },
        {"key": "risks", "title": "Risks", "questions": ["What risks do the notes see for small caps?", " "]},
    ]
}


@pytest.fixture
def model(server):
    return OpenAIChatModel(model="scripted-model", base_url=server.base_url, max_retries=0)


def test_an_outline_becomes_sections_of_questions(server, model):
    from assistant.llm.research import draft_sections

    server.script("```json\n" + json.dumps(OUTLINE) + "\n```")
    sections, usage = draft_sections(model, "Small caps in 2026", "en")
    assert [s["key"] for s in sections] == ["returns", "risks"]
    assert sections[1]["questions"] == ["What risks do the notes see for small caps?"]
    assert usage["requests"] == 1
    assert "Topic: Small caps in 2026" in server.requests[0]["messages"][-1]["content"]


def test_a_malformed_outline_is_sent_back_once(server, model):
    from assistant.llm.research import draft_sections

    server.script("Here is an outline: sections are returns and risks", json.dumps(OUTLINE))
    sections, _ = draft_sections(model, "小盘股2026年展望", "zh")
    assert len(sections) == 2
    retry = server.requests[1]["messages"][-1]["content"]
    assert retry.startswith("这个回复无法使用")


def test_two_malformed_outlines_raise(server, model):
    from assistant.llm.research import draft_sections

    server.script("no", json.dumps({"sections": []}))
    with pytest.raises(LLMError, match="not usable"):
        draft_sections(model, "Small caps", "en")
