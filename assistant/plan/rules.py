"""RulePlanner: offline planning from tickers, dates, windows and metric words in either language."""

from __future__ import annotations

import re
from datetime import date

from assistant.data.symbols import SYMBOLS, find_mentions
from assistant.ledger import EvidenceLedger
from assistant.models import Question
from assistant.numbers import find_figures, without_dates, without_names
from assistant.plan.base import Plan, PlannedCall
from assistant.plan.dates import find_dates, find_window, find_year
from assistant.plan.extract import find_stated, label
from assistant.plan.stated import stated_calls
from tools.base import ToolContext, ToolError

# Metric words; ASCII entries match whole words, CJK entries match as substrings.
INTENT_WORDS: dict[str, tuple[str, ...]] = {
    "return": ("涨幅", "涨了", "跌了", "涨跌", "上涨", "下跌", "收益率", "回报", "表现", "涨多少", "跌多少", "累计",
               "return", "returns", "gain", "gained", "rise", "rose", "rally", "rallied", "performance",
               "performed", "perform", "change", "fell", "fall", "drop", "dropped", "move", "moved", "moves",
               "lose", "lost", "risen", "rises", "decline", "declined", "climb", "climbed", "advance",
               "advanced", "gains", "涨跌幅", "变动", "涨了多少", "跌幅"),
    "volatility": ("波动率", "波动", "标准差", "volatility", "volatile", "standard deviation", "std"),
    "drawdown": ("回撤", "最大跌幅", "drawdown", "draw-down", "peak-to-trough", "peak to trough"),
    "relative": ("跑赢", "跑输", "跑败", "强于", "弱于", "相对", "连续", "超越", "outperform", "outperformed",
                 "outperforming", "outperformance", "underperform", "underperformed", "beat", "beaten", "beating",
                 "relative", "versus", "vs", "streak", "in a row", "consecutive"),
    "record": ("新高", "历史高", "纪录", "记录", "最高", "record", "all-time high", "all time high", "ath",
               "highest"),
    "sector": ("板块", "行业", "sector", "sectors"),
    "beta": ("贝塔", "β", "相关性", "相关系数", "beta", "correlation", "correlated"),
    "quote": ("收盘价", "收于", "报价", "点位", "现价", "最新价", "价格", "quote", "price", "closed at", "close at",
              "level", "trading at", "last close"),
    "valuation": ("市盈率", "估值", "peg", "盈利率", "溢价", "折价", "p/e", "pe", "price-to-earnings", "price to earnings",
                  "valuation", "premium", "discount", "multiple", "earnings yield", "盈利收益率"),
}
# a call computed from the question's own numbers settles the valuation part
STATED_CALLS = ("premium", "peg", "earnings_yield", "implied_growth", "gordon_fair_value", "compound", "cagr")
_OUTPERFORM = re.compile(r"跑赢|跑输|连续|outperform|underperform|beat|streak|in a row")
_PRONOUN = re.compile(r"\b(?:it|its|it's|that index|this index|the same)\b|它|其|该指数|该基金|同期", re.I)
MARKET_INTENTS = ("return", "volatility", "drawdown", "relative", "record", "sector", "beta", "quote")

# Upper-case words that are not tickers, so "What does the Fed's CPI mean for ETF flows?" names none.
NOT_TICKERS = {
    "A", "I", "P", "E", "S", "PE", "PEG", "ETF", "ETFS", "YTD", "US", "USA", "AI", "CEO", "CFO", "GDP", "EPS", "DCF",
    "IPO", "FED", "FOMC", "CPI", "PPI", "PCE", "VS", "OK", "EV", "EVS", "USD", "CNY", "RMB", "JPY", "EUR", "HK", "UK",
    "EU", "SEC", "IRR", "ROE", "ROA", "ROI", "TTM", "NTM", "FY", "RRF", "LLM", "AUM", "NAV", "PMI", "ISM", "BP",
    "BPS", "YOY", "MOM", "QOQ", "ATH", "ESG", "REIT", "REITS", "M", "Q", "II", "III", "OR", "AND", "THE", "IS",
    "IT", "MY", "ME", "WE", "DO", "IF", "IN", "ON", "AT", "TO", "OF", "BY", "AN", "AS", "NO", "SO", "UP", "AM",
    "CAGR", "IMF", "WTO", "OPEC", "NYSE", "FX", "GAAP", "EBIT", "EBITDA", "FCF", "Q1", "Q2", "Q3", "Q4", "H1", "H2",
}
_TICKER_TOKEN = re.compile(r"(?<![A-Za-z0-9^&])\^?[A-Z]{1,5}(?:\.[A-Z])?(?![A-Za-z0-9&/])")
_ARITHMETIC = re.compile(r"(?<![\w.])\(?-?\d+(?:\.\d+)?\s*(?:[-+*/×÷^]\s*\(?-?\d+(?:\.\d+)?\)?\s*){1,}")


