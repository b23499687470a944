"""Choosing which passage sentences answer the question, and judging whether anything does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.compose.glossary import equivalents
from assistant.data.symbols import ALIASES, find_mentions
from assistant.language import is_cjk
from assistant.numbers import find_figures, numbers_in, without_dates

_EN_STOP = set("""a an the of to in on at for by with from and or but is are was were be been being do does did
has have had what which who whom whose when where why how much many this that these those it its as than then
there their they them he she we you your our i me my about over under into out up down any some all can could
would should will shall may might must not no yes if so such very more most less least also only just
did lately recently currently now today yet still ever far since until till per each between during
soon after before see sees come comes main which according whose
tell show give explain say says said according sources source note notes article report piece
research""".split())
_ZH_STOP = set("的 了 是 吗 呢 吧 啊 有 在 和 与 及 或 也 都 就 而 被 把 对 从 到 为 以 于 之 其 这 那 哪 什么 多少 几 "
               "多久 怎么 怎样 如何 为什么 是否 有没有 请问 请 一下 以来 最近 目前 现在 了吗 呢 个 年 月 日 中 上 下 内 "
               "资料 来源 根据 说 问 哪个 哪些 才能 能 会 篇文章 文章说 这篇 文章 本文 给出 提到 笔记 这篇笔记 里 认为 指出 报告".split())
# Words that only frame a question: they count a little, so "what share of companies" leans on the rest.
_GENERIC = set("""share percent percentage proportion portion fraction companies company members stocks firms
number level index indices market markets stock etf fund funds figure data value rate 比例 占比 公司 企业 数量
比重 水平 指数 市场 股票 数据 情况 表现 多大 百分比 个股""".split())
_WORD = re.compile(r"[a-z0-9][a-z0-9&/.'-]*[a-z0-9%]|[a-z0-9]")
# A sentence ends at 。！？ or at . ! ? followed by space and a capital/quote/digit (not inside 7.83 or e.g.).
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?][”\"')])\s+|(?<=[a-z0-9%)][.!?])\s+(?=[A-Z“\"(0-9])")
_ALIAS_WORDS = {w for alias, _ in ALIASES for w in alias.lower().split()}


@dataclass(frozen=True)
class Term:
    text: str
    weight: float


_PROPER_FLAGS = ("nr", "nrt", "ns", "nt", "nz")  # jieba's person, place, organisation and other names
ENTITY_WEIGHT = 2.5  # a name the question is about must be in the sentence: "Tesla's P/E" is not the index's


@lru_cache(maxsize=512)
def topic_terms(question: str) -> tuple[Term, ...]:
    """The words of a question that carry its topic: no stop words, no dates, no index names."""
    lowered = question.lower()
    for alias, _ in ALIASES:  # names are the subject, not the topic: "Russell 2000" matches every note
        lowered = lowered.replace(alias, " ")
    lowered = without_dates(lowered)
    proper = {w.lower() for w in re.findall(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z]{2,}", question)}
    terms: list[Term] = []
    for run in re.findall(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+", lowered):
        if is_cjk(run[0]):
            import jieba.posseg

            words = [(w.word, w.flag) for w in jieba.posseg.lcut(run) if w.word.strip()]
        else:
            words = [(w, "") for w in _WORD.findall(run)]
        for w, flag in words:
            w = w.strip(".'").removesuffix("'s").removesuffix("’s")
            if not w or w in _EN_STOP or w in _ZH_STOP or (w in _ALIAS_WORDS and not is_cjk(w[0])):
                continue
            if len(w) == 1 and not w.isdigit():
                continue
            weight = 0.3 if w in _GENERIC else ENTITY_WEIGHT if (w in proper or flag in _PROPER_FLAGS) else 1.0
            terms.append(Term(w, weight))
    return tuple(dict.fromkeys(terms))


def clauses(question: str) -> list[str]:
    """The question and, when it asks several things, each part: a sentence may answer one part."""
    parts = [p for p in re.split(r"[，,;；？?]|\band\b|以及|并且", question) if len(topic_terms(p)) >= 2]
    return [question] + (parts if len(parts) > 1 else [])


def _present(term: str, sentence: str) -> float:
    """1 when the term (or a translation) is in the sentence, 0.5 for part of a long Chinese word."""
    for form in equivalents(term):
        if form.isascii():
            # plurals and third persons count: "year" finds "years", "comes" finds "come"
            stem = re.escape(form[:-1] if form.endswith("s") and len(form) > 3 else form)
            if re.search(rf"(?<![a-z0-9]){stem}(?:s|es)?(?![a-z0-9])", sentence):
                return 1.0
        elif form in sentence:
            return 1.0
    if len(term) >= 3 and is_cjk(term[0]):
        # part of a long word counts half, unless that part is a framing word (苹果公司 is not any 公司)
        parts = (term[i:i + 2] for i in range(len(term) - 1))
        if any(p in sentence and p not in _GENERIC for p in parts):
            return 0.5
    return 0.0


def coverage(terms: tuple[Term, ...], sentence: str, context: str = "") -> float:
    """Share of the question's topic weight that the sentence covers (0..1).

    A question whose topic is only framing words ("指数", "level") cannot be covered fully by them.
    `context` is what the sentence's note is about (title, tags): a name found only there counts half,
    so "Fed" in a note tagged Fed need not be repeated in every sentence of it.
    """
    total = max(sum(t.weight for t in terms), 1.0)
    if not total:
        return 0.0
    lowered, about = sentence.lower(), context.lower()
    present = [(t, _present(t.text, lowered)) for t in terms]
    present = [
        (t, 0.5 if p == 0 and t.weight == ENTITY_WEIGHT and about and _present(t.text, about) else p)
        for t, p in present
    ]
    if any(t.weight == ENTITY_WEIGHT and p == 0 for t, p in present):
        return 0.0  # the question is about a name neither this sentence nor its note mentions
    return sum(t.weight * p for t, p in present) / total


def sentences(text: str) -> list[str]:
    """Sentences of a passage, verbatim, skipping headings and table rows."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "|")):
            continue
        out.extend(s.strip() for s in _SENTENCE_END.split(line) if s and len(s.strip()) > 12)
    return out


