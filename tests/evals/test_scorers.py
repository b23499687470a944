"""Scorers: numbers within tolerance, text EM/F1, refusals, citations, groundedness, retrieval, latency."""

from __future__ import annotations

import pytest

from assistant.evals import scorers


@pytest.mark.parametrize(
    "text",
    [
        "The Russell 2000 gained 7.83% [1].",
        "涨幅为7.83%[1]。",
        "a rise of 0.0783 in ratio terms",
        "up 7.8 % since December",  # rounded to its shown precision
        "领先7.83个百分点",
    ],
)
def test_percent_forms_match(text: str) -> None:
    assert scorers.score_numeric(text, [7.83], "percent").correct


@pytest.mark.parametrize("text", ["up 8 %", "up 7.9 %", "fell 7.83%", "The index rose 78.3%"])
def test_percent_mismatches(text: str) -> None:
    assert not scorers.score_numeric(text, [7.83], "percent").correct


def test_negative_answers_need_a_negative_reading() -> None:
    assert scorers.score_numeric("maximum drawdown of 7.39%", [-7.39], "percent").correct
    assert scorers.score_numeric("最大回撤为-7.39%", [-7.39], "percent").correct
    assert scorers.score_numeric("3.10% below its record close", [-3.10], "percent").correct
    assert not scorers.score_numeric("it rose 7.39%", [-7.39], "percent").correct


def test_levels_ignore_direction_words() -> None:
    text = "S&P 500 fell 1.04% from 2025-12-17 (7,024.87) to 2026-01-16 (6,952.16)"
    assert scorers.score_numeric(text, [6952.16], "number", tolerance=0.01).correct
    assert scorers.score_numeric(text, [-1.04], "percent").correct


def test_scales_and_bp() -> None:
    assert scorers.score_numeric("sales of $1.4965 billion", [1496.5], "number", scale="million").correct
    assert scorers.score_numeric("sales of 1,496.5 million", [1496.5], "number", scale="million").correct
    assert scorers.score_numeric("净流入-5537.66万", [-55376600.0], "number").correct
    assert scorers.score_numeric("a 25 bp cut", [0.25], "percent").correct
    assert scorers.score_numeric(
        "a change of 14.2%", [0.142], "number", tolerance=0.0015
    ).correct  # ConvFinQA


def test_every_expected_value_must_appear() -> None:
    s = scorers.score_numeric("growth of 17% to 22% in 2026", [17, 22], "percent")
    assert s.correct and s.matched == [17, 22]
    miss = scorers.score_numeric("growth of 17% in 2026", [17, 22], "percent")
    assert not miss.correct and "missing 22" in miss.why


def test_default_tolerance() -> None:
    assert scorers.default_tolerance("percent", 7.83) == 0.01
    assert scorers.default_tolerance("number", 2692.23) == pytest.approx(2.69223)
    assert scorers.score_numeric("closed at 2,692.00", [2692.23], "number").correct
    assert not scorers.score_numeric("closed at 2,689.00", [2692.23], "number").correct


def test_text_scores() -> None:
    s = scorers.score_text("On 2026-01-16, Industrials led the sectors (+0.43%) [1].", ["Industrials", "XLI"])
    assert s.correct and s.contains and not s.em
    assert scorers.score_text("工业板块表现最好", ["工业"]).correct
    assert not scorers.score_text("The ledger grew", ["led"]).contains  # whole words for Latin script
    assert scorers.exact_match("The S&P 600.", "s&p 600")
    assert scorers.f1("fixed-price type contracts", "fixed-price type") == pytest.approx(6 / 7)  # P 3/4, R 1
    assert scorers.f1("资本充足率约束", "资本充足率") == pytest.approx(2 * 5 / 7 / (5 / 7 + 1))


def test_refusal_and_confusion() -> None:
    assert scorers.declined("The sources do not say: ...", False, [], 0, ["The sources do not say"])
    assert scorers.declined("Cannot answer: unknown ticker", False, ["unknown ticker"], 0)
    assert not scorers.declined("Cannot compute one part", False, ["bad date"], 1)
    c = scorers.confusion([(True, True), (True, False), (False, True), (False, False), (False, False)])
    assert (c.tp, c.fn, c.fp, c.tn) == (1, 1, 1, 2)
    assert c.precision == 0.5 and c.recall == 0.5 and c.correctness == 0.6


def test_citations() -> None:
    text = "A [1]. B [1,2] and C [3][4] and 【5】."
    assert scorers.cited_numbers(text) == [1, 1, 2, 3, 4, 5]
    v = scorers.citation_validity(text, [1, 2, 3])
    assert v.markers == 6 and v.valid == 4 and v.invalid == [4, 5] and v.validity == pytest.approx(4 / 6)
    p, r = scorers.citation_precision_recall(
        [["valuation-gap-en", "Valuation gap"], ["other", "x"]], ["valuation-gap-en", "valuation-gap-zh"]
    )
    assert p == 0.5 and r == 1.0
    assert scorers.citation_precision_recall([], ["a"]) == (None, 0.0)
    assert scorers.citation_precision_recall([["a", ""]], []) == (None, None)


def test_groundedness() -> None:
    traced, total = scorers.groundedness("rose 7.83% to 2,692.23 and 9.99%", [7.8312, 2692.23])
    assert (traced, total) == (2, 3)
    assert scorers.groundedness("a 40% share", [0.4]) == (1, 1)  # a ratio in the evidence


def test_retrieval_and_latency() -> None:
    ranks = [scorers.first_hit_rank(["a", "b", "c"], {"b"}), scorers.first_hit_rank(["x"], {"b"}), 1]
    assert ranks == [2, None, 1]
    assert scorers.hit_at_k(ranks, 1) == pytest.approx(1 / 3)
    assert scorers.hit_at_k(ranks, 5) == pytest.approx(2 / 3)
    assert scorers.mrr(ranks) == pytest.approx((0.5 + 1) / 3)
    assert scorers.percentile([10, 20, 30, 40], 50) == 25
    assert scorers.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 95) == pytest.approx(59.05)
    assert scorers.percentile([], 50) is None
