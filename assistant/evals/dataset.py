"""The evaluation item format (one JSON object a line) and reading/writing question sets."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

AnswerType = Literal["number", "percent", "text", "refuse"]
Fixture = Literal["demo", "market"]
# Tools whose answers are computed from data or stated numbers; the CI gate's numeric accuracy counts these.
COMPUTING_TOOLS = frozenset(
    {
        "price_return",
        "volatility",
        "max_drawdown",
        "relative_performance",
        "record_high",
        "sector_moves",
        "correlation_beta",
        "quote",
        "premium",
        "earnings_yield",
        "peg",
        "implied_growth",
        "gordon_fair_value",
        "dcf_value",
        "cagr",
        "compound",
        "calculate",
    }
)


class ContextDoc(BaseModel):
    """A passage or table to ingest for an item (TAT-QA, ConvFinQA, FinEval, the cross-lingual set)."""

    id: str = Field(description="Unique chunk id; retrieval gold (`expected_chunks`) refers to it.")
    doc_id: str = Field(description="The document the chunk belongs to (document-level retrieval).")
    title: str = ""
    text: str
    kind: Literal["paragraph", "table", "passage"] = "passage"
    lang: Literal["zh", "en"] = "en"


class EvalScope(BaseModel):
    doc_id: str | None = None
    ticker: str | None = None


class EvalItem(BaseModel):
    """One question with its expected answer and how to judge it."""

    id: str
    question: str
    lang: Literal["zh", "en"]
    answer: float | str | list[float] | list[str] | None = Field(
        None,
        description="number/percent: a value, or a list that must all appear; text: a string or "
        "alternatives (any one counts); refuse: null.",
    )
    answer_type: AnswerType
    tolerance: float | None = Field(
        None,
        description="Absolute tolerance in the answer's unit (percent points "
        "for percent items); default by answer type.",
    )
    scale: Literal["thousand", "million", "billion", "percent"] | None = Field(
        None, description="Unit the expected number is stated in (TAT-QA); an answer in either form counts."
    )
    expected_sources: list[str] = Field(
        default_factory=list, description="Acceptable document ids or titles."
    )
    expected_chunks: list[str] = Field(default_factory=list, description="Gold chunk ids for retrieval.")
    category: str = "general"
    tool: str | None = Field(None, description="The tool that computes the answer, when one does.")
    context: list[ContextDoc] = Field(default_factory=list)
    history: list[str] = Field(default_factory=list, description="Earlier questions (follow-ups).")
    scope: EvalScope | None = None
    fixture: Fixture | None = Field(
        None, description="Data the item needs: demo prices and notes, or real prices."
    )
    split: Literal["tune", "heldout"] | None = None
    meta: dict[str, Any] = Field(default_factory=dict, description="Provenance: how the answer was derived.")

    @model_validator(mode="after")
    def _consistent(self) -> EvalItem:
        if self.answer_type == "refuse":
            if self.answer not in (None, "", []):
                raise ValueError("a refuse item has no answer (null)")
        elif self.answer is None or self.answer == []:
            raise ValueError(f"a {self.answer_type} item needs an answer")
        elif self.answer_type in ("number", "percent"):
            values = self.answer if isinstance(self.answer, list) else [self.answer]
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                raise ValueError(f"a {self.answer_type} item's answer must be a number or a list of numbers")
        return self

    @property
    def answerable(self) -> bool:
        return self.answer_type != "refuse"

    @property
    def tool_answerable(self) -> bool:
        """Numeric items a tool computes: the CI gate holds these to the numeric-accuracy threshold."""
        return self.answer_type in ("number", "percent") and self.tool in COMPUTING_TOOLS

    def numbers(self) -> list[float]:
        if self.answer_type not in ("number", "percent"):
            return []
        return [float(v) for v in (self.answer if isinstance(self.answer, list) else [self.answer])]

    def texts(self) -> list[str]:
        if isinstance(self.answer, list):
            return [str(a) for a in self.answer]
        return [] if self.answer is None else [str(self.answer)]


class DatasetError(ValueError):
    """A question set that cannot be read; the message names the file and line."""


def load_items(path: Path | str) -> list[EvalItem]:
    """Read a JSONL question set; blank lines and lines starting with // are skipped."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"no such question set: {path}")
    items: list[EvalItem] = []
    seen: set[str] = set()
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            item = EvalItem.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path}:{no}: not JSON ({exc.msg})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "item"
            raise DatasetError(f"{path}:{no}: {where}: {first['msg']}") from None
        if item.id in seen:
            raise DatasetError(f"{path}:{no}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise DatasetError(f"{path} holds no items")
    return items


def dump_item(item: EvalItem) -> str:
    """One compact JSON line, defaults left out so hand-edited files stay short."""
    data = item.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("answer", None)
    return json.dumps(data, ensure_ascii=False)


def write_items(items: Iterable[EvalItem], path: Path | str) -> int:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [dump_item(i) for i in items]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)
