"""Finding the numbers a reader sees in text, and deciding whether two of them are the same figure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.data.symbols import ALIASES

# Dates and bare years are not claims to trace: they name when, not how much.
_DATE_PATTERNS = [
    r"\d{4}-\d{1,2}-\d{1,2}",
    r"\d{4}/\d{1,2}/\d{1,2}",
    r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?",
    r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]",
    r"\d{4}\s*年",
    r"\d{1,2}\s*月份?",
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?",
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:,?\s*\d{4})?",
    r"(?:q[1-4]|[1-4]q)\s*\d{2,4}",
    r"(?<![\d.,])(?:19|20)\d{2}(?![.,]?\d)(?!\s*(?:%|％|个百分点|点|x\b|倍|bp))",
]
_DATES = re.compile("|".join(f"(?:{p})" for p in _DATE_PATTERNS), re.IGNORECASE)
_CITATION = re.compile(r"\[[\d\s,，、]+\]|【[\d\s,，、]+】")
# Names that contain digits (Russell 2000, 标普500, S&P 600) are names, not figures.
_NAMES = re.compile(
    "|".join(re.escape(alias) for alias, _ in ALIASES if any(c.isdigit() for c in alias))
    + r"|e5|[a-z]+-\d+\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?:(?P<cur>[$¥€])\s?)?(?P<sign>[-−–+])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s?(?P<unit>%|％|个百分点|百分点|percentage points?|pp\b|bp\b|bps\b|x\b|倍|亿|万|点|times\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A number as shown: its value, how many decimals it was shown with, its unit and where it sits."""

    text: str
    value: float
    decimals: int
    unit: str
    start: int
    end: int


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def without_dates(text: str) -> str:
    """The text with dates and years blanked out (same length, so positions still line up)."""
    return _blank(text, _DATES)


def without_names(text: str) -> str:
    """The text with names that contain digits (Russell 2000, 标普500) blanked out."""
    return _blank(text, _NAMES)


def find_figures(text: str) -> list[Figure]:
    """Numbers in text that make a claim: dates, years, citation markers and names are skipped."""
    masked = _blank(_blank(_blank(text, _CITATION), _DATES), _NAMES)
    figures = []
    for m in _NUMBER.finditer(masked):
        raw = m.group("num")
        before = masked[m.start() - 1] if m.start() > 0 else " "
        if before.isalpha() and before.isascii():  # part of a token like "Q3" or "XLK2"
            continue
        value = float(raw.replace(",", ""))
        if m.group("sign") in ("-", "−", "–"):
            value = -value
        unit = (m.group("unit") or "").lower()
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        figures.append(Figure(m.group(0).strip(), value, decimals, unit, m.start(), m.end()))
    return figures


def numbers_in(text: str) -> list[float]:
    """Every figure's value, plus the values its scale words imply (1.2万 → 12000)."""
    values = []
    for f in find_figures(text):
        values.append(f.value)
        if f.unit == "万":
            values.append(f.value * 1e4)
        elif f.unit == "亿":
            values.append(f.value * 1e8)
    return values


def matches(figure: Figure, candidates: list[float]) -> bool:
    """True when some candidate, rounded to the figure's shown precision, is the figure.

    Signs are compared loosely ("fell 0.51 %" cites −0.51) and a percent may be backed by a fraction.
    """
    shown = abs(figure.value)
    tolerance = 0.5 * 10 ** (-figure.decimals) + 1e-9
    is_percent = figure.unit in ("%", "％", "个百分点", "百分点", "percentage point", "percentage points", "pp")
    for c in candidates:
        for v in (abs(c), abs(c) * 100) if is_percent else (abs(c),):
            if abs(v - shown) <= tolerance:
                return True
    return False
