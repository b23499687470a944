"""Builds the engine for the LLM path: one ChatModel shared by the LLMPlanner and the LLMComposer."""

from __future__ import annotations

from typing import Any

from assistant.config import Settings
from assistant.engine import Engine
from assistant.llm.client import ChatModel, OpenAIChatModel
from assistant.llm.composer import LLMComposer
from assistant.llm.planner import LLMPlanner
from tools.base import ToolContext


def llm_engine(
    settings: Settings,
    *,
    model: ChatModel | None = None,
    ctx: ToolContext | None = None,
    **model_options: Any,
) -> Engine:
    """An Engine whose planner and composer talk to the configured model; raises LLMConfigError when
    the model is not configured well enough to be reached."""
    model = model or OpenAIChatModel.from_settings(settings, **model_options)
    return Engine(
        settings, planner=LLMPlanner(model, settings), composer=LLMComposer(model, settings), ctx=ctx
    )
