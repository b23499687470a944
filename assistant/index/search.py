"""SourceIndex: hybrid search — BM25 plus one dense list per language, fused by reciprocal rank, then reranked."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from assistant.index import bm25, rerank
from assistant.index.cache import DocumentInfo, SearchCache, cache_folder
from assistant.index.embed import Embedder, get_embedder
from assistant.index.store import ChunkStore, Record
from assistant.models import Passage, SearchFilters

if TYPE_CHECKING:
    from assistant.config import Settings

__all__ = ["DocumentInfo", "SourceIndex", "cache_folder", "rrf"]

# hybrid = fused and reranked; rrf = fused only (to measure what the reranker adds)
Mode = Literal["hybrid", "rrf", "bm25", "dense"]
_RECHECK_S = 60.0  # a long-lived index asks Chroma (~10 ms at 100k) this often for chunks a killed ingest left


def rrf(lists: Sequence[Sequence[int]], k: int, weights: Sequence[float] | None = None,
        head: int = 0) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: sum of 1/(k + rank) over the lists an item appears in, best first.

    `weights` scale each list's first `head` ranks (all ranks when head is 0).
    """
    scores: dict[int, float] = {}
    for ranked, w in zip(lists, weights or [1.0] * len(lists), strict=True):
        for rank, item in enumerate(ranked, start=1):
            scale = w if not head or rank <= head else 1.0
            scores[item] = scores.get(item, 0.0) + scale / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


OTHER_LANG_HEAD = 2


def _weights(lists: int, langs: list[str], query: str, hybrid: bool) -> list[float] | None:
    """Even votes across languages for the best matches: in hybrid mode the question's own language has
    BM25 and its dense list, another language only its dense list, so that list's top OTHER_LANG_HEAD
    hits count (just under) twice. A passage that tops both own-language lists still ranks first, and
    the other language cannot flood the top k.

    Measured on eval/crosslingual.jsonl (e5, demo notes as distractors), hybrid hit@5: equal weights
    0.32 en→zh / 0.27 zh→en; with these weights see eval/README.md. A one-language index is unaffected.
    """
    if not hybrid or len(langs) < 2:
        return None
    from assistant.language import detect_language

    own = detect_language(query)
    return [1.0] * (lists - len(langs)) + [1.0 if lang == own else 1.95 for lang in langs]


def passage_from(record: Record, score: float = 0.0) -> Passage:
    meta = record.meta
    date = str(meta.get("date") or "") or None
    return Passage(
        chunk_id=record.id,
        doc_id=str(meta.get("doc_id", "")),
        title=str(meta.get("title", "")),
        text=record.text,
        date=date,  # type: ignore[arg-type]  # ISO string, validated by pydantic
        source=str(meta.get("source", "")),
        url=meta.get("url") or None,
        path=meta.get("path") or None,
        lang=str(meta.get("lang", "en")),
        tickers=[t for t in str(meta.get("tickers", "")).split(",") if t],
        tags=[t for t in str(meta.get("tags", "")).split(",") if t],
        score=round(score, 6),
    )


@dataclass
class _Candidates:
    cache: SearchCache  # the one they came from: an ingest may swap in a new one meanwhile
    records: list[Record]  # fused order
    scores: list[float]  # fused scores, best first
    bm25_scores: np.ndarray  # every row's BM25 score (zeros outside the filter)
    qvec: np.ndarray
    dense: list[list[int]]  # per-language dense rankings


