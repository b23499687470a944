"""Run a question set through the engine: prepare each fixture's data dir, ask, judge, time."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from assistant.config import Settings, get_settings
from assistant.evals import fixtures
from assistant.evals.dataset import ContextDoc, EvalItem
from assistant.evals.results import ItemResult, failed, judge

WARM_UP = "How much did the S&P 500 change over the last 5 trading days?"


class RunOptions(BaseModel):
    mode: Literal["offline", "llm"] = "offline"
    embedder: str | None = None  # overrides CITED_EMBEDDER for fixture indexes
    workdir: Path | None = None  # where fixture data dirs go (a temp dir by default, removed after)
    retrieval_check: bool = True  # also search each item with expected sources and record the rank
    warm_up: bool = True  # ask one unscored question first, so model loading is not in the latency
    progress: bool = True


class GroupKey(BaseModel, frozen=True):
    fixture: str | None
    contexts: bool


def _group_key(item: EvalItem) -> GroupKey:
    return GroupKey(fixture=item.fixture, contexts=bool(item.context))


def group_items(items: Sequence[EvalItem]) -> dict[GroupKey, list[EvalItem]]:
    groups: dict[GroupKey, list[EvalItem]] = {}
    for item in items:
        groups.setdefault(_group_key(item), []).append(item)
    return groups


def prepare(
    key: GroupKey, items: list[EvalItem], base: Settings, root: Path, embedder: str | None
) -> tuple[Settings, list[str]]:
    """The settings (data dir) a group runs on, built fresh; warnings for what could not be set up."""
    if key.fixture is None and not key.contexts:
        return base, []
    name = f"{key.fixture or 'none'}{'-ctx' if key.contexts else ''}"
    overrides: dict[str, Any] = {"embedder": embedder} if embedder else {}
    settings = fixtures.settings_for(base, root / name, **overrides)
    warnings: list[str] = []
    if key.fixture == "demo":
        warnings += fixtures.build_demo(settings)
    elif key.fixture == "market":
        warnings += fixtures.build_market(settings)
    if key.contexts:
        fixtures.ingest_contexts(as_documents(fixtures.contexts_of(items)), settings)
    return settings, warnings


def as_documents(chunks: list[ContextDoc]) -> list[ContextDoc]:
    """One document per context doc_id (its paragraphs and tables in order), for scoped answering."""
    merged: dict[str, list[ContextDoc]] = {}
    for c in chunks:
        merged.setdefault(c.doc_id, []).append(c)
    return [
        ContextDoc(
            id=doc_id,
            doc_id=doc_id,
            title=parts[0].title,
            lang=parts[0].lang,
            kind="passage",
            text="\n\n".join(p.text for p in parts),
        )
        for doc_id, parts in merged.items()
    ]


def _refusal_phrases() -> list[str]:
    try:
        from assistant.compose.template import REFUSAL
    except ImportError:  # pragma: no cover - the composer always ships with the engine
        return []
    return list(REFUSAL.values())


def _make_engine(settings: Settings, mode: str):
    from assistant.engine import make_engine

    return make_engine(settings, mode=mode)


def _search_rank(settings: Settings, item: EvalItem, k: int = 10) -> int | None:
    """Rank of the first passage from an expected source (by document id or title) in a plain search."""
    from assistant.index.search import SourceIndex

    wanted = {s.lower() for s in item.expected_sources}
    passages = SourceIndex.open(settings).search(item.question, k=k)
    for rank, p in enumerate(passages, 1):
        if {p.doc_id.lower(), p.title.lower()} & wanted:
            return rank
    return None


def ask_one(
    engine: Any, item: EvalItem, settings: Settings, refusal: list[str], retrieval_check: bool
) -> ItemResult:
    from assistant.models import Scope

    scope = Scope(**item.scope.model_dump()) if item.scope else None
    if item.context and scope is None:
        scope = Scope(doc_id=item.context[0].doc_id)  # "ask about this article"
    t0 = time.perf_counter()
    try:
        answer = engine.ask(item.question, scope=scope, history=list(item.history))
    except Exception as exc:  # the report shows it; the run goes on
        return failed(item, f"{type(exc).__name__}: {exc}", (time.perf_counter() - t0) * 1000)
    result = judge(item, answer, (time.perf_counter() - t0) * 1000, refusal)
    if retrieval_check and item.expected_sources:
        try:
            result.retrieval_rank = _search_rank(settings, item)
            result.retrieval_checked = True
        except Exception as exc:  # no index: the metric stays empty, the warning says why
            result.warnings.append(f"retrieval check skipped: {type(exc).__name__}: {exc}")
    return result


def run_items(
    items: Sequence[EvalItem],
    options: RunOptions,
    base: Settings | None = None,
    on_result: Callable[[ItemResult], None] | None = None,
) -> tuple[list[ItemResult], list[str]]:
    """Every item, in file order within its fixture group. Returns results and setup warnings."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    base = base or get_settings()
    refusal = _refusal_phrases()
    own_root = options.workdir is None
    root = Path(tempfile.mkdtemp(prefix="cited-eval-")) if own_root else Path(options.workdir)
    results: list[ItemResult] = []
    warnings: list[str] = []
    console = Console(stderr=True)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("[green]{task.fields[ok]}[/green] ok"),
        TimeElapsedColumn(),
        console=console,
        disable=not options.progress,
        transient=False,
    )
    try:
        with progress:
            for key, group in group_items(items).items():
                label = key.fixture or ("contexts" if key.contexts else "configured data")
                task = progress.add_task(f"{label}: preparing", total=len(group), ok=0)
                settings, notes = prepare(key, group, base, root, options.embedder)
                warnings += notes
                engine = _make_engine(settings, options.mode)
                if options.warm_up:
                    try:
                        engine.ask(WARM_UP)  # loads models and caches so the first item's latency is honest
                    except Exception as exc:
                        warnings.append(f"{label}: warm-up question failed: {exc}")
                progress.update(task, description=f"{label}: asking")
                ok = 0
                for item in group:
                    result = ask_one(engine, item, settings, refusal, options.retrieval_check)
                    results.append(result)
                    ok += int(result.correct)
                    progress.update(task, advance=1, ok=ok)
                    if on_result:
                        on_result(result)
    finally:
        if own_root:
            shutil.rmtree(root, ignore_errors=True)
    order = {item.id: i for i, item in enumerate(items)}
    results.sort(key=lambda r: order[r.id])
    return results, warnings
