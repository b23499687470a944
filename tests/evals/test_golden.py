"""The golden sets: size and balance the issue asks for, and the files match a fresh independent build."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from assistant.evals.dataset import COMPUTING_TOOLS, load_items
from tests.evals.eval_helpers import shared_data

EVAL = Path(__file__).resolve().parents[2] / "eval"
MARKET_TOOLS = {
    "price_return",
    "volatility",
    "max_drawdown",
    "relative_performance",
    "record_high",
    "sector_moves",
    "correlation_beta",
    "quote",
}


def test_golden_set_shape() -> None:
    items = load_items(EVAL / "golden.jsonl")
    langs = Counter(i.lang for i in items)
    cats = Counter(i.category for i in items)
    assert len(items) >= 200 and langs["en"] == langs["zh"]
    assert cats["unanswerable"] >= 30
    assert {"passage", "multi-step", "follow-up", "scoped"} <= set(cats)
    assert MARKET_TOOLS | {"premium", "calculate"} <= {i.tool for i in items}
    assert {i.tool for i in items if i.tool} <= COMPUTING_TOOLS
    assert all(i.history for i in items if i.category == "follow-up")
    assert all(i.scope for i in items if i.category == "scoped")
    assert all(i.fixture == "demo" for i in items)
    seed = {i.id: i.answer for i in items}
    assert seed["g-ret-d01-en"] == 7.83 and seed["g-vol-01-zh"] == 0.86 and seed["g-rel-02-en"] == 11


def test_real_data_set_shape() -> None:
    items = load_items(EVAL / "market.jsonl")
    assert len(items) >= 40 and Counter(i.lang for i in items)["zh"] == len(items) / 2
    assert {"return", "drawdown", "volatility", "relative", "record"} <= {i.category for i in items}
    assert all(i.fixture == "market" and i.tool in MARKET_TOOLS for i in items)


def test_files_match_a_fresh_build() -> None:
    shared_data("market")
    result = subprocess.run(
        [sys.executable, str(EVAL / "build_golden.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
