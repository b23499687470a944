"""Reading a stated metric (a P/E, a growth rate) for a given index out of passage text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.data.symbols import SYMBOLS, find_mentions
from assistant.numbers import find_figures

METRIC_WORDS = {
    "pe": ("p/e", "pe ratio", "price-to-earnings", "price to earnings", "times forward earnings", "times earnings",
           "earnings multiple", "市盈率", "倍市盈率", "估值倍数"),
}
_SENTENCES = re.compile(r"[^。！？!?;；\n]+(?:[。！？!?;；]|\.(?=\s)|$)")

# Index and its tracking ETF state the same valuation.
_SAME = {"IWM": "^RUT", "SPY": "^GSPC"}


def _family(symbol: str) -> str:
    return _SAME.get(symbol, symbol)


@dataclass(frozen=True)
class Stated:
    value: float
    sentence: str
    source_index: int  # which of the given texts it came from


_FORWARD = ("forward", "远期", "预期")
_TRAILING = ("trailing", "ttm", "滚动", "静态", "过去12个月")


def find_stated(texts: list[str], metric: str, symbol: str) -> Stated | None:
    """The value of a forward `metric` stated for `symbol`: sentences that say "forward" first, and
    never a trailing figure (a trailing P/E against a forward one would be a false premium)."""
    found = [s for s in _all_stated(texts, metric, symbol) if not any(w in s.sentence.lower() for w in _TRAILING)]
    forward = [s for s in found if any(w in s.sentence.lower() for w in _FORWARD)]
    return (forward or found or [None])[0]


def _all_stated(texts: list[str], metric: str, symbol: str) -> list[Stated]:
    """Every value of `metric` stated for `symbol` (by nearest mention in the same sentence), in order."""
    words = METRIC_WORDS[metric]
    target = _family(symbol)
    out: list[Stated] = []
    for i, text in enumerate(texts):
        carried = False  # "P/E: A 31x; B 18x." states B's P/E in a sentence without the word
        for m in _SENTENCES.finditer(text):
            sentence = m.group(0)
            has_word = any(w in sentence.lower() for w in words)
            if not (has_word or carried):
                continue
            carried = has_word
            mentions = [(pos, _family(sym)) for pos, sym in find_mentions(sentence, include_sectors=False)]
            if not mentions:
                continue
            figures = [f for f in find_figures(sentence)
                       if f.unit not in ("%", "％", "个百分点", "bp", "点") and 3 <= f.value <= 200]
            for j, fig in enumerate(figures):
                if _owner(mentions, figures, j, len(sentence)) == target:
                    out.append(Stated(fig.value, sentence.strip(), i))
    return out


def _owner(mentions: list[tuple[int, str]], figures: list, j: int, length: int) -> str | None:
    """Whose figure is figures[j]: the last name since the previous figure, else the next name after it."""
    lo = figures[j - 1].end if j else 0
    before = [sym for pos, sym in mentions if lo <= pos < figures[j].start]
    if before:
        return before[-1]
    hi = figures[j + 1].start if j + 1 < len(figures) else length
    after = [sym for pos, sym in mentions if figures[j].end <= pos < hi]
    return after[0] if after else None


def label(symbol: str, language: str) -> str:
    info = SYMBOLS.get(symbol)
    return (info.name_zh if language == "zh" else info.name_en) if info else symbol
