"""Terminal rendering of answers, passages and reports (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table

from assistant.models import Answer, Passage

_LABELS = {
    "zh": {"refs": "参考", "tools": "工具调用", "tickers": "相关标的", "timings": "耗时", "warn": "提示"},
    "en": {"refs": "References", "tools": "Tool calls", "tickers": "Related tickers", "timings": "Timings",
           "warn": "Warnings"},
}


def print_answer(answer: Answer, console: Console | None = None) -> None:
    console = console or Console()
    labels = _LABELS[answer.language]
    mode = f"{answer.mode} · {answer.model}" if answer.model else answer.mode
    if answer.usage.get("total_tokens"):
        mode += f" · {answer.usage['total_tokens']:,} tokens"
    console.print(Panel(Markdown(answer.text), title=f"Cited · {mode}", title_align="left"))
    if answer.references:
        console.print(f"[bold]{labels['refs']}[/bold]")
        for ref in answer.references:
            if ref.kind == "data":
                window = f" {ref.window[0]}→{ref.window[1]}" if ref.window else ""
                demo = " [yellow](demo data)[/yellow]" if ref.demo else ""
                what = ", ".join(ref.series) or ref.tool or ""
                console.print(f"  [{ref.n}] [cyan]data[/cyan] {what}{window}{demo} — {ref.title}", highlight=False)
                console.print(f"      {ref.computation or ref.snippet}", highlight=False)
                for note in ref.notes:
                    console.print(f"      [dim]{note}[/dim]")
            else:
                when = f", {ref.date}" if ref.date else ""
                console.print(f"  [{ref.n}] [green]passage[/green] {ref.title}{when} — {ref.source}")
                snippet = ref.snippet if len(ref.snippet) <= 400 else ref.snippet[:400] + "…"
                console.print(f"      [dim]{snippet}[/dim]", highlight=False)
    if answer.tool_calls:
        table = Table(title=labels["tools"], title_justify="left", show_edge=False)
        for col in ("tool", "arguments", "result", "ms"):
            table.add_column(col, overflow="fold")
        for call in answer.tool_calls:
            args = ", ".join(f"{k}={v}" for k, v in call.arguments.items() if k != "query") or "…"
            result = call.summary if call.ok else f"[red]{call.error}[/red]"
            table.add_row(call.name, args[:60], (result or "")[:120], f"{call.ms:.1f}")
        console.print(table)
    if answer.related_tickers:
        parts = []
        for t in answer.related_tickers:
            chg = f"{t.change_pct:+.2f}%" if t.change_pct is not None else ""
            colour = "green" if (t.change_pct or 0) >= 0 else "red"
            parts.append(f"{t.symbol} {t.last:,.2f} [{colour}]{chg}[/{colour}]" + (" (demo)" if t.demo else ""))
        console.print(f"[bold]{labels['tickers']}[/bold]  " + "   ".join(parts))
    for line in answer.errors + answer.warnings:
        console.print(f"[yellow]{labels['warn']}: {line}[/yellow]")
    for note in answer.notes:
        console.print(f"[dim]· {note}[/dim]")
    timing = "  ".join(f"{k} {v:.1f}ms" for k, v in answer.timings.items())
    console.print(f"[dim]{labels['timings']}: {timing}[/dim]")
    console.print(f"[dim]{answer.disclaimer}[/dim]\n")


def print_passages(passages: list[Passage], console: Console | None = None) -> None:
    console = console or Console()
    if not passages:
        console.print("no passages found (is anything ingested? try `cited demo` or `cited ingest PATH`)")
    for i, p in enumerate(passages, 1):
        console.print(f"[bold]{i}. {p.title}[/bold] [dim]{p.date or ''} {p.source} · {p.chunk_id} · "
                      f"score {p.score:.4f}[/dim]")
        console.print(p.text, highlight=False)
        console.print()


def print_series(infos) -> None:
    console = Console()
    table = Table(show_edge=False)
    for col in ("symbol", "name", "start", "end", "rows", "source"):
        table.add_column(col)
    for i in infos:
        table.add_row(i.symbol, i.name, str(i.start), str(i.end), str(i.rows),
                      ("[yellow]demo[/yellow] " if i.demo else "") + str(i.source))
    console.print(table if infos else "no price series yet: run `cited demo` or `cited prices import FILE`")


def print_ingest_report(report) -> None:
    console = Console()
    console.print(
        f"files {report.files_seen} · documents added {report.documents_added}, unchanged "
        f"{report.documents_unchanged} · chunks added {report.chunks_added}, already present "
        f"{report.chunks_skipped} · {report.seconds:.1f}s ({report.chunks_per_s:.1f} chunks/s)"
    )
    for path, reason in report.failed:
        console.print(f"[red]failed[/red] {path}: {reason}")
