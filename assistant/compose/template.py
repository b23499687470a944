"""TemplateComposer: tool results stated in a lead, then verbatim supporting sentences, or a refusal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.compose.select import best_support
from assistant.config import Settings
from assistant.data.symbols import SYMBOLS, display_name
from assistant.ledger import EvidenceLedger
from assistant.models import Language, Question, ToolCall
from assistant.plan.base import Plan
from tools.base import ToolResult

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"

# The refusal sentinel lives here once; the engine and the evaluation recognise refusals by it.
REFUSAL = {
    "zh": "资料中没有找到能回答这个问题的内容",
    "en": "The sources do not say",
}
_REFUSAL_TAIL = {
    "zh": "：研究笔记和行情数据都不包含答案，因此不作推测。",
    "en": ": nothing in the research notes or the price data answers this question, so Cited does not guess.",
}
_QUOTE = {"zh": ("据资料：“", "”"), "en": ("", "")}
_FOREIGN = {"zh": ("英文资料提到：“", "”"), "en": ("A Chinese-language note says: “", "”")}
_FAILED = {"zh": "未能计算{name}：{error}", "en": "Could not compute {name}: {error}"}
_METRIC_ZH = {"forward P/E": "远期市盈率", "P/E": "市盈率", "trailing P/E": "滚动市盈率"}


@lru_cache
def templates() -> dict[str, dict[str, str]]:
    return yaml.safe_load((PROMPTS / "offline_templates.yaml").read_text(encoding="utf-8"))


def is_refusal(text: str, language: Language) -> bool:
    return text.startswith(REFUSAL[language])


class TemplateComposer:
    """Composes without a model: every number it writes comes from a tool result or a quoted passage."""

    def __init__(self, settings: Settings | None = None):
        self.passages_per_answer = settings.passages_per_answer if settings else 3

    def compose(self, question: Question, plan: Plan, ledger: EvidenceLedger,
                calls: list[ToolCall]) -> Iterator[str]:
        lang = question.language
        lead = []
        for entry in ledger.entries:
            if entry.result is not None:
                lead.append(cite(state(entry.result, lang), entry.reference.n))
        failures = [
            _FAILED[lang].format(name=c.name, error=c.error)
            for c in calls
            if not c.ok and c.name not in ("search_sources", "get_passage") and c.error not in plan.errors
        ]
        passages = [(e.reference.n, e.passage) for e in ledger.entries if e.passage is not None]
        # prefer passages in the question's language; keep the retrieval order within each group
        passages.sort(key=lambda p: p[1].lang != lang)
        # a sentence stating a computation's input (the 18 in 1/18) or its result (7.83) is its evidence
        inputs = frozenset(round(float(v), 2) for e in ledger.entries if e.result is not None
                           and e.result.provenance is None
                           for k, v in e.result if k in ("a", "b", "pe") and isinstance(v, (int, float)))
        inputs |= frozenset(round(x, 2) for e in ledger.entries if e.result is not None
                            for x in e.reference.numbers if x != int(x) or abs(x) > 31)
        subjects = frozenset(t for t in plan.tickers if SYMBOLS.get(t) is None or SYMBOLS[t].kind != "sector")
        # asked about one article, the reader wants what it says: a lower bar for its sentences
        threshold = 0.34 if question.scope.doc_id else 0.4
        support = best_support(plan.topic or question.text, [p.text for _, p in passages],
                               limit=self.passages_per_answer, inputs=inputs, subjects=subjects,
                               threshold=threshold,
                               contexts=[" ".join([p.title, *p.tags]) for _, p in passages])
        if not lead and not support:
            problems = plan.errors or failures
            if problems:  # say why, in the refusal's own words, so the reader knows what to change
                sep = "；" if lang == "zh" else "; "
                yield REFUSAL[lang] + ("：" if lang == "zh" else ": ") + sep.join(problems)
                return
            yield REFUSAL[lang] + _REFUSAL_TAIL[lang]
            return
        if lead:
            yield " ".join(lead) if lang == "en" else "".join(lead)
        quoted = []
        for s in support:
            n, passage = passages[s.passage_rank]
            opener, closer = _QUOTE[lang] if passage.lang == lang else _FOREIGN[lang]
            quoted.append(cite(f"{opener}{s.sentence}{closer}", n))
        if quoted:
            yield ("\n\n" if lead else "") + ("\n\n".join(quoted))
        if failures or plan.errors:
            yield "\n\n" + ("\n".join(plan.errors + failures))


def cite(sentence: str, n: int) -> str:
    """Put [n] before the sentence's closing punctuation: "… 7.83% [1]." / "…7.83%[1]。"."""
    sentence = sentence.rstrip()
    if sentence and sentence[-1] in ".。!?！？" and not sentence.endswith(".."):
        space = " " if sentence[-1] in ".!?" else ""
        return f"{sentence[:-1]}{space}[{n}]{sentence[-1]}"
    return f"{sentence} [{n}]" if sentence.isascii() else f"{sentence}[{n}]"


