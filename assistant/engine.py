"""The pipeline: plan → tools → ledger → compose → verify → Answer, as one call or as a stream of events."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from assistant.compose.base import Composer, Restart
from assistant.compose.template import is_refusal, state
from assistant.config import Settings, get_settings
from assistant.language import detect_language
from assistant.ledger import EvidenceLedger, renumber
from assistant.models import DISCLAIMER, Answer, Event, Question, RelatedTicker, Scope, ToolCall
from assistant.plan.base import Plan, PlannedCall, Planner
from assistant.verify import verify
from tools.base import ToolContext, ToolError
from tools.registry import get_tool

log = logging.getLogger(__name__)

MAX_FOLLOW_UP_ROUNDS = 3
MAX_RELATED_TICKERS = 4


class QuestionError(ValueError):
    """The question itself cannot be answered as asked (empty, too long)."""


def validate_question(text: str, settings: Settings) -> str:
    text = (text or "").strip()
    if not text:
        raise QuestionError("The question is empty. Ask about an index, a window or a topic, "
                            "e.g. 'How much did the Russell 2000 gain since 2025-12-01?'")
    if len(text) > settings.max_question_chars:
        raise QuestionError(f"The question is {len(text):,} characters long; the limit is "
                            f"{settings.max_question_chars:,}. Shorten it to the question itself.")
    return text


class Engine:
    """Wires the stages. Planner and composer are seams: the offline ones unless others are given."""

    def __init__(self, settings: Settings | None = None, *, planner: Planner | None = None,
                 composer: Composer | None = None, ctx: ToolContext | None = None):
        from assistant.compose.template import TemplateComposer
        from assistant.plan.rules import RulePlanner

        self.settings = settings or get_settings()
        self.ctx = ctx or ToolContext(self.settings)
        self.planner: Planner = planner or RulePlanner()
        self.composer: Composer = composer or TemplateComposer(self.settings)

    def ask(self, text: str, *, scope: Scope | None = None, history: list[str] | None = None) -> Answer:
        answer = None
        for event in self.stream(text, scope=scope, history=history):
            if event.type == "answer":
                answer = Answer.model_validate(event.data)
            elif event.type == "error":
                raise QuestionError(event.data["message"])
        assert answer is not None
        return answer

    def stream(self, text: str, *, scope: Scope | None = None,
               history: list[str] | None = None) -> Iterator[Event]:
        """Events in order: plan, tool_call/tool_result pairs, tokens, references, then the answer."""
        timings: dict[str, float] = {}
        t_start = time.perf_counter()
        try:
            text = validate_question(text, self.settings)
        except QuestionError as exc:
            yield Event(type="error", data={"message": str(exc)})
            return
        question = Question(text=text, language=detect_language(text), scope=scope or Scope(),
                            history=history or [])
        ledger = EvidenceLedger()
        calls: list[ToolCall] = []

        with _timed(timings, "plan"):
            plan = self.planner.plan(question, self.ctx)
        yield Event(type="plan", data=plan.model_dump(mode="json"))

        pending = list(plan.calls)
        for _round in range(MAX_FOLLOW_UP_ROUNDS + 1):
            for planned in pending:
                yield Event(type="tool_call", data={"name": planned.name, "arguments": planned.arguments,
                                                    "purpose": planned.purpose})
                call = self._run(planned, ledger, timings)
                planned.outcome = call
                calls.append(call)
                yield Event(type="tool_result", data=call.model_dump(mode="json"))
            with _timed(timings, "plan"):
                pending = self.planner.follow_up(question, plan, ledger)
            if not pending:
                break

        for entry in ledger.entries:  # data references read in the question's language
            if entry.result is not None:
                entry.reference.title = state(entry.result, question.language).rstrip("。.")
        # tokens stream as composed (ledger numbering); the final answer event replaces them once verified
        parts: list[str] = []
        t0 = time.perf_counter()
        for part in self.composer.compose(question, plan, ledger, calls):
            if isinstance(part, Restart):  # the composer takes back what it streamed so far
                parts.clear()
                yield Event(type="token", data={"text": "", "restart": True})
                continue
            parts.append(part)
            for piece in _pieces(part):
                yield Event(type="token", data={"text": piece})
        timings["compose"] = round((time.perf_counter() - t0) * 1000, 2)
        with _timed(timings, "verify"):
            checked = verify("".join(parts), ledger)
            final_text, references = renumber(checked.text, ledger.references)
        for ref in references:
            yield Event(type="reference", data=ref.model_dump(mode="json"))

        with _timed(timings, "related"):
            related = self._related(plan)
        timings["total"] = round((time.perf_counter() - t_start) * 1000, 2)
        answer = Answer(
            question=text,
            language=question.language,
            text=final_text,
            references=references,
            tool_calls=calls,
            related_tickers=related,
            grounded=checked.grounded,
            refused=is_refusal(final_text, question.language),
            warnings=plan.warnings + checked.warnings,
            errors=plan.errors + [c.error for c in calls if not c.ok and c.error and c.error not in plan.errors],
            notes=plan.notes,
            timings=timings,
            mode="llm" if plan.mode == "llm" else "offline",
            model=plan.model,
            usage=plan.usage,
            disclaimer=DISCLAIMER[question.language],
        )
        yield Event(type="answer", data=answer.model_dump(mode="json"))

    def _run(self, planned: PlannedCall, ledger: EvidenceLedger, timings: dict[str, float]) -> ToolCall:
        stage = "retrieve" if planned.name in ("search_sources", "get_passage") else "tools"
        call = ToolCall(name=planned.name, arguments=planned.arguments)
        t0 = time.perf_counter()
        try:
            result = get_tool(planned.name).run(planned.arguments, self.ctx)
        except ToolError as exc:
            call.ok, call.error = False, str(exc)
        except Exception as exc:  # a bug in a tool must not reach the user as a stack trace
            log.exception("tool %s failed", planned.name)
            call.ok, call.error = False, f"{planned.name} failed unexpectedly ({type(exc).__name__}); see the log"
        else:
            call.summary = result.summary
            passages = getattr(result, "passages", None)
            if passages is not None:
                call.references = [ledger.add_passage(p).n for p in passages]
            elif getattr(result, "passage", None) is not None:
                call.references = [ledger.add_passage(result.passage).n]
            else:
                call.references = [ledger.add_result(result, planned.arguments).n]
        call.ms = round((time.perf_counter() - t0) * 1000, 2)
        timings[stage] = round(timings.get(stage, 0.0) + call.ms, 2)
        return call

    def _related(self, plan: Plan) -> list[RelatedTicker]:
        """Quotes for the tickers the question is about, for the answer's ticker strip."""
        from tools.market import QuoteArgs, quote

        out = []
        for symbol in plan.tickers[:MAX_RELATED_TICKERS]:
            try:
                q = quote(QuoteArgs(ticker=symbol), self.ctx)
            except ToolError:
                continue
            out.append(RelatedTicker(symbol=q.ticker, name=q.name, last=q.last, change_pct=q.change_pct,
                                     as_of=q.as_of_date, sparkline=q.sparkline,
                                     demo=bool(q.provenance and q.provenance.demo)))
        return out


def make_engine(settings: Settings | None = None, *, mode: str = "auto") -> Engine:
    """The engine for a mode: 'offline', 'llm', or 'auto' (llm when one is configured)."""
    settings = settings or get_settings()
    use_llm = mode == "llm" or (mode == "auto" and bool(settings.llm_base_url or settings.llm_model))
    if not use_llm:
        return Engine(settings)
    from assistant.llm.wiring import llm_engine  # only imported when a model is wanted

    return llm_engine(settings)


def _pieces(text: str) -> Iterator[str]:
    """Split text into word-sized pieces for token events (the offline composer has no real tokens)."""
    buf = ""
    for ch in text:
        buf += ch
        if ch in " \n。，；！？" and len(buf) >= 8:
            yield buf
            buf = ""
    if buf:
        yield buf


@contextmanager
def _timed(timings: dict[str, float], stage: str):
    t0 = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round(timings.get(stage, 0.0) + (time.perf_counter() - t0) * 1000, 2)
