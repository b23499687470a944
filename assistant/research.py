"""Deep research: plan (sections of questions) → run each question through the engine → one report.

The report has ONE reference numbering: every section's references are merged, de-duplicated (a passage
by its chunk id, a data reference by its computation) and renumbered 1..N in order of first citation.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

from assistant.language import detect_language
from assistant.models import DISCLAIMER, Answer, Language, Question, Reference, Scope
from assistant.verify import CITATION, parse_citation_numbers

PROMPTS = Path(__file__).resolve().parents[1] / "prompts"
MAX_SECTIONS = 10
MAX_QUESTIONS_PER_SECTION = 4
SUMMARY = "summary"


class ResearchSection(BaseModel):
    """One section of the plan: its questions and the tool calls they are expected to make."""

    key: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1, max_length=80)
    questions: list[str] = Field(default_factory=list, max_length=MAX_QUESTIONS_PER_SECTION)
    tools: list[list[str]] = Field(default_factory=list, description="Planned tool names, one list per question.")


class ResearchPlan(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])
    topic: str
    language: Language
    doc_id: str | None = None
    tickers: list[str] = Field(default_factory=list)
    sections: list[ResearchSection]
    mode: Literal["offline", "llm"] = "offline"
    notes: list[str] = Field(default_factory=list, description="How the plan was made, e.g. why not by the model.")


class SectionReport(BaseModel):
    key: str
    title: str
    text: str = Field(description="Markdown citing the report's global [n].")
    questions: list[str] = Field(default_factory=list)
    references: list[int] = Field(default_factory=list, description="Global numbers cited in this section.")
    grounded: bool = True
    warnings: list[str] = Field(default_factory=list)
    ms: float = 0.0


class ResearchReport(BaseModel):
    id: str
    topic: str
    language: Language
    sections: list[SectionReport]
    references: list[Reference]
    disclaimer: str
    mode: Literal["offline", "llm"] = "offline"
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    ms: float = 0.0

    def to_markdown(self) -> str:
        """The report as a Markdown document: sections, then the numbered references, then the disclaimer."""
        zh = self.language == "zh"
        out = [f"# {self.topic}", "",
               f"*{'深度投研报告' if zh else 'Deep research report'} · {self.created_at:%Y-%m-%d} · Cited ({self.mode})*",
               ""]
        for i, s in enumerate(self.sections, 1):
            out += [f"## {i}. {s.title}", "", s.text.strip(), ""]
        out += [f"## {'参考资料' if zh else 'References'}", ""]
        for r in self.references:
            out.append(f"{r.n}. {_reference_line(r, zh)}")
        out += ["", "---", "", self.disclaimer, ""]
        return "\n".join(out)


class ResearchEvent(BaseModel):
    type: Literal["plan", "section_start", "step", "section", "report", "error"]
    data: dict[str, Any] = Field(default_factory=dict)


def _reference_line(r: Reference, zh: bool) -> str:
    if r.kind == "data":
        window = f" {r.window[0]} → {r.window[1]}" if r.window else ""
        demo = (" （演示数据）" if zh else " (demo data)") if r.demo else ""
        where = f" — {', '.join(r.series)}{window}" if r.series else ""
        return f"{r.title}{demo}{where}: `{r.computation or r.snippet}`"
    when = f", {r.date}" if r.date else ""
    snippet = " ".join(re.sub(r"(^|\n)#+\s*", " ", r.snippet).split())
    snippet = snippet if len(snippet) <= 240 else snippet[:240] + "…"
    return f"**{r.title}**{when} — {r.source}. “{snippet}”"


# -- planning ---------------------------------------------------------------------------------------


@lru_cache
def _offline_templates() -> dict[str, Any]:
    return yaml.safe_load((PROMPTS / "research_offline_plan.yaml").read_text(encoding="utf-8"))


def _subjects(topic: str, doc_tickers: list[str]) -> list[str]:
    from assistant.data.symbols import SYMBOLS, find_mentions

    named = [s for _, s in find_mentions(topic, include_sectors=False)]
    for t in doc_tickers:
        if t in SYMBOLS and SYMBOLS[t].kind != "sector":
            named.append(t)
    family = {"IWM": "^RUT", "SPY": "^GSPC"}  # an ETF and its index state the same story
    return list(dict.fromkeys(family.get(s, s) for s in named))


def propose_plan(topic: str, *, language: Language | None = None, doc_id: str | None = None,
                 doc_tickers: list[str] | None = None, preview: Callable[[str], list[str]] | None = None
                 ) -> ResearchPlan:
    """An offline plan: the template sections filled with the topic's subject and benchmark."""
    from assistant.data.symbols import display_name

    topic = " ".join(topic.split())
    lang: Language = language or detect_language(topic)
    subjects = _subjects(topic, doc_tickers or [])
    subject = subjects[0] if subjects else "^RUT"
    benchmark = next((s for s in subjects[1:] if s != subject), "^RUT" if subject == "^GSPC" else "^GSPC")
    fill = {"subject": display_name(subject, lang), "benchmark": display_name(benchmark, lang), "topic": topic}
    sections = []
    for spec in _offline_templates()["sections"]:
        questions = [q.format(**fill) for q in spec["questions"][lang]]
        sections.append(ResearchSection(key=spec["key"], title=spec["title"][lang], questions=questions,
                                        tools=[preview(q) if preview else [] for q in questions]))
    return ResearchPlan(topic=topic, language=lang, doc_id=doc_id, tickers=[subject, benchmark], sections=sections)


