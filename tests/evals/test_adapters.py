"""Public data sets into the question format: small hand-made samples, then the real files when present."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from assistant.evals.adapters import CONVERTERS, AdapterError
from assistant.evals.adapters.common import markdown_table, parse_number, split_of
from assistant.evals.adapters.fineval import passages
from tests.evals.eval_helpers import shared_data

TATQA = [
    {
        "table": {
            "uid": "t1",
            "table": [["", "2019", "2018"], ["Revenue", "$1,200.5", "$1,000.0"], ["Margin", "12%", "10%"]],
        },
        "paragraphs": [
            {"uid": "p", "order": 1, "text": "Revenue grew on new contracts."},
            {"uid": "q", "order": 2, "text": "Amounts in millions."},
        ],
        "questions": [
            {
                "uid": "a",
                "order": 1,
                "question": "What was revenue in 2019?",
                "answer": ["$1,200.5"],
                "answer_type": "span",
                "answer_from": "table-text",
                "rel_paragraphs": ["2"],
                "scale": "million",
                "derivation": "",
            },
            {
                "uid": "b",
                "order": 2,
                "question": "Change in revenue?",
                "answer": 200.5,
                "answer_type": "arithmetic",
                "answer_from": "table",
                "rel_paragraphs": [],
                "scale": "million",
                "derivation": "1200.5-1000",
            },
            {
                "uid": "c",
                "order": 3,
                "question": "Why did revenue grow?",
                "answer": ["new contracts"],
                "answer_type": "span",
                "answer_from": "text",
                "rel_paragraphs": ["1"],
                "scale": "",
                "derivation": "",
            },
            {
                "uid": "d",
                "order": 4,
                "question": "Margin change?",
                "answer": 2,
                "answer_type": "arithmetic",
                "answer_from": "table",
                "rel_paragraphs": [],
                "scale": "percent",
                "derivation": "12-10",
            },
            {
                "uid": "e",
                "order": 5,
                "question": "Which year had more revenue?",
                "answer": ["2019"],
                "answer_type": "span",
                "answer_from": "table",
                "rel_paragraphs": [],
                "scale": "",
                "derivation": "",
            },
        ],
    }
]


def test_tatqa_items(tmp_path: Path) -> None:
    src = tmp_path / "tatqa.json"
    src.write_text(json.dumps(TATQA), encoding="utf-8")
    a, b, c, d, e = CONVERTERS["tatqa"](src)
    assert (a.answer, a.answer_type, a.scale) == (1200.5, "number", "million")
    assert a.expected_chunks == ["tatqa:t1#p2", "tatqa:t1#table"] and a.expected_sources == ["tatqa:t1"]
    assert [x.id for x in a.context] == ["tatqa:t1#table", "tatqa:t1#p1", "tatqa:t1#p2"]
    assert a.context[0].text.startswith("|  | 2019 | 2018 |") and a.context[0].kind == "table"
    assert (b.answer, b.category) == (200.5, "tatqa-arithmetic-table") and b.expected_chunks == [
        "tatqa:t1#table"
    ]
    assert c.answer == ["new contracts"] and c.answer_type == "text" and c.meta["lookup"]
    assert d.answer_type == "percent" and d.scale is None
    assert (e.answer, e.answer_type) == (["2019"], "text")  # a year is text: answers mask years as dates
    assert {x.split for x in (a, b, c, d)} == {split_of("tatqa:t1")}


def test_convfinqa_and_fineval(tmp_path: Path) -> None:
    conv = [
        {
            "id": "Single_X/2019/page_1.pdf-1",
            "questions": ["what was it in 2019?", "and the change?"],
            "programs": ["ans = 5", "ans = 5 - 4"],
            "answer": 0.25,
            "text": "Some text .",
            "table": "- | 2019 | 2018\nsales | 5 | 4\n",
            "golden_text": "",
            "golden_table": "sales | 5 | 4",
        }
    ]
    (tmp_path / "c.json").write_text(json.dumps(conv), encoding="utf-8")
    (item,) = CONVERTERS["convfinqa"](tmp_path / "c.json")
    assert item.history == ["what was it in 2019?"] and item.question == "and the change?"
    assert item.answer == 0.25 and item.expected_chunks == [f"{item.expected_sources[0]}#table"]
    prompt = (
        "用户问题是：X值多少\n检索内容是：权威金融查询检索1: 文章标题：A 文章内容：净值为1.5。\n全网搜索内容"
        "检索2: 文章内容：B\n"
        "当前时间是：2025年05月15日"
    )
    with (tmp_path / "f.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "类型", "端到端query", "基座query", "标准答案", "题目答案计算逻辑"])
        w.writerow(["7", "数值计算", "X五十份值多少", prompt, "75.00元", "50 × 1.5"])
    (f,) = CONVERTERS["fineval"](tmp_path / "f.csv")
    assert (f.answer, f.answer_type, f.lang) == (75.0, "number", "zh") and len(f.context) == 2
    assert passages(prompt) == ["文章标题：A 文章内容：净值为1.5。", "文章内容：B"]


def test_helpers_and_errors(tmp_path: Path) -> None:
    assert parse_number("$1,496.5") == (1496.5, None)
    assert parse_number("(12.6)") == (-12.6, None)
    assert parse_number("22.2%") == (22.2, "%")
    assert parse_number("-5537.66万") == (-55376600.0, "万")
    assert parse_number("fixed-price") is None
    assert markdown_table([["a", "b|c"], ["1"]]) == "| a | b/c |\n| --- | --- |\n| 1 |  |"
    (tmp_path / "x.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(AdapterError, match="does not look like TAT-QA"):
        CONVERTERS["tatqa"](tmp_path / "x.json")


def test_real_files_convert() -> None:
    root = shared_data()
    tat = CONVERTERS["tatqa"](root / "tatqa" / "tatqa_dataset_dev.json")
    assert len(tat) == 1668 and all(i.expected_chunks for i in tat)
    assert 0.4 < sum(i.split == "heldout" for i in tat) / len(tat) < 0.6
    assert len(CONVERTERS["convfinqa"](root / "convfinqa" / "convfinqa_dev.json")) == 421
    calc = CONVERTERS["fineval"](root / "fineval" / "Financial Rigor Test_Numerical Calculation.csv")
    extraction = CONVERTERS["fineval"](root / "fineval" / "Financial Rigor Test_Index Extraction.csv")
    assert len(calc) == 42 and len(extraction) == 340 and all(i.context for i in calc + extraction)
