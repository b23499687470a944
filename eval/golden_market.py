"""The real-data set: questions over real daily closes (../shared/data/market), answers from the raw CSVs."""

from __future__ import annotations

from typing import Any

import pandas as pd
from golden_common import pair
from golden_metrics import (
    annual_vol,
    below_record,
    beta_corr,
    close_on,
    daily_vol,
    max_drawdown,
    pct_return,
    pct_return_n,
    r2,
    record_close,
    streak,
    window,
)

Items = list[dict[str, Any]]
N = {
    "SPY": ("SPY", "SPY"),
    "QQQ": ("QQQ", "QQQ"),
    "IWM": ("IWM", "IWM"),
    "^GSPC": ("the S&P 500", "标普500"),
    "^RUT": ("the Russell 2000", "罗素2000"),
    "XLE": ("XLE", "能源ETF XLE"),
    "XLK": ("XLK", "科技ETF XLK"),
    "DIA": ("DIA", "道指ETF DIA"),
    "IJS": ("IJS", "IJS"),
    "XLF": ("XLF", "金融ETF XLF"),
    "XLU": ("XLU", "公用事业ETF XLU"),
    "XLV": ("XLV", "医疗ETF XLV"),
}


def _zh(d: str) -> str:
    y, m, day = d.split("-")
    return f"{int(y)}年{int(m)}月{int(day)}日"


def _p(key: str, cat: str, en: str, zh: str, value: Any, kind: str, tool: str, **kw: Any) -> Items:
    return pair(f"m-{key}", cat, en, zh, value, kind, tool=tool, fixture="market", **kw)


