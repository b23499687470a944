"""Golden questions over the demo prices: every market tool, answers computed by golden_metrics (pandas)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from golden_common import pair
from golden_metrics import (
    annual_vol,
    daily_vol,
    days_outperformed,
    days_outperformed_n,
    last_n,
    max_drawdown,
    pct_return,
    pct_return_n,
    r2,
    streak,
    window,
)

Items = list[dict[str, Any]]
NAMES = {
    "^RUT": ("the Russell 2000", "罗素2000"),
    "^GSPC": ("the S&P 500", "标普500"),
    "IWM": ("IWM", "IWM"),
    "SPY": ("SPY", "SPY"),
    "QQQ": ("QQQ", "纳斯达克100 ETF（QQQ）"),
    "IJS": ("IJS", "小盘价值ETF IJS"),
    "XLK": ("XLK", "科技板块ETF XLK"),
    "XLE": ("XLE", "能源板块ETF XLE"),
    "XLF": ("XLF", "金融板块ETF XLF"),
    "XLU": ("XLU", "公用事业板块ETF XLU"),
}


def _zh_date(d: str) -> str:
    y, m, day = d.split("-")
    return f"{int(y)}年{int(m)}月{int(day)}日"


def returns(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    dated = [  # (symbol, start, end, English phrasing, Chinese phrasing)
        (
            "^RUT",
            "2025-12-01",
            "2026-01-16",
            "How much did {n} gain from {a} to {b}?",
            "{n}从{za}到{zb}涨了多少？",
        ),
        (
            "^GSPC",
            "2025-06-02",
            "2025-12-31",
            "What was {n}'s price return from {a} to {b}?",
            "{n}在{za}至{zb}期间的涨跌幅是多少？",
        ),
        (
            "QQQ",
            "2024-12-31",
            "2025-12-31",
            "What was {n}'s change between the closes of {a} and {b}?",
            "{n}从{za}收盘到{zb}收盘的涨幅是多少？",
        ),
        (
            "IJS",
            "2025-03-03",
            "2025-09-30",
            "By what percentage did {n} move from {a} to {b}?",
            "{n}从{a}到{b}的累计涨跌幅？",
        ),
        (
            "XLE",
            "2025-01-02",
            "2025-06-30",
            "How did {n} perform from {a} to {b}, in percent?",
            "{za}到{zb}，{n}的表现如何（百分比）？",
        ),
        (
            "^GSPC",
            "2025-04-01",
            "2025-04-30",
            "What was the return of {n} from {a} to {b}?",
            "{za}至{zb}，{n}的收益率是多少？",
        ),
        (
            "IWM",
            "2024-06-03",
            "2024-12-31",
            "How much did {n} return from {a} to {b}?",
            "{n}在{za}到{zb}之间回报多少？",
        ),
        (
            "^RUT",
            "2024-01-02",
            "2026-01-16",
            "What was {n}'s total price change from {a} to {b}?",
            "从{za}到{zb}，{n}累计涨跌幅是多少？",
        ),
        (
            "SPY",
            "2025-08-01",
            "2025-11-28",
            "What return did {n} deliver from {a} to {b}?",
            "{n}在{a}至{b}期间的回报率？",
        ),
    ]
    for i, (sym, a, b, en, zh) in enumerate(dated, 1):
        n_en, n_zh = NAMES[sym]
        v = r2(pct_return(c[sym], a, b))
        out += pair(
            f"g-ret-d{i:02d}",
            "return",
            en.format(n=n_en, a=a, b=b),
            zh.format(n=n_zh, a=a, b=b, za=_zh_date(a), zb=_zh_date(b)),
            v,
            "percent",
            tool="price_return",
            meta={"start": a, "end": b, "symbol": sym},
        )
    since = [
        ("^RUT", "2025-12-01", "How much has {n} risen since {a}?", "{n}自{za}以来涨了多少？"),
        ("XLK", "2025-10-01", "What is {n}'s return since {a}?", "{n}自{a}以来的涨跌幅是多少？"),
    ]
    for i, (sym, a, en, zh) in enumerate(since, 1):
        n_en, n_zh = NAMES[sym]
        v = r2(pct_return(c[sym], a))
        out += pair(
            f"g-ret-s{i:02d}",
            "return",
            en.format(n=n_en, a=a),
            zh.format(n=n_zh, a=a, za=_zh_date(a)),
            v,
            "percent",
            tool="price_return",
            meta={"start": a, "end": "last"},
        )
    last = [
        (
            "IWM",
            20,
            "What was {n}'s return over the last 20 trading days?",
            "{n}最近20个交易日涨跌幅是多少？",
        ),
        (
            "SPY",
            11,
            "How much did {n} change over the past 11 trading days?",
            "{n}过去11个交易日的涨幅是多少？",
        ),
        ("^GSPC", 60, "What is {n}'s return over the last 60 trading days?", "{n}近60个交易日的收益率？"),
        ("QQQ", 5, "How much did {n} move over the last 5 trading days?", "{n}最近5个交易日涨了多少？"),
    ]
    for i, (sym, n, en, zh) in enumerate(last, 1):
        n_en, n_zh = NAMES[sym]
        v = r2(pct_return_n(c[sym], n))
        out += pair(
            f"g-ret-n{i:02d}",
            "return",
            en.format(n=n_en),
            zh.format(n=n_zh),
            v,
            "percent",
            tool="price_return",
            meta={"trading_days": n},
        )
    ytd = r2(pct_return(c["^RUT"], "2025-12-31"))
    out += pair(
        "g-ret-ytd",
        "return",
        "What is the Russell 2000's year-to-date return?",
        "罗素2000年初至今涨了多少？",
        ytd,
        "percent",
        tool="price_return",
        meta={"start": "2025-12-31 (last close of 2025)"},
    )
    weekend = r2(pct_return(c["^RUT"], "2025-11-01", "2026-01-16"))  # Saturday: the base is Friday's close
    out += pair(
        "g-ret-wkd",
        "return",
        "How much did the Russell 2000 rise from 2025-11-01 to 2026-01-16?",
        "罗素2000从2025年11月1日到2026年1月16日涨了多少？",
        weekend,
        "percent",
        tool="price_return",
        meta={"note": "2025-11-01 is a Saturday; base is the close of 2025-10-31"},
    )
    return [_fix_case(x) for x in out]


def _fix_case(item: dict[str, Any]) -> dict[str, Any]:
    q = item["question"]
    item["question"] = q[0].upper() + q[1:] if item["lang"] == "en" else q
    return item


def volatility(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    specs = [  # (symbol, start, end or None, trading days or None, annualised?)
        ("^RUT", "2025-12-01", "2026-01-16", None, False),
        ("QQQ", "2025-01-02", "2025-12-31", None, False),
        ("^GSPC", "2024-01-02", "2024-12-31", None, True),
        ("IJS", "2025-06-02", "2025-12-31", None, True),
        ("XLU", "2025-07-01", None, None, False),
        ("IWM", None, None, 20, True),
        ("XLF", None, None, 30, False),
        ("^GSPC", None, None, 63, True),
    ]
    for i, (sym, a, b, n, annual) in enumerate(specs, 1):
        n_en, n_zh = NAMES[sym]
        w = last_n(c[sym], n) if n else window(c[sym], a, b)
        v = r2(annual_vol(w) if annual else daily_vol(w))
        kind_en = (
            "annualised volatility" if annual else "daily volatility (standard deviation of daily returns)"
        )
        kind_zh = "年化波动率" if annual else "日收益率标准差（日波动率）"
        if n:
            en, zh = (
                f"What was {n_en}'s {kind_en} over the last {n} trading days?",
                f"{n_zh}最近{n}个交易日的{kind_zh}是多少？",
            )
        elif b:
            en, zh = (
                f"What was {n_en}'s {kind_en} from {a} to {b}?",
                f"{n_zh}在{_zh_date(a)}至{_zh_date(b)}期间的{kind_zh}是多少？",
            )
        else:
            en, zh = (
                f"What has {n_en}'s {kind_en} been since {a}?",
                f"{n_zh}自{_zh_date(a)}以来的{kind_zh}是多少？",
            )
        out += pair(
            f"g-vol-{i:02d}",
            "volatility",
            _cap(en),
            zh,
            v,
            "percent",
            tool="volatility",
            meta={"start": a, "end": b, "trading_days": n, "annualised": annual},
        )
    return out


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def drawdown(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    specs = [
        ("^RUT", "2025-01-02", "2025-12-31", None),
        ("^GSPC", "2024-01-02", "2024-12-31", None),
        ("QQQ", "2025-01-02", "2025-06-30", None),
        ("IWM", None, None, 252),
        ("XLK", "2025-07-01", None, None),
        ("IJS", "2024-01-02", "2026-01-16", None),
        ("XLE", "2025-01-02", "2025-12-31", None),
        ("SPY", "2025-10-01", "2026-01-16", None),
    ]
    for i, (sym, a, b, n) in enumerate(specs, 1):
        n_en, n_zh = NAMES[sym]
        w = last_n(c[sym], n) if n else window(c[sym], a, b)
        v = r2(max_drawdown(w))
        if n:
            en, zh = (
                f"What was {n_en}'s maximum drawdown over the last {n} trading days?",
                f"{n_zh}过去{n}个交易日的最大回撤是多少？",
            )
        elif b:
            en, zh = (
                f"What was the largest peak-to-trough decline of {n_en} between {a} and {b}?",
                f"{_zh_date(a)}至{_zh_date(b)}，{n_zh}的最大回撤是多少？",
            )
        else:
            en, zh = f"What is {n_en}'s max drawdown since {a}?", f"{n_zh}自{_zh_date(a)}以来最大回撤多少？"
        out += pair(
            f"g-dd-{i:02d}",
            "drawdown",
            _cap(en),
            zh,
            v,
            "percent",
            tool="max_drawdown",
            meta={"start": a, "end": b, "trading_days": n},
        )
    return out


def relative(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    rut, spx = c["^RUT"], c["^GSPC"]
    ex = r2(pct_return(rut, "2025-12-01", "2026-01-16") - pct_return(spx, "2025-12-01", "2026-01-16"))
    out += pair(
        "g-rel-01",
        "relative",
        "By how many percentage points did the Russell 2000 outperform the S&P 500 from 2025-12-01 to "
        "2026-01-16?",
        "2025年12月1日至2026年1月16日，罗素2000跑赢标普500多少个百分点？",
        ex,
        "percent",
        tool="relative_performance",
    )
    out += pair(
        "g-rel-02",
        "relative",
        "As of 2026-01-16, how many consecutive trading days had the Russell 2000 beaten the S&P 500?",
        "截至2026年1月16日，罗素2000已连续多少个交易日跑赢标普500？",
        streak(rut, spx),
        "number",
        tool="relative_performance",
    )
    out += pair(
        "g-rel-03",
        "relative",
        "How many days in a row has IWM outperformed SPY?",
        "IWM已经连续几个交易日跑赢SPY？",
        streak(c["IWM"], c["SPY"]),
        "number",
        tool="relative_performance",
    )
    out += pair(
        "g-rel-04",
        "relative",
        "On how many of the last 20 trading days did the Russell 2000 outperform the S&P 500?",
        "最近20个交易日里，罗素2000有几天跑赢标普500？",
        days_outperformed_n(rut, spx, 20),
        "number",
        tool="relative_performance",
    )
    for i, (a, b, start, end, n) in enumerate(
        [
            ("QQQ", "SPY", None, None, 40),
            ("IJS", "IWM", "2025-06-02", "2025-12-31", None),
            ("XLK", "SPY", "2024-12-31", "2025-12-31", None),
            ("SPY", "QQQ", None, None, 20),
        ],
        5,
    ):
        if n:
            v = r2(pct_return_n(c[a], n) - pct_return_n(c[b], n))
            en = (
                f"What was {NAMES[a][0]}'s excess return over {NAMES[b][0]} in the last {n} trading days, "
                "in percentage points?"
            )
            zh = f"最近{n}个交易日，{NAMES[a][1]}相对{NAMES[b][1]}的超额收益是多少个百分点？"
        else:
            v = r2(pct_return(c[a], start, end) - pct_return(c[b], start, end))
            en = (
                f"How did {NAMES[a][0]} do relative to {NAMES[b][0]} from {start} to {end} "
                "(excess return in points)?"
            )
            zh = (
                f"{_zh_date(start)}至{_zh_date(end)}，{NAMES[a][1]}相对{NAMES[b][1]}"
                "的超额收益是多少个百分点？"
            )
        out += pair(f"g-rel-{i:02d}", "relative", en, zh, v, "percent", tool="relative_performance")
    won = days_outperformed(rut, spx, "2025-12-01", "2026-01-16")
    out += pair(
        "g-rel-09",
        "relative",
        "From 2025-12-01 to 2026-01-16, on how many trading days did the Russell 2000 beat the S&P 500?",
        "2025年12月1日到2026年1月16日，罗素2000有多少个交易日跑赢标普500？",
        won,
        "number",
        tool="relative_performance",
    )
    as_of = _streak_date(rut, spx)
    out += pair(
        "g-rel-10",
        "relative",
        f"As of {as_of}, how many consecutive days had the Russell 2000 outperformed the S&P 500?",
        f"截至{_zh_date(as_of)}，罗素2000连续跑赢标普500多少个交易日？",
        streak(rut, spx, as_of),
        "number",
        tool="relative_performance",
        meta={"as_of": as_of},
    )
    return out


def _streak_date(a: pd.Series, b: pd.Series) -> str:
    """The last day in 2025-10/11 ending a streak of at least 3 (a question with a non-trivial answer)."""
    for d in reversed(a.loc["2025-10-01":"2025-11-28"].index):
        if streak(a, b, d) >= 3:
            return d.date().isoformat()
    return "2025-11-28"


def all_items(c: dict[str, pd.Series]) -> Items:
    from golden_levels import beta, quotes, record, sectors

    return (
        returns(c) + volatility(c) + drawdown(c) + relative(c) + record(c) + sectors(c) + beta(c) + quotes(c)
    )
