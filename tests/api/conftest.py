"""API fixtures: a hash-embedder demo data dir built once, copied per test; an httpx client on the app."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def hash_demo_dir(tmp_path_factory):
    """Demo prices and notes indexed with the deterministic hash embedder (fast; retrieval is not the point)."""
    from assistant.config import Settings
    from assistant.data.demo import build_demo_prices
    from assistant.data.store import PriceStore
    from assistant.demo import notes_dir
    from assistant.index.ingest import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("api-demo"), embedder="hash")
    build_demo_prices(PriceStore(settings.prices_dir))
    ingest_paths([notes_dir()], settings, progress=False)
    return settings.data_dir


@pytest.fixture
def settings(hash_demo_dir, tmp_path):
    from assistant.config import Settings
    from assistant.index.search import SourceIndex

    data = tmp_path / "data"
    shutil.copytree(hash_demo_dir, data)
    SourceIndex.forget()
    yield Settings(data_dir=data, embedder="hash")
    SourceIndex.forget()


def make_client(settings, **api):
    """A TestClient (httpx underneath) on a fresh app; it runs the app in a real event loop thread,
    so streamed (SSE) bodies arrive incrementally."""
    from fastapi.testclient import TestClient

    from assistant.api.deps import ApiSettings
    from assistant.api.main import create_app

    return TestClient(create_app(settings, api_settings=ApiSettings(**api)))


@pytest.fixture
def client(settings) -> Iterator:
    with make_client(settings) as c:
        yield c


def sse_events(response) -> list[tuple[str, dict]]:
    """Parse a text/event-stream body into (event, data) pairs."""
    events: list[tuple[str, dict]] = []
    kind, data = "message", []
    for line in response.iter_lines():
        if line == "":
            if data:
                events.append((kind, json.loads("\n".join(data))))
            kind, data = "message", []
        elif line.startswith("event:"):
            kind = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())
    if data:
        events.append((kind, json.loads("\n".join(data))))
    return events
