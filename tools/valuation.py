"""Valuation arithmetic over numbers supplied as arguments: premiums, yields, growth and value models.

These tools read no data: the caller passes numbers it took from cited evidence, and the result
records those inputs, the arithmetic and the answer, so that "numbers are computed by code, not by
the model". Percentages are in percent units (8 means 8 %) in every field named `*_pct`.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from tools import arith
from tools.base import ToolContext, ToolError, ToolResult
from tools.numfmt import StrictArgs, finite, fix, keep, num, pct
from tools.valuation_models import dcf_value, gordon_fair_value, implied_growth

# ---------------------------------------------------------------- premium


class PremiumArgs(StrictArgs):
    a: float = Field(description="The value being compared, e.g. the S&P 500's forward P/E (31).")
    b: float = Field(
        description="The base it is compared with, e.g. the Russell 2000's forward P/E (18). Not 0."
    )
    label_a: str | None = Field(None, max_length=80, description="What a is, e.g. 'S&P 500'.")
    label_b: str | None = Field(None, max_length=80, description="What b is, e.g. 'Russell 2000'.")
    metric: str | None = Field(None, max_length=80, description="The measure both share, e.g. 'forward P/E'.")


class PremiumResult(ToolResult):
    a: float
    b: float
    label_a: str | None = None
    label_b: str | None = None
    metric: str | None = None
    premium_pct: float = Field(
        description="a / b - 1 in percent; negative means a trades at a discount to b."
    )
    ratio: float = Field(description="a / b, shown as a multiple such as 1.50x.")


def premium(args: PremiumArgs, ctx: ToolContext) -> PremiumResult:
    """Premium (or discount) of one value over another: a / b - 1 in percent, plus the ratio a / b.

    Use it for "how much more expensive is X than Y", e.g. the forward P/E premium of one index over
    another (a = 30, b = 20 -> 50.00 % and 1.50x). A negative result is a discount.
    Arguments: a, b (b must not be 0); optional label_a, label_b and metric to word the answer.
    """
    if args.b == 0:
        raise ToolError("b is 0: a premium over a base of 0 is undefined; pass a non-zero base value")
    ratio = finite(args.a / args.b, "the ratio a / b")
    prem = (ratio - 1.0) * 100.0
    a_s, b_s = num(args.a), num(args.b)
    subject = " ".join(x for x in (args.label_a, args.metric) if x)
    left = f"{subject} of {a_s}" if subject else a_s
    right = f"{args.label_b}'s {b_s}" if args.label_b else b_s
    word = "premium to" if prem >= 0 else "discount to"
    summary = f"{left} is at a {pct(abs(prem))} {word} {right} (ratio {fix(ratio)}x)."
    notes = []
    if args.a < 0 or args.b < 0:
        notes.append("A negative value (e.g. a P/E on losses) makes a percentage premium hard to interpret.")
    return PremiumResult(
        tool="premium",
        summary=summary,
        computation=f"{a_s} / {b_s} − 1 = {pct(prem)}; {a_s} / {b_s} = {fix(ratio)}x",
        unit="%",
        notes=notes,
        a=args.a,
        b=args.b,
        label_a=args.label_a,
        label_b=args.label_b,
        metric=args.metric,
        premium_pct=keep(prem),
        ratio=keep(ratio),
    )


# ---------------------------------------------------------------- earnings yield and PEG


class EarningsYieldArgs(StrictArgs):
    pe: float = Field(
        gt=0, description="Price/earnings ratio, > 0 (a P/E on losses has no earnings yield here)."
    )


class EarningsYieldResult(ToolResult):
    pe: float
    earnings_yield_pct: float


def earnings_yield(args: EarningsYieldArgs, ctx: ToolContext) -> EarningsYieldResult:
    """Earnings yield from a P/E: 1 / P/E in percent (P/E 20 -> 5.00 %).

    Use it to put a P/E next to bond yields or a required return. Argument: pe (must be > 0).
    """
    y = 100.0 / args.pe
    pe_s = num(args.pe)
    return EarningsYieldResult(
        tool="earnings_yield",
        summary=f"A P/E of {pe_s} is an earnings yield of {pct(y)}.",
        computation=f"1 / {pe_s} = {pct(y)}",
        unit="%",
        pe=args.pe,
        earnings_yield_pct=keep(y),
    )


class PegArgs(StrictArgs):
    pe: float = Field(gt=0, description="Price/earnings ratio, > 0.")
    growth_pct: float = Field(
        description="Expected annual earnings growth in percent, e.g. 20 for 20 %. Must be > 0."
    )


class PegResult(ToolResult):
    pe: float
    growth_pct: float
    peg: float


def peg(args: PegArgs, ctx: ToolContext) -> PegResult:
    """PEG ratio: P/E divided by expected annual earnings growth in percent (P/E 20, growth 25 % -> 0.80).

    Use it to compare valuations of markets or companies growing at different speeds; below 1 is
    commonly read as cheap for the growth. Arguments: pe (> 0), growth_pct (percent units, > 0).
    """
    if args.growth_pct <= 0:
        raise ToolError(
            f"PEG is undefined for growth of {num(args.growth_pct)} %: it divides P/E by growth, "
            "so growth must be positive; with flat or falling earnings compare P/E or earnings yield instead"
        )
    value = args.pe / args.growth_pct
    pe_s, g_s = num(args.pe), num(args.growth_pct)
    return PegResult(
        tool="peg",
        summary=f"PEG is {fix(value)}: a P/E of {pe_s} over expected earnings growth of {g_s} % a year.",
        computation=f"{pe_s} / {g_s} = {fix(value)}",
        pe=args.pe,
        growth_pct=args.growth_pct,
        peg=keep(value),
    )


# ---------------------------------------------------------------- growth rates


class CagrArgs(StrictArgs):
    start_value: float = Field(gt=0, description="Value at the start, > 0 (e.g. an index level 2496.72).")
    end_value: float = Field(ge=0, description="Value at the end, >= 0.")
    years: float = Field(gt=0, le=1000, description="Length of the period in years; fractions allowed (0.5).")


class CagrResult(ToolResult):
    start_value: float
    end_value: float
    years: float
    cagr_pct: float
    total_return_pct: float


def cagr(args: CagrArgs, ctx: ToolContext) -> CagrResult:
    """Compound annual growth rate: (end / start)^(1 / years) - 1, in percent, with the total change.

    Use it to turn a start and end value over a number of years into a yearly rate (100 -> 200 in
    5 years -> 14.87 % a year). Arguments: start_value (> 0), end_value (>= 0), years (> 0).
    """
    s, e, y = num(args.start_value), num(args.end_value), num(args.years)
    total = (args.end_value / args.start_value - 1) * 100.0
    try:
        rate = ((args.end_value / args.start_value) ** (1 / args.years) - 1) * 100.0
    except OverflowError:
        raise ToolError("the growth rate is too large to represent; check the inputs") from None
    return CagrResult(
        tool="cagr",
        summary=f"From {s} to {e} over {y} year(s) is a compound annual growth rate of {pct(rate)} "
        f"(total change {pct(total)}).",
        computation=f"({e} / {s})^(1 / {y}) − 1 = {pct(rate)}",
        unit="%",
        start_value=args.start_value,
        end_value=args.end_value,
        years=args.years,
        cagr_pct=keep(rate),
        total_return_pct=keep(total),
    )


class CompoundArgs(StrictArgs):
    rate_pct: float = Field(
        gt=-100, le=1000, description="Annual rate in percent, e.g. 2.85 for 2.85 % a year."
    )
    years: float = Field(ge=0, le=1000, description="Number of years; fractions allowed.")
    start_value: float = Field(
        1.0, description="Starting amount; default 1.0, so the end value is the growth factor."
    )


class CompoundResult(ToolResult):
    rate_pct: float
    years: float
    start_value: float
    growth_factor: float
    end_value: float
    total_change_pct: float


def compound(args: CompoundArgs, ctx: ToolContext) -> CompoundResult:
    """Compound a yearly rate over a number of years: factor (1 + r)^years, end value and total change.

    Use it for "what does an edge of 3 % a year add up to over 10 years" (factor 1.3439, +34.39 %).
    Arguments: rate_pct (percent a year), years, start_value (default 1.0).
    """
    try:
        factor = (1 + args.rate_pct / 100.0) ** args.years
    except OverflowError:
        raise ToolError(
            "the growth factor is too large to represent; use fewer years or a lower rate"
        ) from None
    end = finite(args.start_value * finite(factor, "the growth factor"), "the end value")
    total = (factor - 1) * 100.0
    r_s, y_s, s_s = num(args.rate_pct), num(args.years), num(args.start_value)
    return CompoundResult(
        tool="compound",
        summary=f"At {r_s} % a year for {y_s} year(s), {s_s} grows to {fix(end, 4)} "
        f"(factor {fix(factor, 4)}x, total change {pct(total)}).",
        computation=f"{s_s} × (1 + {r_s} %)^{y_s} = {s_s} × {fix(factor, 4)} = {fix(end, 4)}",
        start_value=args.start_value,
        rate_pct=args.rate_pct,
        years=args.years,
        growth_factor=keep(factor),
        end_value=keep(end),
        total_change_pct=keep(total),
    )


# ---------------------------------------------------------------- calculator


class CalculateArgs(StrictArgs):
    expression: str = Field(
        min_length=1,
        max_length=arith.MAX_LENGTH,
        description="Arithmetic over numbers and variable names, e.g. '(2692.23 / 2496.72 - 1) * 100' or 'a / b - 1'.",
    )
    variables: dict[str, float] | None = Field(
        None, description="Optional names for numbers used in the expression, e.g. {'a': 31, 'b': 18}."
    )

    @field_validator("variables")
    @classmethod
    def _names(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        for name in value or {}:
            arith.check_variable_name(name)
        return value


class CalculateResult(ToolResult):
    expression: str
    variables: dict[str, float] = Field(default_factory=dict)
    value: float


def calculate(args: CalculateArgs, ctx: ToolContext) -> CalculateResult:
    """Safe calculator for arithmetic on numbers already in the evidence; use it instead of mental math.

    Allowed: numbers, + - * / ** (also × ÷ −), unary minus, parentheses, named variables from
    `variables`, and the functions abs, min, max, round(x, n), sqrt, log(x[, base]) (natural by
    default), log10, exp, and pct(x) = x / 100. Not allowed: '%' (write pct(7.83) or 0.0783), '^'
    (write **), strings, attributes, indexing, other names or functions. Exponents are limited to
    magnitude 1000, expressions to 500 characters and 200 terms. The result is a plain number (no
    unit): multiply by 100 yourself to show a ratio as a percentage.
    Arguments: expression, variables (optional mapping of name -> number).
    """
    variables = args.variables or {}
    ev = arith.evaluate(args.expression, variables)
    shown = num(ev.value)
    computation = (
        f"{ev.canonical} = {ev.substituted} = {shown}" if ev.substituted else f"{ev.canonical} = {shown}"
    )
    where = ""
    if variables:
        where = " with " + ", ".join(f"{k} = {num(v)}" for k, v in variables.items())
    return CalculateResult(
        tool="calculate",
        summary=f"{ev.canonical} = {shown}{where}.",
        computation=computation,
        expression=args.expression,
        variables=variables,
        value=keep(ev.value),
    )


TOOLS = [
    premium,
    earnings_yield,
    peg,
    implied_growth,
    gordon_fair_value,
    dcf_value,
    cagr,
    compound,
    calculate,
]
