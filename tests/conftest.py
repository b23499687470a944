"""Shared fixtures: a demo data dir (prices + indexed notes) built once per session, and an engine on it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory):
    """Settings over a fresh data dir holding the demo prices and the demo notes, indexed with e5."""
    from assistant.config import Settings
    from assistant.data.demo import build_demo_prices
    from assistant.data.store import PriceStore
    from assistant.demo import notes_dir
    from assistant.index.ingest import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("demo"))
    build_demo_prices(PriceStore(settings.prices_dir))
    ingest_paths([notes_dir()], settings, progress=False)
    return settings


@pytest.fixture(scope="session")
def engine(demo_settings):
    from assistant.engine import Engine

    return Engine(demo_settings)
