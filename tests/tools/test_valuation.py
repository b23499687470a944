"""Valuation tools: each result against a hand calculation, each error path, and the safe calculator."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from tools import valuation as v
from tools.base import ToolError, ToolResult
from tools.registry import _make

CTX = None  # these tools read nothing from the context


def shown_in(result: ToolResult, *values: float) -> None:
    nums = result.numbers()
    for value in values:
        assert any(math.isclose(n, value, abs_tol=1e-9) for n in nums), (value, nums)


def run(func, **arguments):
    """Call a tool the way the engine does: arguments as a dict, validated by the registry."""
    return _make(func, "valuation").run(arguments, CTX)


# ---------------------------------------------------------------- premium


def test_premium_forward_pe_31_vs_18() -> None:
    r = run(v.premium, a=31, b=18, label_a="S&P 500", label_b="Russell 2000", metric="forward P/E")
    assert r.premium_pct == pytest.approx(72.2222, abs=1e-4)
    assert r.ratio == pytest.approx(31 / 18)
    assert "72.22 %" in r.summary and "1.72x" in r.summary
    assert "S&P 500" in r.summary and "Russell 2000" in r.summary and "premium" in r.summary
    assert r.computation.startswith("31 / 18 − 1 = 72.22 %")
    assert r.provenance is None and (r.a, r.b) == (31, 18) and r.unit == "%"
    shown_in(r, 72.22, 1.72, 31, 18)


def test_premium_negative_is_a_discount() -> None:
    r = run(v.premium, a=18, b=31)
    assert r.premium_pct == pytest.approx((18 / 31 - 1) * 100)
    assert "41.94 % discount" in r.summary and "0.58x" in r.summary
    shown_in(r, 41.94, -41.94, 0.58)


def test_premium_zero_base_is_an_error() -> None:
    with pytest.raises(ToolError, match="b is 0"):
        run(v.premium, a=31, b=0)


def test_unknown_argument_is_refused() -> None:
    with pytest.raises(ToolError, match="invalid arguments for premium"):
        run(v.premium, a=31, b=18, c=1)


# ---------------------------------------------------------------- yields and PEG


def test_earnings_yield() -> None:
    r = run(v.earnings_yield, pe=18)
    assert r.earnings_yield_pct == pytest.approx(100 / 18)
    assert r.computation == "1 / 18 = 5.56 %"
    shown_in(r, 5.56, 18)


@pytest.mark.parametrize("pe", [0, -5])
def test_earnings_yield_needs_positive_pe(pe: float) -> None:
    with pytest.raises(ToolError, match="pe"):
        run(v.earnings_yield, pe=pe)


def test_peg() -> None:
    r = run(v.peg, pe=18, growth_pct=20)
    assert r.peg == pytest.approx(0.9)
    assert r.computation == "18 / 20 = 0.90"
    shown_in(r, 0.9, 18, 20)


@pytest.mark.parametrize("growth", [0, -3])
def test_peg_undefined_without_growth(growth: float) -> None:
    with pytest.raises(ToolError, match="PEG is undefined"):
        run(v.peg, pe=18, growth_pct=growth)


# ---------------------------------------------------------------- Gordon family and DCF


def test_implied_growth_from_gordon() -> None:
    r = run(v.implied_growth, pe=31, required_return_pct=8)
    assert r.implied_growth_pct == pytest.approx(8 - 100 / 31)  # g = r - payout / P/E, payout 100 %
    assert "4.77 %" in r.summary and "g = r − payout / P/E" in r.computation
    shown_in(r, 4.77, 3.23, 8, 31)
    half = run(v.implied_growth, pe=18, required_return_pct=8, payout_ratio_pct=50)
    assert half.implied_growth_pct == pytest.approx(8 - 50 / 18)
    assert half.cash_yield_pct == pytest.approx(50 / 18)


def test_implied_growth_negative_is_noted() -> None:
    r = run(v.implied_growth, pe=5, required_return_pct=8)
    assert r.implied_growth_pct == pytest.approx(-12)
    assert any("Negative" in n for n in r.notes)


def test_gordon_fair_value() -> None:
    r = run(v.gordon_fair_value, dividend=2, required_return_pct=8, growth_pct=3)
    assert r.fair_value == pytest.approx(40)
    assert r.computation.endswith("= 40.00")
    shown_in(r, 40, 2, 8, 3)
    grown = run(
        v.gordon_fair_value, dividend=2, required_return_pct=8, growth_pct=3, dividend_is_current=True
    )
    assert grown.next_dividend == pytest.approx(2.06)
    assert grown.fair_value == pytest.approx(2.06 / 0.05)
    shown_in(grown, 41.2, 2.06)


@pytest.mark.parametrize("growth", [8, 9.5])
def test_gordon_needs_return_above_growth(growth: float) -> None:
    with pytest.raises(ToolError, match="exceed growth"):
        run(v.gordon_fair_value, dividend=2, required_return_pct=8, growth_pct=growth)


def test_dcf_with_terminal_value() -> None:
    r = run(v.dcf_value, cash_flows=[100, 110, 121], discount_rate_pct=8, terminal_growth_pct=2)
    pvs = [100 / 1.08, 110 / 1.08**2, 121 / 1.08**3]
    tv = 121 * 1.02 / 0.06
    assert r.present_values == pytest.approx(pvs)
    assert r.pv_cash_flows == pytest.approx(sum(pvs))
    assert r.terminal_value == pytest.approx(tv)
    assert r.pv_terminal_value == pytest.approx(tv / 1.08**3)
    assert r.value == pytest.approx(sum(pvs) + tv / 1.08**3)
    assert r.terminal_share_pct == pytest.approx(tv / 1.08**3 / r.value * 100)
    for part in (
        "PV(flows)",
        "TV = 121 × (1 + 2 %) / (8 % − 2 %) = 2057.00",
        "PV(TV)",
        "value = 282.95 + 1632.91",
    ):
        assert part in r.computation
    shown_in(r, 1915.87, 282.95, 2057, 1632.91, 85.23)


def test_dcf_without_terminal_value_and_long_series() -> None:
    flows = [float(i) for i in range(1, 13)]
    r = run(v.dcf_value, cash_flows=flows, discount_rate_pct=10)
    assert r.value == pytest.approx(sum(cf / 1.1**t for t, cf in enumerate(flows, 1)))
    assert r.terminal_value is None and "no terminal value" in r.summary
    assert "…" in r.computation and len(r.computation) < 300


def test_dcf_errors() -> None:
    with pytest.raises(ToolError, match="exceed growth"):
        run(v.dcf_value, cash_flows=[1, 2], discount_rate_pct=5, terminal_growth_pct=6)
    with pytest.raises(ToolError, match="cash_flows"):
        run(v.dcf_value, cash_flows=[], discount_rate_pct=5)


# ---------------------------------------------------------------- growth rates


def test_cagr() -> None:
    r = run(v.cagr, start_value=100, end_value=200, years=5)
    assert r.cagr_pct == pytest.approx((2 ** (1 / 5) - 1) * 100)
    assert r.total_return_pct == pytest.approx(100)
    assert r.computation == "(200 / 100)^(1 / 5) − 1 = 14.87 %"
    shown_in(r, 14.87)
    rut = run(v.cagr, start_value=2496.72, end_value=2692.23, years=1)
    assert rut.cagr_pct == pytest.approx((2692.23 / 2496.72 - 1) * 100)
    assert "7.83 %" in rut.summary


def test_cagr_bad_inputs() -> None:
    with pytest.raises(ToolError, match="start_value"):
        run(v.cagr, start_value=0, end_value=10, years=2)
    with pytest.raises(ToolError, match="years"):
        run(v.cagr, start_value=1, end_value=10, years=0)


def test_compound_small_cap_edge() -> None:
    r = run(v.compound, rate_pct=2.85, years=10)
    assert r.growth_factor == pytest.approx(1.0285**10)
    assert r.end_value == pytest.approx(1.0285**10)
    assert r.total_change_pct == pytest.approx((1.0285**10 - 1) * 100)
    assert "1.3245" in r.summary and "32.45 %" in r.summary
    shown_in(r, 1.3245, 32.45, 2.85, 10)
    money = run(v.compound, rate_pct=5, years=2, start_value=1000)
    assert money.end_value == pytest.approx(1102.5)


def test_compound_overflow_and_bounds() -> None:
    with pytest.raises(ToolError, match="too large"):
        run(v.compound, rate_pct=1000, years=1000)
    with pytest.raises(ToolError, match="rate_pct"):
        run(v.compound, rate_pct=-100, years=1)


# ---------------------------------------------------------------- calculator


def test_calculate_plain_and_unicode() -> None:
    r = run(v.calculate, expression="(2692.23 ÷ 2496.72 − 1) × 100")
    assert r.value == pytest.approx((2692.23 / 2496.72 - 1) * 100)
    assert r.computation == "(2692.23 / 2496.72 - 1) * 100 = 7.830673844"
    shown_in(r, 2692.23, 2496.72, 7.830673844)


def test_calculate_with_variables_and_functions() -> None:
    r = run(v.calculate, expression="(pe_spx / pe_rut - 1) * 100", variables={"pe_spx": 31, "pe_rut": 18})
    assert r.value == pytest.approx(72.2222222)
    assert "31 / 18" in r.computation
    shown_in(r, 31, 18)
    assert run(v.calculate, expression="sqrt(252) * 0.86").value == pytest.approx(math.sqrt(252) * 0.86)
    assert run(v.calculate, expression="round(max(1, 2.345, -3), 2) + abs(-1)").value == pytest.approx(3.35)
    assert run(v.calculate, expression="pct(7.83) * 2496.72").value == pytest.approx(0.0783 * 2496.72)
    assert run(v.calculate, expression="log(exp(2)) + log10(1000) + log(8, 2)").value == pytest.approx(8)
    assert run(v.calculate, expression="-2 ** 2").value == -4
    assert run(v.calculate, expression="x ** 2", variables={"x": -1.5}).value == pytest.approx(2.25)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("__import__('os')", "'__import__' is not allowed"),
        ("().__class__", "attribute access"),
        ("open", "unknown name 'open'"),
        ("open('x')", "'open' is not allowed"),
        ("a.b", "attribute access"),
        ("9**9**9", "exponent"),
        ("2 ** 1001", "exponent"),
        ("10.0 ** 400", "too large"),
        ("1e308 * 10", "too large"),
        ("1 / 0", "division by zero"),
        ("5 / (2 - 2)", "division by zero"),
        ("0 ** -1", "division by zero"),
        ("7.83%", "pct"),
        ("10 % 3", "pct"),
        ("2 ^ 3", r"\*\*"),
        ("10 // 3", "floor division"),
        ("'abc'", "constant"),
        ("True + 1", "constant"),
        ("1j", "constant"),
        ("[1, 2][0]", "indexing"),
        ("2,692.23", "tuples"),
        ("lambda: 1", "lambda"),
        ("[x for x in (1, 2)]", "comprehensions"),
        ("max(x for x in (1, 2))", "generator"),
        ("1 if 2 else 3", "conditional"),
        ("1 < 2", "comparisons"),
        ("(y := 2)", "assignment"),
        ("f'{1}'", "strings"),
        ("sqrt", "is a function"),
        ("sqrt(-1)", "not a real number"),
        ("(-8) ** 0.5", "not a real number"),
        ("log(0)", "x > 0"),
        ("exp(1000)", "too large"),
        ("sqrt(x=4)", "positional"),
        ("abs(1, 2)", "takes 1"),
        ("round(2.5, 0.5)", "whole number"),
        ("x + 1", "unknown name 'x'"),
        ("", "expression"),
        ("1 +", "cannot parse"),
        ("+".join(["1"] * 250), "too complex"),
        ("(" * 300 + "1" + ")" * 300, "expression"),
        ("1" * 400, "too large"),
    ],
)
def test_calculate_refuses(expression: str, message: str) -> None:
    with pytest.raises(ToolError, match=message):
        run(v.calculate, expression=expression)


def test_calculate_refuses_huge_expression() -> None:
    with pytest.raises(ToolError, match="expression"):
        run(v.calculate, expression="1 + " * 200 + "1")
    with pytest.raises(ValidationError):
        v.CalculateArgs(expression="1" * 501)


@pytest.mark.parametrize("name", ["__class__", "_x", "max", "not valid", "for"])
def test_calculate_refuses_bad_variable_names(name: str) -> None:
    with pytest.raises(ToolError, match="variable name"):
        run(v.calculate, expression="1", variables={name: 1.0})


def test_calculate_refuses_non_finite_variables() -> None:
    with pytest.raises(ToolError):
        run(v.calculate, expression="x", variables={"x": float("inf")})


# ---------------------------------------------------------------- registry view


def test_tools_are_registrable_with_schemas() -> None:
    names = [f.__name__ for f in v.TOOLS]
    assert names == [
        "premium",
        "earnings_yield",
        "peg",
        "implied_growth",
        "gordon_fair_value",
        "dcf_value",
        "cagr",
        "compound",
        "calculate",
    ]
    for func in v.TOOLS:
        tool = _make(func, "valuation")
        schema = tool.openai_schema()["function"]
        assert len(schema["description"]) > 60
        assert schema["parameters"]["properties"]
        for prop in schema["parameters"]["properties"].values():
            assert prop.get("description"), (tool.name, prop)
