"""Fixtures for the LLM path: a scripted OpenAI-compatible server on 127.0.0.1 and engines wired to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from tests.llm.scripted_server import ScriptedServer

MODEL = "scripted-model"


@pytest.fixture(scope="session")
def llm_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer(model=MODEL).start()
    yield server
    server.stop()


@pytest.fixture
def server(llm_server: ScriptedServer) -> ScriptedServer:
    """The session's server with an empty script (each test scripts its own turns)."""
    llm_server.script()
    return llm_server


@pytest.fixture(scope="session")
def llm_data_dir(tmp_path_factory) -> Path:
    """A data dir with the demo prices and, when the index is available, the demo notes (hash embedder)."""
    from assistant.data.demo import build_demo_prices
    from assistant.data.store import PriceStore

    data_dir = tmp_path_factory.mktemp("llm-data")
    build_demo_prices(PriceStore(data_dir / "prices"))
    try:
        from assistant.demo import notes_dir
        from assistant.index.ingest import ingest_paths
    except ImportError:  # the index is optional here: the scripted model decides what to call
        return data_dir
    ingest_paths([notes_dir()], Settings(data_dir=data_dir, embedder="hash"), progress=False)
    return data_dir


@pytest.fixture
def llm_settings(llm_data_dir: Path, server: ScriptedServer) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = dict(
            data_dir=llm_data_dir,
            embedder="hash",
            llm_base_url=server.base_url,
            llm_model=MODEL,
            llm_api_key="test-key",
            llm_timeout_s=10.0,
            llm_max_retries=2,
        )
        values.update(overrides)
        return Settings(**values)

    return make


@pytest.fixture
def llm_engine(llm_settings: Callable[..., Settings]):
    """Factory: an Engine with the LLM planner and composer talking to the scripted server."""
    from assistant.llm.wiring import llm_engine as build

    def make(**overrides: Any):
        return build(llm_settings(**overrides), backoff_s=0.01)

    return make


def pytest_collection_modifyitems(config, items):
    """The real-model group runs only when asked for (`-m llm_local`): it needs a 5-minute build."""
    markexpr = config.getoption("markexpr") or ""
    if "llm_local" in markexpr and "not llm_local" not in markexpr:
        return
    skip = pytest.mark.skip(reason="real local model: run `pytest -m llm_local` or `make test-llm-local`")
    for item in items:
        if "llm_local" in item.keywords:
            item.add_marker(skip)
