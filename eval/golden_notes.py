"""Golden questions from the research notes (facts read by hand from assistant/demo/notes/*.md): passage-only,
scoped-to-article and unanswerable questions."""

from __future__ import annotations

from typing import Any

import pandas as pd
from golden_common import pair
from golden_metrics import pct_return_n, r2

Items = list[dict[str, Any]]

# Notes that state each fact (any of them is an acceptable source)
UNPROFITABLE = [
    "unprofitable-share-en",
    "rut-record-close-en",
    "rut-record-close-zh",
    "risks-small-caps-en",
    "risks-small-caps-zh",
    "size-premium-history-en",
    "size-premium-history-zh",
    "ijs-vs-iwm-en",
    "ijs-vs-iwm-zh",
    "small-cap-earnings-2026-en",
    "small-cap-earnings-2026-zh",
    "valuation-gap-en",
    "valuation-gap-zh",
    "small-cap-outlook-2026-zh",
]
FLOATING = [
    "floating-rate-debt-en",
    "floating-rate-debt-zh",
    "rut-record-close-en",
    "rut-record-close-zh",
    "risks-small-caps-en",
    "risks-small-caps-zh",
    "small-cap-earnings-2026-en",
    "small-cap-earnings-2026-zh",
    "policy-fed-fiscal-zh",
    "small-cap-outlook-2026-zh",
]
EARNINGS = [
    "small-cap-earnings-2026-en",
    "small-cap-earnings-2026-zh",
    "rut-record-close-en",
    "rut-record-close-zh",
    "risks-small-caps-en",
    "risks-small-caps-zh",
    "valuation-gap-en",
    "valuation-gap-zh",
    "small-cap-outlook-2026-zh",
    "policy-fed-fiscal-zh",
]
PE = [
    "valuation-gap-en",
    "valuation-gap-zh",
    "rut-record-close-en",
    "rut-record-close-zh",
    "small-cap-outlook-2026-zh",
]
SIZE = ["size-premium-history-en", "size-premium-history-zh", "small-cap-outlook-2026-zh"]
FEES = ["ijs-vs-iwm-en", "ijs-vs-iwm-zh"]


def passages() -> Items:
    out: Items = []
    p = "passage"
    out += pair(
        "g-pas-01",
        p,
        "What share of Russell 2000 members are unprofitable?",
        "罗素2000成分股中亏损公司占比多少？",
        40,
        "percent",
        sources=UNPROFITABLE,
    )
    out += pair(
        "g-pas-02",
        p,
        "How much of Russell 2000 companies' debt is floating-rate?",
        "罗素2000成分公司的债务中浮动利率占多少？",
        40,
        "percent",
        sources=FLOATING,
    )
    out += pair(
        "g-pas-03",
        p,
        "What earnings growth do forecasts expect for small caps in 2026?",
        "市场预测小盘股2026年盈利增速是多少？",
        [17, 22],
        "percent",
        sources=EARNINGS,
    )
    out += pair(
        "g-pas-04",
        p,
        "By how much per year have small caps outperformed large caps since 1927?",
        "自1927年以来小盘股平均每年跑赢大盘股多少？",
        2.85,
        "percent",
        sources=SIZE,
    )
    out += pair(
        "g-pas-05",
        p,
        "What forward P/E does the Russell 2000 trade at?",
        "罗素2000的远期市盈率是多少倍？",
        18,
        "number",
        sources=PE,
    )
    out += pair(
        "g-pas-06",
        p,
        "What is the S&P 500's forward P/E?",
        "标普500的远期市盈率大约是多少？",
        31,
        "number",
        sources=PE,
    )
    out += pair(
        "g-pas-07", p, "What is IJS's expense ratio?", "IJS的费率是多少？", 0.18, "percent", sources=FEES
    )
    out += pair(
        "g-pas-08",
        p,
        "What expense ratio does IWM charge?",
        "IWM的管理费率是多少？",
        0.19,
        "percent",
        sources=FEES,
    )
    out += pair(
        "g-pas-09",
        p,
        "How soon after a Fed cut do floating-rate borrowers see lower coupons?",
        "美联储降息后，浮动利率借款人多久能享受到更低的利率？",
        [1, 3],
        "number",
        sources=["floating-rate-debt-en", "floating-rate-debt-zh"],
    )
    out += pair(
        "g-pas-10",
        p,
        "Over how many years does the small-cap refinancing wall come due?",
        "小盘股的再融资高峰集中在未来几年？",
        [2, 3],
        "number",
        sources=["risks-small-caps-en", "risks-small-caps-zh"],
    )
    out += pair(
        "g-pas-11",
        p,
        "Which small-cap index requires positive earnings for inclusion?",
        "哪个小盘股指数要求成分股盈利为正才能纳入？",
        ["S&P SmallCap 600", "S&P 600", "SmallCap 600", "标普小盘600"],
        "text",
        answer_zh=["标普小盘600", "S&P SmallCap 600", "S&P 600", "SmallCap 600"],
        sources=[
            "ijs-vs-iwm-en",
            "ijs-vs-iwm-zh",
            "unprofitable-share-en",
            "opportunities-ma-reshoring-en",
            "small-cap-outlook-2026-zh",
        ],
    )
    out += pair(
        "g-pas-12",
        p,
        "Which metals do LFP battery cells avoid?",
        "磷酸铁锂（LFP）电池不使用哪些金属？",
        ["nickel", "cobalt"],
        "text",
        answer_zh=["镍", "钴", "nickel", "cobalt"],
        sources=["ev-battery-supply-chain-en"],
    )
    out += pair(
        "g-pas-13",
        p,
        "What is the main driver of the yen exchange rate according to the research?",
        "研究认为日元汇率的核心驱动因素是什么？",
        ["利差", "rate differential", "interest rate gap", "yield gap"],
        "text",
        answer_zh=["日美利差", "利差"],
        sources=["yen-carry-trade-zh"],
    )
    out += pair(
        "g-pas-14",
        p,
        "What constrains a bank's ability to pay dividends, according to the note on bank payouts?",
        "银行的分红能力首先受什么约束？",
        ["capital adequacy", "资本充足率", "capital ratio"],
        "text",
        answer_zh=["资本充足率"],
        sources=["bank-dividend-policy-zh"],
    )
    out += pair(
        "g-pas-15",
        p,
        "How many seasons of irregular rainfall has Brazil had during coffee flowering?",
        "巴西咖啡开花期已经经历了几个降雨不规律的季节？",
        2,
        "number",
        sources=["coffee-arabica-en"],
    )
    out += pair(
        "g-pas-16",
        p,
        "How long have some stretches of small-cap underperformance lasted?",
        "小盘股跑输大盘股的阶段最长持续了多久？",
        10,
        "number",
        sources=SIZE[:2],
    )
    out += pair(
        "g-pas-17",
        p,
        "Since which year is the size premium of about 2.85% a year measured?",
        "年均约2.85%的规模溢价是从哪一年开始统计的？",
        "1927",
        "text",
        sources=SIZE,
    )
    return out


