"""Value models for the valuation tools: implied growth and fair value (Gordon), and discounted cash flow.

Percentages are in percent units (8 means 8 %) in every field named `*_pct`.
"""

from __future__ import annotations

import math

from pydantic import Field

from tools.base import ToolContext, ToolError, ToolResult
from tools.numfmt import StrictArgs, finite, fix, keep, num, pct

# ---------------------------------------------------------------- Gordon growth family


class ImpliedGrowthArgs(StrictArgs):
    pe: float = Field(gt=0, description="Forward P/E (price over next year's earnings), > 0.")
    required_return_pct: float = Field(gt=0, lt=100, description="Required annual return in percent, e.g. 8.")
    payout_ratio_pct: float = Field(
        100.0, gt=0, le=200, description="Share of earnings paid out in percent; default 100 (all earnings)."
    )


class ImpliedGrowthResult(ToolResult):
    pe: float
    required_return_pct: float
    payout_ratio_pct: float
    cash_yield_pct: float = Field(description="payout / P/E in percent: the yield the payout delivers today.")
    implied_growth_pct: float


def implied_growth(args: ImpliedGrowthArgs, ctx: ToolContext) -> ImpliedGrowthResult:
    """Perpetual growth rate a P/E implies, from the Gordon growth model: g = r - payout / P/E.

    Gordon: price = D1 / (r - g) with D1 = payout x next year's earnings, so P/E = payout / (r - g)
    and g = r - payout / P/E. With the default payout of 100 % this is g = r - earnings yield.
    Use it for "what growth does a P/E of 25 price in at an 8 % required return" (-> 4.00 %).
    Arguments: pe (forward, > 0), required_return_pct (percent), payout_ratio_pct (percent, default 100).
    """
    cash_yield = args.payout_ratio_pct / args.pe
    g = args.required_return_pct - cash_yield
    r_s, pay_s, pe_s = num(args.required_return_pct), num(args.payout_ratio_pct), num(args.pe)
    computation = (
        f"g = r − payout / P/E = {r_s} % − {pay_s} % / {pe_s} = {r_s} % − {pct(cash_yield)} = {pct(g)}"
    )
    notes = ["Gordon growth model on forward earnings; g is a perpetual rate, not a near-term forecast."]
    if g < 0:
        notes.append("Negative implied growth: the payout yield alone already exceeds the required return.")
    return ImpliedGrowthResult(
        tool="implied_growth",
        summary=(
            f"A forward P/E of {pe_s}, with a required return of {r_s} % and a payout of {pay_s} %, implies "
            f"perpetual growth of {pct(g)} a year."
        ),
        computation=computation,
        unit="%",
        notes=notes,
        pe=args.pe,
        required_return_pct=args.required_return_pct,
        payout_ratio_pct=args.payout_ratio_pct,
        cash_yield_pct=keep(cash_yield),
        implied_growth_pct=keep(g),
    )


def _check_converges(r_pct: float, g_pct: float, what: str) -> None:
    if r_pct <= g_pct:
        raise ToolError(
            f"{what} needs the required return ({num(r_pct)} %) to exceed growth ({num(g_pct)} %): "
            "when growth keeps pace with discounting the payments never shrink in present value, "
            "their sum has no finite value, and the formula (dividing by r - g) breaks down"
        )


class GordonArgs(StrictArgs):
    dividend: float = Field(
        gt=0, description="Dividend per share; next year's (D1) unless dividend_is_current."
    )
    required_return_pct: float = Field(gt=0, lt=100, description="Required annual return in percent, e.g. 8.")
    growth_pct: float = Field(
        gt=-100, lt=100, description="Perpetual dividend growth in percent, below the return."
    )
    dividend_is_current: bool = Field(
        False,
        description="True if dividend is the latest paid (D0); it is then grown one year: D1 = D0 x (1 + g).",
    )


class GordonResult(ToolResult):
    dividend: float
    next_dividend: float
    required_return_pct: float
    growth_pct: float
    fair_value: float


def gordon_fair_value(args: GordonArgs, ctx: ToolContext) -> GordonResult:
    """Fair value per share from the Gordon growth (dividend discount) model: D1 / (r - g).

    Use it to value a steady dividend payer, e.g. D1 = 2.00, r = 8 %, g = 3 % -> 40.00.
    Arguments: dividend (> 0; next year's D1, or set dividend_is_current to grow D0 by one year),
    required_return_pct and growth_pct in percent. The required return must exceed growth.
    """
    r, g = args.required_return_pct, args.growth_pct
    _check_converges(r, g, "The Gordon model")
    d_s, r_s, g_s = num(args.dividend), num(r), num(g)
    d1 = args.dividend * (1 + g / 100.0) if args.dividend_is_current else args.dividend
    spread = (r - g) / 100.0
    value = d1 / spread
    grow = f"D1 = {d_s} × (1 + {g_s} %) = {fix(d1)}; " if args.dividend_is_current else ""
    d1_s = fix(d1) if args.dividend_is_current else d_s
    return GordonResult(
        tool="gordon_fair_value",
        summary=f"Gordon fair value is {fix(value)}: next dividend {d1_s} at {r_s} % required return and {g_s} % growth.",
        computation=f"{grow}{d1_s} / ({r_s} % − {g_s} %) = {d1_s} / {num(spread)} = {fix(value)}",
        dividend=args.dividend,
        next_dividend=keep(d1),
        required_return_pct=r,
        growth_pct=g,
        fair_value=keep(value),
    )


