"""The Planner seam and the plan it produces."""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, Field

from assistant.ledger import EvidenceLedger
from assistant.models import Language, Question, ToolCall
from tools.base import ToolContext


class PlannedCall(BaseModel):
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    purpose: str = ""
    # set by the engine once the call has run, so a planner can report results back (LLMPlanner)
    outcome: ToolCall | None = Field(None, exclude=True)


class Plan(BaseModel):
    language: Language
    intents: list[str] = Field(default_factory=list)
    topic: str = Field("", description="What passages must be about: the question, plus the last one for a follow-up.")
    tickers: list[str] = Field(default_factory=list, description="Resolved symbols the question is about.")
    calls: list[PlannedCall] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Assumptions the planner made, shown to the user.")
    errors: list[str] = Field(default_factory=list, description="Problems with the question the user can fix.")
    # filled by whichever stages ran, copied into the Answer
    warnings: list[str] = Field(default_factory=list, description="What went wrong on the way (LLM faults...).")
    mode: str = "offline"
    model: str | None = None
    usage: dict[str, int] = Field(default_factory=dict, description="Token usage summed over model calls.")


class Planner(Protocol):
    def plan(self, question: Question, ctx: ToolContext) -> Plan:
        """First round of tool calls for the question."""
        ...

    def follow_up(self, question: Question, plan: Plan, ledger: EvidenceLedger) -> list[PlannedCall]:
        """Calls that need evidence gathered so far (e.g. a P/E premium from two cited P/Es)."""
        ...
