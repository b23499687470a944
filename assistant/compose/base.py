"""The Composer seam."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from assistant.ledger import EvidenceLedger
from assistant.models import Question, ToolCall
from assistant.plan.base import Plan


class Composer(Protocol):
    def compose(self, question: Question, plan: Plan, ledger: EvidenceLedger,
                calls: list[ToolCall]) -> Iterator[str]:
        """Yield the answer text in pieces, citing ledger numbers as [n]."""
        ...
