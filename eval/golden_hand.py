"""Golden questions written by hand: valuation arithmetic (stated inputs), multi-step and follow-up questions.

Numbers that need arithmetic are computed here with plain Python; price figures with golden_metrics.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from golden_common import pair
from golden_metrics import (
    annual_vol,
    daily_vol,
    day_change,
    last_n,
    max_drawdown,
    pct_return,
    pct_return_n,
    r2,
    record_close,
    streak,
    window,
)
from golden_notes import PE, UNPROFITABLE, passages, refusals, scoped

Items = list[dict[str, Any]]

PREMIUM = r2((31 / 18 - 1) * 100)  # 72.22
DISCOUNT = r2((18 / 31 - 1) * 100)  # -41.94


def valuation() -> Items:
    out: Items = []
    v = "valuation"
    out += pair(
        "g-val-01",
        v,
        "At forward P/Es of 31 and 18, what premium does the S&P 500 carry over the Russell 2000?",
        "标普500远期市盈率31倍、罗素2000为18倍，标普500相对罗素2000的估值溢价是多少？",
        PREMIUM,
        "percent",
        tool="premium",
    )
    out += pair(
        "g-val-02",
        v,
        "What forward P/E premium does the S&P 500 carry over the Russell 2000?",
        "标普500相对罗素2000的远期市盈率溢价是多少？",
        PREMIUM,
        "percent",
        tool="premium",
        sources=PE,
    )
    out += pair(
        "g-val-03",
        v,
        "On forward P/E, how big is the Russell 2000's discount to the S&P 500?",
        "按远期市盈率计算，罗素2000相对标普500折价多少？",
        DISCOUNT,
        "percent",
        tool="premium",
        sources=PE,
    )
    out += pair(
        "g-val-04",
        v,
        "What earnings yield does a P/E of 18 correspond to?",
        "18倍市盈率对应的盈利收益率是多少？",
        r2(100 / 18),
        "percent",
        tool="earnings_yield",
    )
    out += pair(
        "g-val-05",
        v,
        "What is the earnings yield of the S&P 500 at a forward P/E of 31?",
        "标普500远期市盈率为31倍时，盈利收益率是多少？",
        r2(100 / 31),
        "percent",
        tool="earnings_yield",
    )
    out += pair(
        "g-val-06",
        v,
        "What is the PEG ratio for a P/E of 18 and expected earnings growth of 20%?",
        "市盈率18倍、预期盈利增速20%，PEG是多少？",
        r2(18 / 20),
        "number",
        tool="peg",
        tolerance=0.01,
    )
    out += pair(
        "g-val-07",
        v,
        "What perpetual growth rate does a forward P/E of 25 imply at an 8% required return?",
        "在8%的要求回报率下，25倍远期市盈率隐含的永续增长率是多少？",
        r2(8 - 100 / 25),
        "percent",
        tool="implied_growth",
    )
    out += pair(
        "g-val-08",
        v,
        "What is the CAGR of growing from 100 to 150 over 5 years?",
        "5年从100增长到150，年复合增长率是多少？",
        r2((1.5 ** (1 / 5) - 1) * 100),
        "percent",
        tool="cagr",
    )
    out += pair(
        "g-val-09",
        v,
        "What does an edge of 2.85% a year compound to over 10 years, in total percent?",
        "每年2.85%的超额收益，复利10年累计是多少百分比？",
        r2((1.0285**10 - 1) * 100),
        "percent",
        tool="compound",
    )
    out += pair(
        "g-val-10",
        v,
        "If something grows 3% a year for 10 years, what is the total change in percent?",
        "每年增长3%，持续10年，累计增长百分之多少？",
        r2((1.03**10 - 1) * 100),
        "percent",
        tool="compound",
    )
    out += pair(
        "g-val-11",
        v,
        "Calculate (2692.23 / 2496.72 - 1) * 100.",
        "计算 (2692.23 / 2496.72 - 1) * 100。",
        r2((2692.23 / 2496.72 - 1) * 100),
        "number",
        tool="calculate",
        tolerance=0.01,
    )
    out += pair(
        "g-val-12",
        v,
        "What is 31 / 18?",
        "31 / 18 等于多少？",
        r2(31 / 18),
        "number",
        tool="calculate",
        tolerance=0.01,
    )
    out += pair(
        "g-val-13",
        v,
        "With next year's dividend of 2.00, a required return of 8% and growth of 3%, what is "
        "the Gordon growth fair value?",
        "下一年股息2.00、要求回报率8%、增长率3%，戈登增长模型的合理价值是多少？",
        r2(2.00 / (0.08 - 0.03)),
        "number",
        tool="gordon_fair_value",
        tolerance=0.01,
    )
    return out


def multi_step(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    m = "multi-step"
    rut, spx = c["^RUT"], c["^GSPC"]
    out += pair(
        "g-multi-01",
        m,
        "How much did the Russell 2000 rise from 2025-12-01 to 2026-01-16, and what forward P/E "
        "premium does the S&P 500 carry over it?",
        "罗素2000从2025年12月1日到2026年1月16日涨了多少？标普500相对它的远期市盈率溢价是多少？",
        [r2(pct_return(rut, "2025-12-01", "2026-01-16")), PREMIUM],
        "percent",
        tool="price_return",
        sources=PE,
    )
    out += pair(
        "g-multi-02",
        m,
        "What was the Russell 2000's return over the last 11 trading days, and for how many "
        "consecutive days has it beaten the S&P 500?",
        "罗素2000最近11个交易日涨了多少？已经连续多少天跑赢标普500？",
        [r2(pct_return_n(rut, 11)), streak(rut, spx)],
        "percent",
        tool="relative_performance",
    )
    out += pair(
        "g-multi-03",
        m,
        "What has the Russell 2000's daily volatility been since 2025-12-01, and what is its record close?",
        "罗素2000自2025年12月1日以来的日波动率是多少？历史最高收盘点位是多少？",
        [r2(daily_vol(window(rut, "2025-12-01", None))), r2(record_close(rut)[0])],
        "percent",
        tool="volatility",
    )
    out += pair(
        "g-multi-04",
        m,
        "What was the S&P 500's return over the last 20 trading days, and what earnings yield "
        "does its forward P/E of 31 imply?",
        "标普500最近20个交易日的涨幅是多少？31倍远期市盈率对应的盈利收益率是多少？",
        [r2(pct_return_n(spx, 20)), r2(100 / 31)],
        "percent",
        tool="price_return",
    )
    out += pair(
        "g-multi-05",
        m,
        "What premium does the S&P 500 carry over the Russell 2000 on forward P/E, and what "
        "share of Russell 2000 members are unprofitable?",
        "标普500相对罗素2000的远期市盈率溢价是多少？罗素2000中亏损公司占比多少？",
        [PREMIUM, 40],
        "percent",
        tool="premium",
        sources=UNPROFITABLE,
    )
    q = c["QQQ"]
    out += pair(
        "g-multi-06",
        m,
        "What were QQQ's return and its maximum drawdown from 2025-01-02 to 2025-06-30?",
        "2025年1月2日至2025年6月30日，QQQ的涨幅和最大回撤分别是多少？",
        [
            r2(pct_return(q, "2025-01-02", "2025-06-30")),
            r2(max_drawdown(window(q, "2025-01-02", "2025-06-30"))),
        ],
        "percent",
        tool="price_return",
    )
    return out


def follow_ups(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    f = "follow-up"
    rut = c["^RUT"]
    out += pair(
        "g-fu-01",
        f,
        "And what was its maximum drawdown over the same period?",
        "那同期的最大回撤是多少？",
        r2(max_drawdown(window(rut, "2025-12-01", "2026-01-16"))),
        "percent",
        tool="max_drawdown",
        history=(
            ["How much did the Russell 2000 gain from 2025-12-01 to 2026-01-16?"],
            ["罗素2000从2025年12月1日到2026年1月16日涨了多少？"],
        ),
    )
    out += pair(
        "g-fu-02",
        f,
        "What is its record close as of that day?",
        "截至当天它的历史最高收盘是多少？",
        r2(record_close(c["^GSPC"], "2026-01-16")[0]),
        "number",
        tool="record_high",
        history=(["What did the S&P 500 close at on 2026-01-16?"], ["标普500在2026年1月16日收于多少点？"]),
    )
    out += pair(
        "g-fu-03",
        f,
        "And its annualised volatility over the last 20 trading days?",
        "那它最近20个交易日的年化波动率呢？",
        r2(annual_vol(last_n(c["QQQ"], 20))),
        "percent",
        tool="volatility",
        history=(["How much did QQQ rise over the last 20 trading days?"], ["QQQ最近20个交易日涨了多少？"]),
    )
    ex = r2(pct_return(c["IWM"], "2025-12-01") - pct_return(c["SPY"], "2025-12-01"))
    out += pair(
        "g-fu-04",
        f,
        "By how many percentage points did it beat SPY over that period?",
        "同期它跑赢SPY多少个百分点？",
        ex,
        "percent",
        tool="relative_performance",
        history=(["What was IWM's return since 2025-12-01?"], ["IWM自2025年12月1日以来的涨幅是多少？"]),
    )
    out += pair(
        "g-fu-05",
        f,
        "How much did it change that day?",
        "它当天涨跌幅是多少？",
        r2(day_change(c["XLK"], "2026-01-16")),
        "percent",
        tool="quote",
        history=(["What did XLK close at on 2026-01-16?"], ["XLK在2026年1月16日的收盘价是多少？"]),
    )
    out += pair(
        "g-fu-06",
        f,
        "And the S&P 500?",
        "那标普500呢？",
        31,
        "number",
        sources=PE,
        history=(["What forward P/E does the Russell 2000 trade at?"], ["罗素2000的远期市盈率是多少？"]),
    )
    return out


def all_items(c: dict[str, pd.Series]) -> Items:
    return valuation() + passages() + multi_step(c) + follow_ups(c) + scoped(c) + refusals()