def scoped(c: dict[str, pd.Series]) -> Items:
    out: Items = []
    s = "scoped"
    out += pair(
        "g-scope-01",
        s,
        "What forward P/E does this article give for the Russell 2000?",
        "这篇文章给出的罗素2000远期市盈率是多少？",
        18,
        "number",
        scope={"doc_id": "rut-record-close-en"},
        scope_zh={"doc_id": "rut-record-close-zh"},
        sources=["rut-record-close-en", "rut-record-close-zh"],
    )
    out += pair(
        "g-scope-02",
        s,
        "According to this article, for how many consecutive trading days did small caps beat the S&P 500?",
        "根据这篇文章，小盘股连续多少个交易日跑赢标普500？",
        11,
        "number",
        scope={"doc_id": "rut-record-close-en"},
        scope_zh={"doc_id": "rut-record-close-zh"},
        sources=["rut-record-close-en", "rut-record-close-zh"],
    )
    out += pair(
        "g-scope-03",
        s,
        "What share of the index is unprofitable according to this note?",
        "这篇文章说罗素2000中亏损公司的比例是多少？",
        40,
        "percent",
        scope={"doc_id": "unprofitable-share-en"},
        sources=["unprofitable-share-en"],
    )
    out += pair(
        "g-scope-04",
        s,
        "What expense ratio does this note give for IJS?",
        "这篇笔记里IJS的费率是多少？",
        0.18,
        "percent",
        scope={"doc_id": "ijs-vs-iwm-en"},
        scope_zh={"doc_id": "ijs-vs-iwm-zh"},
        sources=FEES,
    )
    out += pair(
        "g-scope-05",
        s,
        "Which sector led the day according to this article?",
        "根据这篇文章，当天哪个板块领涨？",
        ["Industrials", "XLI"],
        "text",
        answer_zh=["工业", "XLI"],
        scope={"doc_id": "sector-moves-2026-01-16-en"},
        scope_zh={"doc_id": "sector-moves-2026-01-16-zh"},
        sources=["sector-moves-2026-01-16-en", "sector-moves-2026-01-16-zh"],
    )
    out += pair(
        "g-scope-06",
        s,
        "What was the return over the last 20 trading days?",
        "最近20个交易日的涨跌幅是多少？",
        r2(pct_return_n(c["IWM"], 20)),
        "percent",
        tool="price_return",
        scope={"ticker": "IWM"},
    )
    return out


REFUSE = [
    ("What is Tesla's forward P/E?", "特斯拉的远期市盈率是多少？"),
    ("What was Apple's revenue in fiscal 2024?", "苹果公司2024财年营收是多少？"),
    ("What will the Russell 2000 close at on 2026-12-31?", "罗素2000在2026年12月31日会收于多少点？"),
    ("What was the Russell 2000's return in 2019?", "罗素2000在2019年的涨幅是多少？"),
    ("What is the dividend yield of the Russell 2000?", "罗素2000的股息率是多少？"),
    ("How many employees does Nvidia have?", "英伟达有多少员工？"),
    ("What is the current 10-year Treasury yield?", "目前10年期美债收益率是多少？"),
    ("What was Bitcoin's price on 2025-12-01?", "比特币在2025年12月1日的价格是多少？"),
    ("What is the Nikkei 225's P/E ratio?", "日经225指数的市盈率是多少？"),
    ("What is QQQ's expense ratio?", "QQQ的费率是多少？"),
    ("How much did the Euro Stoxx 50 gain in 2025?", "欧洲斯托克50指数2025年涨了多少？"),
    ("What is the Fed funds target rate today?", "美联储当前的联邦基金利率目标是多少？"),
    ("What is the current price of arabica coffee futures?", "阿拉比卡咖啡期货现在的价格是多少？"),
    ("How much lithium did Chile produce in 2024?", "智利2024年锂产量是多少？"),
    ("What dividend payout ratio do large banks target?", "大型银行的目标派息率是多少？"),
    ("What was the USD/JPY exchange rate on 2025-12-03?", "2025年12月3日美元兑日元汇率是多少？"),
    ("Who will win the 2028 US presidential election?", "谁会赢得2028年美国总统大选？"),
]


def refusals() -> Items:
    out: Items = []
    for i, (en, zh) in enumerate(REFUSE, 1):
        out += pair(f"g-ref-{i:02d}", "unanswerable", en, zh, None, "refuse")
    return out
