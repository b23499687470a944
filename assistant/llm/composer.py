"""LLMComposer: the model writes the answer from numbered ledger evidence, streamed, verified, repaired once.

Faults never cost the user an answer: a model that cannot be reached, a stream that breaks, an empty
reply or a context that will not fit all end in the offline TemplateComposer over the evidence gathered
so far, with a warning that says what happened. Text already streamed is taken back with RESTART.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator
from typing import Any

from assistant.compose.base import RESTART, Composer
from assistant.compose.template import REFUSAL, TemplateComposer
from assistant.config import Settings
from assistant.ledger import EvidenceLedger
from assistant.llm.client import ChatModel, LLMError
from assistant.llm.evidence import EvidenceBlock, estimate_tokens, evidence_block
from assistant.llm.planner import conversation_of, mark_llm
from assistant.models import Language, Question, ToolCall
from assistant.plan.base import Plan
from assistant.prompts import render
from assistant.verify import Verification, verify

log = logging.getLogger(__name__)

DEFAULT_CONTEXT_TOKENS = 8192
MAX_ANSWER_TOKENS = 1024
_PROBLEMS_HEAD = {
    "en": "Problems met while gathering evidence (mention them if they matter to the answer):",
    "zh": "收集证据时遇到的问题（如与回答有关，请提及）：",
}


class _Fallback(Exception):
    """Give up on the model for this answer: compose offline and say why."""

    def __init__(self, reason: str, streamed: bool):
        super().__init__(reason)
        self.streamed = streamed


class LLMComposer:
    """Composer over a ChatModel, with the TemplateComposer as its fallback."""

    def __init__(self, model: ChatModel, settings: Settings, fallback: Composer | None = None):
        self.model = model
        self.fallback: Composer = fallback or TemplateComposer(settings)
        self.context_tokens = int(getattr(settings, "llm_context_tokens", DEFAULT_CONTEXT_TOKENS))
        self.answer_tokens = max(128, min(MAX_ANSWER_TOKENS, self.context_tokens // 4))

    def compose(
        self, question: Question, plan: Plan, ledger: EvidenceLedger, calls: list[ToolCall]
    ) -> Iterator[str]:
        conv = conversation_of(plan)
        if conv is not None and conv.model_down is not None:
            plan.warnings.append(f"answer composed offline: {conv.model_down.describe()}")
            yield from self.fallback.compose(question, plan, ledger, calls)
            return
        try:
            yield from self._compose(question, plan, ledger, calls)
        except _Fallback as fb:
            if fb.streamed:
                yield RESTART
            plan.warnings.append(f"answer composed offline: {fb}")
            yield from self.fallback.compose(question, plan, ledger, calls)

    # ------------------------------------------------------------------ stages

    def _compose(
        self, question: Question, plan: Plan, ledger: EvidenceLedger, calls: list[ToolCall]
    ) -> Generator[str, None, None]:
        lang = question.language
        refusing = len(ledger) == 0
        messages = yield from self._first_draft(question, plan, ledger, calls, refusing)
        text = messages[-1]["content"]
        if refusing:
            if not text.lstrip().startswith(REFUSAL[lang]):
                raise _Fallback(
                    "with no evidence found, the model's reply did not state that the sources do "
                    "not answer; the offline refusal is shown",
                    streamed=True,
                )
            return
        check = verify(text, ledger)
        if _problem_count(check):
            yield from self._repair(lang, plan, ledger, messages, check)

    def _first_draft(
        self, question: Question, plan: Plan, ledger: EvidenceLedger, calls: list[ToolCall], refusing: bool
    ) -> Generator[str, None, list[dict[str, Any]]]:
        """Stream the draft; returns the messages with the draft appended as the assistant's turn."""
        lang = question.language
        budget = self._evidence_budget(question, plan, calls)
        for attempt in range(2):
            block = evidence_block(ledger, budget, lang)
            messages = self._messages(question, plan, calls, block, refusing)
            text = ""
            try:
                stream = self.model.stream(messages, max_tokens=self.answer_tokens)
                for piece in stream:
                    text += piece
                    yield piece
            except LLMError as exc:
                if exc.kind == "context_overflow" and attempt == 0 and not text and len(block.shown) > 1:
                    budget = max(1, sum(estimate_tokens(p) for p in block.text.split("\n\n")) // 2)
                    continue  # the server counts tokens differently: halve the evidence once
                raise _Fallback(exc.describe(), streamed=bool(text)) from exc
            except Exception as exc:  # a bug here must not cost the user the answer
                log.exception("LLM composition failed")
                raise _Fallback(
                    f"the LLM composer failed unexpectedly ({type(exc).__name__})", streamed=bool(text)
                ) from exc
            mark_llm(plan, self.model.name, stream.usage)
            if block.dropped:
                shown = ", ".join(f"[{n}]" for n in block.dropped)
                plan.warnings.append(
                    f"the evidence did not fit the model's context window (about "
                    f"{self.context_tokens} tokens); the lowest-ranked {shown} were left out "
                    "of the model's prompt"
                )
            if not text.strip():
                raise _Fallback("the model returned an empty answer", streamed=bool(text))
            return [*messages, {"role": "assistant", "content": text}]
        raise _Fallback("the evidence did not fit the model's context window", streamed=False)

    def _repair(
        self,
        lang: Language,
        plan: Plan,
        ledger: EvidenceLedger,
        messages: list[dict[str, Any]],
        first: Verification,
    ) -> Generator[str, None, None]:
        """One repair round with the verifier's findings; keep whichever draft has fewer problems."""
        draft = messages[-1]["content"]
        ask = render("repair", lang, findings=_findings(first, ledger, lang), refusal=REFUSAL[lang])
        yield RESTART
        text = ""
        try:
            stream = self.model.stream(
                [*messages, {"role": "user", "content": ask}], max_tokens=self.answer_tokens
            )
            for piece in stream:
                text += piece
                yield piece
        except LLMError as exc:
            yield RESTART
            yield draft
            plan.warnings.append(
                f"the repair round failed: {exc.describe()}; the first draft is shown, with "
                "what the verifier found removed or flagged"
            )
            return
        mark_llm(plan, self.model.name, stream.usage)
        what = _summary(first)
        second = verify(text, ledger)
        if not text.strip() or _problem_count(second) > _problem_count(first):
            yield RESTART
            yield draft
            plan.notes.append(
                f"the model's draft {what}; its repair was no better, so the first draft is shown "
                "with those problems removed or flagged"
            )
            return
        left = "" if not _problem_count(second) else f"; after repair it still {_summary(second)}"
        plan.notes.append(
            f"the model's first draft {what}; it was sent back once with the verifier's findings{left}"
        )

    # ------------------------------------------------------------------ prompts

    def _messages(
        self, question: Question, plan: Plan, calls: list[ToolCall], block: EvidenceBlock, refusing: bool
    ) -> list[dict[str, Any]]:
        lang = question.language
        problems = _problems(plan, calls, lang)
        if refusing:
            user = render("refusal", lang, question=question.text, problems=problems, refusal=REFUSAL[lang])
        else:
            user = render(
                "composer",
                lang,
                question=question.text,
                evidence=block.text,
                problems=problems,
                refusal=REFUSAL[lang],
            )
        return [{"role": "system", "content": render("system", lang)}, {"role": "user", "content": user}]

    def _evidence_budget(self, question: Question, plan: Plan, calls: list[ToolCall]) -> int:
        empty = EvidenceBlock("", [], [])
        frame = sum(
            estimate_tokens(m["content"]) for m in self._messages(question, plan, calls, empty, False)
        )
        return max(1, int(self.context_tokens * 0.9) - self.answer_tokens - frame)


def _problem_count(check: Verification) -> int:
    return len(check.removed_citations) + len(check.untraceable)


def _summary(check: Verification) -> str:
    parts = []
    if check.removed_citations:
        parts.append("cited " + ", ".join(f"[{n}]" for n in check.removed_citations) + " (no such reference)")
    if check.untraceable:
        parts.append("stated " + ", ".join(f"'{t}'" for t in check.untraceable) + " (not in the evidence)")
    return " and ".join(parts) or "had no problems"


def _findings(check: Verification, ledger: EvidenceLedger, lang: Language) -> str:
    numbers = ", ".join(f"[{r.n}]" for r in ledger.references)
    lines = []
    for n in check.removed_citations:
        lines.append(
            f"- 引用了 [{n}]，但证据中没有这个编号；可引用的编号只有：{numbers}。"
            if lang == "zh"
            else f"- You cited [{n}], which does not exist; the only reference numbers are {numbers}."
        )
    for figure in check.untraceable:
        lines.append(
            f"- 数字“{figure}”既不在所引用的证据中，也不在任何工具结果中。"
            if lang == "zh"
            else f"- The figure '{figure}' is neither in the evidence it cites nor in any tool result."
        )
    return "\n".join(lines)


def _problems(plan: Plan, calls: list[ToolCall], lang: Language) -> str:
    items = list(plan.errors)
    items += [
        f"{c.name}: {c.error}"
        for c in calls
        if not c.ok and c.error and c.error not in plan.errors and c.name not in ("search_sources",)
    ]
    if not items:
        return ""
    return _PROBLEMS_HEAD[lang] + "\n" + "\n".join(f"- {item}" for item in dict.fromkeys(items))
