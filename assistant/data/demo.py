"""The demo price set: synthetic, clearly labelled, calibrated to reproduce the seed article's figures.

Every series is a seeded random walk (a shared market factor plus noise) that is then bent, on a
few constrained days, so that the market tools reproduce the article's numbers exactly (to two
decimals) from the rounded closes that are stored:

- ^RUT closes at 2692.23 on 2026-01-16, its all-time high, and at 2496.72 on 2025-12-01
  (a 7.83 % rise); the sample std of its daily returns over that window is 0.86 %;
- ^RUT beat ^GSPC (and IWM beat SPY) on each of the last 11 trading days, not on the 12th;
- the 2026-01-16 sector ETF changes match the article (Industrials best, Communication worst).

The generator checks all of this on the rounded data and retries with the next sub-seed if a
random path breaks a constraint (e.g. an earlier close above the record), so any seed works.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from assistant.data.store import PriceStore, SeriesInfo

DEMO_SOURCE = "Cited demo generator (synthetic prices)"
FIRST_DAY = date(2024, 1, 2)
LAST_DAY = date(2026, 1, 16)
RUT_LAST, RUT_BASE, BASE_DAY = 2692.23, 2496.72, date(2025, 12, 1)
WINDOW_STD_PCT = 0.86
STREAK = 11
# 2026-01-16 close-to-close changes in percent, from the seed article
SECTOR_LAST_PCT = {"XLI": 0.43, "XLF": 0.30, "XLP": 0.25, "XLRE": 0.18,
                   "XLC": -1.16, "XLY": -0.79, "XLV": -0.69, "XLK": -0.51}

# NYSE full-day closures (2026 listed in full for when the demo calendar is extended)
NYSE_HOLIDAYS = [date.fromisoformat(d) for d in (
    "2024-01-01 2024-01-15 2024-02-19 2024-03-29 2024-05-27 2024-06-19 2024-07-04 2024-09-02 "
    "2024-11-28 2024-12-25 2025-01-01 2025-01-09 2025-01-20 2025-02-17 2025-04-18 2025-05-26 "
    "2025-06-19 2025-07-04 2025-09-01 2025-11-27 2025-12-25 2026-01-01 2026-01-19 2026-02-16 "
    "2026-04-03 2026-05-25 2026-06-19 2026-07-03 2026-09-07 2026-11-26 2026-12-25"
).split()]


@dataclass(frozen=True)
class _Spec:
    symbol: str
    first: float  # rough first close (Jan 2024)
    last: float  # rough last close (2026-01-16)
    beta: float  # exposure to the market factor
    idio: float  # daily idiosyncratic volatility
    volume: float  # typical daily volume


# ETFs that are not tied to an index; levels are roughly where the real ones traded
_ETFS = [
    _Spec("QQQ", 409.5, 621.0, 1.2, 0.006, 45e6),
    _Spec("IJS", 101.0, 112.0, 1.1, 0.008, 0.45e6),
    _Spec("XLK", 192.0, 288.0, 1.3, 0.007, 7e6),
    _Spec("XLF", 37.6, 54.8, 1.0, 0.007, 40e6),
    _Spec("XLI", 113.5, 162.0, 1.0, 0.006, 10e6),
    _Spec("XLP", 71.9, 79.5, 0.5, 0.007, 10e6),
    _Spec("XLRE", 40.2, 41.9, 0.8, 0.009, 6e6),
    _Spec("XLC", 72.5, 118.0, 1.0, 0.008, 5e6),
    _Spec("XLY", 178.0, 238.0, 1.2, 0.008, 4e6),
    _Spec("XLV", 136.0, 156.0, 0.6, 0.008, 8e6),
    _Spec("XLE", 84.0, 89.5, 0.7, 0.012, 15e6),
    _Spec("XLB", 84.5, 91.0, 0.9, 0.008, 6e6),
    _Spec("XLU", 65.0, 84.0, 0.5, 0.009, 12e6),
]
_VOLUMES = {"^RUT": 1.4e9, "^GSPC": 4.6e9, "IWM": 30e6, "SPY": 70e6}


def demo_calendar() -> pd.DatetimeIndex:
    """Trading days of the demo set: weekdays minus NYSE holidays, FIRST_DAY..LAST_DAY."""
    days = pd.bdate_range(FIRST_DAY, LAST_DAY)
    return days[~days.isin(pd.DatetimeIndex(NYSE_HOLIDAYS))].rename("date")


def build_demo_prices(store: PriceStore, seed: int = 7) -> list[SeriesInfo]:
    """Write the demo set into `store` (replacing those symbols) and return what was written."""
    days = demo_calendar()
    problems: list[str] = []
    for attempt in range(500):
        rng = np.random.default_rng([seed, attempt])
        closes = _closes(days, rng)
        problems = check_demo(days, closes)
        if not problems:
            break
    assert not problems, f"demo calibration failed: {problems}"  # the self-check
    infos = []
    for sym, close in closes.items():
        frame = _ohlcv(days, close, _VOLUMES.get(sym) or _spec(sym).volume, rng)
        infos.append(store.write(sym, frame, source=DEMO_SOURCE, demo=True))
    return infos


def _spec(symbol: str) -> _Spec:
    return next(s for s in _ETFS if s.symbol == symbol)


def _closes(days: pd.DatetimeIndex, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Rounded closes of every demo symbol for one random draw."""
    n = len(days)
    i_base = int(days.get_loc(pd.Timestamp(BASE_DAY)))
    last = n - 1
    # shared market factor with fat tails (t, 5 dof, scaled to unit variance)
    market = 0.0004 + 0.0095 * rng.standard_t(5, n) * np.sqrt(3 / 5)
    market[0] = 0.0

    # ^RUT: a bridge from ~2000 to RUT_BASE, then the calibrated window to RUT_LAST
    rut_lr = np.log1p(1.15 * market + rng.normal(0, 0.0065, n))
    rut_first = round(float(rng.uniform(1985, 2035)), 2)
    rut_lr[1: i_base + 1] += (np.log(RUT_BASE / rut_first) - rut_lr[1: i_base + 1].sum()) / i_base
    rut = rut_first * np.exp(np.cumsum(np.r_[0.0, rut_lr[1:]]))
    k = last - i_base
    z = 0.75 * _standardise(market[i_base + 1:]) + 0.66 * rng.standard_normal(k)
    window = _window_returns(_standardise(z), WINDOW_STD_PCT / 100, RUT_LAST / RUT_BASE)
    rut[i_base:] = RUT_BASE * np.cumprod(np.r_[1.0, 1 + window])
    rut = np.round(rut, 2)
    rut[i_base], rut[last] = RUT_BASE, RUT_LAST
    rut_r = rut[1:] / rut[:-1] - 1

    # ^GSPC: the market factor, its last 12 returns bent to give the streak, then bridged
    gspc_r = market.copy()
    gspc_r[i_base + 1:] = 0.55 * rut_r[i_base:] + rng.normal(0, 0.0045, k)
    for t in range(last - STREAK, last + 1):
        gap = rut_r[t - 1] - gspc_r[t]
        if t > last - STREAK and gap < 0.0012:  # streak day: RUT must beat GSPC
            gspc_r[t] = rut_r[t - 1] - rng.uniform(0.0012, 0.006)
        elif t == last - STREAK and gap > -0.0012:  # the day before the streak: it must not
            gspc_r[t] = rut_r[t - 1] + rng.uniform(0.0012, 0.006)
    gspc = _bridged(gspc_r, round(float(rng.uniform(4720, 4780)), 2), float(rng.uniform(6915, 6985)),
                    upto=last - STREAK - 1)

    out = {"^RUT": rut, "^GSPC": gspc,
           "IWM": _tracker(rut, 0.1, rng), "SPY": _tracker(gspc, 0.1, rng)}
    for spec in _ETFS:
        r = spec.beta * market + rng.normal(0, spec.idio, n)
        r[0] = 0.0
        target = spec.last * float(rng.uniform(0.97, 1.03))
        if spec.symbol in SECTOR_LAST_PCT or spec.symbol in ("XLE", "XLB", "XLU"):
            pct = SECTOR_LAST_PCT.get(spec.symbol)
            if pct is None:  # the other sectors land strictly between the best and the worst
                pct = round(float(rng.uniform(-0.40, 0.33)), 2)
            prices = _bridged(r, spec.first, target / (1 + pct / 100), last - 1, hit=last - 1)
            out[spec.symbol] = _set_last_change(prices, pct)
        else:
            out[spec.symbol] = _bridged(r, spec.first, target, last)
    return out