def llm_plan(topic: str, model, *, language: Language | None = None, doc_id: str | None = None,  # noqa: ANN001
             doc_tickers: list[str] | None = None, preview: Callable[[str], list[str]] | None = None,
             context: str = "") -> ResearchPlan:
    """A plan drafted by the model from prompts/research_plan: each section's goal becomes its question.

    Raises ValueError when the reply is not a usable outline (the caller falls back to the offline plan).
    """
    import json

    from assistant.prompts import render

    base = propose_plan(topic, language=language, doc_id=doc_id, doc_tickers=doc_tickers)
    prompt = render("research_plan", base.language, topic=base.topic, context=context,
                    max_sections=MAX_SECTIONS - 1)
    reply = model.complete([{"role": "user", "content": prompt}], max_tokens=1500).content
    start, end = reply.find("{"), reply.rfind("}")
    try:
        outline = json.loads(reply[start:end + 1]) if start != -1 else {}
    except json.JSONDecodeError:
        outline = {}
    sections = []
    for spec in (outline.get("sections") or [])[:MAX_SECTIONS - 1]:
        title, goal = str(spec.get("title", "")).strip()[:80], " ".join(str(spec.get("goal", "")).split())
        if title and goal:
            question = goal[:1000]
            sections.append(ResearchSection(key=f"s{len(sections) + 1}", title=title, questions=[question],
                                            tools=[preview(question) if preview else []]))
    if len(sections) < 2:
        raise ValueError("the model's outline had fewer than two usable sections")
    summary = next(s for s in base.sections if s.key == SUMMARY)
    return base.model_copy(update={"sections": [*sections, summary], "mode": "llm"})


def tool_preview(engine) -> Callable[[str], list[str]]:  # noqa: ANN001 - any Engine
    """Which tools a question will call, from the offline planner (cheap, no model call)."""
    from assistant.plan.rules import RulePlanner

    planner = RulePlanner()

    def preview(question: str) -> list[str]:
        try:
            plan = planner.plan(Question(text=question, language=detect_language(question)), engine.ctx)
        except Exception:  # a preview must never block planning
            return []
        return [c.name for c in plan.calls]

    return preview


# -- running ----------------------------------------------------------------------------------------


class _GlobalRefs:
    """Merges the references of many answers into one numbering, de-duplicated."""

    def __init__(self) -> None:
        self.refs: list[Reference] = []
        self._by_key: dict[str, int] = {}

    @staticmethod
    def key(r: Reference) -> str:
        if r.kind == "passage":
            return f"passage:{r.chunk_id or r.snippet}"
        window = f"{r.window[0]}:{r.window[1]}" if r.window else ""
        return f"data:{r.tool}:{r.computation or r.snippet}:{','.join(r.series)}:{window}"

    def add(self, r: Reference) -> int:
        k = self.key(r)
        if k not in self._by_key:
            n = len(self.refs) + 1
            self.refs.append(r.model_copy(update={"n": n}))
            self._by_key[k] = n
        return self._by_key[k]

    def remap(self, text: str, answer: Answer) -> tuple[str, list[int]]:
        """Rewrite the answer's local [n] as global numbers; returns the text and the numbers cited."""
        local = {r.n: r for r in answer.references}
        used: list[int] = []

        def repl(m: re.Match[str]) -> str:
            nums = [self.add(local[n]) for n in parse_citation_numbers(m.group("body")) if n in local]
            used.extend(nums)
            return "".join(f"[{n}]" for n in dict.fromkeys(nums))

        return CITATION.sub(repl, text), list(dict.fromkeys(used))


_SENTENCE = re.compile(r".+?(?:[。！？!?]|\.(?=\s|$)|$)(?:\s*\[\d+\])*", re.S)


