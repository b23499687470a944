"""Fixtures for the price-data tests: the shared real market CSVs and a fresh store per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.data.store import PriceStore

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="session")
def market_dir() -> Path:
    """../shared/data/market; skipped when absent locally, a failure under CI=true."""
    path = SHARED_DATA / "market"
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared market data missing at {path} (required when CI=true)")
        pytest.skip(f"shared market data not found at {path}; clone it beside the repo to run these tests")
    return path


@pytest.fixture
def store(tmp_path: Path) -> PriceStore:
    return PriceStore(tmp_path / "prices")
