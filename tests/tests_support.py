"""Helpers the tests import (conftest fixtures cannot be imported by name)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_market() -> Path:
    """../shared/data/market: skipped when absent locally, a failure under CI=true."""
    path = SHARED_DATA / "market"
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data missing at {path} (required when CI=true)")
        pytest.skip(f"shared data not found at {path}")
    return path
