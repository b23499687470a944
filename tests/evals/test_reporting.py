"""Summary metrics, the CI gate, the written report (with its SVG plots) and comparing two runs."""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.evals import svg
from assistant.evals.compare import compare
from assistant.evals.dataset import EvalItem
from assistant.evals.report import RunInfo, read_run, write_run
from assistant.evals.results import ItemResult, judge
from assistant.evals.summary import Thresholds, gate, load_thresholds, summarise
from tests.evals.eval_helpers import data_ref, make_answer

REPO = Path(__file__).resolve().parents[2]
REFUSAL = ["The sources do not say"]


def run_of(items: dict[str, EvalItem], good: bool) -> list[ItemResult]:
    ret = "rose 7.83% [1]" if good else "rose 7.1% [1][2]"
    answers = {
        "ret": make_answer(ret, [data_ref(1, [7.83])]),
        "pas": make_answer("约40%的成分股亏损[1]。", [data_ref(1, [40])], language="zh"),
        "txt": make_answer("Industrials led [1].", [data_ref(1, [0.43])]),
        "ref": make_answer("The sources do not say: no.", refused=True) if good else make_answer("60x [1]"),
    }
    return [judge(items[k], answers[k], 10.0 * (i + 1), REFUSAL) for i, k in enumerate(answers)]


def test_summary_and_gate(items: dict[str, EvalItem]) -> None:
    good = summarise(run_of(items, True))
    assert good.accuracy == 1.0 and good.tool_numeric_accuracy == 1.0 and good.refusal_correctness == 1.0
    assert good.citation_validity == 1.0 and good.latency_p50_ms == 25.0
    assert good.by_lang["zh"].n == 1 and good.by_category_lang["return/en"].correct == 1
    assert gate(good, Thresholds()) == []
    bad = summarise(run_of(items, False))
    assert bad.invalid_citations == 2 and bad.items_with_invalid_citations == 2
    assert bad.refusal == {"tp": 0, "fp": 0, "fn": 1, "tn": 3} and bad.refusal_correctness == 0.75
    problems = gate(bad, Thresholds())
    assert len(problems) == 3 and "invalid reference" in problems[0] and "numeric accuracy" in problems[1]


def test_thresholds_file_holds_the_issue_values() -> None:
    t = load_thresholds(REPO / "eval" / "thresholds.toml")
    assert (t.max_invalid_citations, t.min_tool_numeric_accuracy, t.min_refusal_correctness) == (
        0,
        0.98,
        0.95,
    )
    assert tomllib.loads((REPO / "eval" / "thresholds.toml").read_text())["ci"]


def test_report_files_and_compare(tmp_path: Path, items: dict[str, EvalItem]) -> None:
    a, b = run_of(items, False), run_of(items, True)
    for name, results in (("a", a), ("b", b)):
        write_run(
            tmp_path / name, RunInfo(dataset="t.jsonl", mode="offline", gate=[]), summarise(results), results
        )
    html = (tmp_path / "a" / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 4 and "missed_refusal" in html
    md = (tmp_path / "a" / "report.md").read_text(encoding="utf-8")
    assert "| refusal correctness (gate) | 75.0 % |" in md and "## Failures" in md
    info, summary, results = read_run(tmp_path / "a")
    assert info.dataset == "t.jsonl" and len(results) == 4 and summary.items == 4
    cmp = compare(summarise(a), a, summarise(b), b)
    assert {f.id for f in cmp.fixed} == {"ret", "ref"} and not cmp.broken
    acc = next(m for m in cmp.metrics if m.name == "accuracy")
    assert acc.delta == pytest.approx(0.5) and acc.better


def test_charts_are_well_formed_svg() -> None:
    charts = [
        svg.grouped_bars(
            [("return", [0.9, None], ["9/10", ""]), ("a<b", [1.0, 0.5], ["", ""])], ["en", "zh"], "t"
        ),
        svg.histogram([1, 5, 10, 2000, 3], "latency", marks=[("p50", 5)]),
        svg.histogram([], "empty"),
        svg.confusion_grid(30, 2, 4, 200, "refusals"),
    ]
    for chart in charts:
        ET.fromstring(chart)  # raises on malformed XML (an unescaped label, say)
