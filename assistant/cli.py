"""The `cited` command: a thin layer over the engine. Heavy imports stay inside the commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Cited: market answers in which every claim carries a numbered reference.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
prices_app = typer.Typer(help="Import and list price series.", no_args_is_help=True)
app.add_typer(prices_app, name="prices")

from assistant.evals.cli import eval_app  # noqa: E402  (typer only; the eval commands import the rest lazily)

app.add_typer(eval_app, name="eval")


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _settings():
    from assistant.config import get_settings

    return get_settings()


def _engine(llm: bool | None = None):
    """The engine for --llm (True), --offline (False) or neither (LLM when one is configured)."""
    from assistant.engine import make_engine

    mode = "auto" if llm is None else ("llm" if llm else "offline")
    try:
        return make_engine(_settings(), mode=mode)
    except ValueError as exc:  # LLMConfigError: asked for a model that is not configured
        _fail(str(exc))


_LLM_FLAG = typer.Option("--llm/--offline", help="Use the configured LLM, or answer offline. "
                                                 "Default: the LLM when CITED_LLM_BASE_URL or CITED_LLM_MODEL is set.")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in Chinese or English.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer as JSON.")] = False,
    doc: Annotated[str | None, typer.Option(help="Scope the question to one document id.")] = None,
    ticker: Annotated[str | None, typer.Option(help="Scope the question to one ticker.")] = None,
    llm: Annotated[bool | None, _LLM_FLAG] = None,
) -> None:
    """Answer one question with numbered references."""
    from assistant.engine import QuestionError
    from assistant.models import Scope
    from assistant.render import print_answer

    try:
        engine, scope = _engine(llm), Scope(doc_id=doc, ticker=ticker)
        if not as_json and sys.stdout.isatty():  # show tool calls and tokens as they stream
            from assistant.live import ask_live

            answer = ask_live(engine, question, scope=scope)
        else:
            answer = engine.ask(question, scope=scope)
    except QuestionError as exc:
        _fail(str(exc))
        return
    if as_json:
        sys.stdout.write(answer.model_dump_json(indent=2) + "\n")
    else:
        print_answer(answer)
    if answer.errors and not any(r.kind == "data" for r in answer.references):
        raise typer.Exit(1)


@app.command()
def chat(llm: Annotated[bool | None, _LLM_FLAG] = None) -> None:
    """Ask questions one after another; follow-ups keep the subject. Empty line or /quit leaves."""
    from rich.console import Console

    from assistant.engine import QuestionError
    from assistant.render import print_answer

    console = Console()
    engine = _engine(llm)
    history: list[str] = []
    console.print("[bold]Cited[/bold] — ask about indices, sectors and the research notes. "
                  "问中文也可以。 /quit to leave.\n")
    while True:
        try:
            text = console.input("[bold cyan]?[/bold cyan] ").strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if not text or text in ("/quit", "/exit", "quit", "exit"):
            return
        try:
            from assistant.live import ask_live

            answer = ask_live(engine, text, history=history, console=console)
        except QuestionError as exc:
            console.print(f"[red]{exc}[/red]")
            continue
        history.append(text)
        print_answer(answer, console)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for in the sources.")],
    k: Annotated[int, typer.Option(min=1, max=50, help="How many passages.")] = 5,
    mode: Annotated[
        str, typer.Option(help="hybrid (fused and reranked), rrf (fused only), bm25 or dense.")
    ] = "hybrid",
    as_json: Annotated[bool, typer.Option("--json", help="Print passages as JSON.")] = False,
) -> None:
    """Search the source index."""
    from assistant.index.search import SourceIndex

    if mode not in ("hybrid", "rrf", "bm25", "dense"):
        _fail("mode must be hybrid, rrf, bm25 or dense")
    if not query.strip():
        _fail("the query is empty")
    passages = SourceIndex.open(_settings()).search(query, k=k, mode=mode)  # type: ignore[arg-type]
    if as_json:
        sys.stdout.write(json.dumps([p.model_dump(mode="json") for p in passages], ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return
    from assistant.render import print_passages

    print_passages(passages)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.md .txt .html .pdf).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Add documents to the source index (idempotent; safe to re-run after an interruption)."""
    from assistant.index.ingest import ingest_paths

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    report = ingest_paths(list(paths), _settings(), progress=not as_json)
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        from assistant.render import print_ingest_report

        print_ingest_report(report)
    if report.failed and not report.chunks_added and not report.documents_unchanged:
        raise typer.Exit(1)


@prices_app.command("import")
def prices_import(
    file: Annotated[Path, typer.Argument(help="CSV or Parquet with a date and a close column.")],
    symbol: Annotated[str | None, typer.Option(help="Symbol to store it under (default: from the file name).")] = None,
) -> None:
    """Import daily prices from a CSV or Parquet file."""
    from assistant.data.store import PriceImportError, PriceStore

    if not file.exists():
        _fail(f"no such file: {file}")
    try:
        info = PriceStore(_settings().prices_dir).import_file(file, symbol=symbol)
    except PriceImportError as exc:
        _fail(str(exc))
        return
    typer.echo(f"imported {info.symbol}: {info.rows} rows, {info.start} to {info.end}")


@prices_app.command("list")
def prices_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the price series and their date ranges."""
    from assistant.data.store import PriceStore
    from assistant.render import print_series

    infos = PriceStore(_settings().prices_dir).symbols()
    if as_json:
        sys.stdout.write(json.dumps([i.model_dump(mode="json") for i in infos], indent=2) + "\n")
    else:
        print_series(infos)


@prices_app.command("fetch")
def prices_fetch(symbols: Annotated[list[str], typer.Argument(help="Yahoo symbols, e.g. IWM ^RUT.")]) -> None:
    """Download daily prices with yfinance (needs the `live` extra and network access)."""
    try:
        import yfinance  # noqa: F401
    except ImportError:
        _fail("prices fetch needs the live extra: pip install -e '.[live]'")
    from assistant.data.store import PriceStore

    store = PriceStore(_settings().prices_dir)
    for sym in symbols:
        try:
            info = store.fetch(sym)
        except Exception as exc:  # network failures vary by provider; report and go on
            typer.secho(f"{sym}: {exc}", fg=typer.colors.RED, err=True)
            continue
        typer.echo(f"fetched {info.symbol}: {info.rows} rows, {info.start} to {info.end}")


@app.command()
def demo(
    if_missing: Annotated[bool, typer.Option("--if-missing", help="Only build what is not there yet.")] = False,
) -> None:
    """Build the demo data set: synthetic, labelled demo prices and the research notes, indexed."""
    from assistant.demo.build import build_demo

    build_demo(_settings(), only_missing=if_missing)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback needs CITED_API_TOKEN.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web app and the API (OpenAPI docs at /docs)."""
    import ipaddress
    import os

    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not os.environ.get("CITED_API_TOKEN"):
        _fail(f"refusing to serve on {host}: set CITED_API_TOKEN first (every API call must then carry it), "
              "or bind 127.0.0.1")
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    typer.secho(f"Cited is running at http://{shown}:{port}  (Ctrl+C to stop)", fg=typer.colors.GREEN)
    uvicorn.run("assistant.api.main:app_factory", factory=True, host=host, port=port, log_level="warning")


@app.command()
def doctor() -> None:
    """Show the configuration, which embedder runs and why, and what data is there."""
    from assistant.doctor import run_doctor

    raise typer.Exit(run_doctor(_settings()))


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":
    app()
