"""Golden questions over the demo prices: record highs, sector moves, beta/correlation and quotes."""

from __future__ import annotations

from typing import Any

import pandas as pd
from golden_common import SECTOR_ZH, SECTORS, pair
from golden_demo import NAMES, _zh_date
from golden_metrics import at_or_before, below_record, beta_corr, close_on, day_change, r2, record_close

Items = list[dict[str, Any]]


def record(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    high, _ = record_close(c["^RUT"], "2026-01-16")
    out += pair(
        "g-rec-01",
        "record",
        "What was the Russell 2000's record closing high as of 2026-01-16?",
        "截至2026年1月16日，罗素2000的历史最高收盘点位是多少？",
        r2(high),
        "number",
        tool="record_high",
    )
    prev, _ = record_close(c["^RUT"].loc[: pd.Timestamp("2026-01-15")])
    out += pair(
        "g-rec-02",
        "record",
        "Before 2026-01-16, what was the Russell 2000's highest close?",
        "2026年1月16日之前，罗素2000的最高收盘点位是多少？",
        r2(prev),
        "number",
        tool="record_high",
    )
    spx_high, spx_day = record_close(c["^GSPC"])
    day = spx_day.date().isoformat()
    out += pair(
        "g-rec-03",
        "record",
        "What is the S&P 500's all-time high close in the data?",
        "标普500在数据中的历史最高收盘价是多少？",
        r2(spx_high),
        "number",
        tool="record_high",
    )
    out += pair(
        "g-rec-04",
        "record",
        "On which date did the S&P 500 set its highest close?",
        "标普500的历史最高收盘出现在哪一天？",
        [day, _long_date(day)],
        "text",
        answer_zh=[day, _zh_date(day)],
        tool="record_high",
    )
    for i, (sym, as_of) in enumerate(
        [("QQQ", "2026-01-16"), ("^GSPC", "2025-04-30"), ("IWM", "2025-06-30")], 5
    ):
        v = r2(below_record(c[sym], as_of))
        out += pair(
            f"g-rec-{i:02d}",
            "record",
            f"How far below its record close was {NAMES[sym][0]} on {as_of}, in percent?",
            f"{_zh_date(as_of)}，{NAMES[sym][1]}距离历史最高收盘还差百分之几？",
            v,
            "percent",
            tool="record_high",
            meta={"as_of": as_of},
        )
    xlk_high, _ = record_close(c["XLK"], "2025-12-31")
    out += pair(
        "g-rec-08",
        "record",
        "What was XLK's highest close as of 2025-12-31?",
        "截至2025年12月31日，科技板块ETF XLK的最高收盘价是多少？",
        r2(xlk_high),
        "number",
        tool="record_high",
    )
    return out


def _long_date(iso: str) -> str:
    d = pd.Timestamp(iso)
    return f"{d:%B} {d.day}, {d.year}"


def sectors(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    syms = list(SECTORS)

    def ranked(day: str) -> list[tuple[str, float]]:
        return sorted(((s, day_change(c[s], day)) for s in syms), key=lambda kv: kv[1], reverse=True)

    for i, (day, which) in enumerate(
        [("2026-01-16", 0), ("2026-01-16", -1), ("2025-12-31", 0), ("2025-10-10", -1)], 1
    ):
        sym = ranked(day)[which][0]
        en_word, zh_word = ("led", "领涨") if which == 0 else ("was the weakest", "表现最差")
        en = f"Which sector {en_word} on {day}?"
        zh = f"{_zh_date(day)}哪个板块{zh_word}？"
        out += pair(
            f"g-sec-{i:02d}",
            "sector",
            en,
            zh,
            SECTORS[sym][0],
            "text",
            answer_zh=SECTORS[sym][1],
            tool="sector_moves",
            meta={"date": day, "symbol": sym},
        )
    for i, (sym, day) in enumerate(
        [("XLF", "2026-01-16"), ("XLE", "2026-01-16"), ("XLK", "2025-11-20"), ("XLU", "2026-01-16")], 5
    ):
        v = r2(day_change(c[sym], day))
        en_name = SECTORS[sym][0][0]
        out += pair(
            f"g-sec-{i:02d}",
            "sector",
            f"How much did the {en_name} sector ({sym}) move on {day}?",
            f"{_zh_date(day)}{SECTOR_ZH[sym]}板块（{sym}）涨跌幅是多少？",
            v,
            "percent",
            tool="sector_moves",
            meta={"date": day},
        )
    return out


def beta(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    specs = [
        ("IWM", "SPY", None, None, 252, "beta"),
        ("QQQ", "SPY", "2025-01-02", "2025-12-31", None, "corr"),
        ("^RUT", "^GSPC", "2025-01-02", "2025-12-31", None, "beta"),
        ("XLK", "QQQ", None, None, 60, "corr"),
        ("IJS", "IWM", None, None, 120, "beta"),
        ("XLU", "SPY", "2025-01-02", "2025-12-31", None, "beta"),
    ]
    for i, (a, b, start, end, n, what) in enumerate(specs, 1):
        bt, corr = beta_corr(c[a], c[b], start, end, n)
        v = r2(bt if what == "beta" else corr)
        word_en, word_zh = (
            ("beta", "贝塔") if what == "beta" else ("correlation of daily returns", "日收益率相关系数")
        )
        span_en = f"over the last {n} trading days" if n else f"from {start} to {end}"
        span_zh = f"最近{n}个交易日" if n else f"{_zh_date(start)}至{_zh_date(end)}"
        out += pair(
            f"g-beta-{i:02d}",
            "beta",
            f"What was {NAMES.get(a, (a,))[0]}'s {word_en} against {NAMES.get(b, (b,))[0]} {span_en}?",
            f"{span_zh}，{NAMES.get(a, (a, a))[1]}相对{NAMES.get(b, (b, b))[1]}的{word_zh}是多少？",
            v,
            "number",
            tool="correlation_beta",
            tolerance=0.01,
            meta={"metric": what},
        )
    return out


def quotes(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    for i, (sym, day) in enumerate(
        [
            ("^RUT", "2026-01-16"),
            ("^GSPC", "2026-01-16"),
            ("IWM", "2025-12-31"),
            ("IJS", "2025-06-30"),
            ("XLK", "2026-01-15"),
            ("^GSPC", "2025-11-28"),
        ],
        1,
    ):
        v = r2(close_on(c[sym], day))
        out += pair(
            f"g-quote-{i:02d}",
            "quote",
            f"What did {NAMES[sym][0]} close at on {day}?",
            f"{NAMES[sym][1]}在{_zh_date(day)}的收盘价是多少？",
            v,
            "number",
            tool="quote",
            tolerance=0.01,
        )
    last = r2(day_change(c["QQQ"], "2026-01-16"))
    out += pair(
        "g-quote-07",
        "quote",
        "How much did QQQ change on its last trading day, in percent?",
        "纳斯达克100 ETF（QQQ）最近一个交易日涨跌幅是多少？",
        last,
        "percent",
        tool="quote",
    )
    sat = r2(close_on(c["SPY"], "2026-01-17"))
    out += pair(
        "g-quote-08",
        "quote",
        "What was SPY's closing price on 2026-01-17?",
        "SPY在2026年1月17日的收盘价是多少？",
        sat,
        "number",
        tool="quote",
        tolerance=0.01,
        meta={"note": "2026-01-17 is a Saturday: the close of Friday 2026-01-16 answers it"},
    )
    assert at_or_before(c["SPY"], "2026-01-17").date().isoformat() == "2026-01-16"
    return out
