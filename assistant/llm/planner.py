"""LLMPlanner: the model chooses tool calls through the chat-completions tool-calling API.

The engine runs the calls; this planner only talks to the model. Each call the model sends is checked
here before the engine sees it — a known tool, arguments that are a JSON object, arguments the tool's
pydantic model accepts. A call that fails the check never runs: its error is kept and sent back to the
model as that call's tool result in the next round, beside the results of the calls that did run (the
engine records each outcome on the PlannedCall it ran). Errors a tool raises while running (ToolError:
an unknown ticker, a date outside the data) reach the model the same way, so it can correct itself.

The conversation lives on the plan (LLMPlan), never on the planner, so one planner serves concurrent
questions.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from pydantic import PrivateAttr, ValidationError

from assistant.config import Settings
from assistant.ledger import EvidenceLedger
from assistant.llm.client import ChatModel, LLMError, ToolCallRequest, add_usage, parse_arguments
from assistant.llm.evidence import PLANNER_PASSAGE_CHARS, describe
from assistant.models import Question
from assistant.plan.base import Plan, PlannedCall, Planner
from assistant.prompts import render
from tools.base import ToolContext, ToolError

log = logging.getLogger(__name__)

# faults after which a second request would fail the same way: the composer skips the model too
MODEL_DOWN = ("timeout", "connection", "rate_limited", "server_error", "auth")
_TICKER_ARGS = ("ticker", "benchmark")
PLAN_MAX_TOKENS = 1024  # tool calls and "DONE" are short; a runaway reply must not fill the context


@dataclass
class Pending:
    """One tool call from the model's last message: handed to the engine, or rejected with a reason."""

    request: ToolCallRequest
    planned: PlannedCall | None = None
    error: str | None = None


@dataclass
class Conversation:
    """The planning conversation of one question."""

    ctx: ToolContext
    limit: int
    messages: list[dict[str, Any]] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    rounds: int = 0
    done: bool = False
    offline: bool = False  # planning fell back to the rule planner
    model_down: LLMError | None = None
    rejected: int = 0


class LLMPlan(Plan):
    """A Plan that carries its model conversation (private: not part of the plan event)."""

    _conversation: Conversation | None = PrivateAttr(None)


def conversation_of(plan: Plan) -> Conversation | None:
    return plan._conversation if isinstance(plan, LLMPlan) else None


def mark_llm(plan: Plan, model: str, usage: dict[str, int]) -> None:
    """Record that the model took part in this answer, and what it cost."""
    plan.mode = "llm"
    plan.model = model
    add_usage(plan.usage, usage)


