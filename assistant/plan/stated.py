"""Questions that bring their own numbers: "a P/E of 18 at 20% growth", "3% a year for 10 years"."""

from __future__ import annotations

import re

from assistant.numbers import Figure, find_figures, without_dates
from assistant.plan.base import PlannedCall
from assistant.plan.dates import find_window

COMPOUND_WORDS = ("compound", "compounded", "cumulative", "cumulatively", "total change", "a year for",
                  "per year for", "annually for", "复利", "累计", "累积", "每年", "年均")
CAGR_WORDS = ("cagr", "compound annual", "annualized growth", "annualised growth", "年化增长", "年复合")
EARNINGS_YIELD_WORDS = ("earnings yield", "盈利收益率")
IMPLIED_WORDS = ("imply", "implies", "implied", "隐含")
GORDON_WORDS = ("gordon", "戈登", "dividend discount", "股息贴现")
PREMIUM_WORDS = ("premium", "discount", "溢价", "折价")
_PERCENT = ("%", "％")


def question_figures(text: str) -> list[Figure]:
    """Figures the user stated, without dates and without the number of a window ("last 20 days")."""
    masked = without_dates(text)
    if (window := find_window(masked)) is not None:
        masked = masked.replace(window.text, " " * len(window.text))
    return find_figures(masked)


def _after(text: str, words: tuple[str, ...], figures: list[Figure]) -> Figure | None:
    """The first percent figure within a short reach after one of the words."""
    lowered = text.lower()
    for w in words:
        pos = lowered.find(w)
        if pos < 0:
            continue
        for f in figures:
            if f.unit in _PERCENT and pos <= f.start <= pos + len(w) + 20:
                return f
    return None


def stated_calls(text: str, valuation: bool, indices: list[str]) -> list[PlannedCall]:
    """Tool calls computed from numbers in the question itself."""
    lowered = text.lower()
    figures = question_figures(text)
    rates = [f for f in figures if f.unit in _PERCENT]
    multiples = [f for f in figures if f.unit in ("", "x", "倍", "times")]
    years = [float(m) for m in re.findall(r"(\d+(?:\.\d+)?)\s*(?:years?|yrs?|年)(?!\d)", lowered)]
    plain = [f for f in multiples if f.value not in years]

    if any(w in lowered for w in GORDON_WORDS) and plain and len(rates) >= 2:
        r = _after(text, ("required return", "要求回报", "discount rate", "折现率"), rates) or rates[0]
        g = _after(text, ("growth", "增长"), [x for x in rates if x is not r]) or [x for x in rates if x is not r][0]
        return [PlannedCall(name="gordon_fair_value", purpose="Gordon growth value from the stated inputs",
                            arguments={"dividend": plain[0].value, "required_return_pct": r.value,
                                       "growth_pct": g.value, "dividend_is_current": False})]
    if any(w in lowered for w in IMPLIED_WORDS) and plain and rates:
        return [PlannedCall(name="implied_growth", purpose="growth implied by the stated P/E and return",
                            arguments={"pe": plain[0].value, "required_return_pct": rates[0].value})]
    if re.search(r"(?<![a-z])peg(?![a-z])", lowered) and plain and rates:
        return [PlannedCall(name="peg", purpose="PEG from the stated P/E and growth",
                            arguments={"pe": plain[0].value, "growth_pct": rates[0].value})]
    if any(w in lowered for w in EARNINGS_YIELD_WORDS) and plain:
        return [PlannedCall(name="earnings_yield", purpose="earnings yield of the stated P/E",
                            arguments={"pe": plain[-1].value})]
    if valuation and any(w in lowered for w in PREMIUM_WORDS) and len(plain) >= 2:
        labels = {f"label_{k}": v for k, v in zip("ab", indices, strict=False)}
        return [PlannedCall(name="premium", purpose="premium between the two stated values",
                            arguments={"a": plain[0].value, "b": plain[1].value, **labels, "metric": "forward P/E"})]
    if rates and years and any(w in lowered for w in COMPOUND_WORDS):
        return [PlannedCall(name="compound", purpose="compounding the stated rate",
                            arguments={"rate_pct": rates[0].value, "years": years[0]})]
    if len(plain) >= 2 and years and any(w in lowered for w in CAGR_WORDS):
        return [PlannedCall(name="cagr", purpose="annual growth rate between the two values",
                            arguments={"start_value": plain[0].value, "end_value": plain[1].value,
                                       "years": years[0]})]
    return []
