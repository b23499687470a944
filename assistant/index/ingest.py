"""Ingestion: files or documents → chunks → vectors → Chroma, pipelined so the encoder never waits.

A producer thread parses, chunks and drops chunks already stored; the calling thread only embeds; a
writer thread stores each batch as soon as it is embedded and tokenises it for BM25. The encoder (a C engine called
through ctypes) releases the GIL, so the other two run alongside it. Batches are written one by one,
so an interrupted ingest keeps what it wrote and a rerun skips those chunk ids.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from assistant.index import bm25
from assistant.index.cache import SearchCache, cache_folder
from assistant.index.chunking import SUPPORTED, Chunk, Document, DocumentError, chunk_document, embed_text
from assistant.index.embed import Embedder, get_embedder
from assistant.index.store import ChunkStore

if TYPE_CHECKING:
    from assistant.config import Settings

log = logging.getLogger(__name__)


class IngestReport(BaseModel):
    files_seen: int = 0
    documents_added: int = 0
    documents_unchanged: int = 0
    chunks_added: int = 0
    chunks_skipped: int = Field(0, description="Chunks already in the collection.")
    failed: list[tuple[str, str]] = Field(
        default_factory=list, description="(path, reason) that could not be read."
    )
    skipped: list[tuple[str, str]] = Field(default_factory=list, description="(path, reason) not attempted.")
    seconds: float = 0.0
    chunks_per_s: float = 0.0
    encoder_seconds: float = Field(0.0, description="Time spent inside the embedder.")
    encoder_chunks_per_s: float = Field(0.0, description="Raw encoder throughput in this run.")
    embedder: str = ""
    collection: str = ""

    @property
    def pipeline_ratio(self) -> float:
        """Ingest throughput over raw encoder throughput (1.0 = the encoder never waited)."""
        return self.chunks_per_s / self.encoder_chunks_per_s if self.encoder_chunks_per_s else 0.0

    def summary(self) -> str:
        line = (
            f"{self.chunks_added} chunks added, {self.chunks_skipped} already present; "
            f"{self.documents_added} documents added, {self.documents_unchanged} unchanged; "
            f"{len(self.failed)} failed, {len(self.skipped)} skipped; {self.seconds:.1f} s"
        )
        if self.chunks_added:
            line += f" ({self.chunks_per_s:.1f} chunks/s, encoder {self.encoder_chunks_per_s:.1f}/s)"
        return line


Loader = Callable[[], Document]


def iter_files(paths: Iterable[Path], report: IngestReport) -> Iterator[tuple[str, Loader]]:
    """Supported files under the paths (folders recursively, hidden ones ignored); others are reported."""
    from assistant.index.chunking import load_document

    for root in paths:
        root = Path(root)
        if not root.exists():
            report.failed.append((str(root), "not found"))
            continue
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if root.is_dir() and any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            report.files_seen += 1
            if path.suffix.lower() not in SUPPORTED:
                report.skipped.append((str(path), f"unsupported file type {path.suffix or '(none)'}"))
                continue
            yield str(path), (lambda p=path: load_document(p))


class _Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, label: str) -> None:
        self.bar: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task(label, total=None, rate="")

    def total(self, n: int) -> None:
        if self.bar:
            self.bar.update(self.task, total=n)

    def advance(self, n: int, done: int, seconds: float) -> None:
        if self.bar:
            rate = f"{done / seconds:.1f} chunks/s" if seconds > 0 else ""
            self.bar.update(self.task, advance=n, rate=rate)

    def stop(self) -> None:
        if self.bar:
            self.bar.stop()


def _put(q: queue.Queue[Any], item: Any, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            q.put(item, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


def _run(
    items: Iterable[tuple[str, Loader]],
    settings: Settings,
    report: IngestReport,
    *,
    progress: bool,
    embedder: Embedder | None = None,
) -> IngestReport:
    started = time.perf_counter()
    embedder = embedder or get_embedder(settings)[0]
    store = ChunkStore.open(settings, embedder)
    ensure_migrated(store, embedder, settings, progress=progress)
    report.embedder, report.collection = embedder.name, store.name
    batch_size = max(1, settings.embed_batch)
    to_embed: queue.Queue[list[Chunk] | None] = queue.Queue(maxsize=4)
    to_write: queue.Queue[tuple[list[Chunk], Any] | None] = queue.Queue(maxsize=2)
    stop = threading.Event()
    errors: list[BaseException] = []
    tokens: dict[str, list[str]] = {}
    bar = _Progress(progress, "embedding")
    state = {"queued": 0}

    # jieba's dictionary (~1 s) loads beside the first batches, not before them or in the final rebuild
    threading.Thread(target=bm25.warm_up, name="cited-jieba", daemon=True).start()

    def produce() -> None:
        try:
            queued: set[str] = set()
            pending: list[Chunk] = []
            for label, load in items:
                if stop.is_set():
                    return
                try:
                    doc = load()
                    chunks = chunk_document(doc, settings.chunk_min_chars, settings.chunk_max_chars)
                    if not chunks:
                        raise DocumentError("no text")
                except DocumentError as exc:
                    report.failed.append((label, str(exc)))
                    continue
                except Exception as exc:  # one bad file never aborts the batch
                    report.failed.append((label, f"{type(exc).__name__}: {exc}"))
                    continue
                stored = store.existing([c.id for c in chunks])
                new = [c for c in chunks if c.id not in stored and c.id not in queued]
                report.chunks_skipped += len(chunks) - len(new)
                if new:
                    report.documents_added += 1
                else:
                    report.documents_unchanged += 1
                queued.update(c.id for c in new)
                pending.extend(new)
                state["queued"] += len(new)
                bar.total(state["queued"])
                while len(pending) >= batch_size:
                    if not _put(to_embed, pending[:batch_size], stop):
                        return
                    pending = pending[batch_size:]
            if pending:
                _put(to_embed, pending, stop)
        except BaseException as exc:
            errors.append(exc)
        finally:
            _put(to_embed, None, stop)

    def write() -> None:
        try:
            while (item := to_write.get()) is not None:
                chunks, vectors = item
                store.add(chunks, vectors)
                report.chunks_added += len(chunks)
                bar.advance(len(chunks), report.chunks_added, time.perf_counter() - started)
                for c in chunks:  # BM25 tokens now, while the encoder works on the next batch
                    tokens[c.id] = bm25.tokenize(c.embed_text)
        except BaseException as exc:
            errors.append(exc)
            stop.set()

    producer = threading.Thread(target=produce, name="cited-ingest-parse", daemon=True)
    writer = threading.Thread(target=write, name="cited-ingest-write", daemon=True)
    producer.start()
    writer.start()
    try:
        while not stop.is_set():
            try:
                batch = to_embed.get(timeout=0.2)
            except queue.Empty:
                continue
            if batch is None:
                break
            t = time.perf_counter()
            vectors = embedder.embed_passages([c.embed_text for c in batch])
            report.encoder_seconds += time.perf_counter() - t
            if not _put(to_write, (batch, vectors), stop):
                break
    except BaseException:
        stop.set()
        raise
    finally:
        while writer.is_alive():  # let the writer drain what was embedded, then stop
            try:
                to_write.put(None, timeout=0.2)
                break
            except queue.Full:
                continue
        writer.join()
        stop.set()
        producer.join()
        bar.stop()
        try:
            # rebuild BM25 and the vector matrix once, for everything written (also after a failure)
            SearchCache.sync(store, cache_folder(settings, store), known_tokens=tokens)
        except Exception as exc:
            errors.append(exc)
    if errors:
        raise errors[0]
    report.seconds = time.perf_counter() - started
    report.chunks_per_s = report.chunks_added / report.seconds if report.seconds else 0.0
    if report.encoder_seconds:
        report.encoder_chunks_per_s = report.chunks_added / report.encoder_seconds
    return report


def ingest_paths(
    paths: list[Path], settings: Settings, *, progress: bool = True, embedder: Embedder | None = None
) -> IngestReport:
    """Ingest files and folders (.md/.txt/.html/.htm/.pdf). Idempotent and resumable; bad files are reported."""
    report = IngestReport()
    return _run(iter_files(paths, report), settings, report, progress=progress, embedder=embedder)


def ingest_documents(
    docs: Iterable[Document], settings: Settings, *, progress: bool = True, embedder: Embedder | None = None
) -> IngestReport:
    """Ingest already-parsed documents (e.g. dataset contexts). Same guarantees as ingest_paths."""
    report = IngestReport()
    items = ((d.path or d.id, (lambda d=d: d)) for d in docs)
    return _run(items, settings, report, progress=progress, embedder=embedder)


def ingest_texts(
    texts: dict[str, str], settings: Settings, *, progress: bool = False, embedder: Embedder | None = None
) -> IngestReport:
    """Convenience: {title: text} → documents → ingest."""
    from assistant.index.chunking import make_document

    return ingest_documents(
        [make_document(t, title=title) for title, t in texts.items()],
        settings,
        progress=progress,
        embedder=embedder,
    )


def ensure_migrated(store: ChunkStore, embedder: Embedder, settings: Settings, *, progress: bool) -> int:
    """After an embedder switch, re-embed the chunks this collection lacks from the largest previous one.

    The old collection is left as it was (switching back is instant); vectors are never mixed. Runs
    whenever another collection of the same chunker holds more chunks, so an interrupted re-embed, or
    notes ingested while another embedder was active, are caught up on the next open.
    """
    previous = store.previous()
    if previous is None:
        if not store.count() and store.has_other_chunker():
            log.warning(
                "the index was built by another chunker version; run `cited ingest` on your files again"
            )
        return 0
    if previous.count() <= store.count():
        return 0
    meta = dict(store.collection.metadata or {})
    store.collection.modify(metadata={**meta, "migrated_from": previous.name})
    bar = _Progress(progress, f"re-embedding from {previous.embedder_name}")
    bar.total(previous.count())
    added = 0
    started = time.perf_counter()
    batch = max(1, settings.embed_batch)
    for records in previous.iter_records(vectors=False, page=batch * 8):
        have = store.existing([r.id for r in records])
        todo = [r for r in records if r.id not in have]
        for s in range(0, len(todo), batch):
            part = todo[s : s + batch]
            vectors = embedder.embed_passages(
                [embed_text(str(r.meta.get("title", "")), r.text) for r in part]
            )
            store.add_raw([r.id for r in part], [r.text for r in part], [r.meta for r in part], vectors)
            added += len(part)
        bar.advance(len(records), added, time.perf_counter() - started)
    bar.stop()
    return added
