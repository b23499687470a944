"""RulePlanner: tickers, dates, windows and metric words in both languages become the right tool calls."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.config import Settings
from assistant.data.demo import build_demo_prices
from assistant.data.store import PriceStore
from assistant.language import detect_language
from assistant.models import Question, Scope
from assistant.plan.dates import find_dates, find_window
from assistant.plan.rules import RulePlanner
from tools.base import ToolContext


@pytest.fixture(scope="module")
def ctx(tmp_path_factory) -> ToolContext:
    settings = Settings(data_dir=tmp_path_factory.mktemp("plan"), embedder="hash")
    build_demo_prices(PriceStore(settings.prices_dir))
    return ToolContext(settings)


def _plan(ctx, text, **kw):
    return RulePlanner().plan(Question(text=text, language=detect_language(text), **kw), ctx)


def _calls(plan):
    return {c.name: c.arguments for c in plan.calls}


def test_chinese_return_question_with_two_dates(ctx):
    calls = _calls(_plan(ctx, "罗素2000指数从2025年12月1日到2026年1月16日涨了多少?"))
    assert calls["price_return"] == {"ticker": "^RUT", "start": "2025-12-01", "end": "2026-01-16"}
    assert "search_sources" in calls


def test_trading_day_window_and_benchmark(ctx):
    calls = _calls(_plan(ctx, "罗素2000最近11个交易日跑赢标普500了吗?"))
    assert calls["relative_performance"] == {"ticker": "^RUT", "benchmark": "^GSPC", "trading_days": 11}


def test_lately_uses_a_default_window_and_says_so(ctx):
    plan = _plan(ctx, "Has the Russell 2000 outperformed the S&P 500 lately?")
    assert _calls(plan)["relative_performance"]["trading_days"] == 20
    assert any("20 trading days" in n for n in plan.notes)


def test_aliases_resolve_in_both_languages(ctx):
    for text, symbol in [("IWM volatility last month", "IWM"), ("纳斯达克的回撤", "QQQ"),
                         ("小盘价值最近表现", "IJS"), ("SPX record high", "^GSPC")]:
        assert _plan(ctx, text).tickers[0] == symbol, text


def test_sector_question_without_year_takes_the_latest(ctx):
    calls = _calls(_plan(ctx, "1月16日哪个板块涨得最好？"))
    assert calls["sector_moves"] == {"date": "2026-01-16"}
    assert "calculate" not in calls  # a date is not arithmetic


def test_month_window_counts_back_from_the_data_not_today(ctx):
    calls = _calls(_plan(ctx, "How volatile was QQQ over the past 3 months?"))
    assert calls["volatility"]["start"] == "2025-10-16"


def test_unknown_upper_case_ticker_is_an_error_but_acronyms_are_not(ctx):
    assert _plan(ctx, "What is the volatility of ZZZZ over the last month?").errors
    assert not _plan(ctx, "What does the Fed's CPI print mean for ETF flows and the P/E?").errors


def test_follow_up_keeps_subject_and_window(ctx):
    plan = RulePlanner().plan(Question(text="And its max drawdown?", language="en",
                                       history=["How did IWM do from 2025-06-02 to 2025-12-31?"]), ctx)
    assert _calls(plan)["max_drawdown"] == {"ticker": "IWM", "start": "2025-06-02", "end": "2025-12-31"}


def test_scope_ticker_and_document(ctx):
    plan = _plan(ctx, "What was the return over the last 5 trading days?",
                 scope=Scope(ticker="QQQ", doc_id="valuation-gap-en"))
    calls = _calls(plan)
    assert calls["price_return"]["ticker"] == "QQQ"
    assert calls["search_sources"]["doc_id"] == "valuation-gap-en"


def test_numbers_in_the_question_drive_compounding(ctx):
    calls = _calls(_plan(ctx, "If small caps beat large caps by 2.85% a year, what is the cumulative edge over 10 years?"))
    assert calls["compound"] == {"rate_pct": 2.85, "years": 10.0}


def test_dates_and_windows_parse():
    anchor = date(2026, 1, 16)
    assert [d.value for d in find_dates("from Dec 1, 2025 to January 16", anchor)] == [
        date(2025, 12, 1), date(2026, 1, 16)]
    assert [d.value for d in find_dates("2月3日", anchor)] == [date(2025, 2, 3)]
    assert find_window("过去三个月").n == 3 and find_window("YTD").kind == "ytd"
    assert find_window("last 11 trading days").n == 11