class LLMPlanner:
    """Planner over a ChatModel; falls back to `fallback` (the RulePlanner) when the model fails at once."""

    def __init__(
        self,
        model: ChatModel,
        settings: Settings,
        fallback: Planner | None = None,
        tools: list[dict[str, Any]] | None = None,
    ):
        from assistant.engine import MAX_FOLLOW_UP_ROUNDS
        from assistant.plan.rules import RulePlanner

        self.model = model
        self.settings = settings
        self.fallback: Planner = fallback or RulePlanner()
        # the engine runs at most MAX_FOLLOW_UP_ROUNDS + 1 batches; a round beyond that would never run
        self.limit = max(1, min(settings.llm_max_tool_rounds, MAX_FOLLOW_UP_ROUNDS + 1))
        self._tools = tools

    @property
    def tools(self) -> list[dict[str, Any]]:
        if self._tools is None:
            from tools.registry import openai_tools

            self._tools = openai_tools()
        return self._tools

    # ------------------------------------------------------------------ Planner protocol

    def plan(self, question: Question, ctx: ToolContext) -> Plan:
        lang = question.language
        plan = LLMPlan(language=lang)
        conv = Conversation(ctx=ctx, limit=self.limit)
        plan._conversation = conv
        conv.messages = [
            {"role": "system", "content": render("system", lang)},
            {
                "role": "user",
                "content": render(
                    "planner",
                    lang,
                    question=question.text,
                    context=_context(question, lang),
                    series=_series(ctx),
                    max_rounds=self.limit,
                ),
            },
        ]
        try:
            plan.calls = self._round(plan, conv)
        except LLMError as exc:
            return self._offline(question, ctx, plan, conv, exc)
        except Exception as exc:  # a bug here must not cost the user the answer
            log.exception("LLM planning failed")
            failure = LLMError("internal", f"{type(exc).__name__}: {exc}")
            return self._offline(question, ctx, plan, conv, failure)
        return plan

    def follow_up(self, question: Question, plan: Plan, ledger: EvidenceLedger) -> list[PlannedCall]:
        conv = conversation_of(plan)
        if conv is None or conv.offline:
            return self.fallback.follow_up(question, plan, ledger)
        while conv.pending and not conv.done:
            self._feed(conv, ledger)
            if conv.rounds >= conv.limit:
                plan.warnings.append(
                    f"tool-call round limit reached ({conv.limit}); the answer uses the "
                    "evidence gathered in those rounds"
                )
                conv.done = True
                break
            try:
                calls = self._round(plan, conv)
            except Exception as exc:
                if not isinstance(exc, LLMError):  # a bug: keep the evidence, say what happened
                    log.exception("LLM planning failed")
                    exc = LLMError("internal", f"{type(exc).__name__}: {exc}")
                conv.done = True
                if exc.kind in MODEL_DOWN:
                    conv.model_down = exc
                plan.warnings.append(
                    f"LLM planning stopped: {exc.describe()}; the answer uses the evidence gathered so far"
                )
                return []
            if calls:
                plan.calls.extend(calls)
                return calls
            # every call of this round was rejected: send the errors back in the next round
        return []

    # ------------------------------------------------------------------ rounds

    def _round(self, plan: LLMPlan, conv: Conversation) -> list[PlannedCall]:
        """Ask the model once; keep its tool calls as pending, return those that may run."""
        completion = self.model.complete(conv.messages, tools=self.tools, max_tokens=PLAN_MAX_TOKENS)
        mark_llm(plan, self.model.name, completion.usage)
        if not completion.tool_calls:
            conv.done = True
            return []
        conv.rounds += 1
        conv.messages.append(
            {
                "role": "assistant",
                "content": completion.content or "",  # llama.cpp servers reject null here; OpenAI takes both
                "tool_calls": [
                    {"id": r.id, "type": "function", "function": {"name": r.name, "arguments": r.arguments}}
                    for r in completion.tool_calls
                ],
            }
        )
        conv.pending = [self._check(r) for r in completion.tool_calls]
        for p in conv.pending:
            if p.error:
                conv.rejected += 1
                plan.notes.append(
                    f"the model's call {p.request.name}({_short(p.request.arguments)}) was "
                    f"rejected and the reason returned to it: {p.error}"
                )
        ready = [p.planned for p in conv.pending if p.planned is not None]
        self._note_tickers(plan, conv.ctx, ready)
        plan.intents = list(dict.fromkeys(plan.intents + [c.name for c in ready]))
        return ready

    def _check(self, request: ToolCallRequest) -> Pending:
        from tools.registry import all_tools

        offered = sorted(t["function"]["name"] for t in self.tools)
        tool = all_tools().get(request.name) if request.name in offered else None
        if tool is None:
            known = ", ".join(offered)
            return Pending(request, error=f"unknown tool {request.name!r}; available tools: {known}")
        try:
            arguments = parse_arguments(request.arguments)
        except ValueError as exc:
            return Pending(
                request,
                error=f"{request.name}: {exc}. Send the arguments as one JSON object that "
                "matches the tool's parameters.",
            )
        try:
            tool.args_model.model_validate(arguments)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}" for e in exc.errors()
            )
            return Pending(request, error=f"invalid arguments for {request.name}: {problems}")
        return Pending(
            request,
            planned=PlannedCall(name=request.name, arguments=arguments, purpose="requested by the model"),
        )

    def _feed(self, conv: Conversation, ledger: EvidenceLedger) -> None:
        """Answer every pending tool call with its outcome, numbered as the ledger numbers it."""
        for p in conv.pending:
            conv.messages.append(
                {"role": "tool", "tool_call_id": p.request.id, "content": _outcome_text(p, ledger)}
            )
        conv.pending = []

    def _offline(
        self, question: Question, ctx: ToolContext, plan: LLMPlan, conv: Conversation, exc: LLMError
    ) -> Plan:
        """The first request failed: plan with the rules, and say why."""
        offline = self.fallback.plan(question, ctx)
        for name in ("intents", "tickers", "calls", "notes", "errors"):
            setattr(plan, name, getattr(offline, name))
        plan.warnings.extend(offline.warnings)
        plan.warnings.append(f"LLM planning failed: {exc.describe()}; the tool calls were planned offline")
        conv.offline = True
        if exc.kind in MODEL_DOWN:
            conv.model_down = exc
        return plan

    def _note_tickers(self, plan: Plan, ctx: ToolContext, calls: list[PlannedCall]) -> None:
        """The symbols the model asked about, for the answer's ticker strip."""
        for call in calls:
            for key in _TICKER_ARGS:
                value = call.arguments.get(key)
                if not isinstance(value, str):
                    continue
                try:
                    symbol = ctx.prices.resolve(value)
                except (ToolError, OSError, ValueError):
                    continue
                if symbol not in plan.tickers:
                    plan.tickers.append(symbol)


def _outcome_text(p: Pending, ledger: EvidenceLedger) -> str:
    if p.error is not None:
        return f"error: {p.error}"
    outcome = p.planned.outcome if p.planned is not None else None
    if outcome is None:
        return "error: this call was not run"
    if not outcome.ok:
        return f"error: {outcome.error}"
    entries = [e for n in outcome.references if (e := ledger.get(n)) is not None]
    if not entries:
        return outcome.summary or "no results"
    return "\n\n".join(describe(e, max_chars=PLANNER_PASSAGE_CHARS) for e in entries)


def _series(ctx: ToolContext) -> str:
    try:
        infos = ctx.prices.symbols()
    except Exception as exc:  # planning goes on without the list; the tools will say what exists
        log.warning("cannot list price series: %s", exc)
        return "(unknown)"
    if not infos:
        return "(none: no prices imported)"
    return "\n".join(
        f"- {i.symbol} ({i.name}): {i.start} to {i.end}{' — demo data' if i.demo else ''}" for i in infos
    )


def _context(question: Question, lang: str) -> str:
    zh = lang == "zh"
    lines = []
    if question.scope.doc_id:
        lines.append(
            f"这个问题针对文档 {question.scope.doc_id}：检索时把 doc_id 过滤条件设为它。"
            if zh
            else f"The question is about document {question.scope.doc_id}: filter searches by that doc_id."
        )
    if question.scope.ticker:
        lines.append(
            f"这个问题针对 {question.scope.ticker}。"
            if zh
            else f"The question is about {question.scope.ticker}."
        )
    if question.history:
        earlier = "\n".join(f"- {h}" for h in question.history[-5:])
        lines.append(
            ("本次对话中之前的问题：\n" if zh else "Earlier questions in this conversation:\n") + earlier
        )
    return "\n".join(lines)


def _short(arguments: str, limit: int = 80) -> str:
    text = arguments.strip()
    try:
        text = json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        pass
    return text if len(text) <= limit else text[:limit] + "…"
