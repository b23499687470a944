"""Dates and windows in Chinese and English questions: 2025-12-01, 1月16日, 过去11个交易日, last month, YTD."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12, "半": 0.5}

_DATE_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"), "ymd"),
    (re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"), "md"),
    (re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})", re.I), "mdy"),
    (re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s*(\d{4})", re.I), "dmy"),
    (re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{4})", re.I), "md_en"),
]


@dataclass(frozen=True)
class FoundDate:
    position: int
    value: date
    year_given: bool


def find_dates(text: str, anchor: date) -> list[FoundDate]:
    """Dates in order of appearance. A date without a year takes the latest year not after the anchor."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, form in _DATE_FORMS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            try:
                value, year_given = _to_date(m.groups(), form, anchor)
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            found.append(FoundDate(m.start(), value, year_given))
    return sorted(found, key=lambda f: f.position)


def _to_date(groups: tuple[str, ...], form: str, anchor: date) -> tuple[date, bool]:
    if form == "ymd":
        return date(int(groups[0]), int(groups[1]), int(groups[2])), True
    if form == "mdy":
        return date(int(groups[2]), _MONTHS[groups[0][:3].lower()], int(groups[1])), True
    if form == "dmy":
        return date(int(groups[2]), _MONTHS[groups[1][:3].lower()], int(groups[0])), True
    month, day = (int(groups[0]), int(groups[1])) if form == "md" else (_MONTHS[groups[0][:3].lower()], int(groups[1]))
    candidate = date(anchor.year, month, day)
    if candidate > anchor:
        candidate = date(anchor.year - 1, month, day)
    return candidate, False


@dataclass(frozen=True)
class Window:
    """A look-back: n trading days, or a calendar span ending at the anchor, or year-to-date."""

    kind: str  # trading_days | days | weeks | months | years | ytd
    n: float
    text: str

    def start(self, anchor: date) -> date | None:
        import pandas as pd

        if self.kind == "ytd":
            return date(anchor.year, 1, 1)
        if self.kind == "days":
            return (pd.Timestamp(anchor) - pd.Timedelta(days=self.n)).date()
        if self.kind == "weeks":
            return (pd.Timestamp(anchor) - pd.Timedelta(weeks=self.n)).date()
        if self.kind == "months":
            return (pd.Timestamp(anchor) - pd.DateOffset(months=int(self.n)) if self.n >= 1
                    else pd.Timestamp(anchor) - pd.Timedelta(days=15)).date()
        if self.kind == "years":
            return (pd.Timestamp(anchor) - pd.DateOffset(years=int(self.n))).date()
        return None


def _num(token: str) -> float:
    if token.isdigit():
        return float(token)
    return float(_CN_DIGITS.get(token, 1))


_CN_NUM = r"(\d+|十[一二]|[一二两三四五六七八九十半])?"
_WINDOW_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:过去|最近|近|前|last|past|previous|over the last|over the past)\s*" + _CN_NUM
                + r"\s*(?:个)?\s*(?:交易日|trading days?|sessions?)", re.I), "trading_days"),
    (re.compile(r"(\d+)\s*(?:个)?\s*(?:交易日|trading days?|sessions?)", re.I), "trading_days"),
    (re.compile(r"(?:年初至今|今年以来|年内|ytd|year[- ]to[- ]date|this year)", re.I), "ytd"),
    (re.compile(r"(?:过去|最近|近|last|past|previous)\s*" + _CN_NUM + r"\s*(?:个)?\s*(?:月|months?)", re.I), "months"),
    (re.compile(r"(?:上个月|上月|last month|past month|this month|本月)", re.I), "months"),
    (re.compile(r"(?:过去|最近|近|last|past|previous)\s*" + _CN_NUM + r"\s*(?:周|星期|weeks?)", re.I), "weeks"),
    (re.compile(r"(?:上周|本周|这周|last week|past week|this week)", re.I), "weeks"),
    (re.compile(r"(?:过去|最近|近|last|past|previous)\s*" + _CN_NUM + r"\s*(?:年|years?)", re.I), "years"),
    (re.compile(r"(?:去年以来|过去一年|last year|past year|past 12 months|过去12个月)", re.I), "years"),
    (re.compile(r"(?:that day|that session|on the day|当天|当日|那天|同日)", re.I), "trading_days"),
    (re.compile(r"(?:过去|最近|近|last|past)\s*(\d+)\s*(?:天|日|days?)", re.I), "days"),
]


_YEAR = re.compile(r"(?:\bin\s+|\bduring\s+|\bsince\s+|\bfor\s+)((?:19|20)\d{2})\b(?![-/])|(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)", re.I)


def find_year(text: str) -> int | None:
    """A whole calendar year the question is about: "in 2019", "2019年的涨幅", "2025年以来"."""
    m = _YEAR.search(text)
    return int(m.group(1) or m.group(2)) if m else None


def find_window(text: str) -> Window | None:
    for pattern, kind in _WINDOW_FORMS:
        m = pattern.search(text)
        if m:
            n = _num(m.group(1)) if m.groups() and m.group(1) else 1.0
            return Window(kind, n, m.group(0))
    return None
