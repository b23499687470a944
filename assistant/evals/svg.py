"""Small self-made SVG charts for the HTML report: grouped bars, a histogram, a 2x2 confusion grid."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

PALETTE = ["#3b6ea8", "#d9822b", "#5a9e5a", "#a34f8f", "#777777"]
FONT = "font-family='system-ui, sans-serif'"
F12 = FONT + " font-size='12'"
F10 = FONT + " font-size='10'"


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    head = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' role='img' aria-label='{escape(title)}'>"
    )
    heading = f"<text x='8' y='18' {F12} font-weight='bold'>{escape(title)}</text>"
    return "\n".join([head, heading, *body, "</svg>"])


def grouped_bars(
    rows: Sequence[tuple[str, Sequence[float | None], Sequence[str]]],
    series: Sequence[str],
    title: str,
    width: int = 640,
) -> str:
    """Horizontal bars, one group per row, one bar per series; values 0..1 shown as percentages.

    rows: (label, values per series, annotation per series such as '12/14').
    """
    label_w, bar_h, gap = 170, 14, 10
    plot_w = width - label_w - 120  # room for the value labels right of a full bar
    group_h = bar_h * len(series) + gap
    top = 44
    height = top + group_h * len(rows) + 30
    body = []
    for i, name in enumerate(series):  # legend
        x = label_w + i * 110
        body.append(f"<rect x='{x}' y='26' width='10' height='10' fill='{PALETTE[i % len(PALETTE)]}'/>")
        body.append(f"<text x='{x + 14}' y='35' {F12}>{escape(name)}</text>")
    for r, (label, values, notes) in enumerate(rows):
        y0 = top + r * group_h
        body.append(
            f"<text x='{label_w - 6}' y='{y0 + group_h / 2}' {F12} text-anchor='end' "
            f"dominant-baseline='middle'>{escape(label)}</text>"
        )
        for s, value in enumerate(values):
            y = y0 + s * bar_h
            if value is None:
                continue
            w = max(0.0, min(1.0, value)) * plot_w
            body.append(
                f"<rect x='{label_w}' y='{y}' width='{w:.1f}' height='{bar_h - 2}' "
                f"fill='{PALETTE[s % len(PALETTE)]}'><title>{escape(label)} {escape(series[s])}: "
                f"{value:.1%}</title></rect>"
            )
            note = notes[s] if s < len(notes) else ""
            body.append(
                f"<text x='{label_w + w + 4:.1f}' y='{y + bar_h - 4}' {F10}>{value:.0%} {escape(note)}</text>"
            )
    axis_y = top + group_h * len(rows)
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + tick * plot_w
        body.append(f"<line x1='{x:.1f}' y1='{top - 4}' x2='{x:.1f}' y2='{axis_y}' stroke='#ddd'/>")
        body.append(f"<text x='{x:.1f}' y='{axis_y + 14}' {F10} text-anchor='middle'>{tick:.0%}</text>")
    return _svg(width, height, body, title)


def histogram(
    values: Sequence[float],
    title: str,
    unit: str = "ms",
    bins: int = 20,
    width: int = 640,
    marks: Sequence[tuple[str, float]] = (),
) -> str:
    """Counts of values in equal-width bins (log-spaced when the range spans over two decades)."""
    height, left, bottom, top = 220, 44, 36, 30
    plot_w, plot_h = width - left - 16, height - top - bottom
    body: list[str] = []
    if not values:
        body.append(f"<text x='{left}' y='{top + 20}' {F12}>no values</text>")
        return _svg(width, height, body, title)
    lo, hi = min(values), max(values)
    use_log = lo > 0 and hi / lo > 100
    f = math.log10 if use_log else (lambda v: v)
    a, b = f(lo), f(hi)
    if b == a:
        b = a + 1
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int((f(v) - a) / (b - a) * bins))] += 1
    peak = max(counts)
    bw = plot_w / bins
    for i, c in enumerate(counts):
        h = c / peak * plot_h
        body.append(
            f"<rect x='{left + i * bw + 1:.1f}' y='{top + plot_h - h:.1f}' width='{bw - 2:.1f}' "
            f"height='{h:.1f}' fill='{PALETTE[0]}'><title>{c}</title></rect>"
        )

    def x_of(v: float) -> float:
        return left + (f(v) - a) / (b - a) * plot_w

    for i in range(5):
        t = a + (b - a) * i / 4
        v = 10**t if use_log else t
        body.append(
            f"<text x='{left + plot_w * i / 4:.1f}' y='{top + plot_h + 14}' {F10} "
            f"text-anchor='middle'>{v:,.0f}</text>"
        )
    body.append(
        f"<text x='{left + plot_w / 2}' y='{height - 6}' {F12} text-anchor='middle'>"
        f"{escape(unit)}{' (log scale)' if use_log else ''}</text>"
    )
    body.append(f"<text x='{left - 6}' y='{top + 8}' {F10} text-anchor='end'>{peak}</text>")
    for i, (name, v) in enumerate(marks):
        x = x_of(v)
        body.append(
            f"<line x1='{x:.1f}' y1='{top}' x2='{x:.1f}' y2='{top + plot_h}' stroke='{PALETTE[1 + i]}' "
            f"stroke-dasharray='4 3'/>"
        )
        body.append(
            f"<text x='{x + 3:.1f}' y='{top + 10 + 12 * i}' {F10} "
            f"fill='{PALETTE[1 + i]}'>{escape(name)} {v:,.0f}</text>"
        )
    return _svg(width, height, body, title)


def confusion_grid(tp: int, fp: int, fn: int, tn: int, title: str) -> str:
    """Rows: answerable / unanswerable; columns: answered / declined. Right cells green, wrong cells red."""
    cells = [
        ("answerable", "answered", tn, True),
        ("answerable", "declined", fp, False),
        ("unanswerable", "answered", fn, False),
        ("unanswerable", "declined", tp, True),
    ]
    left, top, cw, ch = 120, 50, 150, 60
    body = [
        f"<text x='{left + cw / 2}' y='{top - 8}' {F12} text-anchor='middle'>answered</text>",
        f"<text x='{left + cw * 1.5}' y='{top - 8}' {F12} text-anchor='middle'>declined</text>",
    ]
    for i, row in enumerate(("answerable", "unanswerable")):
        body.append(
            f"<text x='{left - 8}' y='{top + ch * i + ch / 2}' {F12} text-anchor='end' "
            f"dominant-baseline='middle'>{row}</text>"
        )
    total = max(1, tp + fp + fn + tn)
    for row, col, count, right in cells:
        x = left + (0 if col == "answered" else cw)
        y = top + (0 if row == "answerable" else ch)
        base = (90, 158, 90) if right else (200, 70, 60)
        alpha = 0.15 + 0.85 * (count / total) ** 0.5 if count else 0.05
        fill = f"rgba({base[0]},{base[1]},{base[2]},{alpha:.2f})"
        body.append(f"<rect x='{x}' y='{y}' width='{cw - 4}' height='{ch - 4}' fill='{fill}' stroke='#999'/>")
        body.append(
            f"<text x='{x + cw / 2 - 2}' y='{y + ch / 2}' {FONT} font-size='16' text-anchor='middle' "
            f"dominant-baseline='middle'>{count}</text>"
        )
    return _svg(left + 2 * cw + 20, top + 2 * ch + 16, body, title)