def state(result: ToolResult, lang: Language) -> str:
    """One sentence stating a tool result in the given language."""
    fields = _fields(result, lang)
    key = result.tool
    if result.tool == "record_high":
        key = "record_high.record" if fields.get("is_record") else "record_high.below"
    table = templates()
    template = table.get(key, table["default"])[lang]
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):  # a result without the fields its template names
        return table["default"][lang].format(**fields)


def _fmt(value: Any, key: str) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        if key in ("a", "b", "pe", "growth_pct", "rate_pct", "years", "start_value", "dividend",
                   "required_return_pct"):  # inputs as stated: 18, not 18.00
            return f"{value:,.4f}".rstrip("0").rstrip(".")
        if key in ("growth_factor", "value"):
            return f"{value:,.4f}"
        if key.endswith(("_close", "last", "close", "previous_close")):
            return f"{value:,.2f}"
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def _name(symbol: str | None, lang: Language) -> str:
    return display_name(symbol, lang) if symbol else ""


def _fields(result: ToolResult, lang: Language) -> dict[str, Any]:
    raw = {k: getattr(result, k) for k in type(result).model_fields}
    f: dict[str, Any] = {k: _fmt(v, k) for k, v in raw.items()}
    for k, v in raw.items():
        if k.endswith("_pct") and isinstance(v, (int, float)):
            f[f"abs_{k}"] = f"{abs(v):.2f}"
    f["name"] = _name(raw.get("ticker"), lang)
    f["benchmark_name"] = _name(raw.get("benchmark"), lang)
    sign = raw.get("return_pct", raw.get("change_pct")) or 0.0
    f["up_down_en"] = "rose" if sign >= 0 else "fell"
    f["up_down_zh"] = "上涨" if sign >= 0 else "下跌"
    f["gain_loss_zh"] = "涨幅" if sign >= 0 else "跌幅"
    if result.tool == "relative_performance":
        ahead = raw["excess_return_pct"] >= 0
        f["ahead_behind_en"] = "ahead" if ahead else "behind"
        f["ahead_behind_zh"] = "跑赢" if ahead else "跑输"
        streak, since = raw.get("current_streak") or 0, raw.get("streak_start")
        f["streak_en"] = (f", and has beaten it {streak} trading days in a row through {f['end_date']}"
                          f"{f' (since {since})' if since else ''}") if streak else ", but not on the latest day"
        f["streak_zh"] = (f"，截至{f['end_date']}已连续{streak}个交易日跑赢") if streak else "，但最近一个交易日未能跑赢"
        for k in ("ticker_return_pct", "benchmark_return_pct"):
            f[k] = f"{raw[k]:+.2f}"
    if result.tool == "max_drawdown":
        rec = raw.get("recovery_date")
        f["recovery_en"] = f", regained by {rec}" if rec else ", not yet regained in the window"
        f["recovery_zh"] = f"，{rec}收复" if rec else "，窗口内尚未收复"
    if result.tool == "record_high":
        prev, prev_date = raw.get("previous_high_close"), raw.get("previous_high_date")
        f["previous_en"] = f" (the previous high was {prev:,.2f} on {prev_date})" if prev else ""
        f["previous_zh"] = f"（此前高点为{prev_date}的{prev:,.2f}）" if prev else ""
    if result.tool == "sector_moves":
        moves = raw["moves"]
        f["best_sector"], f["worst_sector"] = (_sector(m, lang) for m in (raw["best"], raw["worst"]))
        f["best_change"], f["worst_change"] = (f"{m.change_pct:+.2f}" for m in (raw["best"], raw["worst"]))
        sep = "、" if lang == "zh" else ", "
        f["ranking"] = sep.join(f"{_sector(m, lang)} {m.change_pct:+.2f}%" for m in moves)
    if result.tool == "premium":
        pct = raw["premium_pct"]
        f["premium_discount_en"] = "premium" if pct >= 0 else "discount"
        f["premium_discount_zh"] = "溢价" if pct >= 0 else "折价"
        metric = raw.get("metric") or "P/E"
        f["metric"] = _METRIC_ZH.get(metric, metric) if lang == "zh" else metric
        for k in ("label_a", "label_b"):
            f[k] = _localise(raw.get(k) or k[-1], lang)
    return f


def _sector(move: Any, lang: Language) -> str:
    info = SYMBOLS.get(move.symbol)
    if lang == "zh" and info:
        return info.name_zh.removesuffix("板块")
    return move.sector


def _localise(label: str, lang: Language) -> str:
    if lang != "zh":
        return label
    for info in SYMBOLS.values():
        if info.name_en == label:
            return info.name_zh
    return label