def _standardise(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / x.std(ddof=1)


def _window_returns(z: np.ndarray, std: float, growth: float) -> np.ndarray:
    """Returns mu + std*z (sample std exactly `std`) whose compound growth is `growth` (mu by bisection)."""
    lo, hi = -0.05, 0.05
    for _ in range(200):
        mid = (lo + hi) / 2
        if np.prod(1 + mid + std * z) < growth:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2 + std * z


def _bridged(r: np.ndarray, first: float, target: float, upto: int, hit: int = -1) -> np.ndarray:
    """Rounded prices from daily returns r[1:]; returns 1..upto are shifted so prices[hit] = target."""
    lr = np.log1p(r)
    lr[0] = 0.0
    hit = hit % len(r)
    lr[1: upto + 1] += (np.log(target / first) - lr[1: hit + 1].sum()) / upto
    return np.round(first * np.exp(np.cumsum(lr)), 2)


def _tracker(index: np.ndarray, ratio: float, rng: np.random.Generator) -> np.ndarray:
    """An ETF that tracks `index` * ratio with tiny (0.005 %) tracking noise."""
    return np.round(index * ratio * (1 + rng.normal(0, 0.00005, len(index))), 2)


def _set_last_change(prices: np.ndarray, pct: float) -> np.ndarray:
    """Make the last close-to-close change `pct` % to two decimals.

    With cent prices the change is (cents moved) / (previous close), so for a low-priced ETF only
    some previous closes can give exactly `pct`; take the one nearest the path's own and rescale
    the whole history to it (returns are unchanged by the rescaling).
    """
    prev0 = float(prices[-2])
    for step in range(int(prev0 * 20)):  # search outwards, at most +-20 %
        for prev in {round(prev0 + step / 100, 2), round(prev0 - step / 100, 2)}:
            for d in (0.0, -0.01, 0.01):
                c = round(round(prev * (1 + pct / 100), 2) + d, 2)
                if abs((c / prev - 1) * 100 - pct) < 0.004:  # margin: no rounding-rule ambiguity
                    out = np.round(prices * (prev / prev0), 2)
                    out[-2], out[-1] = prev, c
                    return out
    raise AssertionError(f"cannot hit a {pct} % change near {prev0}")


def _ohlcv(days: pd.DatetimeIndex, close: np.ndarray, volume: float, rng: np.random.Generator) -> pd.DataFrame:
    r = np.r_[0.0, close[1:] / close[:-1] - 1]
    sigma = float(np.std(r[1:]))
    prev = np.r_[close[0], close[:-1]]
    open_ = np.round(prev * (1 + rng.normal(0, 0.3 * sigma, len(close))), 2)
    top, bottom = np.maximum(open_, close), np.minimum(open_, close)
    high = np.maximum(np.round(top * (1 + np.abs(rng.normal(0, 0.5 * sigma, len(close)))), 2), top)
    low = np.minimum(np.round(bottom * (1 - np.abs(rng.normal(0, 0.5 * sigma, len(close)))), 2), bottom)
    # busier on big-move days
    vol = np.round(volume * np.exp(rng.normal(0, 0.25, len(close))) * (1 + 8 * np.abs(r)))
    return pd.DataFrame({"open": open_, "high": high, "low": low, "close": close, "adj_close": close,
                         "volume": vol}, index=days)


def check_demo(days: pd.DatetimeIndex, closes: dict[str, np.ndarray]) -> list[str]:
    """What the rounded demo closes get wrong against the seed figures (empty when all hold)."""
    problems: list[str] = []
    i_base = int(days.get_loc(pd.Timestamp(BASE_DAY)))
    rut = closes["^RUT"]
    if rut[-1] != RUT_LAST or rut[i_base] != RUT_BASE:
        problems.append("^RUT closes not at the seed values")
    if rut[:-1].max() >= RUT_LAST:
        problems.append("^RUT 2026-01-16 close is not a record")
    if round((rut[-1] / rut[i_base] - 1) * 100, 2) != 7.83:
        problems.append("^RUT window return is not 7.83 %")
    window = rut[i_base:]
    std = float(np.std(window[1:] / window[:-1] - 1, ddof=1) * 100)
    if abs(std - WINDOW_STD_PCT) >= 0.004:
        problems.append(f"^RUT window std {std:.4f} % is not 0.86 %")
    for a, b in (("^RUT", "^GSPC"), ("IWM", "SPY")):
        diff = _returns(closes[a])[-STREAK - 1:] - _returns(closes[b])[-STREAK - 1:]
        if not (diff[1:] > 0).all() or diff[0] >= 0:
            problems.append(f"{a} vs {b} streak is not exactly {STREAK}")
    changes = {s: (c[-1] / c[-2] - 1) * 100 for s, c in closes.items() if s.startswith("XL")}
    for sym, pct in SECTOR_LAST_PCT.items():
        if abs(changes[sym] - pct) >= 0.004:
            problems.append(f"{sym} last change {changes[sym]:.4f} % is not {pct} %")
    for sym in ("XLE", "XLB", "XLU"):
        if not -0.51 < round(changes[sym], 2) < 0.43:
            problems.append(f"{sym} last change {changes[sym]:.2f} % is outside the best/worst")
    if not 6900 <= closes["^GSPC"][-1] <= 7000 or not 1900 <= rut[0] <= 2100:
        problems.append("index levels implausible")
    for sym in ("^RUT", "^GSPC"):
        vol = float(np.std(_returns(closes[sym])) * 100)
        if not 0.7 <= vol <= 1.6:
            problems.append(f"{sym} daily volatility {vol:.2f} % implausible")
    return problems


def _returns(close: np.ndarray) -> np.ndarray:
    return close[1:] / close[:-1] - 1
