"""Market tools on the real historical CSVs, checked against values computed here from the raw files."""

from __future__ import annotations

import csv
import math
import os
import statistics
import time
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from tools import market
from tools.base import ToolContext, ToolError
from tools.registry import _make

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SECTORS9 = "XLB XLE XLF XLI XLK XLP XLU XLV XLY".split()


@pytest.fixture(scope="module")
def market_dir() -> Path:
    path = SHARED_DATA / "market"
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared market data missing at {path} (required when CI=true)")
        pytest.skip(f"shared market data not found at {path}; clone it beside the repo to run these tests")
    return path


def _ctx(tmp: Path, files: list[Path]) -> ToolContext:
    ctx = ToolContext(settings=Settings(data_dir=tmp))
    for f in files:
        ctx.prices.import_file(f)
    return ctx


@pytest.fixture(scope="module")
def xj(market_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> ToolContext:
    """xjcarter daily files, 2000-2022: IWM, QQQ, SPY, ^GSPC, ^RUT."""
    return _ctx(tmp_path_factory.mktemp("xj"), sorted(market_dir.glob("xjcarter_[!u]*.csv")))


@pytest.fixture(scope="module")
def po(market_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> ToolContext:
    """PortOpt daily files, 2016-2021: nine sector ETFs and SPY."""
    files = [market_dir / f"portopt_{t}.csv" for t in [*SECTORS9, "SPY"]]
    return _ctx(tmp_path_factory.mktemp("po"), files)


def raw(market_dir: Path, name: str) -> dict[str, float]:
    """Date (YYYY-MM-DD) -> Close, read with the csv module, in file order."""
    with (market_dir / name).open(newline="") as fh:
        return {row["Date"][:10]: float(row["Close"]) for row in csv.DictReader(fh)}


def between(closes: dict[str, float], start: str, end: str) -> list[tuple[str, float]]:
    return sorted((d, c) for d, c in closes.items() if start <= d <= end)


# ---------------------------------------------------------------- values vs the raw files


def test_price_return_iwm(xj: ToolContext, market_dir: Path) -> None:
    iwm = raw(market_dir, "xjcarter_IWM.csv")
    r = market.price_return(market.PriceReturnArgs(ticker="iwm", start=date(2020, 3, 23), end=date(2021, 3, 12)), xj)
    expected = (iwm["2021-03-12"] / iwm["2020-03-23"] - 1) * 100
    assert r.return_pct == pytest.approx(expected, abs=1e-9)
    assert (r.start_close, r.end_close) == (iwm["2020-03-23"], iwm["2021-03-12"])
    assert r.trading_days == len(between(iwm, "2020-03-23", "2021-03-12")) - 1
    assert f"{expected:.2f} %" in r.summary and r.computation.endswith(f"= {expected:.2f} %")
    assert r.provenance and r.provenance.source.endswith("xjcarter_IWM.csv") and not r.provenance.demo
    assert round(expected, 2) in [round(x, 2) for x in r.numbers()]


def test_price_return_by_trading_days_and_weekend_start(xj: ToolContext, market_dir: Path) -> None:
    iwm = sorted(raw(market_dir, "xjcarter_IWM.csv").items())
    r = market.price_return(market.PriceReturnArgs(ticker="IWM", trading_days=10), xj)
    assert r.start_date.isoformat() == iwm[-11][0] and r.end_date.isoformat() == iwm[-1][0]
    weekend = market.price_return(market.PriceReturnArgs(ticker="IWM", start=date(2020, 3, 21),
                                                         end=date(2020, 3, 27)), xj)
    assert weekend.start_date == date(2020, 3, 20)  # "since Saturday" is since Friday's close
    assert "2020-03-21 is not a trading day for IWM" in weekend.notes[0]


def test_max_drawdown_spy_2020_h1(xj: ToolContext, market_dir: Path) -> None:
    rows = between(raw(market_dir, "xjcarter_SPY.csv"), "2020-01-01", "2020-06-30")
    peak, worst = rows[0], (0.0, None, None)
    for d, c in rows:
        if c > peak[1]:
            peak = (d, c)
        dd = c / peak[1] - 1
        if dd < worst[0]:
            worst = (dd, peak, (d, c))
    r = market.max_drawdown(market.DrawdownArgs(ticker="SPY", start=date(2020, 1, 1), end=date(2020, 6, 30)), xj)
    assert r.drawdown_pct == pytest.approx(worst[0] * 100, abs=1e-9)
    assert (r.peak_date.isoformat(), r.peak_close) == worst[1]
    assert (r.trough_date.isoformat(), r.trough_close) == worst[2]
    assert r.recovered is False and r.recovery_date is None  # SPY regained its Feb high only in August
    assert r.start_date == date(2020, 1, 2) and -35 < r.drawdown_pct < -30


def test_beta_qqq_vs_spy_2019(xj: ToolContext, market_dir: Path) -> None:
    qqq = between(raw(market_dir, "xjcarter_QQQ.csv"), "2019-01-01", "2019-12-31")
    spy = between(raw(market_dir, "xjcarter_SPY.csv"), "2019-01-01", "2019-12-31")
    assert [d for d, _ in qqq] == [d for d, _ in spy]
    rq = np.diff([c for _, c in qqq]) / np.array([c for _, c in qqq][:-1])
    rs = np.diff([c for _, c in spy]) / np.array([c for _, c in spy][:-1])
    beta = np.cov(rq, rs, ddof=1)[0, 1] / np.var(rs, ddof=1)
    corr = np.corrcoef(rq, rs)[0, 1]
    r = market.correlation_beta(market.BetaArgs(ticker="QQQ", benchmark="SPY", start=date(2019, 1, 1),
                                                end=date(2019, 12, 31)), xj)
    assert r.beta == pytest.approx(beta, rel=1e-9) and r.correlation == pytest.approx(corr, rel=1e-9)
    assert r.n_returns == len(rq) == 251


def test_volatility_rut_2022_h1(xj: ToolContext, market_dir: Path) -> None:
    closes = [c for _, c in between(raw(market_dir, "xjcarter_^RUT.csv"), "2022-01-01", "2022-06-30")]
    rets = [b / a - 1 for a, b in zip(closes, closes[1:], strict=False)]
    r = market.volatility(market.VolatilityArgs(ticker="Russell 2000", start=date(2022, 1, 1),
                                                end=date(2022, 6, 30)), xj)
    assert r.daily_std_pct == pytest.approx(statistics.stdev(rets) * 100, rel=1e-9)
    assert r.annualized_pct == pytest.approx(statistics.stdev(rets) * 100 * math.sqrt(252), rel=1e-9)
    assert r.n_returns == len(rets)


def test_record_high_gspc(xj: ToolContext, market_dir: Path) -> None:
    gspc = raw(market_dir, "xjcarter_^GSPC.csv")
    upto = between(gspc, "1900-01-01", "2022-01-03")
    earlier_best = max(upto[:-1], key=lambda x: x[1])
    r = market.record_high(market.RecordArgs(ticker="标普500", as_of=date(2022, 1, 3)), xj)
    assert r.is_record == (upto[-1][1] > earlier_best[1]) is True
    assert (r.previous_high_date.isoformat(), r.previous_high_close) == earlier_best
    late = market.record_high(market.RecordArgs(ticker="^GSPC", as_of=date(2022, 11, 18)), xj)
    best = max(between(gspc, "1900-01-01", "2022-11-18"), key=lambda x: x[1])
    assert not late.is_record and (late.high_date.isoformat(), late.high_close) == best
    assert late.distance_from_high_pct == pytest.approx((gspc["2022-11-18"] / best[1] - 1) * 100, abs=1e-9)


def test_relative_performance_iwm_vs_spy(xj: ToolContext, market_dir: Path) -> None:
    iwm, spy = raw(market_dir, "xjcarter_IWM.csv"), raw(market_dir, "xjcarter_SPY.csv")
    days = sorted(set(iwm) & set(spy))
    beat = {d: iwm[d] / iwm[p] > spy[d] / spy[p] for p, d in zip(days, days[1:], strict=False)}
    streaks: dict[str, int] = {}
    run = 0
    for d in days[1:]:
        run = run + 1 if beat[d] else 0
        streaks[d] = run
    end = max((d for d in streaks if d >= "2020-01-01"), key=lambda d: (streaks[d], d))  # a long streak
    i = days.index(end)
    r = market.relative_performance(market.RelativeArgs(ticker="IWM", benchmark="SPY", end=date.fromisoformat(end),
                                                        trading_days=5), xj)
    assert r.current_streak == streaks[end] > 5  # counted past the 5-day window
    assert r.streak_start.isoformat() == days[i - streaks[end] + 1]
    assert r.days_outperformed == r.days_total == 5
    assert r.ticker_return_pct == pytest.approx((iwm[end] / iwm[days[i - 5]] - 1) * 100, abs=1e-9)
    assert r.excess_return_pct == pytest.approx(r.ticker_return_pct - r.benchmark_return_pct, abs=1e-9)
    month = market.relative_performance(market.RelativeArgs(ticker="IWM", benchmark="SPY",
                                                            end=date.fromisoformat(end), trading_days=20), xj)
    assert month.days_outperformed == sum(beat[d] for d in days[i - 19: i + 1])


def test_sector_moves_portopt(po: ToolContext, market_dir: Path) -> None:
    expected = {}
    for t in SECTORS9:
        rows = between(raw(market_dir, f"portopt_{t}.csv"), "2020-03-13", "2020-03-16")
        expected[t] = (rows[-1][1] / rows[0][1] - 1) * 100
    r = market.sector_moves(market.SectorArgs(date=date(2020, 3, 16)), po)
    assert [m.symbol for m in r.moves] == sorted(expected, key=expected.get, reverse=True)
    for m in r.moves:
        assert m.change_pct == pytest.approx(expected[m.symbol], abs=1e-9)
    assert r.best.symbol == max(expected, key=expected.get) and r.worst.symbol == min(expected, key=expected.get)
    assert any("XLRE" in n and "XLC" in n for n in r.notes)  # no data for the two newer sectors
    latest = market.sector_moves(market.SectorArgs(), po)
    assert latest.date == date(2021, 4, 27) and len(latest.moves) == 9


def test_quote(xj: ToolContext, market_dir: Path) -> None:
    spy = between(raw(market_dir, "xjcarter_SPY.csv"), "2022-01-01", "2022-11-18")
    r = market.quote(market.QuoteArgs(ticker="spy", points=5), xj)
    assert r.as_of_date == date(2022, 11, 18) and r.last == spy[-1][1] and r.previous_close == spy[-2][1]
    assert r.change_pct == pytest.approx((spy[-1][1] / spy[-2][1] - 1) * 100, abs=1e-9)
    assert r.sparkline == [c for _, c in spy[-5:]] and r.name == "SPDR S&P 500 ETF"


# ---------------------------------------------------------------- bad input


def test_unknown_ticker_lists_close_matches(xj: ToolContext) -> None:
    with pytest.raises(ToolError, match=r"unknown ticker 'IWN'; close matches: IWM.*available: .*SPY"):
        market.price_return(market.PriceReturnArgs(ticker="IWN"), xj)


def test_date_outside_the_data_gives_the_range(xj: ToolContext) -> None:
    with pytest.raises(ToolError, match=r"date 1999-01-04 is outside the data for IWM \(2000-05-26 to 2022-11-18\)"):
        market.price_return(market.PriceReturnArgs(ticker="IWM", start=date(1999, 1, 4)), xj)
    with pytest.raises(ToolError, match="2030-01-01 is outside the data for"):
        market.quote(market.QuoteArgs(ticker="IWM", as_of=date(2030, 1, 1)), xj)


def test_weekend_end_moves_to_friday_with_a_note(xj: ToolContext) -> None:
    r = market.volatility(market.VolatilityArgs(ticker="SPY", end=date(2022, 11, 19), trading_days=20), xj)
    assert r.end_date == date(2022, 11, 18)
    assert r.notes == ["2022-11-19 is not a trading day for SPY (Saturday, weekend); used 2022-11-18 "
                       "(previous trading day)"]


def test_bad_windows(xj: ToolContext) -> None:
    with pytest.raises(ToolError, match="start 2021-03-01 is after end 2021-02-01"):
        market.price_return(market.PriceReturnArgs(ticker="IWM", start=date(2021, 3, 1), end=date(2021, 2, 1)), xj)
    with pytest.raises(ToolError, match="fewer than 2 prices"):
        market.price_return(market.PriceReturnArgs(ticker="IWM", start=date(2021, 3, 1), end=date(2021, 3, 1)), xj)
    with pytest.raises(ToolError, match="only .* trading days"):
        market.price_return(market.PriceReturnArgs(ticker="IWM", trading_days=10000), xj)
    with pytest.raises(ToolError, match="both IWM"):
        market.relative_performance(market.RelativeArgs(ticker="IWM", benchmark="iwm"), xj)
    with pytest.raises(ToolError, match="no sector ETF prices are loaded"):
        market.sector_moves(market.SectorArgs(), xj)


def test_registry_runs_tools_from_json_arguments(xj: ToolContext) -> None:
    tools = {f.__name__: _make(f, "market") for f in market.TOOLS}
    assert len(tools) == 8
    for tool in tools.values():
        schema = tool.openai_schema()["function"]
        assert schema["description"].startswith(tool.description[:20]) and "Args" in tool.description
        assert schema["parameters"]["type"] == "object"
    r = tools["price_return"].run({"ticker": "RUT", "start": "2022-01-03", "end": "2022-06-30"}, xj)
    assert r.tool == "price_return" and r.ticker == "^RUT"
    with pytest.raises(ToolError, match="invalid arguments for volatility"):
        tools["volatility"].run({"ticker": "SPY", "trading_days": 1}, xj)
    with pytest.raises(ToolError, match="invalid arguments"):
        tools["quote"].run({"ticker": "SPY", "bogus": 1}, xj)


def test_repeated_calls_are_fast(xj: ToolContext) -> None:
    args = market.PriceReturnArgs(ticker="Russell 2000", trading_days=20)
    market.price_return(args, xj)
    t = time.perf_counter()
    for _ in range(100):
        market.price_return(args, xj)
    assert (time.perf_counter() - t) / 100 < 0.01  # data stays cached between questions
