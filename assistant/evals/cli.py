"""`cited eval`: run a question set, compare runs, convert public data sets, measure retrieval.

`cited eval FILE...` is short for `cited eval run FILE...`: any first argument that is not a
sub-command name is taken as a file to run. Heavy imports stay inside the commands.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

DEFAULT_THRESHOLDS = Path("eval/thresholds.toml")


class _RunByDefault(TyperGroup):
    """A group whose default sub-command is `run`, so `cited eval FILE` works beside `cited eval compare`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


eval_app = typer.Typer(
    cls=_RunByDefault,
    no_args_is_help=True,
    help="Evaluate answers offline: `cited eval FILE` (= `cited eval run FILE`), compare, "
    "convert, retrieval.",
)


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _default_out(files: list[Path], mode: str) -> Path:
    stem = "+".join(f.stem for f in files)[:60]
    return Path("eval/reports") / f"{stem}-{mode}-{datetime.now():%Y%m%d-%H%M%S}"


@eval_app.command("run")
def run(
    files: Annotated[list[Path], typer.Argument(help="Question sets (JSONL); several run as one report.")],
    llm: Annotated[
        bool, typer.Option("--llm", help="Answer with the configured model (CITED_LLM_*).")
    ] = False,
    out: Annotated[
        Path | None, typer.Option(help="Report folder (default eval/reports/<name>-<time>).")
    ] = None,
    embedder: Annotated[
        str | None, typer.Option(help="Embedder for fixture indexes: e5, hash, use, openai.")
    ] = None,
    category: Annotated[list[str] | None, typer.Option(help="Only these categories (repeatable).")] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only the first N items (after filtering).")
    ] = None,
    gate: Annotated[
        bool, typer.Option("--gate", help="Fail (exit 1) when the CI thresholds are not met.")
    ] = False,
    thresholds: Annotated[Path, typer.Option(help="Thresholds file for --gate.")] = DEFAULT_THRESHOLDS,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Answer every question, judge it, print the summary and write report.md, report.html, results.jsonl."""
    import time

    from rich.console import Console

    from assistant.evals.dataset import DatasetError, load_items
    from assistant.evals.fixtures import FixtureError
    from assistant.evals.report import RunInfo, write_run
    from assistant.evals.runner import RunOptions, run_items
    from assistant.evals.summary import gate as check_gate
    from assistant.evals.summary import load_thresholds, summarise

    items = []
    try:
        for f in files:
            items += load_items(f)
    except DatasetError as exc:
        _fail(str(exc))
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        _fail("item ids repeat across the files; give each set its own id prefix")
    if category:
        items = [i for i in items if i.category in set(category)]
    items = items[:limit] if limit else items
    if not items:
        _fail("no items left after filtering")
    limits = load_thresholds(thresholds) if gate else None
    mode = "llm" if llm else "offline"
    if llm:
        _check_llm()
    t0 = time.perf_counter()
    try:
        results, warnings = run_items(items, RunOptions(mode=mode, embedder=embedder, progress=not quiet))
    except (FixtureError, ImportError) as exc:
        _fail(str(exc))
        return
    summary = summarise(results)
    problems = check_gate(summary, limits) if limits else None
    from assistant.config import get_settings

    settings = get_settings()
    info = RunInfo(
        dataset=", ".join(str(f) for f in files),
        mode=mode,
        seconds=time.perf_counter() - t0,
        embedder=embedder or settings.embedder,
        model=settings.llm_model if llm else None,
        warnings=warnings,
        gate=problems,
    )
    out = out or _default_out(files, mode)
    write_run(out, info, summary, results)
    console = Console()
    _print_summary(console, summary, info)
    console.print(f"report: {out / 'report.html'}  ({out / 'report.md'}, {out / 'results.jsonl'})")
    if problems:
        for p in problems:
            console.print(f"[red]gate: {p}[/red]")
        raise typer.Exit(1)


def _check_llm() -> None:
    """Fail fast, before any fixture is built, when no model is configured."""
    from assistant.config import get_settings
    from assistant.engine import make_engine

    try:
        make_engine(get_settings(), mode="llm")
    except Exception as exc:  # the LLM layer's configuration errors say what to set
        _fail(f"--llm needs a configured model: {exc}")


def _print_summary(console: Any, summary: Any, info: Any) -> None:
    from rich.table import Table

    from assistant.evals.report import category_rows, summary_rows

    table = Table(title=f"{info.dataset} ({info.mode}, {info.seconds:.1f} s)", show_header=True)
    table.add_column("metric")
    table.add_column("value")
    for a, b in summary_rows(summary):
        table.add_row(a, b)
    console.print(table)
    cats = Table(show_header=True, title="accuracy by category")
    for col in ("category", "all", "en", "zh"):
        cats.add_column(col)
    for row in category_rows(summary):
        cats.add_row(*row)
    console.print(cats)


@eval_app.command("compare")
def compare_runs(
    a: Annotated[Path, typer.Argument(help="The earlier report folder.")],
    b: Annotated[Path, typer.Argument(help="The later report folder.")],
    show: Annotated[int, typer.Option(help="Changed items to list each way.")] = 15,
) -> None:
    """Metric deltas between two runs, and the items each run got right that the other did not."""
    from rich.console import Console
    from rich.table import Table

    from assistant.evals.compare import compare, render_delta, render_value
    from assistant.evals.report import read_run

    for folder in (a, b):
        if not (folder / "summary.json").is_file():
            _fail(f"{folder} is not a report folder (no summary.json); run `cited eval FILE --out {folder}`")
    ia, sa, ra = read_run(a)
    ib, sb, rb = read_run(b)
    cmp = compare(sa, ra, sb, rb)
    console = Console()
    table = Table(title=f"A = {a} ({ia.mode})   B = {b} ({ib.mode})")
    for col in ("metric", "A", "B", "B - A"):
        table.add_column(col)
    for m in cmp.metrics + [m.model_copy(update={"name": f"category {m.name}"}) for m in cmp.categories]:
        colour = {True: "green", False: "red", None: ""}[m.better]
        delta = render_delta(m)
        table.add_row(
            m.name,
            render_value(m, m.a),
            render_value(m, m.b),
            f"[{colour}]{delta}[/{colour}]" if colour else delta,
        )
    console.print(table)
    for title, flips in (("fixed in B", cmp.fixed), ("broken in B", cmp.broken)):
        console.print(f"[bold]{title}: {len(flips)}[/bold]")
        for f in flips[:show]:
            console.print(f"  {f.id} ({f.category}) {f.a} -> {f.b}: {f.question[:100]}")
    if cmp.only_a or cmp.only_b:
        console.print(f"items only in A: {cmp.only_a}, only in B: {cmp.only_b}")


@eval_app.command("convert")
def convert(
    kind: Annotated[str, typer.Argument(help="tatqa, convfinqa or fineval.")],
    src: Annotated[
        Path, typer.Argument(help="The data set file (e.g. ../shared/data/tatqa/tatqa_dataset_dev.json).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL file to write.")],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N items.")] = None,
) -> None:
    """Turn a public benchmark file into Cited's question format, its tables and paragraphs as context."""
    from assistant.evals.adapters import CONVERTERS, AdapterError
    from assistant.evals.dataset import write_items

    if kind not in CONVERTERS:
        _fail(f"unknown data set {kind!r}; choose one of {', '.join(CONVERTERS)}")
    if not src.exists():
        _fail(f"no such file: {src}")
    try:
        items = CONVERTERS[kind](src)
    except AdapterError as exc:
        _fail(str(exc))
        return
    items = items[:limit] if limit else items
    n = write_items(items, output)
    counts: dict[str, int] = {}
    for i in items:
        counts[i.category] = counts.get(i.category, 0) + 1
    typer.echo(f"wrote {n} items to {output} ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")


