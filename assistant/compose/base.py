"""The Composer seam."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from assistant.ledger import EvidenceLedger
from assistant.models import Question, ToolCall
from assistant.plan.base import Plan


class Restart(str):
    """Yielded by a composer to take back the text it yielded so far (a broken stream, a repaired draft).

    The engine drops the parts before it and emits a `token` event with `restart: true`, so a client
    clears the streamed text; what follows replaces it.
    """


RESTART = Restart("")


class Composer(Protocol):
    def compose(self, question: Question, plan: Plan, ledger: EvidenceLedger,
                calls: list[ToolCall]) -> Iterator[str]:
        """Yield the answer text in pieces, citing ledger numbers as [n]."""
        ...
