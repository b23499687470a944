"""Numbers in answer text, as a reader would take them: 7.8 %, 0.078, 7.8个百分点, 1.2 billion, 3.5万.

Written for the evaluation on its own (not shared with the verifier), so a bug in one does not hide
the same bug in the other. Dates, years, citation markers and numbers inside names (Russell 2000,
标普500) are not figures.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# unit words after a number: (pattern, kind, multiplier)
_UNITS: list[tuple[str, str, float]] = [
    (r"\s?个百分点", "pp", 1.0),
    (r"\s?百分点", "pp", 1.0),
    (r"\s?percentage points?", "pp", 1.0),
    (r"\s?pp\b", "pp", 1.0),
    (r"\s?%", "percent", 1.0),
    (r"\s?per\s?cent\b", "percent", 1.0),
    (r"\s?(?:bps?|basis points?)\b", "bp", 1.0),
    (r"\s?个?基点", "bp", 1.0),
    (r"\s?万亿", "plain", 1e12),
    (r"\s?亿", "plain", 1e8),
    (r"\s?万", "plain", 1e4),
    (r"\s?千", "plain", 1e3),
    (r"\s?trillion\b", "plain", 1e12),
    (r"\s?(?:billion|bn)\b", "plain", 1e9),
    (r"\s?(?:million|mn|mln)\b", "plain", 1e6),
    (r"\s?(?:thousand)\b", "plain", 1e3),
    (r"(?:k|K)\b", "plain", 1e3),
    (r"(?:m|M)\b", "plain", 1e6),
    (r"(?:b|B)\b", "plain", 1e9),
    (r"\s?(?:x|×)(?![a-z])", "multiple", 1.0),
    (r"\s?倍", "multiple", 1.0),
]
_UNIT_RE = [(re.compile(p, re.I), k, m) for p, k, m in _UNITS]

_NUMBER = re.compile(r"(?<![A-Za-z0-9_.%])([+\-−–]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MASKS = [
    re.compile(r"[\[【]\s*\d+(?:\s*[,，、]\s*\d+)*\s*[\]】]"),  # citation markers [1], [1,2], 【3】
    re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?"),  # 2026-01-16, 2026年1月16日
    re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月"),  # 2025年12月
    re.compile(r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号]"),  # 1月16日
    re.compile(_MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?", re.I),  # January 16, 2026
    re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s*\d{4}", re.I),  # 16 January 2026
    re.compile(_MONTH + r",?\s+\d{4}", re.I),  # December 2025
    re.compile(
        r"(?:russell|罗素)\s*[12]000|(?:s&p|标普)\s*(?:smallcap\s*|small-cap\s*|小盘\s*)?[156]00|"
        r"nasdaq[- ]?100|纳斯达克\s*100|smallcap\s*600|small-cap\s*600|ftse\s*100|nikkei\s*225|"
        r"日经\s*225|沪深\s*300|中证\s*[15]000|stoxx\s*50|dax\s*40|cac\s*40|msci",
        re.I,
    ),
    re.compile(r"\b[A-Z]{1,5}\d+[A-Z]*\b|\b\d+[A-Z]{2,}\b"),  # codes such as Q1, H2, 10Y, 1H25
]
_YEAR = re.compile(
    r"(?<![\d.,$])(?:1[89]|20)\d{2}(?![\d.,]*\d)"
    r"(?!\s*(?:%|个百分点|倍|x\b|bp|万|亿|thousand|million|billion|元|美元|dollars))(\s*年)?",
    re.I,
)
_CLAUSE_END = re.compile(r"[;。；，!?\n]|[,.](?!\d)")  # after NFKC a Chinese comma is ","; 1,234.5 is no end

_NEG_BEFORE = (
    "fell",
    "fall",
    "falls",
    "falling",
    "down",
    "lost",
    "lose",
    "loss",
    "drop",
    "dropped",
    "declined",
    "decline",
    "decrease",
    "decreased",
    "lower",
    "lagged",
    "trailed",
    "underperformed",
    "discount",
    "drawdown",
    "draw-down",
    "negative",
    "minus",
    "shrank",
    "slid",
    "sank",
    "behind by",
    "下跌",
    "跌幅",
    "跌了",
    "跌",
    "回撤",
    "下降",
    "跑输",
    "落后",
    "低于",
    "折价",
    "减少",
    "亏损",
    "距高点",
    "收跌",
    "下滑",
)
_POS_BEFORE = (
    "return",
    "returned",
    "returns",
    "rose",
    "rise",
    "rises",
    "rising",
    "up",
    "gained",
    "gain",
    "gains",
    "higher",
    "increase",
    "increased",
    "ahead by",
    "beat",
    "outperformed",
    "premium",
    "grew",
    "climbed",
    "added",
    "positive",
    "上涨",
    "涨幅",
    "涨了",
    "涨",
    "上升",
    "跑赢",
    "领先",
    "高于",
    "溢价",
    "增长",
    "收涨",
    "增加",
)
_NEG_AFTER = ("below", "lower", "behind", "under", "down", "discount", "下方", "以下", "跑输", "折价")
_POS_AFTER = ("above", "higher", "ahead", "up", "premium", "跑赢", "溢价")


@dataclass(frozen=True)
class Figure:
    """One number as written: its value in the stated unit, the scaled value, unit kind and precision."""

    raw: float  # the digits as written, sign applied (7.8 for "7.8 %", 1.2 for "1.2 billion")
    value: float  # raw times the scale word (1.2e9 for "1.2 billion")
    kind: str  # plain | percent | pp | bp | multiple
    decimals: int
    signed: bool  # an explicit + or - was written
    negative_cue: bool  # unsigned, but the words around it say "down", "below", "跑输"...
    start: int
    end: int


def normalise(text: str) -> str:
    """NFKC (full-width digits and ％ to ASCII) and a plain minus sign."""
    return unicodedata.normalize("NFKC", text).replace("−", "-").replace("–", "-")


def _masked(text: str) -> str:
    for pattern in _MASKS:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return _YEAR.sub(lambda m: " " * len(m.group(0)), text)


def _cue(text: str, start: int, end: int) -> bool | None:
    """True when the direction words around a number say negative, False when positive, None if none.

    A word right after the number ("3.1 % below", "2 points behind") wins over the nearest one before
    it in the same clause ("fell 3.1 %", "跑输2个百分点").
    """
    after = text[end : end + 16].lower().lstrip()
    for words, negative in ((_NEG_AFTER, True), (_POS_AFTER, False)):
        for w in words:
            if after.startswith(w) and (not w.isascii() or not after[len(w) : len(w) + 1].isalpha()):
                return negative
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    clause_start = ends[-1] if ends else 0
    before = text[max(clause_start, start - 40) : start].lower()
    best: tuple[int, bool] | None = None
    for words, negative in ((_NEG_BEFORE, True), (_POS_BEFORE, False)):
        for w in words:
            pos = _find_word(before, w)
            if pos >= 0 and (best is None or pos + len(w) > best[0]):
                best = (pos + len(w), negative)
    return None if best is None else best[1]


def _find_word(text: str, word: str) -> int:
    """Last position of word in text (whole word for ASCII words), or -1."""
    if not word.isascii():
        return text.rfind(word)
    last = -1
    for m in re.finditer(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text):
        last = m.start()
    return last


def find_numbers(text: str) -> list[Figure]:
    """Every figure in the text, in order, with dates, years, names and citation markers skipped."""
    text = normalise(text)
    masked = _masked(text)
    out: list[Figure] = []
    for m in _NUMBER.finditer(masked):
        sign, whole, frac = m.group(1), m.group(2), m.group(3) or ""
        raw = float(whole.replace(",", "") + frac)
        if sign in ("-", "−", "–"):
            raw = -raw
        kind, mult, end = "plain", 1.0, m.end()
        rest = masked[m.end() : m.end() + 24]
        for pattern, k, mul in _UNIT_RE:
            u = pattern.match(rest)
            if u:
                kind, mult, end = k, mul, m.end() + u.end()
                break
        cue = None if sign else _cue(text, m.start(), end)
        out.append(
            Figure(
                raw=raw,
                value=raw * mult,
                kind=kind,
                decimals=len(frac) - 1 if frac else 0,
                signed=bool(sign),
                negative_cue=bool(cue),
                start=m.start(),
                end=end,
            )
        )
    return out
