"""Reading numbers out of answers the way a reader does."""

from __future__ import annotations

import pytest

from assistant.evals.extract import find_numbers


def values(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.kind) for f in find_numbers(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("rose 7.8 % over the window", [(7.8, "percent")]),
        ("涨幅7.83％", [(7.83, "percent")]),
        ("跑赢7.8个百分点", [(7.8, "pp")]),
        ("5.73 percentage points ahead", [(5.73, "pp")]),
        ("a cut of 25 bp", [(25, "bp")]),
        ("revenue of 1.2 billion", [(1.2e9, "plain")]),
        ("净流入-5537.66万", [(-55376600.0, "plain")]),
        ("成交额8.62亿元", [(8.62e8, "plain")]),
        ("trades at 18x, or 31倍", [(18, "multiple"), (31, "multiple")]),
        ("closed at 2,692.23", [(2692.23, "plain")]),
    ],
)
def test_units_and_scales(text: str, expected: list[tuple[float, str]]) -> None:
    got = values(text)
    assert [k for _, k in got] == [k for _, k in expected]
    assert [v for v, _ in got] == pytest.approx([v for v, _ in expected])


def test_dates_years_names_and_citations_are_not_figures() -> None:
    text = (
        "罗素2000于2026年1月16日收于2692.23点[1]。From 2025-12-01 to January 16, 2026 the S&P 500 and the "
        "Nasdaq-100 rose in 2025 [2][3] 【4】 in Q1."
    )
    assert values(text) == [(2692.23, "plain")]


def test_signs_and_direction_words() -> None:
    figs = find_numbers("IWM fell 1.2% while SPY rose 0.5%; QQQ was -0.3% and XLK +0.4%")
    assert [(f.raw, f.signed, f.negative_cue) for f in figs] == [
        (1.2, False, True),
        (0.5, False, False),
        (-0.3, True, False),
        (0.4, True, False),
    ]
    below = find_numbers("closed 3.10% below its record")[0]
    assert below.negative_cue
    # a Chinese comma ends the clause: "跑输" before it does not make 10 negative
    assert not find_numbers("小盘股长期跑输大盘股的阶段，有的持续10年以上")[0].negative_cue


def test_ranges_are_two_positive_numbers() -> None:
    assert [f.raw for f in find_numbers("17%-22%, within 1-3 months")] == [17, 22, 1, 3]


def test_precision_is_recorded() -> None:
    assert [f.decimals for f in find_numbers("7.8 % and 7.83 % and 8 %")] == [1, 2, 0]
