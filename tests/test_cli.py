"""The `cited` command as a user runs it: a subprocess per call, exit codes and messages checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.tests_support import shared_market


def _cited(args: list[str], settings, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "CITED_DATA_DIR": str(settings.data_dir)}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                          env=env, timeout=180, **kw)


def test_ask_json_prints_the_answer_model(demo_settings):
    r = _cited(["ask", "Has the Russell 2000 outperformed the S&P 500 lately, and for how many days in a row?",
                "--json"], demo_settings)
    assert r.returncode == 0, r.stderr
    answer = json.loads(r.stdout)
    assert answer["language"] == "en" and answer["mode"] == "offline"
    assert {"text", "references", "tool_calls", "related_tickers", "grounded", "timings", "disclaimer"} <= set(answer)
    assert any(ref["kind"] == "data" and ref["demo"] for ref in answer["references"])
    assert answer["related_tickers"][0]["sparkline"]


def test_ask_prints_references_and_demo_label(demo_settings):
    r = _cited(["ask", "罗素2000指数从2025年12月1日到2026年1月16日涨了多少?"], demo_settings)
    assert r.returncode == 0, r.stderr
    assert "7.83" in r.stdout and "demo data" in r.stdout and "参考" in r.stdout


@pytest.mark.parametrize("question, needle", [
    ("", "empty"),
    ("x" * 20_000, "limit"),
])
def test_bad_questions_exit_non_zero_with_a_message(demo_settings, question, needle):
    r = _cited(["ask", question], demo_settings)
    assert r.returncode != 0
    assert needle in r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def test_unknown_ticker_exits_non_zero(demo_settings):
    r = _cited(["ask", "What is the volatility of ZZZZ over the last month?"], demo_settings)
    assert r.returncode == 1
    assert "unknown ticker 'ZZZZ'" in r.stdout
    assert "Traceback" not in r.stderr


def test_search_json(demo_settings):
    r = _cited(["search", "floating-rate debt", "--k", "3", "--json"], demo_settings)
    assert r.returncode == 0, r.stderr
    passages = json.loads(r.stdout)
    assert len(passages) == 3
    assert "floating" in passages[0]["text"].lower() or "浮动" in passages[0]["text"]


def test_prices_import_and_list(tmp_path):
    from assistant.config import Settings

    settings = Settings(data_dir=tmp_path)
    csv = shared_market() / "portopt_IWM.csv"
    r = _cited(["prices", "import", str(csv), "--symbol", "IWM"], settings)
    assert r.returncode == 0, r.stderr
    assert "imported IWM: 1258 rows, 2016-04-28 to 2021-04-27" in r.stdout
    listed = json.loads(_cited(["prices", "list", "--json"], settings).stdout)
    assert [(s["symbol"], s["demo"]) for s in listed] == [("IWM", False)]
    broken = tmp_path / "broken.csv"
    broken.write_text("foo,bar\n1,2\n")
    r = _cited(["prices", "import", str(broken)], settings)
    assert r.returncode == 2 and "error:" in r.stderr and "Traceback" not in r.stderr


def test_doctor_reports_embedder_sources_and_reranker(demo_settings):
    r = _cited(["doctor"], demo_settings)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "embedder" in r.stdout and "sources" in r.stdout
    assert "reranker: top 30, fitted on tatqa_dev.jsonl" in " ".join(r.stdout.split())
    off = subprocess.run([sys.executable, "-m", "assistant.cli", "doctor"], capture_output=True, text=True,
                         timeout=180, env={**os.environ, "CITED_DATA_DIR": str(demo_settings.data_dir),
                                           "CITED_RERANK_DEPTH": "0"})
    assert "reranker: off" in off.stdout
