"""RulePlanner: offline planning from tickers, dates, windows and metric words in either language."""

from __future__ import annotations

import re
from datetime import date

from assistant.data.symbols import SYMBOLS, find_mentions
from assistant.ledger import EvidenceLedger
from assistant.models import Question
from assistant.numbers import find_figures, without_dates
from assistant.plan.base import Plan, PlannedCall
from assistant.plan.dates import find_dates, find_window
from assistant.plan.extract import find_stated, label
from tools.base import ToolContext, ToolError

# Metric words; ASCII entries match whole words, CJK entries match as substrings.
INTENT_WORDS: dict[str, tuple[str, ...]] = {
    "return": ("涨幅", "涨了", "跌了", "涨跌", "上涨", "下跌", "收益率", "回报", "表现", "涨多少", "跌多少", "累计",
               "return", "returns", "gain", "gained", "rise", "rose", "rally", "rallied", "performance",
               "performed", "change", "fell", "fall", "drop", "dropped"),
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
VALUATION_CALLS = ("premium", "peg", "earnings_yield")
COMPOUND_WORDS = ("compound", "compounded", "cumulative", "cumulatively", "复利", "累计", "累积")
CAGR_WORDS = ("cagr", "compound annual", "annualized growth", "annualised growth", "年化增长", "年复合")
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
        plan = Plan(language=lang, intents=detect_intents(text))
        tickers, sectors = self._tickers(text, ctx, plan)
        if not tickers and not sectors:
            for earlier in reversed(question.history):  # a follow-up ("and its volatility?") keeps the subject
                tickers, sectors = self._tickers(earlier, ctx, Plan(language=lang))
                if tickers or sectors:
                    break
        if not tickers and question.scope.ticker:
            tickers = self._resolve_all([question.scope.ticker], ctx, plan)
        plan.tickers = list(dict.fromkeys(tickers + sectors))

        anchor = self._anchor(plan.tickers, ctx)
        span_text = text
        if anchor and not find_dates(text, anchor) and find_window(text) is None:
            for earlier in reversed(question.history):  # "and over that window?" reuses the last one
                if find_dates(earlier, anchor) or find_window(earlier) is not None:
                    span_text = earlier
                    break
        dates = [d.value for d in find_dates(span_text, anchor)] if anchor else []
        window = find_window(span_text)
        start, end, trading_days = self._span(span_text, dates, window, anchor, plan)

        intents = plan.intents
        if "sector" in intents and not [t for t in tickers if SYMBOLS.get(t, None) is None or
                                         SYMBOLS[t].kind != "sector"]:
            plan.calls.append(PlannedCall(name="sector_moves", arguments={"date": _iso(end or anchor)},
                                          purpose="sector ETF moves on the day, ranked"))
        subjects = tickers or sectors
        if subjects:
            self._market_calls(plan, intents, subjects, start, end, trading_days)
        if not plan.calls and any(i in intents for i in MARKET_INTENTS if i != "quote") \
                and "valuation" not in intents and not plan.errors:
            plan.notes.append("no index or ticker named; answering from the sources only")

        self._question_arithmetic(text, plan)
        if m := _ARITHMETIC.search(without_dates(text)):
            plan.calls.append(PlannedCall(name="calculate", arguments={"expression": m.group(0).strip()},
                                          purpose="arithmetic in the question"))
        filters = {"doc_id": question.scope.doc_id} if question.scope.doc_id else {}
        query = text
        if "valuation" in intents:
            query += " forward P/E 市盈率"
        plan.calls.append(PlannedCall(name="search_sources", arguments={"query": query, "k": 5, **filters},
                                      purpose="passages that support or answer the question"))
        return plan

    def follow_up(self, question: Question, plan: Plan, ledger: EvidenceLedger) -> list[PlannedCall]:
        """After retrieval: valuation arithmetic over the P/Es the sources (or the question) state."""
        if "valuation" not in plan.intents or any(c.name in VALUATION_CALLS for c in plan.calls):
            return []
        indices = [t for t in plan.tickers if SYMBOLS.get(t) and SYMBOLS[t].kind != "sector"][:2]
        texts = [question.text] + [e.passage.text for e in ledger.entries if e.passage is not None]
        stated = [find_stated(texts, "pe", t) for t in indices]
        missing = [label(t, plan.language) for t, st in zip(indices, stated, strict=True) if st is None]
        if missing:
            plan.notes.append(f"no P/E stated in the sources for {', '.join(missing)}")
            return []
        lowered = question.text.lower()
        call = None
        if len(indices) == 2:
            call = PlannedCall(name="premium", purpose="valuation premium from the P/Es the sources state",
                               arguments={"a": stated[0].value, "b": stated[1].value, "label_a": label(indices[0], "en"),
                                          "label_b": label(indices[1], "en"), "metric": "forward P/E"})
        elif len(indices) == 1 and re.search(r"\bpeg\b", lowered):
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

    def _question_arithmetic(self, text: str, plan: Plan) -> None:
        """Compounding and growth-rate questions whose numbers the user gave."""
        lowered = text.lower()
        figures = find_figures(text)
        rates = [f.value for f in figures if f.unit in ("%", "％")]
        years = [float(m) for m in re.findall(r"(\d+(?:\.\d+)?)\s*(?:years?|yrs?|年)(?!\d)", lowered)]
        plain = [f.value for f in figures if not f.unit and f.value not in years]
        if any(w in lowered for w in COMPOUND_WORDS) and rates and years:
            plan.calls.append(PlannedCall(name="compound", arguments={"rate_pct": rates[0], "years": years[0]},
                                          purpose="compounding the rate in the question"))
        elif any(w in lowered for w in CAGR_WORDS) and len(plain) >= 2 and years:
            plan.calls.append(PlannedCall(name="cagr", purpose="annual growth rate between the two values",
                                          arguments={"start_value": plain[0], "end_value": plain[1],
                                                     "years": years[0]}))

    # -- pieces ---------------------------------------------------------------------------------

    def _tickers(self, text: str, ctx: ToolContext, plan: Plan) -> tuple[list[str], list[str]]:
        named = [sym for _, sym in find_mentions(text)]
        tokens = [t for t in _TICKER_TOKEN.findall(text) if t.lstrip("^") not in NOT_TICKERS]
        known = {s.lstrip("^") for s in named}
        unknown = [t for t in tokens if t.lstrip("^") not in known and t.lower() not in {a.lower() for a in named}]
        resolved = self._resolve_all(named + unknown, ctx, plan)
        sectors = [s for s in resolved if s in SYMBOLS and SYMBOLS[s].kind == "sector"]
        others = [s for s in resolved if s not in sectors]
        return others, sectors

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

    def _span(self, text: str, dates: list[date], window, anchor: date | None, plan: Plan):
        start = end = None
        trading_days = None
        lowered = text.lower()
        if len(dates) >= 2:
            start, end = min(dates[:2]), max(dates[:2])
        elif len(dates) == 1:
            since = any(w in lowered for w in ("since", "from", "以来", "至今", "自", "从"))
            if since:
                start = dates[0]
            else:
                end = dates[0]
        if window is not None and start is None:
            if window.kind == "trading_days":
                trading_days = int(window.n)
            elif anchor is not None:
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
        if "relative" in intents or ("return" in intents and other):
            benchmark = other or ("^RUT" if main in ("^GSPC", "SPY") else "^GSPC")
            add(PlannedCall(name="relative_performance",
                            arguments={"ticker": main, "benchmark": benchmark, **span},
                            purpose="excess return, days outperformed and the current streak"))
        if "return" in intents:
            for sym in subjects[:2]:
                add(PlannedCall(name="price_return", arguments={"ticker": sym, **span}, purpose="return over the window"))
        if "volatility" in intents:
            add(PlannedCall(name="volatility", arguments={"ticker": main, **span, "annualize": True},
                            purpose="daily and annualised volatility"))
        if "drawdown" in intents:
            add(PlannedCall(name="max_drawdown", arguments={"ticker": main, **span}, purpose="largest peak-to-trough fall"))
        if "beta" in intents:
            benchmark = other or ("^RUT" if main in ("^GSPC", "SPY") else "^GSPC")
            add(PlannedCall(name="correlation_beta", arguments={"ticker": main, "benchmark": benchmark, **span},
                            purpose="correlation and beta of daily returns"))
        if "record" in intents:
            add(PlannedCall(name="record_high", arguments={"ticker": main, "as_of": _iso(end)} if end
                            else {"ticker": main}, purpose="all-time high as of the date"))
        if "quote" in intents and not any(i in intents for i in ("return", "record")):
            add(PlannedCall(name="quote", arguments={"ticker": main, **({"as_of": _iso(end)} if end else {})},
                            purpose="latest close and change"))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
