"""Adapters: public finance QA sets (TAT-QA, ConvFinQA, FinEval) into Cited's question format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.evals.adapters.common import AdapterError
from assistant.evals.dataset import EvalItem


def _tatqa(src: Path) -> list[EvalItem]:
    from assistant.evals.adapters.tatqa import convert_tatqa

    return convert_tatqa(src)


def _convfinqa(src: Path) -> list[EvalItem]:
    from assistant.evals.adapters.convfinqa import convert_convfinqa

    return convert_convfinqa(src)


def _fineval(src: Path) -> list[EvalItem]:
    from assistant.evals.adapters.fineval import convert_fineval

    return convert_fineval(src)


CONVERTERS: dict[str, Callable[[Path], list[EvalItem]]] = {
    "tatqa": _tatqa,
    "convfinqa": _convfinqa,
    "fineval": _fineval,
}

__all__ = ["CONVERTERS", "AdapterError"]