class SourceIndex:
    """Search over ingested research notes. One instance per location and embedder per process."""

    _open: dict[tuple[str, str], SourceIndex] = {}
    _open_lock = threading.Lock()

    def __init__(self, settings: Settings, store: ChunkStore, embedder: Embedder, folder: Path) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.folder = folder
        # jieba's dictionary (~1 s) loads in the background instead of inside the first Chinese query
        threading.Thread(target=bm25.warm_up, name="cited-jieba", daemon=True).start()
        self._cache = SearchCache.sync(store, folder)
        self._seen_mtime = self._cache.manifest_mtime()
        self._checked = time.monotonic()
        self._sync_lock = threading.Lock()
        self.last_timings: dict[str, float] = {}

    @classmethod
    def open(cls, settings: Settings) -> SourceIndex:
        """The index for these settings; cheap after the first call (the instance is reused)."""
        embedder, _ = get_embedder(settings)
        key = (settings.chroma_url or str(settings.index_dir.resolve()), embedder.name)
        with cls._open_lock:
            index = cls._open.get(key)
            if index is None:
                store = ChunkStore.open(settings, embedder)
                from assistant.index.ingest import ensure_migrated

                ensure_migrated(store, embedder, settings, progress=False)
                index = cls(settings, store, embedder, cache_folder(settings, store))
                cls._open[key] = index
        index.settings = settings  # retrieval knobs (depth, rrf_k) follow the latest caller
        index.refresh()
        return index

    @classmethod
    def forget(cls) -> None:
        """Drop the per-process instances (tests, or after the data dir changed under us)."""
        with cls._open_lock:
            cls._open.clear()

    def refresh(self, force: bool = False) -> None:
        """Pick up chunks another process (or an ingest in this one) added since the cache was read."""
        mtime = self._cache.manifest_mtime()
        recheck = force or time.monotonic() - self._checked > _RECHECK_S
        if mtime == self._seen_mtime and not recheck:
            return
        with self._sync_lock:
            self._checked = time.monotonic()
            if mtime != self._seen_mtime or self.store.count() != len(self._cache):
                self._cache = SearchCache.sync(self.store, self.folder)
                self._seen_mtime = self._cache.manifest_mtime()

    # ------------------------------------------------------------ queries
    def search(
        self, query: str, k: int = 5, filters: SearchFilters | None = None, mode: Mode = "hybrid"
    ) -> list[Passage]:
        """The k best passages for the query; Passage.score is the fused (RRF) score of its place."""
        t0 = time.perf_counter()
        self.last_timings = {}
        model = rerank.default_model() if mode == "hybrid" and self.settings.rerank_depth > 1 else None
        found = self._candidates(query, max(k, self.settings.rerank_depth) if model else k, filters, mode)
        if found is None:
            return []
        records = found.records
        if model is not None and len(records) > 1:
            t = time.perf_counter()
            x, movable = self._rerank_features(query, found)
            if sum(movable) > 1:
                order = rerank.reorder(model.score(x, self.embedder.name), movable)
                records = [records[i] for i in order]
            self.last_timings["rerank_ms"] = (time.perf_counter() - t) * 1000
        self.last_timings["total_ms"] = (time.perf_counter() - t0) * 1000
        # scores stay with the places, so they still fall down the list after the reranker moved chunks
        return [passage_from(r, s) for r, s in zip(records[:k], found.scores, strict=False)]

    def rerank_candidates(self, query: str) -> tuple[list[Passage], np.ndarray, list[bool]]:
        """The fused candidates the reranker would reorder, their features and which may move (fitting)."""
        found = self._candidates(query, self.settings.rerank_depth, None, "rrf")
        if found is None:
            return [], np.zeros((0, len(rerank.FEATURES))), []
        x, movable = self._rerank_features(query, found)
        return [passage_from(r, s) for r, s in zip(found.records, found.scores, strict=True)], x, movable

    def _candidates(self, query: str, n: int, filters: SearchFilters | None, mode: Mode) -> _Candidates | None:
        """The n best chunks of one retriever, or of the fused lists, with what reranking needs."""
        t0 = time.perf_counter()
        self.refresh()
        cache = self._cache
        timings = self.last_timings
        if not query.strip() or len(cache) == 0 or n <= 0:
            return None
        depth = max(self.settings.retrieval_depth, n)
        mask = cache.mask(filters)
        if mask is not None and not mask.any():
            return None
        lists: list[list[int]] = []
        langs = [filters.lang] if filters is not None and filters.lang else cache.langs
        bm25_scores = np.zeros(len(cache), np.float32)
        if mode != "dense":
            t = time.perf_counter()
            bm25_scores = cache.bm25.query_scores(query, mask)
            lists.append(bm25.best_rows(bm25_scores, depth))
            timings["bm25_ms"] = (time.perf_counter() - t) * 1000
        qvec = np.zeros(cache.dim, np.float32)
        dense: list[list[int]] = []
        if mode != "bm25":
            t = time.perf_counter()
            qvec = np.asarray(self.embedder.embed_queries([query])[0], np.float32)
            timings["embed_ms"] = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            # e5 ranks passages in the question's own language higher, so each language gets its own list
            dense = cache.dense_top(qvec, depth, mask, langs)
            lists.extend(dense)
            timings["dense_ms"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        weights = _weights(len(lists), langs, query, mode in ("hybrid", "rrf"))
        head = rrf(lists, self.settings.rrf_k, weights, head=OTHER_LANG_HEAD)[:n]
        timings["fuse_ms"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        records = self.store.get([cache.ids[row] for row, _ in head])
        timings["fetch_ms"] = (time.perf_counter() - t) * 1000
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        return _Candidates(cache, records, [s for _, s in head], bm25_scores, qvec, dense)

    def _rerank_features(self, query: str, found: _Candidates) -> tuple[np.ndarray, list[bool]]:
        """Features of each candidate, and which may move: those in the question's language."""
        from assistant.language import detect_language

        cache = found.cache
        rows = [cache.row_of[r.id] for r in found.records]
        cosines = cache.vectors[rows] @ found.qvec
        best = max([float(cache.vectors[d[0]] @ found.qvec) for d in found.dense if d] or [float(cosines.max())])
        texts = [r.text for r in found.records]
        x = rerank.features(query, rows, texts, cache.bm25, found.bm25_scores, cosines, best)
        if len(cache.langs) < 2:
            return x, [True] * len(rows)
        own = detect_language(query)
        return x, [cache.langs[code] == own for code in cache.chunk_lang[rows]]

    def get(self, chunk_id: str) -> Passage | None:
        records = self.store.get([chunk_id])
        return passage_from(records[0]) if records else None

    def documents(self) -> list[DocumentInfo]:
        """Every document in the index, newest first."""
        self.refresh()
        return sorted(self._cache.docs, key=lambda d: (d.date is not None, d.date, d.title), reverse=True)

    def document(self, doc_id: str) -> tuple[DocumentInfo, list[Passage]]:
        """A document's info and all its passages in reading order; KeyError when the id is unknown."""
        self.refresh()
        cache = self._cache
        rows = cache.doc_rows(doc_id)
        if not rows:
            raise KeyError(f"unknown document id {doc_id!r}")
        info = cache.docs[cache.doc_code[doc_id]]
        return info, [passage_from(r) for r in self.store.get([cache.ids[i] for i in rows])]

    def count(self) -> int:
        self.refresh()
        return len(self._cache)

    def languages(self) -> set[str]:
        self.refresh()
        return set(self._cache.langs)