@dataclass(frozen=True)
class Support:
    sentence: str
    passage_rank: int
    score: float


# "how soon" wants a span of time, not any figure: "within 1 to 3 months", "1到3个月内"
_DURATION_Q = re.compile(r"多久|多长时间|how long|how soon", re.I)
_DURATION = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d+)?\s*(?:(?:到|至|-|–|to)\s*\d{1,3}(?:\.\d+)?\s*)?"
                       r"(?:个月|个交易日|个季度|天|周|年|(?:months?|days?|weeks?|years?|quarters?)\b)", re.I)
# "since which year" wants a year in the sentence, not just any figure
_YEAR_Q = re.compile(r"which year|what year|哪一年|哪年", re.I)
_YEAR = re.compile(r"(?<!\d)(?:18|19|20)\d{2}(?!\d)")
_QUANTITY = re.compile(r"多少|几|how much|how many|what percentage|what share|what proportion|what fraction|"
                       r"which year|what (?:is|was|are) the .{0,40}(?:rate|ratio|yield|p/e|level|price|growth)", re.I)


def best_support(question: str, passages: list[str], *, threshold: float = 0.5, limit: int = 2,
                 inputs: frozenset[float] = frozenset(), subjects: frozenset[str] = frozenset(),
                 contexts: list[str] | None = None) -> list[Support]:
    """Sentences from the passages that answer (part of) the question, best first, one per passage.

    A sentence that states an input of a computation (the 18 in 1/18) is its evidence and ranks higher;
    a question asking "how much" needs a sentence with a figure; a sentence about other tickers than
    the question's (`subjects`) does not support it. `contexts` (a passage's title and tags) say which
    names its note is about.
    """
    parts = [topic_terms(c) for c in clauses(question)]
    wants_figure = bool(_QUANTITY.search(question))
    wants_duration = bool(_DURATION_Q.search(question))
    wants_year = bool(_YEAR_Q.search(question))
    found: list[Support] = []
    for rank, text in enumerate(passages):
        context = contexts[rank] if contexts else ""
        scored = []
        for sentence in sentences(text):
            if wants_figure and not find_figures(sentence):
                continue
            if (wants_duration and not _DURATION.search(sentence)) or (wants_year and not _YEAR.search(sentence)):
                continue
            if subjects and _about_others(sentence, subjects):
                continue
            score = max(coverage(terms, sentence, context) for terms in parts)
            # each figure the sentence shares with a computation corroborates it
            score += 0.5 * min(2, len(inputs & {round(x, 2) for x in numbers_in(sentence)}))
            scored.append((score, sentence))
        if not scored:
            continue
        score, sentence = max(scored, key=lambda p: p[0])
        if score >= threshold:
            # earlier-ranked passages win ties: retrieval already weighed the whole passage
            found.append(Support(sentence, rank, score - 0.02 * rank))
    found.sort(key=lambda s: -s.score)
    chosen: list[Support] = []
    for s in found:  # several notes, in both languages, often state the same fact: quote it once
        figures = {round(x, 2) for x in numbers_in(s.sentence)}
        if not any(_similar(s.sentence, c.sentence) or (figures and figures == {round(x, 2) for x in
                   numbers_in(c.sentence)}) for c in chosen):
            chosen.append(s)
    return chosen[:limit]


_FAMILY = {"IWM": "^RUT", "SPY": "^GSPC"}


def _about_others(sentence: str, subjects: frozenset[str]) -> bool:
    named = {_FAMILY.get(s, s) for _, s in find_mentions(sentence, include_sectors=False)}
    return bool(named) and not named & {_FAMILY.get(s, s) for s in subjects}


def _similar(a: str, b: str) -> bool:
    grams = [{x[i:i + 2] for i in range(len(x) - 1)} for x in (a.lower(), b.lower())]
    return len(grams[0] & grams[1]) / max(1, min(len(grams[0]), len(grams[1]))) > 0.6
