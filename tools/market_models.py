"""Argument and result models of the market tools (tools/market.py).

Field descriptions are read by the model choosing a tool, so they say what a value means and
which units it has; percentages are in percent units in fields named `*_pct`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from tools.base import ToolResult
from tools.numfmt import StrictArgs

_TICKER = "Ticker, index or alias, e.g. '^RUT', 'IWM', 'Russell 2000', '罗素2000', 'S&P 500'."
_START = "First date of the window (YYYY-MM-DD). Leave empty to use trading_days."
_END = "Last date of the window (YYYY-MM-DD); default: the last date with data."
_DAYS = "Window length in trading days ending at end, used when start is empty (default {n})."


class PriceReturnArgs(StrictArgs):
    ticker: str = Field(min_length=1, description=_TICKER)
    start: dt.date | None = Field(None, description=_START + " A non-trading day uses the close before it.")
    end: dt.date | None = Field(None, description=_END)
    trading_days: int | None = Field(None, ge=1, le=20000, description=_DAYS.format(n=20))
    adjusted: bool = Field(False, description="Use dividend-adjusted closes (ETF total return) instead of closes.")


class PriceReturnResult(ToolResult):
    ticker: str
    name: str
    start_date: dt.date
    end_date: dt.date
    start_close: float
    end_close: float
    return_pct: float = Field(description="end_close / start_close - 1, in percent.")
    trading_days: int = Field(description="Trading days after start_date up to end_date.")


class VolatilityArgs(StrictArgs):
    ticker: str = Field(min_length=1, description=_TICKER)
    start: dt.date | None = Field(None, description=_START)
    end: dt.date | None = Field(None, description=_END)
    trading_days: int | None = Field(None, ge=2, le=20000, description=_DAYS.format(n=63))
    annualize: bool = Field(True, description="Also state the annualised figure (daily std x sqrt(252)).")


class VolatilityResult(ToolResult):
    ticker: str
    start_date: dt.date
    end_date: dt.date
    daily_std_pct: float = Field(description="Sample standard deviation (ddof=1) of daily returns, in percent.")
    annualized_pct: float = Field(description="daily_std_pct x sqrt(252).")
    n_returns: int


class DrawdownArgs(StrictArgs):
    ticker: str = Field(min_length=1, description=_TICKER)
    start: dt.date | None = Field(None, description=_START)
    end: dt.date | None = Field(None, description=_END)
    trading_days: int | None = Field(None, ge=1, le=20000, description=_DAYS.format(n=252))


class DrawdownResult(ToolResult):
    ticker: str
    start_date: dt.date
    end_date: dt.date
    drawdown_pct: float = Field(description="trough / peak - 1 in percent; 0 or negative.")
    peak_date: dt.date
    peak_close: float
    trough_date: dt.date
    trough_close: float
    recovered: bool = Field(description="Whether a later close in the window regained the peak.")
    recovery_date: dt.date | None = None


class RelativeArgs(StrictArgs):
    ticker: str = Field(min_length=1, description=_TICKER)
    benchmark: str = Field("^GSPC", min_length=1, description="What it is compared with (default S&P 500).")
    start: dt.date | None = Field(None, description=_START + " A non-trading day uses the close before it.")
    end: dt.date | None = Field(None, description=_END)
    trading_days: int | None = Field(None, ge=1, le=20000, description=_DAYS.format(n=20))


class RelativeResult(ToolResult):
    ticker: str
    benchmark: str
    start_date: dt.date
    end_date: dt.date
    ticker_return_pct: float
    benchmark_return_pct: float
    excess_return_pct: float = Field(description="ticker return minus benchmark return, percentage points.")
    days_outperformed: int = Field(description="Days in the window whose daily return beat the benchmark's.")
    days_total: int
    current_streak: int = Field(description="Consecutive outperforming days ending at end_date (whole history).")
    streak_start: dt.date | None = Field(None, description="First day of the current streak.")


class RecordArgs(StrictArgs):
    ticker: str = Field(min_length=1, description=_TICKER)
    as_of: dt.date | None = Field(None, description="Date to judge at (YYYY-MM-DD); default: last date with data.")


class RecordResult(ToolResult):
    ticker: str
    as_of_date: dt.date
    as_of_close: float
    high_close: float = Field(description="Highest close up to and including as_of_date.")
    high_date: dt.date
    is_record: bool = Field(description="as_of_close is above every earlier close (a new all-time closing high).")
    previous_high_close: float | None = Field(None, description="Highest close before as_of_date.")
    previous_high_date: dt.date | None = None
    distance_from_high_pct: float = Field(description="as_of_close / high_close - 1, in percent (0 at a record).")


class SectorArgs(StrictArgs):
    date: dt.date | None = Field(None, description="Trading day (YYYY-MM-DD); default: the latest with data.")


class SectorMove(BaseModel):
    symbol: str
    sector: str
    change_pct: float = Field(description="close / previous close - 1, in percent.")
    close: float
    previous_close: float


class SectorResult(ToolResult):
    date: dt.date
    moves: list[SectorMove] = Field(description="Sector ETFs ranked from best to worst.")
    best: SectorMove
    worst: SectorMove


class BetaArgs(StrictArgs):
    ticker: str = Field(min_length=1, description=_TICKER)
    benchmark: str = Field("^GSPC", min_length=1, description="The market it is measured against (default S&P 500).")
    start: dt.date | None = Field(None, description=_START)
    end: dt.date | None = Field(None, description=_END)
    trading_days: int | None = Field(None, ge=3, le=20000, description=_DAYS.format(n=252))


class BetaResult(ToolResult):
    ticker: str
    benchmark: str
    start_date: dt.date
    end_date: dt.date
    correlation: float = Field(description="Pearson correlation of daily returns.")
    beta: float = Field(description="cov(ticker, benchmark) / var(benchmark) of daily returns.")
    n_returns: int


class QuoteArgs(StrictArgs):
    ticker: str = Field(min_length=1, description=_TICKER)
    as_of: dt.date | None = Field(None, description="Date of the quote (YYYY-MM-DD); default: last date with data.")
    points: int = Field(30, ge=2, le=500, description="How many closes to return for a sparkline.")


class QuoteResult(ToolResult):
    ticker: str
    name: str
    as_of_date: dt.date
    last: float
    previous_close: float | None = None
    change: float | None = None
    change_pct: float | None = None
    sparkline: list[float] = Field(default_factory=list, description="The last `points` closes, oldest first.")
    sparkline_start: dt.date | None = None