def _lead_sentence(text: str, limit: int = 220) -> str:
    """The section's opening claim with its citations: the first paragraph when short, else its first
    sentence (a cut quotation is closed, and cites what the paragraph cites)."""
    para = next((p.strip() for p in text.split("\n") if p.strip() and not p.lstrip().startswith(("#", ">"))), "")
    para = para.lstrip("-* ").strip()
    if len(para) <= limit:
        return para
    m = _SENTENCE.match(para)
    lead = m.group(0).strip() if m else para[:limit]
    if not re.search(r"\[\d+\]", lead):
        if lead.count("“") > lead.count("”"):
            lead += "…”"
        lead += "".join(dict.fromkeys(re.findall(r"\[\d+\]", para)))
    return lead


def _section_text(answers: list[Answer], refs: _GlobalRefs, seen: set[str]) -> tuple[str, list[int]]:
    """Join the answers' paragraphs in global numbering, skipping refusals when anything else answered
    and paragraphs already written in an earlier section (only kept paragraphs take numbers)."""
    useful = [a for a in answers if not a.refused] or answers[:1]
    paragraphs: list[str] = []
    cited: list[int] = []
    for a in useful:
        for para in re.split(r"\n\s*\n", a.text.strip()):
            norm = re.sub(r"\s", "", CITATION.sub("", para))
            if not norm or norm in seen:
                continue
            seen.add(norm)
            text, used = refs.remap(para.strip(), a)
            paragraphs.append(text)
            cited += used
    return "\n\n".join(paragraphs), list(dict.fromkeys(cited))


def run_research(plan: ResearchPlan, engine, *, cancelled: Callable[[], bool] | None = None,  # noqa: ANN001
                 ) -> Iterator[ResearchEvent]:
    """Run every section's questions through the engine; yields progress, each section, then the report."""
    t0 = time.perf_counter()
    refs = _GlobalRefs()
    seen: set[str] = set()
    sections: list[SectionReport] = []
    mode: Literal["offline", "llm"] = "offline"
    yield ResearchEvent(type="plan", data=plan.model_dump(mode="json"))
    for index, spec in enumerate(plan.sections[:MAX_SECTIONS]):
        if cancelled and cancelled():
            return
        ts = time.perf_counter()
        yield ResearchEvent(type="section_start", data={"index": index, "key": spec.key, "title": spec.title})
        if spec.key == SUMMARY and not spec.questions:
            section = _summary(spec, sections, plan.language)
        else:
            answers: list[Answer] = []
            warnings: list[str] = []
            history: list[str] = []
            for q in spec.questions[:MAX_QUESTIONS_PER_SECTION]:
                answer = None
                for event in engine.stream(q, scope=Scope(ticker=plan.tickers[0] if plan.tickers else None),
                                           history=history):
                    if event.type == "tool_call":
                        yield ResearchEvent(type="step", data={"index": index, "key": spec.key, "question": q,
                                                               "name": event.data.get("name"),
                                                               "purpose": event.data.get("purpose", "")})
                    elif event.type == "answer":
                        answer = Answer.model_validate(event.data)
                    elif event.type == "error":
                        warnings.append(f"{q}: {event.data.get('message', 'failed')}")
                if answer is not None:
                    answers.append(answer)
                    mode = "llm" if answer.mode == "llm" else mode
                    warnings += answer.warnings
            text, cited = _section_text(answers, refs, seen)
            section = SectionReport(key=spec.key, title=spec.title, text=text, questions=list(spec.questions),
                                    references=cited, grounded=all(a.grounded for a in answers),
                                    warnings=list(dict.fromkeys(warnings)))
        section.ms = round((time.perf_counter() - ts) * 1000, 1)
        sections.append(section)
        new_refs = [r.model_dump(mode="json") for r in refs.refs if r.n in section.references]
        yield ResearchEvent(type="section", data={"index": index, "section": section.model_dump(mode="json"),
                                                  "references": new_refs})
    report = ResearchReport(id=plan.id, topic=plan.topic, language=plan.language, sections=sections,
                            references=refs.refs, disclaimer=DISCLAIMER[plan.language], mode=mode,
                            ms=round((time.perf_counter() - t0) * 1000, 1))
    yield ResearchEvent(type="report", data=report.model_dump(mode="json"))


def _summary(spec: ResearchSection, sections: list[SectionReport], lang: Language) -> SectionReport:
    """Each earlier section's lead sentence with its references: a summary that adds no new claim."""
    lines, cited = [], []
    sep = "：" if lang == "zh" else ": "
    for s in sections:
        lead = _lead_sentence(s.text)
        if not lead or not re.search(r"\[\d+\]", lead):
            continue
        lines.append(f"- **{s.title}**{sep}{lead}")
        cited += [int(n) for n in re.findall(r"\[(\d+)\]", lead)]
    return SectionReport(key=spec.key, title=spec.title, text="\n".join(lines),
                         references=list(dict.fromkeys(cited)))
