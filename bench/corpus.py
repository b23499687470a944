"""A deterministic generator of finance research notes, in English and Chinese, for the benchmark.

Document j of a namespace is always the same (seeded by corpus version, namespace and j), so the first
N chunks of the corpus are a prefix of the first M > N: an index of 1k chunks is part of the 10k one and
vectors encoded once can be reused. Documents go through the project's own chunker, so chunk ids, text
and metadata are what a real ingest of these notes would store.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from bench import vocab
from bench.templates import TOPICS, Topic

CORPUS_VERSION = "g1"  # bump when generated text changes: cached vectors and indices are keyed by it
ZH_SHARE = 0.4
_FIRST_DAY = dt.date(2023, 1, 2)
_SPAN_DAYS = (dt.date(2026, 1, 30) - _FIRST_DAY).days
_TOPIC_WEIGHTS = [t.weight for t in TOPICS]
_UP = {"en": ("rose", "gained", "climbed", "advanced", "added"), "zh": ("上涨", "上升", "走高", "攀升")}
_DOWN = {"en": ("fell", "slipped", "dropped", "declined", "lost"), "zh": ("下跌", "回落", "走低", "下挫")}
_QUARTERS_ZH = ("第一季度", "第二季度", "第三季度", "第四季度")


@dataclass(frozen=True)
class GeneratedChunk:
    """A chunk as the chunker made it, with the topic it was written about (used to pair vectors)."""

    chunk: object  # assistant.index.chunking.Chunk (imported lazily)
    topic: str


def _company(rng: random.Random, lang: str) -> tuple[str, str]:
    if lang == "zh":
        name = rng.choice(vocab.CO_PREFIX_ZH) + rng.choice(vocab.CO_MID_ZH) + rng.choice(vocab.CO_SUFFIX_ZH)
        return name, f"{rng.choice((0, 3, 6))}{rng.randint(0, 99999):05d}"
    prefix, suffix = rng.choice(vocab.CO_PREFIX), rng.choice(vocab.CO_SUFFIX)
    letters = (prefix[:2] + suffix[:1] + rng.choice("ABCDEFGHKLMNPRSTVWXZ")).upper()
    return f"{prefix} {suffix}", letters[: rng.choice((3, 4))]


class Slots(dict):
    """Slot values for one document: entities fixed once chosen, numbers drawn per sentence."""

    ENTITIES = frozenset(
        "index index2 sector sector2 industry etf etf2 etf_name rate macro commodity commodity2 risk driver "
        "factor metric bank company ticker".split()
    )

    def __init__(self, rng: random.Random, lang: str, day: dt.date) -> None:
        super().__init__()
        self.rng, self.lang, self.day = rng, lang, day
        self._pick_pairs()

    def _name(self, pair: tuple[str, ...]) -> str:
        return pair[1] if self.lang == "zh" else pair[0]

    def _pick_pairs(self) -> None:
        rng = self.rng
        i1, i2 = rng.sample(range(len(vocab.INDICES)), 2)
        s1, s2 = rng.sample(range(len(vocab.SECTORS)), 2)
        e1, e2 = rng.sample(range(len(vocab.ETFS)), 2)
        c1, c2 = rng.sample(range(len(vocab.COMMODITIES)), 2)
        index, index2 = self._name(vocab.INDICES[i1]), self._name(vocab.INDICES[i2])
        if self.lang == "en" and rng.random() < 0.5:  # the article is dropped about half the time
            index, index2 = index.removeprefix("the "), index2.removeprefix("the ")
        company, ticker = _company(rng, self.lang)
        etf = vocab.ETFS[e1]
        self.update(
            index=index, index2=index2,
            sector=self._name(vocab.SECTORS[s1]), sector2=self._name(vocab.SECTORS[s2]),
            industry=self._name(rng.choice(vocab.INDUSTRIES)),
            etf=etf[0], etf2=vocab.ETFS[e2][0], etf_name=etf[2] if self.lang == "zh" else etf[1],
            rate=self._name(rng.choice(vocab.RATES)), macro=self._name(rng.choice(vocab.MACRO)),
            commodity=self._name(vocab.COMMODITIES[c1]), commodity2=self._name(vocab.COMMODITIES[c2]),
            risk=self._name(rng.choice(vocab.RISKS)), driver=self._name(rng.choice(vocab.DRIVERS)),
            factor=self._name(rng.choice(vocab.FACTORS)), metric=self._name(rng.choice(vocab.METRICS)),
            bank=self._name(rng.choice(vocab.BANKS)), company=company, ticker=ticker,
        )
        self.tickers = [vocab.INDICES[i1][2], vocab.INDICES[i2][2], vocab.SECTORS[s1][2], etf[0]]

    def reroll_secondary(self) -> None:
        """A new paragraph may bring in another comparison, bank or risk; the subject stays."""
        fresh = Slots(self.rng, self.lang, self.day)
        for key in ("index2", "sector2", "industry", "bank", "risk", "driver", "etf2", "commodity2"):
            if self.rng.random() < 0.5:
                self[key] = fresh[key]

    def new_sentence(self) -> None:
        for key in [k for k in self if k not in self.ENTITIES]:
            del self[key]

    def __missing__(self, key: str) -> str:
        value = self._number(key)
        self[key] = value
        return value

    def _date_near(self) -> dt.date:
        return self.day - dt.timedelta(days=self.rng.randint(0, 120))

    def _number(self, key: str) -> str:  # one branch per slot kind
        rng, zh = self.rng, self.lang == "zh"
        if key in ("pct", "pct2"):
            return f"{rng.uniform(0.4, 26):.2f}"
        if key in ("dpct", "dpct2"):
            return f"{rng.uniform(0.05, 3.9):.2f}"
        if key == "level":
            return f"{rng.uniform(900, 42000):,.2f}"
        if key == "bp":
            return str(rng.choice((5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 90, 100, 125, 150)))
        if key in ("pe", "pe2"):
            return f"{rng.uniform(9.5, 34.9):.1f}"
        if key in ("growth", "growth2"):
            return str(rng.randint(2, 35))
        if key == "usd_bn":
            return f"{rng.uniform(0.2, 30):.1f}"
        if key == "usd_m":
            return f"{rng.uniform(12, 980):.1f}"
        if key == "days":
            return str(rng.randint(3, 26))
        if key == "share":
            return str(rng.randint(8, 72))
        if key == "ratio":
            return f"{rng.uniform(0.6, 4.8):.1f}"
        if key == "year":
            return str(rng.randint(2023, 2027))
        if key == "hist_year":
            return str(rng.choice((1927, 1945, 1962, 1979, 1990, 2000, 2008)))
        if key == "eps":
            return f"{rng.uniform(0.05, 6.5):.2f}"
        if key == "rate_lvl":
            return f"{rng.uniform(0.5, 5.6):.2f}"
        if key == "margin":
            return f"{rng.uniform(14, 66):.1f}"
        if key == "n_small":
            return str(rng.randint(1, 6))
        if key in ("n_of", "n_total"):
            total = rng.randint(6, 14)
            self["n_total"], self["n_of"] = str(total), str(rng.randint(2, total))
            return self[key]
        if key == "k_jobs":
            return str(rng.randint(-80, 340))
        if key == "pmi":
            return f"{rng.uniform(45, 57):.1f}"
        if key == "date":
            d = self._date_near()
            return f"{d.year}年{d.month}月{d.day}日" if zh else d.isoformat()
        if key == "month":
            d = self._date_near()
            return f"{d.year}年{d.month}月" if zh else f"{vocab.MONTHS[d.month - 1]} {d.year}"
        if key == "quarter":
            d = self._date_near()
            q = (d.month - 1) // 3
            return f"{d.year}年{_QUARTERS_ZH[q]}" if zh else f"Q{q + 1} {d.year}"
        if key == "up":
            return rng.choice(_UP[self.lang])
        if key == "down":
            return rng.choice(_DOWN[self.lang])
        raise KeyError(f"unknown slot {{{key}}}")


def _fill(template: str, slots: Slots) -> str:
    slots.new_sentence()
    text = template.format_map(slots)
    return text[0].upper() + text[1:] if text[:1].islower() else text


def _paragraph(rng: random.Random, topic: Topic, slots: Slots, lang: str) -> str:
    """Sentences of the topic (and now and then one of another) until the paragraph is chunk-sized."""
    target = rng.randint(280, 520) if lang == "zh" else rng.randint(340, 700)
    limit = 560 if lang == "zh" else 740
    pool = list(topic.sentences[lang])
    rng.shuffle(pool)
    out: list[str] = []
    size = 0
    joiner = "" if lang == "zh" else " "
    while size < target:
        if not pool:  # the topic's sentences are used up: continue with a neighbouring topic
            pool = list(rng.choices(TOPICS, weights=_TOPIC_WEIGHTS)[0].sentences[lang])
            rng.shuffle(pool)
        template = pool.pop()
        if rng.random() < 0.12:  # research notes wander: one sentence from a neighbouring topic
            template = rng.choice(rng.choices(TOPICS, weights=_TOPIC_WEIGHTS)[0].sentences[lang])
        sentence = _fill(template, slots)
        if size + len(sentence) + 1 > limit and size >= 300:
            break
        out.append(sentence)
        size += len(sentence) + len(joiner)
    return joiner.join(out)


def generate_document(namespace: str, j: int) -> tuple[object, str]:
    """Document j of the namespace (an assistant Document) and its topic name. Deterministic."""
    from assistant.index.chunking import make_document

    rng = random.Random(f"cited-bench:{CORPUS_VERSION}:{namespace}:{j}")
    lang = "zh" if rng.random() < ZH_SHARE else "en"
    topic = rng.choices(TOPICS, weights=_TOPIC_WEIGHTS)[0]
    day = _FIRST_DAY + dt.timedelta(days=rng.randint(0, _SPAN_DAYS))
    slots = Slots(rng, lang, day)
    title = _fill(rng.choice(topic.titles[lang]), slots)
    headings = list(topic.headings[lang])
    rng.shuffle(headings)
    sections = []
    for s in range(rng.randint(3, 7)):
        if s:
            slots.reroll_secondary()
        heading = headings[s % len(headings)]
        if s >= len(headings):
            heading += "（续）" if lang == "zh" else " (continued)"
        sections.append(f"## {heading}\n\n{_paragraph(rng, topic, slots, lang)}")
    text = f"# {title}\n\n" + "\n\n".join(sections)
    bank = slots["bank"]
    meta = {
        "id": f"bench-{CORPUS_VERSION}-{namespace}-{j}",
        "title": title,
        "date": day.isoformat(),
        "source": f"{bank}（基准测试生成笔记）" if lang == "zh" else f"{bank} (generated benchmark note)",
        "tickers": list(dict.fromkeys(slots.tickers)),
        "tags": list(topic.tags[lang]),
        "lang": lang,
    }
    return make_document(text, meta=meta), topic.name


def iter_chunks(namespace: str = "main", start_doc: int = 0) -> Iterator[GeneratedChunk]:
    """The corpus's chunks in order, as the project's chunker cuts them."""
    from assistant.index.chunking import chunk_document

    j = start_doc
    while True:
        doc, topic = generate_document(namespace, j)
        for chunk in chunk_document(doc):  # type: ignore[arg-type]
            yield GeneratedChunk(chunk, topic)
        j += 1


def corpus_chunks(n: int, namespace: str = "main") -> list[GeneratedChunk]:
    """The first n chunks of the namespace's corpus."""
    out: list[GeneratedChunk] = []
    if n <= 0:
        return out
    for item in iter_chunks(namespace):
        out.append(item)
        if len(out) >= n:
            return out
    return out  # pragma: no cover - iter_chunks never ends


