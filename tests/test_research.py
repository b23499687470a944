"""Deep research without an index: a scripted engine shows how references merge into one numbering."""

from __future__ import annotations

from assistant.models import Answer, Event, Reference
from assistant.research import ResearchPlan, ResearchReport, ResearchSection, propose_plan, run_research


def _passage(n: int, chunk: str) -> Reference:
    return Reference(n=n, kind="passage", title=f"Note {chunk}", chunk_id=chunk, snippet=f"text {chunk}")


def _data(n: int, comp: str) -> Reference:
    return Reference(n=n, kind="data", title="calc", tool="price_return", computation=comp, series=["^RUT"])


class ScriptedEngine:
    """Answers each question with the text and references it was given."""

    def __init__(self, script: dict[str, tuple[str, list[Reference]]]):
        self.script = script
        self.asked: list[str] = []

    def stream(self, text, *, scope=None, history=None):
        self.asked.append(text)
        body, refs = self.script[text]
        yield Event(type="tool_call", data={"name": "search_sources", "arguments": {}, "purpose": ""})
        answer = Answer(question=text, language="en", text=body, references=refs)
        yield Event(type="answer", data=answer.model_dump(mode="json"))


def _plan(sections):
    return ResearchPlan(topic="t", language="en", tickers=["^RUT"], sections=sections)


def test_references_merge_into_one_numbering():
    engine = ScriptedEngine({
        "q1": ("Up 7.83% [1]. A note says so [2].", [_data(1, "a/b-1"), _passage(2, "c1")]),
        "q2": ("The same note again [1]. Another one [2].", [_passage(1, "c1"), _passage(2, "c2")]),
        "q3": ("The calc again [2] and [1].", [_passage(1, "c3"), _data(2, "a/b-1")]),
    })
    plan = _plan([ResearchSection(key="a", title="A", questions=["q1"]),
                  ResearchSection(key="b", title="B", questions=["q2", "q3"]),
                  ResearchSection(key="summary", title="Summary")])
    events = list(run_research(plan, engine))
    report = ResearchReport.model_validate(events[-1].data)
    assert [r.n for r in report.references] == [1, 2, 3, 4]
    assert [r.chunk_id or r.computation for r in report.references] == ["a/b-1", "c1", "c2", "c3"]
    a, b, summary = report.sections
    assert a.text == "Up 7.83% [1]. A note says so [2]."
    assert "The same note again [2]. Another one [3]." in b.text and "The calc again [1] and [4]." in b.text
    assert b.references == [2, 3, 1, 4]
    assert summary.text.startswith("- **A**: Up 7.83% [1].") and summary.references == [1, 2, 3]
    md = report.to_markdown()
    assert "## 3. Summary" in md and "\n4. **Note c3**" in md


def test_repeated_paragraphs_and_refusals_are_left_out():
    engine = ScriptedEngine({
        "q1": ("Fact [1].", [_passage(1, "c1")]),
        "q2": ("Fact [1].\n\nNew fact [2].", [_passage(1, "c1"), _passage(2, "c2")]),
    })
    plan = _plan([ResearchSection(key="a", title="A", questions=["q1"]),
                  ResearchSection(key="b", title="B", questions=["q2"])])
    report = ResearchReport.model_validate(list(run_research(plan, engine))[-1].data)
    assert report.sections[1].text == "New fact [2]."


def test_offline_plan_fills_subject_and_benchmark():
    zh = propose_plan("罗素2000 创新高", preview=lambda q: ["price_return"])
    assert zh.language == "zh" and zh.tickers == ["^RUT", "^GSPC"]
    assert "罗素2000" in zh.sections[0].questions[0] and zh.sections[0].tools[0] == ["price_return"]
    en = propose_plan("Is the S&P 500 too expensive?")
    assert en.language == "en" and en.tickers == ["^GSPC", "^RUT"]
    assert [s.key for s in en.sections][-1] == "summary" and len(en.sections) == 8
    by_doc = propose_plan("A note", doc_tickers=["IWM", "XLI"], language="en")
    assert by_doc.tickers[0] == "^RUT"


class OutlineModel:
    """A chat model that replies with a fixed outline (the wire is tested by the LLM path's own tests)."""

    name = "scripted"

    def __init__(self, reply: str):
        self.reply = reply
        self.prompts: list[str] = []

    def complete(self, messages, **_):
        from assistant.llm.client import Completion

        self.prompts.append(messages[-1]["content"])
        return Completion(content=self.reply)


def test_llm_plan_uses_the_outline_and_keeps_a_summary():
    import pytest

    from assistant.research import llm_plan

    model = OutlineModel('Sure: {"title": "x", "sections": [{"title": "Momentum", "goal": "How far has the '
                         'Russell 2000 run?"}, {"title": "Valuation", "goal": "What P/E gap remains?"}]}')
    plan = llm_plan("Russell 2000 rally", model, preview=lambda q: ["search_sources"])
    assert plan.mode == "llm" and "Russell 2000 rally" in model.prompts[0]
    assert [s.title for s in plan.sections] == ["Momentum", "Valuation", "Summary"]
    assert plan.sections[0].questions == ["How far has the Russell 2000 run?"]
    with pytest.raises(ValueError):
        llm_plan("Russell 2000 rally", OutlineModel("no json here"))
