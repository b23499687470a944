"""The search cache beside Chroma: chunk order, filter columns, a vector matrix and the BM25 index.

Why a cache: Chroma's filtered HNSW query costs 100–200 ms at 100k chunks (measured; the per-language
dense search needs a filter per language), while an exact matrix product over the same vectors takes
~7 ms. So Chroma stays the store of record and this folder is derived from it: rebuilt when missing,
extended incrementally when Chroma holds chunks it does not know (count mismatch).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel, Field

from assistant.index.bm25 import TOKENIZER_VERSION, BM25Index, tokenize
from assistant.index.chunking import embed_text
from assistant.index.store import ChunkStore, Record
from assistant.models import SearchFilters

if TYPE_CHECKING:
    from assistant.config import Settings

CACHE_VERSION = 1


def cache_folder(settings: Settings, store: ChunkStore) -> Path:
    """Where the cache of a collection lives: beside Chroma, one folder per collection."""
    return settings.index_dir / "search" / store.name


class DocumentInfo(BaseModel):
    doc_id: str
    title: str
    date: dt.date | None = None  # module-qualified: the field name shadows the type
    source: str = ""
    url: str | None = None
    path: str | None = None
    lang: str = "en"
    tickers: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    n_chunks: int = 0


def _split(value: object) -> list[str]:
    return [v for v in str(value or "").split(",") if v]


def _date_num(value: object) -> int:
    text = str(value or "")
    return int(text[:10].replace("-", "")) if len(text) >= 10 and text[:4].isdigit() else 0


def fingerprint(ids: Iterable[str]) -> str:
    """Content fingerprint: chunk ids hash their document id and text, so sorted ids identify the content."""
    h = hashlib.sha1()
    for cid in sorted(ids):
        h.update(cid.encode())
        h.update(b"\n")
    return h.hexdigest()


class SearchCache:
    def __init__(self, folder: Path, collection: str, dim: int) -> None:
        self.folder = folder
        self.collection = collection
        self.dim = dim
        self.ids: list[str] = []
        self.vectors = np.zeros((0, dim), np.float32)
        self.chunk_doc = np.zeros(0, np.int32)
        self.chunk_lang = np.zeros(0, np.int16)
        self.chunk_date = np.zeros(0, np.int32)
        self.chunk_pos = np.zeros(0, np.int32)
        self.langs: list[str] = []
        self.docs: list[DocumentInfo] = []
        self.bm25 = BM25Index(None, 0)
        self.fingerprint = fingerprint([])
        self._index()

    # ------------------------------------------------------------ derived lookups
    def _index(self) -> None:
        self.row_of = {cid: i for i, cid in enumerate(self.ids)}
        self.doc_code = {d.doc_id: i for i, d in enumerate(self.docs)}
        self.lang_rows = {lang: np.flatnonzero(self.chunk_lang == i) for i, lang in enumerate(self.langs)}
        by_ticker: dict[str, list[int]] = {}
        for code, doc in enumerate(self.docs):
            for t in doc.tickers:
                by_ticker.setdefault(t.upper(), []).append(code)
        self.ticker_docs = {t: np.asarray(codes, np.int32) for t, codes in by_ticker.items()}

    def __len__(self) -> int:
        return len(self.ids)

    def doc_rows(self, doc_id: str) -> list[int]:
        code = self.doc_code.get(doc_id)
        if code is None:
            return []
        rows = np.flatnonzero(self.chunk_doc == code)
        return rows[np.argsort(self.chunk_pos[rows], kind="stable")].tolist()

    def mask(self, filters: SearchFilters | None) -> np.ndarray | None:
        """Rows allowed by the filters, or None when nothing is filtered."""
        if filters is None or not any(v is not None for v in filters.model_dump().values()):
            return None
        m = np.ones(len(self.ids), bool)
        if filters.doc_id is not None:
            code = self.doc_code.get(filters.doc_id, -1)
            m &= self.chunk_doc == code
        if filters.lang is not None:
            code = self.langs.index(filters.lang) if filters.lang in self.langs else -1
            m &= self.chunk_lang == code
        if filters.ticker is not None:
            m &= np.isin(
                self.chunk_doc, self.ticker_docs.get(filters.ticker.strip().upper(), np.zeros(0, np.int32))
            )
        if filters.date_from is not None or filters.date_to is not None:
            m &= self.chunk_date > 0  # an undated document cannot satisfy a date filter
            if filters.date_from is not None:
                m &= self.chunk_date >= int(filters.date_from.strftime("%Y%m%d"))
            if filters.date_to is not None:
                m &= self.chunk_date <= int(filters.date_to.strftime("%Y%m%d"))
        return m

    def dense_top(
        self, query: np.ndarray, depth: int, mask: np.ndarray | None, langs: list[str]
    ) -> list[list[int]]:
        """Per language, the rows of the `depth` most similar chunks (exact cosine), best first."""
        if not self.ids:
            return []
        query = np.asarray(query, np.float32).reshape(-1)
        if query.shape[0] != self.dim:
            raise ValueError(f"query has {query.shape[0]} dimensions, the index {self.dim}")
        allowed = None if mask is None else np.flatnonzero(mask)
        if allowed is not None and allowed.size < len(self.ids) // 4:
            scores = np.full(len(self.ids), -np.inf, np.float32)  # narrow filter: score only those rows
            scores[allowed] = self.vectors[allowed] @ query
        else:
            scores = self.vectors @ query
        out = []
        for lang in langs:
            rows = self.lang_rows.get(lang)
            if rows is None:
                continue
            if mask is not None:
                rows = rows[mask[rows]]
            if rows.size == 0:
                continue
            s = scores[rows]
            if rows.size > depth:
                part = np.argpartition(-s, depth - 1)[:depth]
                rows, s = rows[part], s[part]
            out.append(rows[np.argsort(-s, kind="stable")].tolist())
        return out

    # ------------------------------------------------------------ building
    def _extend(
        self,
        records: list[Record],
        tokens: list[list[str]],
        known_tokens: dict[str, list[str]],
        cols: dict[str, list],
    ) -> None:
        """Append records to ids, docs and tokens; their columns go to `cols`, joined once at the end."""
        for rec in records:
            meta = rec.meta
            doc_id = str(meta.get("doc_id", ""))
            if doc_id not in self.doc_code:
                self.doc_code[doc_id] = len(self.docs)
                self.docs.append(
                    DocumentInfo(
                        doc_id=doc_id,
                        title=str(meta.get("title", "")),
                        date=dt.date.fromisoformat(meta["date"]) if _date_num(meta.get("date")) else None,
                        source=str(meta.get("source", "")),
                        url=meta.get("url") or None,
                        path=meta.get("path") or None,
                        lang=str(meta.get("lang", "en")),
                        tickers=_split(meta.get("tickers")),
                        tags=_split(meta.get("tags")),
                    )
                )
            code = self.doc_code[doc_id]
            self.docs[code].n_chunks += 1
            lang = str(meta.get("lang", "en"))
            if lang not in self.langs:
                self.langs.append(lang)
            cols["doc"].append(code)
            cols["lang"].append(self.langs.index(lang))
            cols["date"].append(_date_num(meta.get("date")))
            cols["pos"].append(int(meta.get("position", 0)))
            cols["vec"].append(rec.vector)
            toks = known_tokens.get(rec.id)
            if toks is None:
                toks = tokenize(embed_text(str(meta.get("title", "")), rec.text))
            tokens.append(toks)
            self.ids.append(rec.id)

    def _append_columns(self, cols: dict[str, list]) -> None:
        self.chunk_doc = np.concatenate([self.chunk_doc, np.asarray(cols["doc"], np.int32)])
        self.chunk_lang = np.concatenate([self.chunk_lang, np.asarray(cols["lang"], np.int16)])
        self.chunk_date = np.concatenate([self.chunk_date, np.asarray(cols["date"], np.int32)])
        self.chunk_pos = np.concatenate([self.chunk_pos, np.asarray(cols["pos"], np.int32)])
        if cols["vec"]:
            new = np.stack(cols["vec"]).astype(np.float32)
            self.vectors = np.concatenate([np.asarray(self.vectors), new])  # also leaves the memory map

    @classmethod
    def sync(
        cls,
        store: ChunkStore,
        folder: Path,
        *,
        thorough: bool = False,
        known_tokens: dict[str, list[str]] | None = None,
    ) -> SearchCache:
        """The cache for `store`, loaded if fresh, else extended or rebuilt from Chroma and saved."""
        n = store.count()
        try:
            cache: SearchCache | None = cls.load(folder, store.name, store.dim)
        except (OSError, ValueError, KeyError, json.JSONDecodeError):
            cache = None  # missing or damaged: rebuilt below
        if cache is not None and len(cache) == n and not thorough:
            return cache
        stored = store.all_ids() if n else []
        if cache is not None and len(cache) == n and cache.fingerprint == fingerprint(stored):
            return cache
        stored_set = set(stored)
        if cache is not None and all(cid in stored_set for cid in cache.ids):
            new_ids = [cid for cid in stored if cid not in cache.row_of]
            tokens = cache._read_tokens()
        else:
            cache, new_ids, tokens = cls(folder, store.name, store.dim), stored, []
        cols: dict[str, list] = {"doc": [], "lang": [], "date": [], "pos": [], "vec": []}
        for records in store.iter_records(new_ids, vectors=True):
            cache._extend(records, tokens, known_tokens or {}, cols)
        cache._append_columns(cols)
        cache.bm25 = BM25Index.build(tokens)
        cache.fingerprint = fingerprint(cache.ids)
        cache._index()
        cache.save(tokens)
        return cache

    # ------------------------------------------------------------ persistence
    def _read_tokens(self) -> list[list[str]]:
        lines = (self.folder / "tokens.txt").read_text(encoding="utf-8").split("\n")
        tokens = [line.split(" ") if line else [] for line in lines[: len(self.ids)]]
        if len(tokens) != len(self.ids):
            raise ValueError("tokens.txt does not match the chunk list")
        return tokens

    def save(self, tokens: list[list[str]]) -> None:
        """Write to a temporary folder and swap it in, so a reader never sees half a cache."""
        tmp = self.folder.with_name(f"{self.folder.name}.tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        (tmp / "ids.txt").write_text("\n".join(self.ids), encoding="utf-8")
        (tmp / "tokens.txt").write_text("\n".join(" ".join(t) for t in tokens), encoding="utf-8")
        np.save(tmp / "vectors.npy", np.asarray(self.vectors, np.float32))
        np.savez(
            tmp / "columns.npz",
            doc=self.chunk_doc,
            lang=self.chunk_lang,
            date=self.chunk_date,
            pos=self.chunk_pos,
        )
        self.bm25.save(tmp / "bm25")
        manifest = {
            "version": CACHE_VERSION,
            "collection": self.collection,
            "dim": self.dim,
            "count": len(self.ids),
            "fingerprint": self.fingerprint,
            "tokenizer": TOKENIZER_VERSION,
            "langs": self.langs,
            "docs": [d.model_dump(mode="json") for d in self.docs],
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        old = self.folder.with_name(f"{self.folder.name}.old{os.getpid()}")
        if self.folder.exists():
            os.replace(self.folder, old)
        os.replace(tmp, self.folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path, collection: str, dim: int) -> SearchCache:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if (manifest["version"], manifest["collection"], manifest["tokenizer"], manifest["dim"]) != (
            CACHE_VERSION,
            collection,
            TOKENIZER_VERSION,
            dim,
        ):
            raise ValueError("cache built for another collection, tokenizer or format")
        cache = cls(folder, collection, dim)
        ids_text = (folder / "ids.txt").read_text(encoding="utf-8")
        cache.ids = ids_text.split("\n") if ids_text else []
        cols = np.load(folder / "columns.npz")
        cache.chunk_doc, cache.chunk_lang = cols["doc"], cols["lang"]
        cache.chunk_date, cache.chunk_pos = cols["date"], cols["pos"]
        # read fully, not memory-mapped: a mapped matrix makes the first query pay ~0.5 s of page faults
        cache.vectors = np.load(folder / "vectors.npy")
        cache.langs = list(manifest["langs"])
        cache.docs = [DocumentInfo.model_validate(d) for d in manifest["docs"]]
        cache.fingerprint = manifest["fingerprint"]
        cache.bm25 = BM25Index.load(folder / "bm25")
        n = manifest["count"]
        if not (len(cache.ids) == n == len(cache.chunk_doc) == cache.vectors.shape[0] == cache.bm25.n_docs):
            raise ValueError("cache files disagree on the number of chunks")
        cache._index()
        return cache

    def manifest_mtime(self) -> int:
        try:
            return (self.folder / "manifest.json").stat().st_mtime_ns
        except OSError:
            return 0
