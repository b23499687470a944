"""The tool list: names, argument models, docstrings and the OpenAI tool schemas built from them."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ValidationError

from tools.base import ToolContext, ToolError, ToolResult


@dataclass(frozen=True)
class Tool:
    name: str
    func: Callable[[Any, ToolContext], ToolResult]
    args_model: type[BaseModel]
    result_model: type[ToolResult]
    description: str
    kind: str  # market | valuation | citations

    def run(self, arguments: dict[str, Any] | BaseModel, ctx: ToolContext) -> ToolResult:
        """Validate arguments and call the tool; invalid arguments become a ToolError."""
        if isinstance(arguments, BaseModel):
            args = arguments
        else:
            try:
                args = self.args_model.model_validate(arguments)
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}" for e in exc.errors()
                )
                raise ToolError(f"invalid arguments for {self.name}: {problems}") from None
        return self.func(args, ctx)

    def openai_schema(self) -> dict[str, Any]:
        params = self.args_model.model_json_schema()
        params.pop("title", None)
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": params},
        }


def _make(func: Callable[..., ToolResult], kind: str) -> Tool:
    hints = typing.get_type_hints(func)
    params = list(inspect.signature(func).parameters)
    return Tool(
        name=func.__name__,
        func=func,
        args_model=hints[params[0]],
        result_model=hints["return"],
        description=inspect.cleandoc(func.__doc__ or "").strip(),
        kind=kind,
    )


@lru_cache
def all_tools() -> dict[str, Tool]:
    from tools import citations, market, valuation

    tools = [_make(f, "market") for f in market.TOOLS]
    tools += [_make(f, "valuation") for f in valuation.TOOLS]
    tools += [_make(f, "citations") for f in citations.TOOLS]
    return {t.name: t for t in tools}


def get_tool(name: str) -> Tool:
    tools = all_tools()
    if name not in tools:
        raise ToolError(f"unknown tool {name!r}; available: {', '.join(sorted(tools))}")
    return tools[name]


def openai_tools() -> list[dict[str, Any]]:
    return [t.openai_schema() for t in all_tools().values()]