@eval_app.command("retrieval")
def retrieval(
    file: Annotated[
        Path, typer.Argument(help="Items with context chunks and expected_chunks / expected_sources.")
    ],
    k: Annotated[str, typer.Option(help="Cut-offs, comma-separated.")] = "1,3,5,10",
    modes: Annotated[
        str, typer.Option(help="Retrievers to compare: bm25, dense, rrf (fused), hybrid (fused and reranked).")
    ] = "bm25,dense,rrf,hybrid",
    split: Annotated[str, typer.Option(help="all, tune or heldout (items carry a split).")] = "all",
    embedder: Annotated[
        str | None, typer.Option(help="Embedder for the index: e5, hash, use, openai.")
    ] = None,
    with_notes: Annotated[
        bool, typer.Option("--with-notes", help="Also index the demo notes (distractors).")
    ] = False,
    out: Annotated[Path | None, typer.Option(help="Write retrieval.json and retrieval.md here.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N questions.")] = None,
    workdir: Annotated[
        Path | None, typer.Option(help="Keep the index here and reuse it next time (default: a temporary one).")
    ] = None,
) -> None:
    """Index every item's context together; hit@k and MRR per retriever, at chunk and document level."""
    from rich.console import Console

    from assistant.evals.dataset import DatasetError, load_items
    from assistant.evals.retrieval import RetrievalOptions, evaluate_retrieval, render_markdown, write_report

    try:
        ks = sorted({int(x) for x in k.split(",") if x.strip()})
    except ValueError:
        _fail(f"--k must be integers separated by commas, not {k!r}")
        return
    chosen = [m.strip() for m in modes.split(",") if m.strip()]
    if bad := [m for m in chosen if m not in ("bm25", "dense", "rrf", "hybrid")]:
        _fail(f"unknown mode(s) {', '.join(bad)}; use bm25, dense, rrf, hybrid")
    if split not in ("all", "tune", "heldout"):
        _fail("--split must be all, tune or heldout")
    try:
        items = load_items(file)
    except DatasetError as exc:
        _fail(str(exc))
        return
    options = RetrievalOptions(
        ks=ks, modes=chosen, split=split, embedder=embedder, with_notes=with_notes, limit=limit, workdir=workdir
    )
    report = evaluate_retrieval(items, options)
    Console().print(render_markdown(report))
    if out:
        write_report(report, out)
        typer.echo(f"wrote {out / 'retrieval.md'} and {out / 'retrieval.json'}")
