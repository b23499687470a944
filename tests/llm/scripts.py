"""Pieces the LLM tests script the model with."""

from __future__ import annotations

from typing import Any


def call(name: str, arguments: dict[str, Any] | str, id: str | None = None) -> dict[str, Any]:
    return {"name": name, "arguments": arguments, "id": id}


RUT_WINDOW = {"ticker": "^RUT", "start": "2025-12-01", "end": "2026-01-16"}
SPX_WINDOW = {"ticker": "^GSPC", "start": "2025-12-01", "end": "2026-01-16"}
GOOD_ANSWER = (
    "The Russell 2000 rose 7.83% from 2025-12-01 to 2026-01-16, closing at 2,692.23 [1] (demo data)."
)
QUESTION = "How much did the Russell 2000 rise from 2025-12-01 to 2026-01-16?"


def tool_messages(request: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in request["messages"] if m.get("role") == "tool"]


def run(engine, question: str = QUESTION, **kwargs: Any):
    """The final Answer and every event of a streamed answer."""
    from assistant.models import Answer

    events = list(engine.stream(question, **kwargs))
    assert events[-1].type == "answer", events[-1]
    return Answer.model_validate(events[-1].data), events


def streamed_text(events) -> str:
    """What a client shows from token events alone, honouring restarts."""
    text = ""
    for e in events:
        if e.type == "token":
            text = "" if e.data.get("restart") else text + e.data["text"]
    return text


def restarts(events) -> int:
    return sum(1 for e in events if e.type == "token" and e.data.get("restart"))
