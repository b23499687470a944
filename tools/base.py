"""What every tool shares: ToolError, provenance, the result base class and the call context."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

if TYPE_CHECKING:  # heavy modules stay out of import time
    from assistant.config import Settings
    from assistant.data.store import PriceStore
    from assistant.index.search import SourceIndex


class ToolError(Exception):
    """Bad arguments or missing data, with a message a person or a model can act on."""


class Provenance(BaseModel):
    series: list[str] = Field(default_factory=list)
    start: date | None = None
    end: date | None = None
    source: str = ""
    demo: bool = False


class ToolResult(BaseModel):
    """Base of every tool result: values live in typed fields of the subclass.

    Percentages are stored in percent units (7.83 means 7.83 %) in fields ending in `_pct`,
    so the numbers a reader sees are the numbers the result holds.
    """

    tool: str
    summary: str = Field(description="One line, English, stating the result with its numbers.")
    computation: str = Field("", description="How it was computed, e.g. '2692.23 / 2496.72 - 1 = 7.83 %'.")
    unit: str = ""
    provenance: Provenance | None = None
    notes: list[str] = Field(default_factory=list, description="Adjustments made, e.g. a weekend moved to Friday.")

    def numbers(self) -> list[float]:
        """Every number the result vouches for: numeric fields, and numbers in its computation."""
        found: list[float] = []

        def walk(value: Any) -> None:
            if isinstance(value, bool):
                return
            if isinstance(value, (int, float)):
                found.append(float(value))
            elif isinstance(value, dict):
                for v in value.values():
                    walk(v)
            elif isinstance(value, (list, tuple)):
                for v in value:
                    walk(v)

        walk(self.model_dump(exclude={"provenance", "summary", "computation", "notes"}))
        from assistant.numbers import numbers_in  # dates in a summary vouch for nothing

        for text in (self.computation, self.summary):
            found.extend(numbers_in(text))
        return found


@dataclass
class ToolContext:
    """What tools may read. Passed explicitly so parallel calls share no mutable state."""

    settings: Settings
    _prices: PriceStore | None = None
    _sources: SourceIndex | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def prices(self) -> PriceStore:
        if self._prices is None:
            from assistant.data.store import PriceStore

            self._prices = PriceStore(self.settings.prices_dir)
        return self._prices

    @property
    def sources(self) -> SourceIndex:
        if self._sources is None:
            from assistant.index.search import SourceIndex

            self._sources = SourceIndex.open(self.settings)
        return self._sources
