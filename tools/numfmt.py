"""Shared pieces of the valuation tools: strict argument models and how numbers are written."""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict

from tools.base import ToolError


class StrictArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


def num(x: float) -> str:
    """An input as the reader would write it: 31, 2496.72, -1.16 (no exponent notation)."""
    text = f"{x:.10g}"
    if "e" in text:
        text = f"{x:.12f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fix(x: float, places: int = 2) -> str:
    text = f"{x:.{places}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def pct(x: float) -> str:
    return f"{fix(x)} %"


def keep(x: float) -> float:
    """Drop float noise (72.22222222222223 -> 72.2222222222) while keeping full useful precision."""
    return float(f"{x:.12g}")


def finite(x: float, what: str) -> float:
    if not math.isfinite(x):
        raise ToolError(f"{what} is too large to represent; check the inputs")
    return x
