"""`--llm` runs go through the real openai SDK to a scripted OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.evals.dataset import EvalItem
from assistant.evals.runner import RunOptions, run_items
from tests.llm.scripted_server import ScriptedServer
from tests.llm.scripts import GOOD_ANSWER, QUESTION, RUT_WINDOW, call

MODEL = "scripted-model"


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    srv = ScriptedServer(model=MODEL).start()
    yield srv
    srv.stop()


def test_llm_run_is_judged_like_an_offline_one(tmp_path: Path, server: ScriptedServer) -> None:
    base = Settings(
        data_dir=tmp_path / "unused",
        llm_base_url=server.base_url,
        llm_model=MODEL,
        llm_api_key="test-key",
        llm_max_retries=0,
        llm_timeout_s=10.0,
    )
    item = EvalItem(
        id="r",
        question=QUESTION,
        lang="en",
        answer=7.83,
        answer_type="percent",
        tool="price_return",
        category="return",
        fixture="demo",
    )
    # planner: one tool call, then done; composer: the final text
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "done", GOOD_ANSWER)
    options = RunOptions(
        mode="llm",
        embedder="hash",
        warm_up=False,
        retrieval_check=False,
        progress=False,
        workdir=tmp_path / "fixtures",
    )
    (result,), warnings = run_items([item], options, base=base)
    assert result.mode == "llm" and result.verdict == "correct", result
    assert result.answer == GOOD_ANSWER and result.tools_called == ["price_return"]
    assert result.invalid_citations == [] and not result.warnings
    assert len(server.requests) == 3 and server.remaining == 0 and warnings == []