def _has_word(text: str, lowered: str, word: str) -> bool:
    if word.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", lowered) is not None
    return word in text


def detect_intents(text: str) -> list[str]:
    text = text.replace("盈利收益率", "盈利率")  # earnings yield, not a price return (收益率)
    lowered = text.lower()
    return [intent for intent, words in INTENT_WORDS.items() if any(_has_word(text, lowered, w) for w in words)]


class RulePlanner:
    """Plans tool calls without a model. Every assumption it makes is written into `Plan.notes`."""

    default_trading_days = 20

    def plan(self, question: Question, ctx: ToolContext) -> Plan:
        text = question.text
        lang = question.language
        plan = Plan(language=lang, intents=detect_intents(text), topic=text)
        earlier = question.history[-1] if question.history else None
        if earlier and not plan.intents:  # "And the S&P 500?" asks the last question again
            plan.intents = detect_intents(earlier)
            plan.topic = f"{earlier} {text}"
        market = any(i in plan.intents for i in MARKET_INTENTS)
        subjects = self._subjects(text, ctx, plan, strict=market)
        if earlier and (not subjects or _PRONOUN.search(text)):
            # a follow-up ("and its volatility?", "did it beat SPY?") keeps the earlier subject first
            before = self._subjects(earlier, ctx, Plan(language=lang), strict=False)
            subjects = list(dict.fromkeys(before[:1] + subjects)) if subjects else before
        if not subjects and question.scope.ticker:
            subjects = self._subjects(question.scope.ticker, ctx, plan, strict=True)
        plan.tickers = subjects

        anchor = self._anchor(subjects, ctx)
        start, end, trading_days = self._span(text, earlier, anchor, plan)
        intents = plan.intents
        non_sector = [t for t in subjects if not _is_sector(t)]
        if "sector" in intents and not non_sector and len(subjects) != 1:
            plan.calls.append(PlannedCall(name="sector_moves", arguments={"date": _iso(end or anchor)},
                                          purpose="sector ETF moves on the day, ranked"))
        elif subjects:
            self._market_calls(plan, intents, subjects, start, end, trading_days)
        if not plan.calls and market and "valuation" not in intents and not plan.errors:
            plan.notes.append("no index or ticker named; answering from the sources only")

        indices = [label(t, "en") for t in non_sector[:2]]
        plan.calls.extend(stated_calls(text, "valuation" in intents, indices))
        if m := _ARITHMETIC.search(without_dates(text)):
            plan.calls.append(PlannedCall(name="calculate", arguments={"expression": m.group(0).strip()},
                                          purpose="arithmetic in the question"))
        filters = {"doc_id": question.scope.doc_id} if question.scope.doc_id else {}
        # a question that asks two things gets a search for each, so one part cannot crowd out the other
        parts = [p.strip() for p in re.split(r"[？?；;]", text) if len(p.strip()) >= 6]
        if len({tuple(detect_intents(p)) for p in parts}) < 2:  # the same question twice over: one search
            parts = [text]
        for part in parts:
            query = part + (" forward P/E 市盈率" if "valuation" in detect_intents(part) else "")
            plan.calls.append(PlannedCall(name="search_sources",
                                          arguments={"query": query, "k": 3 if len(parts) > 1 else 5, **filters},
                                          purpose="passages that support or answer the question"))
        return plan

    def follow_up(self, question: Question, plan: Plan, ledger: EvidenceLedger) -> list[PlannedCall]:
        """After retrieval: valuation arithmetic over the P/Es the sources (or the question) state."""
        if "valuation" not in plan.intents or any(c.name in STATED_CALLS for c in plan.calls):
            return []
        indices = [t for t in plan.tickers if SYMBOLS.get(t) and SYMBOLS[t].kind != "sector"][:2]
        texts = [e.passage.text for e in ledger.entries if e.passage is not None]
        stated = [find_stated(texts, "pe", t) for t in indices]
        missing = [label(t, plan.language) for t, st in zip(indices, stated, strict=True) if st is None]
        if missing:
            plan.notes.append(f"no P/E stated in the sources for {', '.join(missing)}")
            return []
        lowered = question.text.lower()
        call = None
        if len(indices) == 2 and stated[0].value == stated[1].value:
            plan.notes.append("the sources state the same P/E for both; no premium to compute")
        elif len(indices) == 2:
            if _premium_holder(question.text) == indices[1]:  # "what premium does the S&P carry over it?"
                indices, stated = indices[::-1], stated[::-1]
            call = PlannedCall(name="premium", purpose="valuation premium from the P/Es the sources state",
                               arguments={"a": stated[0].value, "b": stated[1].value, "label_a": label(indices[0], "en"),
                                          "label_b": label(indices[1], "en"), "metric": "forward P/E"})
        elif len(indices) == 1 and re.search(r"(?<![a-z])peg(?![a-z])", lowered):
            growth = [f.value for f in find_figures(question.text) if f.unit in ("%", "％")]
            if growth:
                call = PlannedCall(name="peg", arguments={"pe": stated[0].value, "growth_pct": growth[0]},
                                   purpose="PEG from the stated P/E and the growth rate in the question")
            else:
                plan.notes.append("PEG needs a growth rate: say which one, e.g. 'PEG at 20% growth'")
        elif len(indices) == 1 and any(w in lowered for w in ("earnings yield", "盈利收益率")):
            call = PlannedCall(name="earnings_yield", arguments={"pe": stated[0].value},
                               purpose="earnings yield from the stated P/E")
        if call is None:
            return []
        plan.calls.append(call)
        return [call]

    # -- pieces ---------------------------------------------------------------------------------

    def _subjects(self, text: str, ctx: ToolContext, plan: Plan, *, strict: bool) -> list[str]:
        """Symbols the text names, in the order it names them.

        An upper-case word that is no known symbol ("LFP") is an error only when the question asks
        for a market figure and names nothing else; otherwise it is just a word.
        """
        mentions = [(pos, sym) for pos, sym in find_mentions(text)]
        named = {sym.lstrip("^").lower() for _, sym in mentions}
        for m in _TICKER_TOKEN.finditer(text):
            token = m.group(0)
            if token.lstrip("^") not in NOT_TICKERS and token.lstrip("^").lower() not in named:
                mentions.append((m.start(), token))
        mentions.sort()
        known = [sym for _, sym in mentions if sym in SYMBOLS]
        unknown = [sym for _, sym in mentions if sym not in SYMBOLS]
        scratch = Plan(language=plan.language)
        resolved = self._resolve_all([sym for _, sym in mentions], ctx, scratch)
        plan.notes.extend(scratch.notes)
        if scratch.errors and (strict and not known or not unknown):
            plan.errors.extend(scratch.errors)
        elif scratch.errors:
            plan.notes.append(f"not treated as tickers: {', '.join(unknown)}")
        return resolved

    def _resolve_all(self, names: list[str], ctx: ToolContext, plan: Plan) -> list[str]:
        out = []
        for name in dict.fromkeys(names):
            try:
                symbol = ctx.prices.resolve(name)
            except ToolError as exc:
                plan.errors.append(str(exc))
                continue
            if symbol != name and SYMBOLS.get(name) and symbol in SYMBOLS[name].proxies:
                plan.notes.append(f"no prices for {name}; using {symbol} as its proxy")
            out.append(symbol)
        return list(dict.fromkeys(out))

    def _anchor(self, symbols: list[str], ctx: ToolContext) -> date | None:
        """'Lately', 'last month' and dates without a year count back from the newest data, not today."""
        try:
            if symbols:
                return ctx.prices.info(symbols[0]).end
            infos = ctx.prices.symbols()
            return max(i.end for i in infos) if infos else None
        except (ToolError, KeyError):
            return None

    def _span(self, text: str, earlier: str | None, anchor: date | None, plan: Plan):
        """(start, end, trading_days) from the question's dates and windows, else the last question's."""
        if anchor is None:
            return None, None, None
        dates = [d.value for d in find_dates(text, anchor)]
        window = find_window(text)
        year = find_year(without_names(text)) if not dates else None
        source = text
        if earlier and not dates and year is None:
            # "how much did it change that day?" keeps the last question's dates
            dates = [d.value for d in find_dates(earlier, anchor)]
            source = earlier if dates else text
            if window is None and not dates:
                window = find_window(earlier)
                year = find_year(without_names(earlier))
                source = earlier
        lowered = source.lower()
        since = any(w in lowered for w in ("since", "from", "以来", "至今", "自", "从"))
        start = end = None
        trading_days = None
        if len(dates) >= 2:
            start, end = min(dates[:2]), max(dates[:2])
        elif len(dates) == 1:
            if since:
                start = dates[0]
            else:  # "how much did XLF move on 2026-01-16?" asks about that one day
                end = dates[0]
                trading_days = 1 if window is None else None
        elif year is not None:  # "in 2019", "2025年以来"
            start = date(year - 1, 12, 31)
            end = None if since else date(year, 12, 31)
        if window is not None and start is None:
            if window.kind == "trading_days":
                trading_days = int(window.n)
            else:
                start = window.start(end or anchor)
        return start, end, trading_days

    def _market_calls(self, plan: Plan, intents: list[str], subjects: list[str], start, end, trading_days) -> None:
        span = {"start": _iso(start), "end": _iso(end), "trading_days": trading_days}
        span = {k: v for k, v in span.items() if v is not None}
        main = subjects[0]
        other = subjects[1] if len(subjects) > 1 else None
        if start is None and trading_days is None and any(i in intents for i in ("return", "volatility",
                                                                                 "drawdown", "relative", "beta")):
            span["trading_days"] = self.default_trading_days
            plan.notes.append(f"no window given; using the last {self.default_trading_days} trading days")
        add = plan.calls.append
        # one day is a window for a price change, not for volatility, drawdown or beta
        wide = {**span, "trading_days": self.default_trading_days} if span.get("trading_days") == 1 else span
        # "标普500相对罗素2000的市盈率溢价" compares valuations, not returns
        relative = "relative" in intents and not ("valuation" in intents and not _OUTPERFORM.search(
            " ".join(plan.topic.split()).lower()))
        if relative or ("return" in intents and other):
            benchmark = other or ("^RUT" if main in ("^GSPC", "SPY") else "^GSPC")
            add(PlannedCall(name="relative_performance",
                            arguments={"ticker": main, "benchmark": benchmark, **span},
                            purpose="excess return, days outperformed and the current streak"))
        if "return" in intents:
            for sym in subjects[:2]:
                add(PlannedCall(name="price_return", arguments={"ticker": sym, **span}, purpose="return over the window"))
        if "volatility" in intents:
            add(PlannedCall(name="volatility", arguments={"ticker": main, **wide, "annualize": True},
                            purpose="daily and annualised volatility"))
        if "drawdown" in intents:
            add(PlannedCall(name="max_drawdown", arguments={"ticker": main, **wide}, purpose="largest peak-to-trough fall"))
        if "beta" in intents:
            benchmark = other or ("^RUT" if main in ("^GSPC", "SPY") else "^GSPC")
            add(PlannedCall(name="correlation_beta", arguments={"ticker": main, "benchmark": benchmark, **wide},
                            purpose="correlation and beta of daily returns"))
        if "record" in intents:
            add(PlannedCall(name="record_high", arguments={"ticker": main, "as_of": _iso(end)} if end
                            else {"ticker": main}, purpose="all-time high as of the date"))
        if "quote" in intents and not any(i in intents for i in ("return", "record")):
            add(PlannedCall(name="quote", arguments={"ticker": main, **({"as_of": _iso(end)} if end else {})},
                            purpose="latest close and change"))


def _premium_holder(text: str) -> str | None:
    """The index named first in the part of the question that asks for the premium."""
    for part in re.split(r"[，,;；？?]|\band\b", text):
        if any(w in part.lower() for w in ("premium", "discount", "溢价", "折价", "p/e", "市盈率", "估值")):
            named = [sym for _, sym in find_mentions(part, include_sectors=False)]
            return {"IWM": "^RUT", "SPY": "^GSPC"}.get(named[0], named[0]) if named else None
    return None


def _is_sector(symbol: str) -> bool:
    return symbol in SYMBOLS and SYMBOLS[symbol].kind == "sector"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
