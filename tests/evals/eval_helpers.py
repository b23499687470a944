"""Answers and references built in memory for the evaluation tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from assistant.models import Answer, Reference, ToolCall


def make_answer(text: str, refs: list[Reference] | None = None, **kw: Any) -> Answer:
    return Answer(
        question="q",
        language=kw.pop("language", "en"),
        text=text,
        references=refs or [],
        tool_calls=[ToolCall(name=n) for n in kw.pop("tools", [])],
        **kw,
    )


def data_ref(n: int, numbers: list[float]) -> Reference:
    return Reference(
        n=n,
        kind="data",
        title="price_return",
        tool="price_return",
        numbers=numbers,
        snippet="2692.23 / 2496.72 - 1 = 7.83 %",
    )


def passage_ref(n: int, doc_id: str, text: str = "") -> Reference:
    return Reference(n=n, kind="passage", title=doc_id.replace("-", " "), doc_id=doc_id, snippet=text)


def shared_data(sub: str = "") -> Path:
    """A folder of ../shared/data: the test is skipped when it is absent, and fails under CI=true."""
    path = Path(__file__).resolve().parents[3] / "shared" / "data" / sub
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data missing at {path} (required when CI=true)")
        pytest.skip(f"shared data not found at {path}")
    return path
