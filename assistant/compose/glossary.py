"""A small finance glossary so a Chinese question can recognise an English sentence, and back."""

from __future__ import annotations

# Each row: terms that mean the same thing; the first Chinese and first English entries are canonical.
ROWS: list[tuple[str, ...]] = [
    ("亏损", "未盈利", "unprofitable", "loss-making", "negative earnings", "losses"),
    ("盈利", "利润", "earnings", "profits", "profit"),
    ("盈利增长", "利润增长", "earnings growth", "profit growth"),
    ("市盈率", "p/e", "price-to-earnings", "forward earnings", "earnings multiple"),
    ("估值", "valuation", "valuations"),
    ("溢价", "premium"),
    ("折价", "discount"),
    ("浮动利率", "floating-rate", "floating rate", "variable-rate"),
    ("债务", "负债", "debt", "borrowing", "liabilities"),
    ("利率", "rates", "interest rates", "rate"),
    ("降息", "rate cuts", "rate cut", "easing"),
    ("美联储", "fed", "federal reserve"),
    ("小盘股", "小盘", "small caps", "small-cap", "small cap", "small-caps"),
    ("大盘股", "大盘", "large caps", "large-cap", "large cap", "mega-cap"),
    ("历史新高", "新高", "record", "all-time high", "record close"),
    ("跑赢", "outperform", "outperformed", "outperformance", "beat"),
    ("跑输", "underperform", "underperformed", "underperformance"),
    ("资金流入", "流入", "inflows", "flows", "inflow"),
    ("资金流出", "流出", "outflows", "outflow"),
    ("风险", "risks", "risk"),
    ("机会", "opportunities", "opportunity"),
    ("政策", "policy", "policies"),
    ("关税", "tariffs", "tariff"),
    ("再融资", "refinancing", "refinance"),
    ("衰退", "recession"),
    ("并购", "m&a", "mergers", "acquisitions"),
    ("回流", "制造业回流", "reshoring"),
    ("成分股", "成分公司", "members", "constituents", "components"),
    ("板块", "行业", "sector", "sectors"),
    ("波动率", "波动", "volatility"),
    ("回撤", "drawdown"),
    ("1927", "1927"),
    ("价值", "value"),
    ("质量", "quality"),
    ("费率", "fees", "expense ratio"),
    ("营收", "收入", "revenue", "sales"),
]

_INDEX: dict[str, set[str]] = {}
for row in ROWS:
    for term in row:
        _INDEX.setdefault(term.lower(), set()).update(t.lower() for t in row)


def equivalents(term: str) -> set[str]:
    """The term and its translations and synonyms (lower-case)."""
    return _INDEX.get(term.lower(), {term.lower()})
