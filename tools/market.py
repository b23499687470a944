"""Market metrics over stored daily closes: returns, volatility, drawdown, relative strength, records.

Every tool works on plain closes (index levels and ETF prices as quoted, not dividend-adjusted,
unless an argument says otherwise), resolves tickers and aliases through the PriceStore, and moves
non-trading dates onto the series' own calendar with a note. Percentages are in percent units in
fields named `*_pct`.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from assistant.data.store import snap_date
from assistant.data.symbols import SECTOR_ETFS, SYMBOLS, display_name
from tools.base import Provenance, ToolContext, ToolError
from tools.market_models import (
    BetaArgs,
    BetaResult,
    DrawdownArgs,
    DrawdownResult,
    PriceReturnArgs,
    PriceReturnResult,
    QuoteArgs,
    QuoteResult,
    RecordArgs,
    RecordResult,
    RelativeArgs,
    RelativeResult,
    SectorArgs,
    SectorMove,
    SectorResult,
    VolatilityArgs,
    VolatilityResult,
)
from tools.numfmt import fix, keep, pct

# ------------------------------------------------------------------ shared helpers


def _label(sym: str) -> str:
    name = display_name(sym)
    return name if sym in name else f"{name} ({sym})"


def _resolve(ctx: ToolContext, text: str, notes: list[str]) -> str:
    sym, note = ctx.prices.resolve_with_note(text)
    if note:
        notes.append(note)
    return sym


def _pair(ctx: ToolContext, a: str, b: str) -> pd.DataFrame:
    """Closes of a and b on the dates both traded, so daily returns span the same interval."""
    both = pd.concat([ctx.prices.close(a).rename("a"), ctx.prices.close(b).rename("b")], axis=1, join="inner")
    both = both.dropna()
    if len(both) < 2:
        raise ToolError(f"{a} and {b} have fewer than 2 dates in common")
    return both


def _window(dates: pd.DatetimeIndex, label: str, start: dt.date | None, end: dt.date | None,
            trading_days: int | None, default_days: int, start_side: str,
            notes: list[str]) -> tuple[int, int]:
    """Positions (i_start, i_end) of the window in `dates`.

    start_side "prev": a non-trading start uses the close before it, the base of a return "from"
    that date; "next": the window holds only closes on or after start (volatility, drawdown).
    """
    if start and end and start > end:
        raise ToolError(f"start {start} is after end {end}; swap them or fix the window")
    end_d, note = (dates[-1].date(), None) if end is None else snap_date(dates, end, "prev", label)
    notes.extend([note] if note else [])
    i_end = int(dates.get_loc(pd.Timestamp(end_d)))
    if start is not None:
        start_d, note = snap_date(dates, start, start_side, label)
        notes.extend([note] if note else [])
        i_start = int(dates.get_loc(pd.Timestamp(start_d)))
        if trading_days:
            notes.append(f"trading_days={trading_days} ignored because start was given")
    else:
        n = trading_days or default_days
        i_start = i_end - n
        if i_start < 0:
            if trading_days:
                raise ToolError(f"{label} has only {i_end} trading days of data before {end_d} "
                                f"(data from {dates[0].date()}); ask for fewer trading_days")
            i_start = 0
            notes.append(f"window shortened to the data's start, {dates[0].date()}")
    if i_start > i_end:
        raise ToolError(f"start {dates[i_start].date()} is after end {end_d} on {label}'s calendar")
    if i_end - i_start < 1:
        raise ToolError(f"the window {dates[i_start].date()} to {end_d} holds fewer than 2 prices for {label}; "
                        "use a longer window")
    return i_start, i_end


def _prov(ctx: ToolContext, syms: list[str], start: dt.date, end: dt.date) -> Provenance:
    infos = [ctx.prices.info(s) for s in syms]
    sources = list(dict.fromkeys(i.source for i in infos))
    return Provenance(series=syms, start=start, end=end, source="; ".join(sources),
                      demo=any(i.demo for i in infos))


def _day(ts: pd.Timestamp) -> dt.date:
    return ts.date()


def _signed(x: float) -> str:
    text = fix(x)
    return text if text.startswith("-") else "+" + text


def _ret(a: float, b: float) -> float:
    return (b / a - 1.0) * 100.0


# ------------------------------------------------------------------ price_return


def price_return(args: PriceReturnArgs, ctx: ToolContext) -> PriceReturnResult:
    """Close-to-close price return of one ticker between two dates, in percent.

    Use for "how much did X rise/fall since D", "X's gain over the last N trading days", YTD
    returns (start = the last trading day of the previous year). The base is the close on start
    (or the last close before it if start is not a trading day), so "from 2025-12-01 to
    2026-01-16" is close(2026-01-16) / close(2025-12-01) - 1.
    Args: ticker; start and/or end dates, or trading_days (default 20) ending at end; adjusted.
    """
    notes: list[str] = []
    sym = _resolve(ctx, args.ticker, notes)
    closes = ctx.prices.close(sym, "adj_close" if args.adjusted else "close")
    i0, i1 = _window(closes.index, sym, args.start, args.end, args.trading_days, 20, "prev", notes)
    a, b = float(closes.iloc[i0]), float(closes.iloc[i1])
    d0, d1 = _day(closes.index[i0]), _day(closes.index[i1])
    r = _ret(a, b)
    verb = "rose" if r > 0 else "fell" if r < 0 else "was unchanged at"
    kind = "adjusted close" if args.adjusted else "close"
    summary = (f"{_label(sym)} {verb} {pct(abs(r))} from a {kind} of {fix(a)} on {d0} to {fix(b)} on {d1} "
               f"({i1 - i0} trading days).")
    return PriceReturnResult(
        tool="price_return", summary=summary, unit="%", notes=notes,
        computation=f"{fix(b)} / {fix(a)} - 1 = {pct(r)}",
        provenance=_prov(ctx, [sym], d0, d1),
        ticker=sym, name=display_name(sym), start_date=d0, end_date=d1, start_close=a, end_close=b,
        return_pct=keep(r), trading_days=i1 - i0,
    )


# ------------------------------------------------------------------ volatility


def volatility(args: VolatilityArgs, ctx: ToolContext) -> VolatilityResult:
    """Volatility: the standard deviation of daily close-to-close returns in a window, in percent.

    Use for "how volatile was X", "X's daily volatility since D", "annualised volatility". Only
    returns whose two closes both lie in [start, end] count; the std is the sample std (ddof=1).
    Both the daily and the annualised (x sqrt(252)) figures are returned.
    Args: ticker; start and/or end, or trading_days (default 63) ending at end; annualize.
    """
    notes: list[str] = []
    sym = _resolve(ctx, args.ticker, notes)
    closes = ctx.prices.close(sym)
    i0, i1 = _window(closes.index, sym, args.start, args.end, args.trading_days, 63, "next", notes)
    window = closes.iloc[i0: i1 + 1]
    rets = (window / window.shift(1) - 1).dropna()
    if len(rets) < 2:
        raise ToolError(f"need at least 2 daily returns for a volatility; {sym} has {len(rets)} in the window")
    daily = float(rets.std(ddof=1)) * 100
    annual = daily * math.sqrt(252)
    d0, d1 = _day(window.index[0]), _day(window.index[-1])
    summary = f"{_label(sym)} daily volatility from {d0} to {d1} was {pct(daily)}"
    summary += f" ({pct(annual)} annualised)." if args.annualize else "."
    comp = f"sample std (ddof=1) of {len(rets)} daily returns = {pct(daily)}"
    comp += f"; {fix(daily)} x sqrt(252) = {pct(annual)}"
    return VolatilityResult(
        tool="volatility", summary=summary, computation=comp, unit="%", notes=notes,
        provenance=_prov(ctx, [sym], d0, d1), ticker=sym, start_date=d0, end_date=d1,
        daily_std_pct=keep(daily), annualized_pct=keep(annual), n_returns=len(rets),
    )


# ------------------------------------------------------------------ max_drawdown


def max_drawdown(args: DrawdownArgs, ctx: ToolContext) -> DrawdownResult:
    """Maximum drawdown: the largest peak-to-trough fall of the closes within a window, in percent.

    Use for "how far did X fall", "worst decline", "max drawdown in 2020". The peak is the highest
    close before the trough within the window; recovered says whether the peak close was regained
    by the window's end (no look-ahead past end).
    Args: ticker; start and/or end, or trading_days (default 252) ending at end.
    """
    notes: list[str] = []
    sym = _resolve(ctx, args.ticker, notes)
    closes = ctx.prices.close(sym)
    i0, i1 = _window(closes.index, sym, args.start, args.end, args.trading_days, 252, "next", notes)
    window = closes.iloc[i0: i1 + 1]
    values = window.to_numpy()
    dd = values / np.maximum.accumulate(values) - 1
    t = int(np.argmin(dd))
    p = int(np.argmax(values[: t + 1]))
    after = np.nonzero(values[t:] >= values[p])[0] if dd[t] < 0 else np.array([], dtype=int)
    rec = _day(window.index[t + int(after[0])]) if len(after) else None
    d0, d1 = _day(window.index[0]), _day(window.index[-1])
    peak, trough, ddp = float(values[p]), float(values[t]), float(dd[t]) * 100
    pd_, td = _day(window.index[p]), _day(window.index[t])
    if ddp == 0:
        summary = f"{_label(sym)} had no drawdown from {d0} to {d1}: no close fell below an earlier one."
    else:
        summary = (f"{_label(sym)}'s maximum drawdown from {d0} to {d1} was {pct(ddp)}, from a close of "
                   f"{fix(peak)} on {pd_} to {fix(trough)} on {td}; "
                   + (f"the peak was regained on {rec}." if rec else f"not recovered by {d1}."))
    return DrawdownResult(
        tool="max_drawdown", summary=summary, unit="%", notes=notes,
        computation=f"{fix(trough)} / {fix(peak)} - 1 = {pct(ddp)}",
        provenance=_prov(ctx, [sym], d0, d1), ticker=sym, start_date=d0, end_date=d1,
        drawdown_pct=keep(ddp), peak_date=pd_, peak_close=peak, trough_date=td, trough_close=trough,
        recovered=rec is not None, recovery_date=rec,
    )


# ------------------------------------------------------------------ relative_performance


def relative_performance(args: RelativeArgs, ctx: ToolContext) -> RelativeResult:
    """How one ticker did against a benchmark: both returns, the excess, and outperformance days.

    Use for "did small caps beat the S&P 500", "X vs Y since D", "how many days in a row has X
    outperformed". Daily returns are compared on the dates both series traded; days_outperformed
    counts window days where the ticker's return was strictly higher; current_streak counts
    consecutive such days ending at end, looking back through the whole history (not cut at start).
    Args: ticker, benchmark (default ^GSPC); start and/or end, or trading_days (default 20).
    """
    notes: list[str] = []
    a = _resolve(ctx, args.ticker, notes)
    b = _resolve(ctx, args.benchmark, notes)
    if a == b:
        raise ToolError(f"ticker and benchmark are both {a}; compare two different series")
    both = _pair(ctx, a, b)
    i0, i1 = _window(both.index, f"{a} and {b}", args.start, args.end, args.trading_days, 20, "prev", notes)
    hist = both.iloc[: i1 + 1]
    beat = (hist["a"] / hist["a"].shift(1)) > (hist["b"] / hist["b"].shift(1))
    beat.iloc[0] = False
    in_window = beat.iloc[i0 + 1:]
    losing = np.nonzero(~beat.to_numpy()[::-1])[0]
    streak = int(losing[0]) if len(losing) else len(beat)
    streak_start = _day(hist.index[len(hist) - streak]) if streak else None
    ra = _ret(float(hist["a"].iloc[i0]), float(hist["a"].iloc[i1]))
    rb = _ret(float(hist["b"].iloc[i0]), float(hist["b"].iloc[i1]))
    ex = ra - rb
    d0, d1 = _day(hist.index[i0]), _day(hist.index[i1])
    won, total = int(in_window.sum()), len(in_window)
    summary = (f"From {d0} to {d1}, {_label(a)} returned {pct(ra)} vs {pct(rb)} for {_label(b)} "
               f"({_signed(ex)} percentage points); it beat {b} on {won} of {total} trading days; "
               + (f"current streak: {streak} consecutive days (since {streak_start})." if streak
                  else f"it did not beat {b} on {d1}."))
    fa = f"({fix(hist['a'].iloc[i1])} / {fix(hist['a'].iloc[i0])} - 1)"
    fb = f"({fix(hist['b'].iloc[i1])} / {fix(hist['b'].iloc[i0])} - 1)"
    rb_text = pct(rb) if rb >= 0 else f"({pct(rb)})"
    comp = f"{fa} - {fb} = {pct(ra)} - {rb_text} = {_signed(ex)} pp"
    return RelativeResult(
        tool="relative_performance", summary=summary, computation=comp, unit="pp", notes=notes,
        provenance=_prov(ctx, [a, b], d0, d1), ticker=a, benchmark=b, start_date=d0, end_date=d1,
        ticker_return_pct=keep(ra), benchmark_return_pct=keep(rb), excess_return_pct=keep(ex),
        days_outperformed=won, days_total=total, current_streak=streak, streak_start=streak_start,
    )


# ------------------------------------------------------------------ record_high


def record_high(args: RecordArgs, ctx: ToolContext) -> RecordResult:
    """All-time closing high of a ticker as of a date, and whether that day's close set a record.

    Use for "did X close at a record", "X's all-time high", "how far is X below its high". Only
    closes in the stored data up to as_of count (the data's history, not necessarily all history).
    Args: ticker; as_of (default: the last date with data).
    """
    notes: list[str] = []
    sym = _resolve(ctx, args.ticker, notes)
    closes = ctx.prices.close(sym)
    d = closes.index[-1].date() if args.as_of is None else args.as_of
    used, note = snap_date(closes.index, d, "prev", sym)
    notes.extend([note] if note else [])
    hist = closes.loc[: pd.Timestamp(used)].to_numpy()
    last = float(hist[-1])
    i_high = int(np.argmax(hist))
    high, high_d = float(hist[i_high]), _day(closes.index[i_high])
    prev_high = float(hist[:-1].max()) if len(hist) > 1 else None
    prev_d = _day(closes.index[int(np.argmax(hist[:-1]))]) if prev_high is not None else None
    is_record = prev_high is not None and last > prev_high
    dist = _ret(high, last)
    start = _day(closes.index[0])
    if is_record:
        summary = (f"{_label(sym)} closed at a record {fix(last)} on {used}, above the previous record close "
                   f"of {fix(prev_high)} on {prev_d} (data from {start}).")
        comp = f"{fix(last)} > {fix(prev_high)} = max of {len(hist) - 1} earlier closes"
    else:
        summary = (f"{_label(sym)} closed at {fix(last)} on {used}, {pct(abs(dist))} below its record close of "
                   f"{fix(high)} on {high_d} (data from {start}).")
        comp = f"{fix(last)} / {fix(high)} - 1 = {pct(dist)}"
    return RecordResult(
        tool="record_high", summary=summary, computation=comp, unit="", notes=notes,
        provenance=_prov(ctx, [sym], start, used), ticker=sym, as_of_date=used, as_of_close=last,
        high_close=high, high_date=high_d, is_record=is_record, previous_high_close=prev_high,
        previous_high_date=prev_d, distance_from_high_pct=keep(dist),
    )


# ------------------------------------------------------------------ sector_moves


def sector_moves(args: SectorArgs, ctx: ToolContext) -> SectorResult:
    """Daily change of each SPDR sector ETF on one trading day, ranked best to worst.

    Use for "which sectors led/lagged on D", "how did tech do today", sector rotation on a day.
    Each change is that day's close vs the previous close. Uses whichever of the eleven sector ETFs
    (XLK XLF XLI XLP XLRE XLC XLY XLV XLE XLB XLU) have data.
    Args: date (default: the latest trading day in the data).
    """
    store = ctx.prices
    present = [s for s in SECTOR_ETFS if store.has(s)]
    if not present:
        raise ToolError(f"no sector ETF prices are loaded (expected some of {', '.join(SECTOR_ETFS)}); "
                        + store.available_text())
    closes = {s: store.close(s) for s in present}
    calendar = closes[present[0]].index
    for s in present[1:]:
        calendar = calendar.union(closes[s].index)
    notes: list[str] = []
    d = calendar[-1].date() if args.date is None else args.date
    used, note = snap_date(calendar, d, "prev", "the sector ETFs")
    notes.extend([note] if note else [])
    ts = pd.Timestamp(used)
    moves = []
    for s in present:
        c = closes[s]
        i = int(c.index.searchsorted(ts))
        if i >= len(c) or c.index[i] != ts or i == 0:
            notes.append(f"{s} has no close and previous close for {used}; left out")
            continue
        prev, last = float(c.iloc[i - 1]), float(c.iloc[i])
        moves.append(SectorMove(symbol=s, sector=SYMBOLS[s].sector or s, change_pct=keep(_ret(prev, last)),
                                close=last, previous_close=prev))
    if not moves:
        raise ToolError(f"no sector ETF has a close and a previous close on {used}")
    moves.sort(key=lambda m: m.change_pct, reverse=True)
    best, worst = moves[0], moves[-1]
    summary = (f"On {used}, {best.sector} ({best.symbol}) led the {len(moves)} sector ETFs with "
               f"{_signed(best.change_pct)} % and {worst.sector} ({worst.symbol}) lagged with {_signed(worst.change_pct)} %.")
    comp = "close / previous close - 1: " + "; ".join(
        f"{m.symbol} {fix(m.close)} / {fix(m.previous_close)} - 1 = {pct(m.change_pct)}" for m in moves)
    missing = [s for s in SECTOR_ETFS if s not in present]
    if missing:
        notes.append(f"no data for {', '.join(missing)}")
    return SectorResult(
        tool="sector_moves", summary=summary, computation=comp, unit="%", notes=notes,
        provenance=_prov(ctx, [m.symbol for m in moves], used, used),
        date=used, moves=moves, best=best, worst=worst,
    )


# ------------------------------------------------------------------ correlation_beta


def correlation_beta(args: BetaArgs, ctx: ToolContext) -> BetaResult:
    """Correlation and beta of a ticker's daily returns against a benchmark's over a window.

    Use for "how correlated is X with Y", "X's beta to the S&P 500", "does X move with Y". Daily
    close-to-close returns on the dates both traded, within [start, end]; beta = cov / var of the
    benchmark (sample, ddof=1).
    Args: ticker, benchmark (default ^GSPC); start and/or end, or trading_days (default 252).
    """
    notes: list[str] = []
    a = _resolve(ctx, args.ticker, notes)
    b = _resolve(ctx, args.benchmark, notes)
    if a == b:
        raise ToolError(f"ticker and benchmark are both {a}; compare two different series")
    both = _pair(ctx, a, b)
    i0, i1 = _window(both.index, f"{a} and {b}", args.start, args.end, args.trading_days, 252, "next", notes)
    window = both.iloc[i0: i1 + 1]
    rets = (window / window.shift(1) - 1).dropna()
    if len(rets) < 3:
        raise ToolError(f"need at least 3 daily returns for a correlation; the window has {len(rets)}")
    cov = float(rets["a"].cov(rets["b"]))
    var = float(rets["b"].var(ddof=1))
    if var == 0:
        raise ToolError(f"{b} did not move in the window; beta is undefined")
    beta, corr = cov / var, float(rets["a"].corr(rets["b"]))
    d0, d1 = _day(window.index[0]), _day(window.index[-1])
    summary = (f"From {d0} to {d1}, {_label(a)} had a beta of {fix(beta)} and a correlation of {fix(corr)} "
               f"with {_label(b)} ({len(rets)} daily returns).")
    # shown on returns in percent so the covariances are readable numbers, not 1.2e-04
    comp = (f"beta = cov / var = {cov * 1e4:.4f} / {var * 1e4:.4f} = {fix(beta)} (daily returns in %); "
            f"correlation = {fix(corr)} over {len(rets)} daily returns")
    return BetaResult(
        tool="correlation_beta", summary=summary, computation=comp, notes=notes,
        provenance=_prov(ctx, [a, b], d0, d1), ticker=a, benchmark=b, start_date=d0, end_date=d1,
        correlation=keep(corr), beta=keep(beta), n_returns=len(rets),
    )


# ------------------------------------------------------------------ quote


def quote(args: QuoteArgs, ctx: ToolContext) -> QuoteResult:
    """Latest close of a ticker (or the close on a date), its change from the previous close, and a
    short series of closes for a sparkline.

    Use for "where is X trading", "X's last close", related-ticker cards next to an answer.
    Args: ticker; as_of (default: the last date with data); points (sparkline length, default 30).
    """
    notes: list[str] = []
    sym = _resolve(ctx, args.ticker, notes)
    closes = ctx.prices.close(sym)
    d = closes.index[-1].date() if args.as_of is None else args.as_of
    used, note = snap_date(closes.index, d, "prev", sym)
    notes.extend([note] if note else [])
    hist = closes.loc[: pd.Timestamp(used)]
    last = float(hist.iloc[-1])
    spark = hist.iloc[-args.points:]
    prev = float(hist.iloc[-2]) if len(hist) > 1 else None
    if prev is None:
        summary = f"{_label(sym)} closed at {fix(last)} on {used} (first day of the data)."
        change = change_pct = None
        comp = ""
    else:
        change, change_pct = last - prev, _ret(prev, last)
        summary = (f"{_label(sym)} closed at {fix(last)} on {used}, {_signed(change)} ({_signed(change_pct)} %) "
                   f"from the previous close of {fix(prev)}.")
        comp = f"{fix(last)} - {fix(prev)} = {fix(change)}; {fix(last)} / {fix(prev)} - 1 = {pct(change_pct)}"
    return QuoteResult(
        tool="quote", summary=summary, computation=comp, notes=notes,
        provenance=_prov(ctx, [sym], _day(spark.index[0]), used), ticker=sym, name=display_name(sym),
        as_of_date=used, last=last, previous_close=prev,
        change=None if change is None else keep(change), change_pct=None if change_pct is None else keep(change_pct),
        sparkline=[float(x) for x in spark], sparkline_start=_day(spark.index[0]),
    )


TOOLS = [price_return, volatility, max_drawdown, relative_performance, record_high, sector_moves,
         correlation_beta, quote]
