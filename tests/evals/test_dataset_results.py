"""Item format, and judging an Answer against its item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evals.dataset import DatasetError, EvalItem, dump_item, load_items, write_items
from assistant.evals.results import judge
from tests.evals.eval_helpers import data_ref, make_answer, passage_ref

REFUSAL = ["The sources do not say", "资料中没有找到能回答这个问题的内容"]


def test_round_trip_and_validation(tmp_path: Path, items: dict[str, EvalItem]) -> None:
    path = tmp_path / "set.jsonl"
    assert write_items(items.values(), path) == 4
    assert load_items(path) == list(items.values())
    assert json.loads(dump_item(items["ref"]))["answer"] is None
    assert items["ret"].tool_answerable and not items["pas"].tool_answerable and not items["ref"].answerable


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "not JSON"),
        ('{"id": "a", "question": "q", "lang": "en", "answer_type": "percent"}', "needs an answer"),
        ('{"id": "a", "question": "q", "lang": "en", "answer_type": "refuse", "answer": 3}', "no answer"),
        ('{"id": "a", "question": "q", "lang": "fr", "answer_type": "text", "answer": "x"}', "lang"),
        ('{"id": "a", "question": "q", "lang": "en", "answer_type": "number", "answer": "seven"}', "number"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("// a comment\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=rf"bad.jsonl:3: .*{message}"):
        load_items(path)


def test_duplicate_ids_and_missing_files(tmp_path: Path) -> None:
    line = '{"id": "a", "question": "q", "lang": "en", "answer_type": "text", "answer": "x"}\n'
    (tmp_path / "dup.jsonl").write_text(line * 2, encoding="utf-8")
    with pytest.raises(DatasetError, match="duplicate id 'a'"):
        load_items(tmp_path / "dup.jsonl")
    with pytest.raises(DatasetError, match="no such question set"):
        load_items(tmp_path / "none.jsonl")


def test_judge_numeric_with_citations(items: dict[str, EvalItem]) -> None:
    answer = make_answer(
        "The Russell 2000 rose 7.83% from 2,496.72 to 2,692.23 [1][3].",
        [data_ref(1, [7.83, 2496.72, 2692.23])],
        tools=["price_return"],
    )
    r = judge(items["ret"], answer, 12.5, REFUSAL)
    assert r.verdict == "correct" and r.numeric_ok and r.correct
    assert r.citation_markers == 2 and r.invalid_citations == [3] and r.invalid_markers == 1
    assert (r.numbers_traced, r.numbers_total) == (3, 3)
    assert r.tools_called == ["price_return"] and r.latency_ms == 12.5


def test_judge_passage_sources_and_refusals(items: dict[str, EvalItem]) -> None:
    refs = [passage_ref(1, "rut-record-close-zh", "约40%的成分股亏损"), passage_ref(2, "yen-carry-trade-zh")]
    r = judge(
        items["pas"], make_answer("约40%的成分股处于亏损状态[1]，另见[2]。", refs, language="zh"), 1, REFUSAL
    )
    assert r.verdict == "correct" and r.citation_precision == 0.5 and r.citation_recall == 1.0
    declined = make_answer("The sources do not say: nothing answers this.", refused=True)
    assert judge(items["ref"], declined, 1, REFUSAL).verdict == "refused_ok"
    false_refusal = judge(items["ret"], declined, 1, REFUSAL)
    assert false_refusal.verdict == "false_refusal" and false_refusal.numeric_ok is False
    assert (
        judge(items["ref"], make_answer("Tesla trades at 60x [1]."), 1, REFUSAL).verdict == "missed_refusal"
    )
    unknown = make_answer("Cannot answer: unknown ticker 'TSLA'", errors=["unknown ticker 'TSLA'"])
    assert judge(items["ref"], unknown, 1, REFUSAL).declined


def test_judge_text(items: dict[str, EvalItem]) -> None:
    good = judge(
        items["txt"], make_answer("On 2026-01-16, Industrials led the sectors (+0.43%) [1]."), 1, REFUSAL
    )
    bad = judge(items["txt"], make_answer("Energy led [1]."), 1, REFUSAL)
    assert good.verdict == "correct" and bad.verdict == "wrong" and bad.f1 is not None
