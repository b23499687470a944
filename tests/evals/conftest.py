"""Fixtures for the evaluation tests."""

from __future__ import annotations

import pytest

from assistant.evals.dataset import EvalItem


@pytest.fixture
def items() -> dict[str, EvalItem]:
    return {
        "ret": EvalItem(
            id="ret",
            question="How much did the Russell 2000 gain?",
            lang="en",
            answer=7.83,
            answer_type="percent",
            tool="price_return",
            category="return",
        ),
        "pas": EvalItem(
            id="pas",
            question="Unprofitable share?",
            lang="zh",
            answer=40,
            answer_type="percent",
            category="passage",
            expected_sources=["unprofitable-share-en", "rut-record-close-zh"],
        ),
        "txt": EvalItem(
            id="txt",
            question="Which sector led?",
            lang="en",
            answer=["Industrials", "XLI"],
            answer_type="text",
            category="sector",
            tool="sector_moves",
        ),
        "ref": EvalItem(
            id="ref", question="Tesla P/E?", lang="en", answer_type="refuse", category="unanswerable"
        ),
    }
