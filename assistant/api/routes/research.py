"""Deep research: propose a plan, run it (SSE or JSON), read it back, export it as Markdown."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import PlainTextResponse

from assistant.api.deps import ServicesDep, TokenDep
from assistant.api.render import render_answer
from assistant.api.schemas import Deleted, ResearchOut, ResearchRequest, ResearchRunRequest, ResearchSummary
from assistant.api.services import NotFound, Services, locked_steps
from assistant.api.sse import sse_response

router = APIRouter(prefix="/api/research", tags=["research"], dependencies=[TokenDep])

SSE_DOC = {200: {"description": "The finished research as JSON, or with ?stream=true a text/event-stream of "
                                "plan, section_start, step, section, then report (or error).",
                 "content": {"text/event-stream": {}}}}


class _Locked:
    """The engine, taken one question at a time, so chats interleave with a long research run."""

    def __init__(self, services: Services):
        self.services = services
        self.ctx = services.engine().ctx

    def stream(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        yield from locked_steps(self.services.run_lock, self.services.engine().stream(*args, **kwargs))


def _section_html(section: dict[str, Any]) -> dict[str, Any]:
    return {**section, "html": render_answer(section["text"], set(section["references"]))}


def _report_out(report: dict[str, Any] | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return {**report, "sections": [_section_html(s) for s in report["sections"]]}


def _load(services: Services, research_id: str) -> dict[str, Any]:
    research = services.store.research(research_id)
    if research is None:
        raise HTTPException(404, f"no research with id {research_id!r}; POST /api/research proposes one")
    return research


def _out(research: dict[str, Any]) -> dict[str, Any]:
    return {"id": research["id"], "status": research["status"], "plan": research["plan"],
            "report": _report_out(research["report"])}


@router.post("", response_model=ResearchOut)
def propose(req: ResearchRequest, services: ServicesDep) -> Any:
    """Propose a research plan for a topic or an article; edit it, then run it."""
    from assistant.research import propose_plan, tool_preview

    topic, tickers = req.topic.strip(), []
    if req.doc_id:
        try:
            info, _ = services.document(req.doc_id)
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        topic = topic or info.title
        tickers = list(info.tickers or [])
    if not topic:
        raise HTTPException(422, "Give a topic (e.g. 'small caps vs large caps in 2026') or an article's doc_id.")
    settings = services.settings
    preview = tool_preview(services.engine())
    plan = None
    if settings.llm_base_url or settings.llm_model:  # the model drafts the outline; offline plan if it cannot
        try:
            from assistant.llm.client import OpenAIChatModel
            from assistant.research import llm_plan

            plan = llm_plan(topic, OpenAIChatModel.from_settings(settings), language=req.language,
                            doc_id=req.doc_id, doc_tickers=tickers, preview=preview)
        except Exception as exc:  # LLMError, LLMConfigError, an unusable outline: say so, plan offline
            note = f"the model could not draft a plan ({type(exc).__name__}: {exc}); using the standard plan"
    with services.run_lock:
        if plan is None:
            plan = propose_plan(topic, language=req.language, doc_id=req.doc_id, doc_tickers=tickers,
                                preview=preview)
            if settings.llm_base_url or settings.llm_model:
                plan.notes.append(note)
    data = plan.model_dump(mode="json")
    services.store.save_research(plan.id, plan.topic, plan.doc_id, data)
    return {"id": plan.id, "status": "planned", "plan": data, "report": None}


@router.get("", response_model=list[ResearchSummary])
def list_research(services: ServicesDep, limit: int = Query(50, ge=1, le=500)) -> Any:
    """Research plans and reports, most recent first."""
    return services.store.research_list(limit)


@router.get("/{research_id}", response_model=ResearchOut)
def get_research(research_id: str, services: ServicesDep) -> Any:
    """A research plan and, once run, its report."""
    return _out(_load(services, research_id))


@router.delete("/{research_id}", response_model=Deleted)
def delete_research(research_id: str, services: ServicesDep) -> Any:
    """Delete a research plan and its report."""
    if not services.store.delete_research(research_id):
        raise HTTPException(404, f"no research with id {research_id!r}")
    return {"id": research_id}


@router.post("/{research_id}/run", response_model=ResearchOut, responses=SSE_DOC)
def run(research_id: str, services: ServicesDep, req: ResearchRunRequest | None = None,
        stream: bool = Query(False, description="Stream progress as server-sent events.")) -> Any:
    """Run a plan (as proposed, or with edited sections); the report has one reference numbering."""
    from assistant.research import ResearchPlan, ResearchSection, run_research, tool_preview

    research = _load(services, research_id)
    if research["status"] == "running":
        raise HTTPException(409, "this research is already running; wait for it or propose a new one")
    plan = ResearchPlan.model_validate(research["plan"])
    if req is not None and req.sections is not None:
        preview = tool_preview(services.engine())
        sections = []
        for s in req.sections:
            questions = [q.strip() for q in s.questions if q.strip()]
            if s.key != "summary" and not questions:
                raise HTTPException(422, f"section {s.title!r} has no question; add one or remove the section")
            if any(len(q) > 1000 for q in questions):
                raise HTTPException(422, f"a question in section {s.title!r} is over 1,000 characters")
            sections.append(ResearchSection(key=s.key, title=s.title.strip(), questions=questions,
                                            tools=[preview(q) for q in questions]))
        if not sections:
            raise HTTPException(422, "the plan has no sections; keep at least one")
        plan.sections = sections
    plan_data = plan.model_dump(mode="json")
    store = services.store
    store.save_research(plan.id, plan.topic, plan.doc_id, plan_data, status="running")

    def events(stop: threading.Event | None = None) -> Iterator[tuple[str, Any]]:
        finished = False
        try:
            for ev in run_research(plan, _Locked(services), cancelled=lambda: bool(stop and stop.is_set())):
                data = ev.data
                if ev.type == "section":
                    data = {**data, "section": _section_html(data["section"])}
                elif ev.type == "report":
                    store.save_research(plan.id, plan.topic, plan.doc_id, plan_data, status="done", report=data)
                    finished = True
                    data = {"id": plan.id, "status": "done", "plan": plan_data, "report": _report_out(data)}
                yield ev.type, data
        finally:
            if not finished:  # cut short or failed: the plan can be run again
                store.save_research(plan.id, plan.topic, plan.doc_id, plan_data, status="planned")

    if stream:
        return sse_response(events)
    result = None
    for kind, data in events():
        if kind == "report":
            result = data
    if result is None:
        raise HTTPException(422, "the research produced no report")
    return result


@router.get("/{research_id}/export.md", response_model=str, response_class=PlainTextResponse,
            responses={200: {"content": {"text/markdown": {}}}})
def export_markdown(research_id: str, services: ServicesDep) -> Any:
    """The finished report as a Markdown file, with its numbered references."""
    from assistant.research import ResearchReport

    research = _load(services, research_id)
    if research["report"] is None:
        raise HTTPException(409, "this research has not been run yet; POST /api/research/{id}/run first")
    text = ResearchReport.model_validate(research["report"]).to_markdown()
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="cited-research-{research_id}.md"'})
