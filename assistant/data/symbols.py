"""Known symbols, their names in both languages and the aliases people use for them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SymbolInfo:
    symbol: str
    name_en: str
    name_zh: str
    kind: str  # index | etf | sector
    aliases: tuple[str, ...] = ()
    proxies: tuple[str, ...] = field(default=())  # tried in order when the symbol has no data
    sector: str | None = None  # for sector ETFs: the sector's English name


SYMBOLS: dict[str, SymbolInfo] = {
    s.symbol: s
    for s in [
        SymbolInfo("^RUT", "Russell 2000", "罗素2000", "index",
                   ("russell 2000", "russell2000", "rut", "罗素2000", "罗素2000指数", "罗素 2000", "小盘股指数"), ("IWM",)),
        SymbolInfo("IWM", "iShares Russell 2000 ETF", "iShares罗素2000 ETF", "etf", ("iwm",), ("^RUT",)),
        SymbolInfo("^GSPC", "S&P 500", "标普500", "index",
                   ("s&p 500", "s&p500", "s&p", "sp500", "spx", "gspc", "标普500", "标普 500", "标普500指数", "标普"), ("SPY",)),
        SymbolInfo("SPY", "SPDR S&P 500 ETF", "SPDR标普500 ETF", "etf", ("spy",), ("^GSPC",)),
        SymbolInfo("QQQ", "Invesco QQQ (Nasdaq-100)", "纳斯达克100 ETF", "etf",
                   ("qqq", "nasdaq", "nasdaq 100", "nasdaq-100", "纳斯达克", "纳指", "纳斯达克100")),
        SymbolInfo("IJS", "iShares S&P Small-Cap 600 Value ETF", "标普小盘600价值ETF", "etf",
                   ("ijs", "small-cap value", "small cap value", "小盘价值")),
        SymbolInfo("IJR", "iShares Core S&P Small-Cap ETF", "标普小盘600 ETF", "etf", ("ijr", "s&p 600", "标普600")),
        SymbolInfo("DIA", "SPDR Dow Jones Industrial Average ETF", "道琼斯工业平均ETF", "etf", ("dia", "dow", "dow jones", "道指", "道琼斯")),
        SymbolInfo("XLK", "Technology Select Sector SPDR", "科技板块", "sector", ("xlk", "technology", "tech", "科技"), sector="Technology"),
        SymbolInfo("XLF", "Financial Select Sector SPDR", "金融板块", "sector", ("xlf", "financials", "financial", "金融"), sector="Financials"),
        SymbolInfo("XLI", "Industrial Select Sector SPDR", "工业板块", "sector", ("xli", "industrials", "industrial", "工业"), sector="Industrials"),
        SymbolInfo("XLP", "Consumer Staples Select Sector SPDR", "必需消费板块", "sector",
                   ("xlp", "consumer staples", "staples", "必需消费", "日常消费"), sector="Consumer Staples"),
        SymbolInfo("XLRE", "Real Estate Select Sector SPDR", "房地产板块", "sector", ("xlre", "real estate", "房地产"), sector="Real Estate"),
        SymbolInfo("XLC", "Communication Services Select Sector SPDR", "通信服务板块", "sector",
                   ("xlc", "communication services", "communications", "通信服务", "通讯服务", "通信"), sector="Communication Services"),
        SymbolInfo("XLY", "Consumer Discretionary Select Sector SPDR", "可选消费板块", "sector",
                   ("xly", "consumer discretionary", "discretionary", "可选消费", "非必需消费"), sector="Consumer Discretionary"),
        SymbolInfo("XLV", "Health Care Select Sector SPDR", "医疗保健板块", "sector",
                   ("xlv", "health care", "healthcare", "医疗保健", "医疗"), sector="Health Care"),
        SymbolInfo("XLE", "Energy Select Sector SPDR", "能源板块", "sector", ("xle", "energy", "能源"), sector="Energy"),
        SymbolInfo("XLB", "Materials Select Sector SPDR", "原材料板块", "sector", ("xlb", "materials", "原材料", "材料"), sector="Materials"),
        SymbolInfo("XLU", "Utilities Select Sector SPDR", "公用事业板块", "sector", ("xlu", "utilities", "公用事业"), sector="Utilities"),
        SymbolInfo("^VIX", "CBOE Volatility Index", "VIX恐慌指数", "index", ("vix", "恐慌指数")),
    ]
}

SECTOR_ETFS = tuple(s.symbol for s in SYMBOLS.values() if s.kind == "sector")


def _alias_table() -> list[tuple[str, str]]:
    pairs = [(a.lower(), s.symbol) for s in SYMBOLS.values() for a in (*s.aliases, s.symbol.lower())]
    # longest alias first, so "罗素2000指数" wins over "罗素2000" and "nasdaq 100" over "nasdaq"
    return sorted(set(pairs), key=lambda p: -len(p[0]))


ALIASES = _alias_table()


def display_name(symbol: str, language: str = "en") -> str:
    info = SYMBOLS.get(symbol)
    if info is None:
        return symbol
    return info.name_zh if language == "zh" else info.name_en


def lookup(text: str) -> str | None:
    """The canonical symbol for an alias or symbol spelled any common way, or None."""
    key = text.strip().lower()
    for alias, symbol in ALIASES:
        if alias == key:
            return symbol
    return None


def find_mentions(text: str, *, include_sectors: bool = True) -> list[tuple[int, str]]:
    """Symbols mentioned in free text, as (position, symbol), in order of appearance."""
    lowered = text.lower()
    taken = [False] * len(lowered)
    hits: list[tuple[int, str]] = []
    for alias, symbol in ALIASES:
        if not include_sectors and SYMBOLS[symbol].kind == "sector":
            continue
        ascii_alias = alias.isascii()
        start = 0
        while (pos := lowered.find(alias, start)) != -1:
            end = pos + len(alias)
            start = pos + 1
            if any(taken[pos:end]):
                continue
            if ascii_alias and not _word_bounded(lowered, pos, end):
                continue
            for i in range(pos, end):
                taken[i] = True
            hits.append((pos, symbol))
    hits.sort()
    return hits


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (re.match(r"[a-z0-9]", before) or re.match(r"[a-z0-9]", after))
