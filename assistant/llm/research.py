"""Deep research with a model: the outline (sections of questions) drafted from prompts/research_plan.

The questions then run through the engine like any other (assistant/research.py), so every figure in
the report still comes from a tool or a cited source; the model only proposes what to ask.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from assistant.llm.client import ChatModel, LLMError, add_usage
from assistant.models import Language
from assistant.prompts import render

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")
_KEY = re.compile(r"[^a-z0-9-]+")
_RETRY = {
    "en": "That reply could not be used: {problem}. Reply again with only the JSON object.",
    "zh": "这个回复无法使用：{problem}。请重新回复，只给出 JSON 对象。",
}


class _Section(BaseModel):
    key: str = Field(min_length=1)
    title: str = Field(min_length=1, max_length=80)
    questions: list[str] = Field(min_length=1)


class _Outline(BaseModel):
    sections: list[_Section] = Field(min_length=1)


def draft_sections(
    model: ChatModel,
    topic: str,
    language: Language,
    *,
    context: str = "",
    max_sections: int = 5,
    max_questions: int = 3,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Sections as dicts with key, title and questions (fit for research.ResearchSection), and the usage.

    One retry: a reply that is not the JSON asked for goes back to the model with the reason. Raises
    LLMError when the model fails or its second reply is no better; the caller plans offline then.
    """
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": render("system", language)},
        {
            "role": "user",
            "content": render(
                "research_plan", language, topic=topic, context=context, max_sections=max_sections
            ),
        },
    ]
    usage: dict[str, int] = {}
    problem = ""
    for _attempt in range(2):
        reply = model.complete(messages, max_tokens=1200)
        add_usage(usage, reply.usage)
        try:
            outline = _Outline.model_validate(json.loads(_FENCE.sub("", reply.content)))
        except (ValueError, ValidationError) as exc:  # JSONDecodeError is a ValueError
            problem = str(exc).splitlines()[0][:200]
            messages += [
                {"role": "assistant", "content": reply.content},
                {"role": "user", "content": _RETRY[language].format(problem=problem)},
            ]
            continue
        sections, seen = [], set()
        for i, s in enumerate(outline.sections[:max_sections], 1):
            key = _KEY.sub("-", s.key.lower()).strip("-")[:40] or f"section-{i}"
            key = key if key not in seen else f"{key}-{i}"
            seen.add(key)
            questions = [q.strip() for q in s.questions if q.strip()][:max_questions]
            if questions:
                sections.append({"key": key, "title": s.title.strip(), "questions": questions})
        if sections:
            return sections, usage
        problem = "no section had a question"
    raise LLMError("invalid_output", f"the research outline was not usable: {problem}")
