"""Asking with the answer shown as it streams in a terminal, then replaced by the verified answer."""

from __future__ import annotations

from rich.console import Console
from rich.live import Live
from rich.text import Text

from assistant.engine import Engine, QuestionError
from assistant.models import Answer, Scope


def ask_live(
    engine: Engine,
    question: str,
    *,
    scope: Scope | None = None,
    history: list[str] | None = None,
    console: Console | None = None,
) -> Answer:
    """Like Engine.ask, but shows tool calls and streamed tokens live; the display is cleared at the end,
    since the verified answer (citations renumbered, problems removed) replaces the streamed draft."""
    console = console or Console()
    text = ""
    answer: Answer | None = None
    with Live(Text(""), console=console, transient=True, refresh_per_second=15) as live:
        for event in engine.stream(question, scope=scope, history=history):
            if event.type == "tool_call":
                live.update(Text(f"… {event.data.get('name')}", style="dim"))
            elif event.type == "token":
                text = "" if event.data.get("restart") else text + event.data.get("text", "")
                live.update(Text(text))
            elif event.type == "answer":
                answer = Answer.model_validate(event.data)
            elif event.type == "error":
                raise QuestionError(event.data["message"])
    assert answer is not None, "the engine's stream always ends with an answer or an error"
    return answer