def items(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    ret = [
        (
            "SPY",
            "2007-12-31",
            "2008-12-31",
            "How much did SPY lose from {a} to {b}?",
            "{n}从{za}到{zb}跌了多少？",
        ),
        (
            "XLE",
            "2019-12-31",
            "2020-12-31",
            "What was XLE's price return from {a} to {b}?",
            "{za}至{zb}，{n}的涨跌幅是多少？",
        ),
        (
            "QQQ",
            "2000-03-10",
            "2002-10-09",
            "What was QQQ's change from {a} to {b}?",
            "{n}在{za}到{zb}期间累计涨跌幅是多少？",
        ),
        (
            "IWM",
            "2020-03-23",
            "2021-03-15",
            "How much did IWM gain from {a} to {b}?",
            "IWM从{za}到{zb}涨了多少？",
        ),
        (
            "^GSPC",
            "2009-03-09",
            "2019-12-31",
            "What was the S&P 500's return from {a} to {b}?",
            "从{za}到{zb}，标普500涨了多少？",
        ),
    ]
    for i, (s, a, b, en, zh) in enumerate(ret, 1):
        out += _p(
            f"ret-{i:02d}",
            "return",
            en.format(a=a, b=b),
            zh.format(n=N[s][1], za=_zh(a), zb=_zh(b)),
            r2(pct_return(c[s], a, b)),
            "percent",
            "price_return",
        )
    out += _p(
        "ret-06",
        "return",
        "What was the Russell 2000's return over the last 20 trading days?",
        "罗素2000最近20个交易日的涨跌幅是多少？",
        r2(pct_return_n(c["^RUT"], 20)),
        "percent",
        "price_return",
    )
    out += _p(
        "ret-07",
        "return",
        "What is SPY's year-to-date return?",
        "SPY今年以来的涨跌幅是多少？",
        r2(pct_return(c["SPY"], "2021-12-31")),
        "percent",
        "price_return",
        meta={"note": "the data ends 2022-11-18, so year-to-date is 2022 from the 2021-12-31 close"},
    )
    dd = [
        ("^GSPC", "2007-01-03", "2009-12-31"),
        ("SPY", "2020-01-02", "2020-12-31"),
        ("DIA", "2020-01-02", "2020-12-31"),
        ("XLF", "2020-01-02", "2020-12-31"),
        ("^RUT", "2022-01-03", "2022-11-18"),
    ]
    for i, (s, a, b) in enumerate(dd, 1):
        en = (
            f"What was the maximum drawdown of {N[s][0]} between {a} and {b}?"
            if i % 2
            else f"How deep was {N[s][0]}'s largest peak-to-trough fall from {a} to {b}?"
        )
        zh = f"{_zh(a)}至{_zh(b)}期间，{N[s][1]}的最大回撤是多少？"
        out += _p(
            f"dd-{i:02d}",
            "drawdown",
            en[0].upper() + en[1:],
            zh,
            r2(max_drawdown(window(c[s], a, b))),
            "percent",
            "max_drawdown",
        )
    vol = [
        ("QQQ", "2020-01-02", "2020-12-31", True),
        ("IJS", "2020-03-02", "2020-04-30", False),
        ("XLV", "2019-01-02", "2019-12-31", True),
        ("^GSPC", "2017-01-03", "2017-12-29", False),
    ]
    for i, (s, a, b, annual) in enumerate(vol, 1):
        w = window(c[s], a, b)
        v = r2(annual_vol(w) if annual else daily_vol(w))
        word_en = "annualised volatility" if annual else "daily volatility"
        word_zh = "年化波动率" if annual else "日波动率"
        out += _p(
            f"vol-{i:02d}",
            "volatility",
            f"What was {N[s][0]}'s {word_en} from {a} to {b}?",
            f"{N[s][1]}在{_zh(a)}至{_zh(b)}期间的{word_zh}是多少？",
            v,
            "percent",
            "volatility",
        )
    rel = [
        ("IWM", "SPY", "2020-12-31", "2021-12-31"),
        ("XLK", "SPY", "2018-12-31", "2019-12-31"),
        ("QQQ", "SPY", "2021-12-31", "2022-11-18"),
    ]
    for i, (a, b, s, e) in enumerate(rel, 1):
        v = r2(pct_return(c[a], s, e) - pct_return(c[b], s, e))
        out += _p(
            f"rel-{i:02d}",
            "relative",
            f"By how many percentage points did {N[a][0]} beat or trail {N[b][0]} from {s} to {e}?",
            f"{_zh(s)}至{_zh(e)}，{N[a][1]}相对{N[b][1]}跑赢或跑输了多少个百分点？",
            v,
            "percent",
            "relative_performance",
        )
    as_of = next(
        d.date().isoformat()
        for d in reversed(c["QQQ"].loc["2022-09-01":"2022-11-18"].index)
        if streak(c["QQQ"], c["SPY"], d) >= 2
    )  # a date whose answer is not zero
    out += _p(
        "rel-04",
        "relative",
        f"As of {as_of}, how many consecutive days had QQQ outperformed SPY?",
        f"截至{_zh(as_of)}，QQQ已连续几个交易日跑赢SPY？",
        streak(c["QQQ"], c["SPY"], as_of),
        "number",
        "relative_performance",
        meta={"as_of": as_of},
    )
    high, day = record_close(c["^RUT"], "2021-12-31")
    out += _p(
        "rec-01",
        "record",
        "What was the Russell 2000's record close as of 2021-12-31?",
        "截至2021年12月31日，罗素2000的历史最高收盘点位是多少？",
        r2(high),
        "number",
        "record_high",
        tolerance=0.01,
    )
    iso = day.date().isoformat()
    out += _p(
        "rec-02",
        "record",
        "On what date did the Russell 2000 set that record close (as of 2021-12-31)?",
        "截至2021年12月31日，罗素2000的最高收盘出现在哪一天？",
        [iso, f"{day:%B} {day.day}, {day.year}"],
        "text",
        "record_high",
        answer_zh=[iso, _zh(iso)],
    )
    gh, _ = record_close(c["^GSPC"], "2022-11-18")
    out += _p(
        "rec-03",
        "record",
        "What is the S&P 500's highest close in the data up to 2022-11-18?",
        "截至2022年11月18日，标普500的最高收盘点位是多少？",
        r2(gh),
        "number",
        "record_high",
        tolerance=0.01,
    )
    out += _p(
        "rec-04",
        "record",
        "How far below its record close was the S&P 500 on 2022-10-12?",
        "2022年10月12日，标普500距历史最高收盘还差百分之几？",
        r2(below_record(c["^GSPC"], "2022-10-12")),
        "percent",
        "record_high",
    )
    bt, _ = beta_corr(c["XLU"], c["SPY"], "2019-01-02", "2019-12-31")
    out += _p(
        "beta-01",
        "beta",
        "What was XLU's beta to SPY from 2019-01-02 to 2019-12-31?",
        "2019年1月2日至2019年12月31日，XLU相对SPY的贝塔是多少？",
        r2(bt),
        "number",
        "correlation_beta",
        tolerance=0.01,
    )
    out += _p(
        "quote-01",
        "quote",
        "What did the S&P 500 close at on 2020-03-23?",
        "标普500在2020年3月23日收于多少点？",
        r2(close_on(c["^GSPC"], "2020-03-23")),
        "number",
        "quote",
        tolerance=0.01,
    )
    return out