def corpus_documents(min_chunks: int, namespace: str) -> tuple[list[object], int]:
    """Whole documents of the namespace until they hold at least min_chunks chunks; (docs, chunk count)."""
    from assistant.index.chunking import chunk_document

    docs: list[object] = []
    total, j = 0, 0
    while total < min_chunks:
        doc, _ = generate_document(namespace, j)
        docs.append(doc)
        total += len(chunk_document(doc))  # type: ignore[arg-type]
        j += 1
    return docs, total


def queries(n: int, namespace: str) -> list[str]:
    """n distinct search questions about the corpus's subjects, in both languages (deterministic)."""
    rng = random.Random(f"cited-bench-queries:{CORPUS_VERSION}:{namespace}")
    seen: dict[str, None] = {}
    attempts = 0
    while len(seen) < n and attempts < n * 50:
        attempts += 1
        lang = "zh" if rng.random() < ZH_SHARE else "en"
        topic = rng.choices(TOPICS, weights=_TOPIC_WEIGHTS)[0]
        day = _FIRST_DAY + dt.timedelta(days=rng.randint(0, _SPAN_DAYS))
        seen.setdefault(_fill(rng.choice(topic.questions[lang]), Slots(rng, lang, day)))
    return list(seen)


# Questions about the seed article's facts, in both languages; the demo notes and prices answer them.
ASK_QUESTIONS = (
    "How much did the Russell 2000 rise from 2025-12-01 to 2026-01-16?",
    "What was the Russell 2000's return between December 1, 2025 and January 16, 2026?",
    "Has the Russell 2000 outperformed the S&P 500 lately, and for how many days in a row?",
    "How many consecutive trading days did the Russell 2000 beat the S&P 500 up to 2026-01-16?",
    "Did the Russell 2000 close at a record on 2026-01-16?",
    "What was the Russell 2000's all-time high close as of January 16, 2026?",
    "Which sectors did best and worst on 2026-01-16?",
    "What forward P/E premium does the S&P 500 carry over the Russell 2000?",
    "What share of Russell 2000 companies are unprofitable?",
    "How large is the share of loss-making companies in the Russell 2000?",
    "罗素2000指数从2025年12月1日到2026年1月16日涨了多少?",
    "2025年12月1日至2026年1月16日罗素2000的涨幅是多少？",
    "罗素2000最近跑赢标普500了吗？连续跑赢了几天？",
    "罗素2000过去11个交易日跑赢标普500了吗？",
    "罗素2000在2026年1月16日创历史新高了吗？",
    "截至2026年1月16日，罗素2000的历史最高收盘价是多少？",
    "2026年1月16日哪个板块涨得最好，哪个最差？",
    "标普500相对罗素2000的市盈率溢价是多少？",
    "罗素2000成分股中亏损公司的比例是多少？",
    "罗素2000里有多少比例的公司还没有盈利？",
)

# asked before timing starts, so model, dictionary and price files are loaded (not part of the list above)
WARM_UP_QUESTIONS = (
    "What was the Nasdaq 100's volatility in 2025?",
    "纳斯达克100在2025年的最大回撤是多少？",
)