# ---------------------------------------------------------------- discounted cash flow


class DcfArgs(StrictArgs):
    cash_flows: list[float] = Field(
        min_length=1, max_length=100, description="Cash flows for years 1..N, received at each year end."
    )
    discount_rate_pct: float = Field(gt=0, lt=100, description="Annual discount rate in percent, e.g. 8.")
    terminal_growth_pct: float | None = Field(
        None,
        gt=-100,
        lt=100,
        description="If set, add a Gordon terminal value growing the last flow at this rate.",
    )


class DcfResult(ToolResult):
    cash_flows: list[float]
    discount_rate_pct: float
    terminal_growth_pct: float | None = None
    present_values: list[float]
    pv_cash_flows: float
    terminal_value: float | None = None
    pv_terminal_value: float | None = None
    value: float
    terminal_share_pct: float | None = None


def dcf_value(args: DcfArgs, ctx: ToolContext) -> DcfResult:
    """Discounted cash flow value: sum of CF_t / (1 + r)^t, plus an optional Gordon terminal value.

    Flows are for years 1..N at year end. With terminal_growth_pct g the terminal value at year N is
    CF_N x (1 + g) / (r - g), discounted by (1 + r)^N. The result lists each present value, the
    terminal value and its share of the total. Arguments: cash_flows (list), discount_rate_pct
    (percent), terminal_growth_pct (percent, optional, must be below the discount rate).
    """
    r = args.discount_rate_pct / 100.0
    base = num(1 + r)
    flows = args.cash_flows
    n = len(flows)
    pvs = [cf / (1 + r) ** t for t, cf in enumerate(flows, start=1)]
    pv_sum = math.fsum(pvs)
    terms = [f"{num(cf)} / {base}^{t}" for t, cf in enumerate(flows, start=1)]
    shown = [fix(pv) for pv in pvs]
    if n > 6:
        terms = terms[:3] + ["…"] + terms[-2:]
        shown = shown[:3] + ["…"] + shown[-2:]
    parts = [f"PV(flows) = {' + '.join(terms)} = {' + '.join(shown)} = {fix(pv_sum)}"]
    tv = pv_tv = share = None
    notes: list[str] = []
    total = pv_sum
    if args.terminal_growth_pct is not None:
        g_pct = args.terminal_growth_pct
        _check_converges(args.discount_rate_pct, g_pct, "A terminal value")
        g = g_pct / 100.0
        tv = flows[-1] * (1 + g) / (r - g)
        pv_tv = tv / (1 + r) ** n
        total = pv_sum + pv_tv
        share = pv_tv / total * 100.0 if total else None
        r_s, g_s = num(args.discount_rate_pct), num(g_pct)
        parts.append(f"TV = {num(flows[-1])} × (1 + {g_s} %) / ({r_s} % − {g_s} %) = {fix(tv)}")
        parts.append(f"PV(TV) = {fix(tv)} / {base}^{n} = {fix(pv_tv)}")
        parts.append(f"value = {fix(pv_sum)} + {fix(pv_tv)} = {fix(total)}")
        if flows[-1] <= 0:
            notes.append("The last cash flow is not positive, so the terminal value is not positive either.")
    finite(total, "the value")
    summary = (
        f"DCF value is {fix(total)} at a discount rate of {num(args.discount_rate_pct)} % over {n} year(s)"
    )
    if tv is not None and share is not None:
        summary += f", of which the terminal value contributes {fix(pv_tv or 0.0)} ({pct(share)})."
    else:
        summary += " (no terminal value)."
    return DcfResult(
        tool="dcf_value",
        summary=summary,
        computation="; ".join(parts),
        notes=notes,
        cash_flows=flows,
        discount_rate_pct=args.discount_rate_pct,
        terminal_growth_pct=args.terminal_growth_pct,
        present_values=[keep(pv) for pv in pvs],
        pv_cash_flows=keep(pv_sum),
        terminal_value=None if tv is None else keep(tv),
        pv_terminal_value=None if pv_tv is None else keep(pv_tv),
        value=keep(total),
        terminal_share_pct=None if share is None else keep(share),
    )
