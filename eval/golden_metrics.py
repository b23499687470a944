"""Market metrics for the golden sets, written from their textbook definitions with plain pandas.

Deliberately independent of Cited's tools (tools/market.py): the golden answers must not come
from the code they test. Conventions (stated in eval/README.md):
- a return from D1 to D2 is close(D2) / close(D1) - 1, where a non-trading D1 or D2 means the last
  close on or before it; "over the last N trading days" is close[-1] / close[-1-N] - 1;
- volatility is the sample standard deviation (ddof=1) of the daily close-to-close returns whose
  two closes both lie in the window; annualised by sqrt(252);
- maximum drawdown is the minimum of close / running max of closes - 1 within the window;
- outperformance on a day means a strictly higher daily return; a streak counts such days back
  from the end date without a break; days outperformed count the window's returns (not its base day);
- a record close is the maximum close up to and including the as-of date.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd


def _ts(d: date | str) -> pd.Timestamp:
    return pd.Timestamp(d)


def at_or_before(s: pd.Series, d: date | str) -> pd.Timestamp:
    """The last trading day on or before d."""
    sub = s.loc[: _ts(d)]
    if sub.empty:
        raise ValueError(f"no data on or before {d}")
    return sub.index[-1]


def at_or_after(s: pd.Series, d: date | str) -> pd.Timestamp:
    sub = s.loc[_ts(d) :]
    if sub.empty:
        raise ValueError(f"no data on or after {d}")
    return sub.index[0]


def window(s: pd.Series, start: date | str | None, end: date | str | None) -> pd.Series:
    """Closes with dates in [start, end] (inclusive), no base-day extension."""
    lo = at_or_after(s, start) if start else s.index[0]
    hi = at_or_before(s, end) if end else s.index[-1]
    return s.loc[lo:hi]


def last_n(s: pd.Series, n: int, end: date | str | None = None) -> pd.Series:
    """The last n+1 closes up to end: n daily returns."""
    sub = s.loc[: at_or_before(s, end)] if end else s
    return sub.iloc[-(n + 1) :]


def pct_return(s: pd.Series, start: date | str, end: date | str | None = None) -> float:
    a = s.loc[at_or_before(s, start)]
    b = s.loc[at_or_before(s, end)] if end else s.iloc[-1]
    return (b / a - 1) * 100


def pct_return_n(s: pd.Series, n: int, end: date | str | None = None) -> float:
    w = last_n(s, n, end)
    return (w.iloc[-1] / w.iloc[0] - 1) * 100


def daily_vol(w: pd.Series) -> float:
    r = w.pct_change().dropna()
    return float(r.std(ddof=1)) * 100


def annual_vol(w: pd.Series) -> float:
    return daily_vol(w) * math.sqrt(252)


def max_drawdown(w: pd.Series) -> float:
    return float((w / w.cummax() - 1).min()) * 100


def beats(a: pd.Series, b: pd.Series) -> pd.Series:
    """True on days a's daily return is strictly above b's (dates both traded)."""
    both = pd.concat([a.rename("a"), b.rename("b")], axis=1, join="inner").dropna()
    r = both.pct_change().dropna()
    return r["a"] > r["b"]


def streak(a: pd.Series, b: pd.Series, end: date | str | None = None) -> int:
    flags = beats(a, b)
    if end:
        flags = flags.loc[: _ts(end)]
    n = 0
    for won in reversed(flags.to_list()):
        if not won:
            break
        n += 1
    return n


def days_outperformed(a: pd.Series, b: pd.Series, start: date | str, end: date | str | None = None) -> int:
    """Window days (after the base day) on which a beat b."""
    flags = beats(a, b)
    base = at_or_before(a, start)
    flags = flags.loc[flags.index > base]
    if end:
        flags = flags.loc[: _ts(end)]
    return int(flags.sum())


def days_outperformed_n(a: pd.Series, b: pd.Series, n: int) -> int:
    return int(beats(a, b).iloc[-n:].sum())


def record_close(s: pd.Series, as_of: date | str | None = None) -> tuple[float, pd.Timestamp]:
    sub = s.loc[: at_or_before(s, as_of)] if as_of else s
    return float(sub.max()), sub.idxmax()


def below_record(s: pd.Series, as_of: date | str | None = None) -> float:
    sub = s.loc[: at_or_before(s, as_of)] if as_of else s
    return (float(sub.iloc[-1]) / float(sub.max()) - 1) * 100


def day_change(s: pd.Series, d: date | str) -> float:
    i = s.index.get_loc(at_or_before(s, d))
    return (float(s.iloc[i]) / float(s.iloc[i - 1]) - 1) * 100


def close_on(s: pd.Series, d: date | str) -> float:
    return float(s.loc[at_or_before(s, d)])


def beta_corr(
    a: pd.Series, b: pd.Series, start: date | str | None, end: date | str | None, n: int | None = None
) -> tuple[float, float]:
    both = pd.concat([a.rename("a"), b.rename("b")], axis=1, join="inner").dropna()
    w = both.iloc[-(n + 1) :] if n else window(both["a"], start, end).to_frame().join(both["b"])
    r = w.pct_change().dropna()
    beta = float(r["a"].cov(r["b"]) / r["b"].var(ddof=1))
    return beta, float(r["a"].corr(r["b"]))


def r2(x: float) -> float:
    """Rounded to two decimals, as the golden answers are stated."""
    return round(float(x), 2) + 0.0  # no -0.0
