"""`cited eval`: FILE runs by default, compare, convert, retrieval; user errors are one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()

ITEMS = [
    {
        "id": "r1",
        "question": "How much did the Russell 2000 gain from 2025-12-01 to 2026-01-16?",
        "lang": "en",
        "answer": 7.83,
        "answer_type": "percent",
        "tool": "price_return",
        "category": "return",
        "fixture": "demo",
    },
    {
        "id": "r2",
        "question": "罗素2000从2025年12月1日到2026年1月16日涨了多少？",
        "lang": "zh",
        "answer": 7.83,
        "answer_type": "percent",
        "tool": "price_return",
        "category": "return",
        "fixture": "demo",
    },
    {
        "id": "u1",
        "question": "Who will win the 2028 US presidential election?",
        "lang": "en",
        "answer": None,
        "answer_type": "refuse",
        "category": "unanswerable",
        "fixture": "demo",
    },
]


@pytest.fixture
def question_set(tmp_path: Path) -> Path:
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) + "\n", encoding="utf-8")
    return path


def test_eval_file_runs_by_default_and_compare(tmp_path: Path, question_set: Path) -> None:
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    first = runner.invoke(app, ["eval", str(question_set), "--embedder", "hash", "--out", str(out_a), "-q"])
    assert first.exit_code == 0, first.output
    assert "numeric accuracy" in first.output and (out_a / "report.html").is_file()
    lines = (out_a / "results.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    assert {"question", "expected", "answer", "references", "verdict", "why"} <= set(record)
    assert record["verdict"] == "correct" and record["references"]
    second = runner.invoke(
        app,
        [
            "eval",
            "run",
            str(question_set),
            "--embedder",
            "hash",
            "--out",
            str(out_b),
            "-q",
            "--category",
            "return",
        ],
    )
    assert second.exit_code == 0, second.output
    cmp = runner.invoke(app, ["eval", "compare", str(out_a), str(out_b)])
    assert cmp.exit_code == 0 and "accuracy" in cmp.output and "only in A: 1" in cmp.output


def test_gate_fails_with_exit_1(tmp_path: Path, question_set: Path) -> None:
    strict = tmp_path / "strict.toml"
    strict.write_text("[ci]\nmin_tool_numeric_accuracy = 1.01\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "eval",
            str(question_set),
            "--embedder",
            "hash",
            "--out",
            str(tmp_path / "r"),
            "-q",
            "--limit",
            "1",
            "--gate",
            "--thresholds",
            str(strict),
        ],
    )
    assert result.exit_code == 1 and "gate: numeric accuracy" in result.output


def test_user_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["eval", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "no such question set" in missing.output
    assert runner.invoke(app, ["eval", "compare", str(tmp_path), str(tmp_path)]).exit_code == 2
    bad_kind = runner.invoke(
        app, ["eval", "convert", "squad", str(tmp_path), "-o", str(tmp_path / "o.jsonl")]
    )
    assert bad_kind.exit_code == 2 and "unknown data set" in bad_kind.output
    bad_k = runner.invoke(app, ["eval", "retrieval", str(tmp_path / "x.jsonl"), "--k", "one"])
    assert bad_k.exit_code == 2 and "--k must be integers" in bad_k.output


def test_convert_and_retrieval(tmp_path: Path) -> None:
    from tests.evals.test_adapters import TATQA

    src = tmp_path / "t.json"
    src.write_text(json.dumps(TATQA), encoding="utf-8")
    out = tmp_path / "t.jsonl"
    converted = runner.invoke(app, ["eval", "convert", "tatqa", str(src), "-o", str(out)])
    assert converted.exit_code == 0 and "wrote 5 items" in converted.output
    result = runner.invoke(
        app,
        ["eval", "retrieval", str(out), "--k", "1,3", "--embedder", "hash", "--out", str(tmp_path / "ret")],
    )
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "ret" / "retrieval.json").read_text(encoding="utf-8"))
    assert [m["mode"] for m in report["modes"]] == ["bm25", "dense", "rrf", "hybrid"] and report["questions"] == 5
    assert all(m["document"]["hits"]["3"] == 1.0 for m in report["modes"])  # one document: always found
