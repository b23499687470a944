"""The results as tables: printed with rich, and written as markdown (bench/results/latest.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

Table = tuple[str, list[str], list[list[str]]]


def _ms(x: float | None) -> str:
    return "—" if x is None else (f"{x:.1f}" if x >= 10 else f"{x:.2f}")


def _ok(met: bool) -> str:
    return "yes" if met else "NO"


def _biggest(stages: dict[str, float]) -> str:
    if not stages:
        return "—"
    name, value = max(stages.items(), key=lambda kv: kv[1])
    return f"{name.removesuffix('_ms')} {_ms(value)}"


def _measured(results: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return sorted((int(s), r) for s, r in results["sizes"].items() if "measure" in r)


def tables(results: dict[str, Any]) -> list[Table]:
    out: list[Table] = []
    tp, qe = results.get("throughput"), results.get("query_embedding")
    if tp and qe:
        out.append((
            f"Encoder and ingest ({tp['embedder']}, same run)",
            ["measure", "value"],
            [
                [f"raw encoder, {tp['raw_chunks']} chunks in batches of {tp['batch']} ({tp.get('rounds', 1)} ingest rounds)",
                 f"{tp['raw_chunks_per_s']:.2f} chunks/s"],
                [f"ingest_documents, {tp['ingest_chunks']} fresh chunks", f"{tp['ingest_chunks_per_s']:.2f} chunks/s"],
                [f"ratio ingest / raw (target >= {tp['target_ratio']})", f"{tp['ratio']:.3f} ({_ok(tp['met'])})"],
                ["share of ingest time spent inside the encoder", f"{tp['ingest_internal_ratio']:.3f}"],
                ["query encode, distinct queries: p50 / p95 ms", f"{_ms(qe['cold']['p50'])} / {_ms(qe['cold']['p95'])}"],
                ["query encode, repeated (cached): p50 / p95 ms",
                 f"{_ms(qe['cached']['p50'])} / {_ms(qe['cached']['p95'])}"],
            ],
        ))
    rows = []
    for size, r in _measured(results):
        for mode, m in r["measure"]["retrieval"].items():
            d, rep = m["distinct"], m["repeated"]
            rows.append([f"{size:,}", mode, _ms(d["total"]["p50"]), _ms(d["total"]["p95"]),
                         _ms(d["embed"]["p50"]), _ms(d["without_embed"]["p50"]), _ms(d["without_embed"]["p95"]),
                         _ms(rep["total"]["p50"]), _ms(rep["total"]["p95"]), _biggest(d["stages_p50"])])
    if rows:
        out.append(("Retrieval latency, ms (k=5; distinct queries, then the same again)",
                    ["chunks", "mode", "p50", "p95", "encode p50", "w/o encode p50", "w/o encode p95",
                     "repeated p50", "repeated p95", "biggest stage p50"], rows))
    rows = []
    for size, r in _measured(results):
        a = r["measure"]["ask"]
        q = a["quality"]
        rows.append([f"{size:,}", _ms(a["first"]["wall"]["p50"]), _ms(a["first"]["wall"]["p95"]),
                     _ms(a["repeated"]["wall"]["p50"]), _ms(a["repeated"]["wall"]["p95"]),
                     _biggest(a["first"]["stages_p50"]), _ms(a["first_process_ask_ms"]),
                     f"{q['with_demo_passage']}/{q['answers']}", f"{q['grounded']}/{q['answers']}"])
    if rows:
        out.append(("Offline ask latency, ms (20 bilingual seed questions)",
                    ["chunks", "first p50", "first p95", "repeated p50", "repeated p95", "biggest stage (first)",
                     "process's first ask", "cites a demo note", "grounded"], rows))
    measured = _measured(results)
    if measured:
        size, r = measured[-1]
        a, h = r["measure"]["ask"], r["measure"]["retrieval"]["hybrid"]
        rows = [[f"ask: {s}", _ms(a["first"]["stages_p50"].get(s)), _ms(a["repeated"]["stages_p50"].get(s))]
                for s in sorted(a["first"]["stages_p50"], key=lambda s: -a["first"]["stages_p50"][s])]
        rows += [[f"hybrid search: {s.removesuffix('_ms')}", _ms(h["distinct"]["stages_p50"].get(s)),
                  _ms(h["repeated"]["stages_p50"].get(s))]
                 for s in sorted(h["distinct"]["stages_p50"], key=lambda s: -h["distinct"]["stages_p50"][s])]
        out.append((f"Where the time goes at {size:,} chunks (p50 per stage, ms)",
                    ["stage", "first / distinct", "repeated"], rows))
    rows = []
    for size, r in sorted((int(s), r) for s, r in results["sizes"].items()):
        if "error" in r:
            rows.append([f"{size:,}", "—", "—", "—", "—", f"failed: {r['error']}"])
            continue
        b = r["build"]
        rows.append([f"{size:,}", f"{b['real_vectors']:,}", f"{b['synthetic_vectors']:,}",
                     "reused" if b.get("reused") else f"built in {b['build_s']} s",
                     "0" if b.get("reused") else f"{b.get('encoded_now', 0):,}",
                     "synthetic fill" if b["synthetic_vectors"] else ""])
    if rows:
        out.append(("Indices", ["chunks", "real vectors", "synthetic vectors", "build", "encoded now", "note"], rows))
    if results.get("targets"):
        out.append(("Targets", ["what", "target", "value", "met"],
                    [[t["what"], t["target"], str(t["value"]), _ok(t["met"])] for t in results["targets"]]))
    return out


def _machine_line(results: dict[str, Any]) -> str:
    m = results["machine"]
    return (f"{m['cpu_model']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}; "
            f"load average {m['load_average_at_start']} at start, {m.get('load_average_at_end')} at end; "
            f"{results.get('duration_s', 0):.0f} s in all")


def print_report(results: dict[str, Any], console: Any) -> None:
    from rich.table import Table as RichTable

    console.print(f"[bold]Cited bench[/] {results['name']} — {_machine_line(results)}")
    for title, headers, rows in tables(results):
        table = RichTable(title=title, title_justify="left", show_lines=False)
        for i, h in enumerate(headers):
            table.add_column(h, justify="left" if i < 2 or h in ("measure", "stage", "what") else "right")
        for row in rows:
            style = "red" if row and row[-1] == "NO" else None
            table.add_row(*row, style=style)
        console.print(table)
    for note in results.get("notes", []):
        console.print(f"[dim]- {note}")


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"# Cited bench: {results['name']}",
        "",
        f"{results['created']} — {_machine_line(results)}.",
        f"Embedder: {results.get('embedder', {}).get('name', '?')}. Command: `{results['command']}`.",
        "",
    ]
    for title, headers, rows in tables(results):
        lines += [f"## {title}", "", "| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        lines.append("")
    if results.get("notes"):
        lines += ["## Notes", ""] + [f"- {n}" for n in results["notes"]] + [""]
    return "\n".join(lines)


def write_markdown(results: dict[str, Any], path: Path) -> None:
    path.write_text(markdown(results), encoding="utf-8")
