"""Write a run: results.jsonl (one judged item a line), summary.json, report.md and report.html."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.evals import svg
from assistant.evals.results import ItemResult
from assistant.evals.summary import Summary

FAILURES_PER_CATEGORY = 8


class RunInfo(BaseModel):
    """What was run, so two reports can be compared fairly."""

    dataset: str
    mode: str
    started_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    seconds: float = 0.0
    embedder: str | None = None
    model: str | None = None
    warnings: list[str] = Field(default_factory=list)
    gate: list[str] | None = Field(None, description="Gate failures; None when no gate was checked.")


def pct(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{x * 100:.{digits}f} %"


def ms(x: float | None) -> str:
    return "–" if x is None else f"{x:,.0f} ms"


def summary_rows(s: Summary) -> list[tuple[str, str]]:
    """The summary table: metric and its value as shown everywhere (CLI, markdown, HTML, README)."""
    r = s.refusal
    rows = [
        ("items", f"{s.items}"),
        ("accuracy (all items)", pct(s.accuracy)),
        ("numeric accuracy (number/percent items)", f"{pct(s.numeric_accuracy)} of {s.numeric_items}"),
        ("numeric accuracy, tool-answerable (gate)", f"{pct(s.tool_numeric_accuracy)} of {s.tool_items}"),
        ("text EM / F1", f"{pct(s.text_em)} / {pct(s.text_f1)} of {s.text_items}"),
        ("refusal correctness (gate)", pct(s.refusal_correctness)),
        (
            "refusal precision / recall",
            f"{pct(s.refusal_precision)} / {pct(s.refusal_recall)} "
            f"(tp {r.get('tp', 0)}, fp {r.get('fp', 0)}, fn {r.get('fn', 0)})",
        ),
        (
            "citation validity (gate: 100 %)",
            f"{pct(s.citation_validity, 2)} of {s.citation_markers} markers; {s.invalid_citations} invalid",
        ),
        ("citation precision / recall", f"{pct(s.citation_precision)} / {pct(s.citation_recall)}"),
        (
            "groundedness (numbers traced)",
            f"{pct(s.groundedness)} ({s.numbers_traced}/{s.numbers_total}); "
            f"engine grounded {pct(s.engine_grounded_rate)}",
        ),
    ]
    if s.retrieval_items:
        hits = ", ".join(f"hit{k} {pct(v)}" for k, v in s.retrieval_hit.items())
        rows.append(
            ("retrieval (expected sources)", f"{hits}; MRR {s.retrieval_mrr:.3f} over {s.retrieval_items}")
        )
    rows += [
        ("latency p50 / p95", f"{ms(s.latency_p50_ms)} / {ms(s.latency_p95_ms)}"),
        ("errors (raised)", f"{s.errors}"),
    ]
    return rows


def category_rows(s: Summary) -> list[tuple[str, str, str, str]]:
    out = []
    for cat, g in s.by_category.items():
        cells = []
        for lang in ("en", "zh"):
            sub = s.by_category_lang.get(f"{cat}/{lang}")
            cells.append(f"{pct(sub.accuracy, 0)} ({sub.correct}/{sub.n})" if sub else "–")
        out.append((cat, f"{pct(g.accuracy, 0)} ({g.correct}/{g.n})", *cells))
    return out


def failures(results: Sequence[ItemResult], per_category: int = FAILURES_PER_CATEGORY) -> list[ItemResult]:
    out, count = [], {}
    for r in results:
        if r.correct:
            continue
        count[r.category] = count.get(r.category, 0) + 1
        if count[r.category] <= per_category:
            out.append(r)
    return out


def _short(text: str, n: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def write_markdown(path: Path, info: RunInfo, s: Summary, results: Sequence[ItemResult]) -> None:
    lines = [
        f"# Evaluation: {info.dataset}",
        "",
        f"Mode **{info.mode}**, {s.items} items, {info.seconds:.1f} s, "
        f"{info.started_at:%Y-%m-%d %H:%M} UTC"
        + (f", embedder {info.embedder}" if info.embedder else "")
        + ".",
        "",
    ]
    if info.gate is not None:
        lines += ["**CI gate: " + ("passed**" if not info.gate else "FAILED** — " + "; ".join(info.gate)), ""]
    lines += ["| metric | value |", "| --- | --- |"] + [f"| {a} | {b} |" for a, b in summary_rows(s)]
    lines += ["", "## Accuracy by category", "", "| category | all | en | zh |", "| --- | --- | --- | --- |"]
    lines += [f"| {' | '.join(row)} |" for row in category_rows(s)]
    lines += ["", "## Verdicts", ""] + [f"- {k}: {v}" for k, v in s.verdicts.items()]
    if info.warnings:
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in info.warnings]
    fails = failures(results)
    if fails:
        lines += ["", f"## Failures (up to {FAILURES_PER_CATEGORY} per category)", ""]
        for r in fails:
            lines += [
                f"- **{r.id}** ({r.category}, {r.lang}, {r.verdict}): {_short(r.question, 200)}",
                f"  - expected: `{json.dumps(r.expected, ensure_ascii=False)}`",
                f"  - got: {_short(r.answer) or '(nothing)'}",
                f"  - why: {r.why}",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


_CSS = """body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;
vertical-align:top}th{background:#f3f3f3}.bad{color:#b3261e}.good{color:#2e7d32}details{margin:.3em 0}
.charts svg{display:block;margin:1em 0}code{background:#f6f6f6;padding:0 3px}"""


def write_html(path: Path, info: RunInfo, s: Summary, results: Sequence[ItemResult]) -> None:
    cats = list(s.by_category)
    rows = []
    for cat in cats:
        values, notes = [], []
        for lang in ("en", "zh"):
            g = s.by_category_lang.get(f"{cat}/{lang}")
            values.append(g.accuracy if g else None)
            notes.append(f"{g.correct}/{g.n}" if g else "")
        rows.append((cat, values, notes))
    by_cat_validity = []
    for cat in cats:
        rs = [r for r in results if r.category == cat]
        markers = sum(r.citation_markers for r in rs)
        bad = sum(r.invalid_markers for r in rs)
        by_cat_validity.append(
            (cat, [(markers - bad) / markers if markers else None], [f"{markers} markers"])
        )
    latencies = [r.latency_ms for r in results if r.verdict != "error"]
    marks = [(n, v) for n, v in (("p50", s.latency_p50_ms), ("p95", s.latency_p95_ms)) if v is not None]
    charts = [
        svg.grouped_bars(rows, ["en", "zh"], "Accuracy by category and language"),
        svg.histogram(latencies, "Latency per question", unit="ms", marks=marks),
        svg.grouped_bars(by_cat_validity, ["valid [n]"], "Citation validity by category"),
        svg.confusion_grid(
            s.refusal.get("tp", 0),
            s.refusal.get("fp", 0),
            s.refusal.get("fn", 0),
            s.refusal.get("tn", 0),
            "Refused/answered vs answerable/unanswerable",
        ),
    ]
    gate = ""
    if info.gate is not None:
        gate = (
            "<p class='good'><b>CI gate passed</b></p>"
            if not info.gate
            else "<p class='bad'><b>CI gate failed:</b> " + escape("; ".join(info.gate)) + "</p>"
        )
    summary = "".join(f"<tr><th>{escape(a)}</th><td>{escape(b)}</td></tr>" for a, b in summary_rows(s))
    cat_rows = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in category_rows(s)
    )
    items = "".join(_item_html(r) for r in results if not r.correct)
    warn = "".join(f"<li>{escape(w)}</li>" for w in info.warnings)
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Cited evaluation: {escape(info.dataset)}</title><style>{_CSS}</style></head><body>
<h1>Evaluation: {escape(info.dataset)}</h1>
<p>Mode <b>{escape(info.mode)}</b>, {s.items} items, {info.seconds:.1f} s,
{info.started_at:%Y-%m-%d %H:%M} UTC{escape(", embedder " + info.embedder) if info.embedder else ""}.</p>
{gate}<table>{summary}</table>
<h2>Accuracy by category</h2>
<table><tr><th>category</th><th>all</th><th>en</th><th>zh</th></tr>{cat_rows}</table>
<div class="charts">{"".join(charts)}</div>
{"<h2>Warnings</h2><ul>" + warn + "</ul>" if warn else ""}
<h2>Items not correct ({sum(1 for r in results if not r.correct)})</h2>{items}
</body></html>"""
    path.write_text(html, encoding="utf-8")


def _item_html(r: ItemResult) -> str:
    refs = "".join(
        f"<li>[{x.n}] {escape(x.kind)}: {escape(x.title)} — {escape(_short(x.snippet, 160))}</li>"
        for x in r.references
    )
    history = f"<p>after: {escape(' / '.join(r.history))}</p>" if r.history else ""
    scope = f"<p>scope: <code>{escape(json.dumps(r.scope))}</code></p>" if r.scope else ""
    return (
        f"<details><summary><b>{escape(r.id)}</b> [{escape(r.category)}, {escape(r.lang)}, "
        f"<span class='bad'>{escape(r.verdict)}</span>] {escape(_short(r.question, 140))}</summary>"
        f"{history}{scope}<p>expected: <code>{escape(json.dumps(r.expected, ensure_ascii=False))}</code>"
        f"</p><p>got: {escape(r.answer)}</p><p>why: {escape(r.why)}</p><ul>{refs}</ul></details>"
    )


def write_run(out: Path, info: RunInfo, summary: Summary, results: Sequence[ItemResult]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.jsonl").open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(r.model_dump_json() + "\n")
    (out / "summary.json").write_text(
        json.dumps(
            {"run": info.model_dump(mode="json"), "summary": summary.model_dump(mode="json")},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    write_markdown(out / "report.md", info, summary, results)
    write_html(out / "report.html", info, summary, results)


def read_run(out: Path) -> tuple[RunInfo, Summary, list[ItemResult]]:
    """A run written by write_run (for `cited eval compare`)."""
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    results = [
        ItemResult.model_validate_json(line)
        for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return RunInfo.model_validate(data["run"]), Summary.model_validate(data["summary"]), results
