"""Chroma: the store of record for chunks, their metadata and vectors — one collection per embedder."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import numpy as np

from assistant.index.chunking import CHUNKER_VERSION, Chunk
from assistant.index.embed import Embedder, slug

if TYPE_CHECKING:
    from assistant.config import Settings

PREFIX = "cited_"
_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


@dataclass
class Record:
    """One stored chunk: display text, flat metadata and (when asked for) its vector."""

    id: str
    text: str
    meta: dict[str, Any]
    vector: np.ndarray | None = None


def collection_name(embedder: Embedder) -> str:
    """cited_<embedder>_<chunker>: whatever shapes the vectors is in the name, so nothing stale is read."""
    return f"{PREFIX}{slug(embedder.name)}_{CHUNKER_VERSION}"[:200]


def chroma_client(settings: Settings) -> Any:
    """One client per location per process (Chroma refuses two differently-configured ones)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    key = settings.chroma_url or str(settings.index_dir.resolve())
    with _clients_lock:
        if key not in _clients:
            chroma_settings = ChromaSettings(anonymized_telemetry=False)
            if settings.chroma_url:
                url = urlparse(settings.chroma_url)
                _clients[key] = chromadb.HttpClient(
                    host=url.hostname or "localhost",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                settings.index_dir.mkdir(parents=True, exist_ok=True)
                _clients[key] = chromadb.PersistentClient(
                    path=str(settings.index_dir / "chroma"), settings=chroma_settings
                )
        return _clients[key]


class ChunkStore:
    """The Chroma collection of the current embedder. Vectors are always passed in, never computed here."""

    def __init__(self, client: Any, collection: Any, embedder_name: str, dim: int) -> None:
        self.client = client
        self.collection = collection
        self.embedder_name = embedder_name
        self.dim = dim

    @property
    def name(self) -> str:
        return str(self.collection.name)

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder) -> ChunkStore:
        client = chroma_client(settings)
        name = collection_name(embedder)
        dim = int(embedder.dim)
        collection = client.get_or_create_collection(
            name,
            embedding_function=None,  # Chroma's default would download a model: vectors come from us
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": embedder.name, "dim": dim, "chunker": CHUNKER_VERSION, "app": "cited"},
        )
        stored_dim = (collection.metadata or {}).get("dim")
        if stored_dim is not None and int(stored_dim) != dim:
            raise RuntimeError(
                f"collection {name} holds {stored_dim}-d vectors but {embedder.name} makes {dim}-d"
            )
        return cls(client, collection, embedder.name, dim)

    def count(self) -> int:
        return int(self.collection.count())

    def existing(self, ids: Sequence[str]) -> set[str]:
        """Which of these chunk ids are already stored (the resume and idempotence check)."""
        found: set[str] = set()
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), 2000):
            found.update(self.collection.get(ids=ids[start : start + 2000], include=[])["ids"])
        return found

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        if not chunks:
            return
        if vectors.shape != (len(chunks), self.dim):
            raise ValueError(f"expected vectors of shape ({len(chunks)}, {self.dim}), got {vectors.shape}")
        self.add_raw(
            [c.id for c in chunks], [c.text for c in chunks], [c.metadata() for c in chunks], vectors
        )

    def add_raw(
        self, ids: list[str], texts: list[str], metas: list[dict[str, Any]], vectors: np.ndarray
    ) -> None:
        step = 4000  # under Chroma's max batch size (5461 on SQLite)
        for s in range(0, len(ids), step):
            self.collection.upsert(
                ids=ids[s : s + step],
                documents=texts[s : s + step],
                metadatas=metas[s : s + step],
                embeddings=np.asarray(vectors[s : s + step], dtype=np.float32),
            )

    def get(self, ids: Sequence[str], *, vectors: bool = False) -> list[Record]:
        """Records for these ids, in the order asked; unknown ids are left out."""
        if not ids:
            return []
        include = ["documents", "metadatas"] + (["embeddings"] if vectors else [])
        by_id: dict[str, Record] = {}
        for start in range(0, len(ids), 2000):
            by_id.update(_records(self.collection.get(ids=list(ids[start : start + 2000]), include=include)))
        return [by_id[i] for i in ids if i in by_id]

    def all_ids(self) -> list[str]:
        out: list[str] = []
        page = 10000
        while True:
            got = self.collection.get(include=[], limit=page, offset=len(out))["ids"]
            out.extend(got)
            if len(got) < page:
                return out

    def iter_records(
        self, ids: Sequence[str] | None = None, *, vectors: bool = True, page: int = 2000
    ) -> Iterator[list[Record]]:
        """All records (or those of `ids`) page by page, so a large collection never sits in memory twice."""
        if ids is not None:
            for start in range(0, len(ids), page):
                yield self.get(ids[start : start + page], vectors=vectors)
            return
        include = ["documents", "metadatas"] + (["embeddings"] if vectors else [])
        offset = 0
        while True:
            got = self.collection.get(include=include, limit=page, offset=offset)
            records = list(_records(got).values())
            if records:
                yield records
            offset += len(got["ids"])
            if len(got["ids"]) < page:
                return

    def has_other_chunker(self) -> bool:
        """Whether Cited collections of another chunker version exist (their chunks cannot be reused)."""
        names = [c if isinstance(c, str) else c.name for c in self.client.list_collections()]
        return any(n.startswith(PREFIX) and not n.endswith("_" + CHUNKER_VERSION) for n in names)

    def previous(self) -> ChunkStore | None:
        """The largest other Cited collection of the same chunker: the source of a re-embed on switch."""
        best: tuple[int, Any] | None = None
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name == self.name or not name.startswith(PREFIX) or not name.endswith("_" + CHUNKER_VERSION):
                continue
            other = self.client.get_collection(name, embedding_function=None)
            n = int(other.count())
            if n and (best is None or n > best[0]):
                best = (n, other)
        if best is None:
            return None
        meta = best[1].metadata or {}
        return ChunkStore(self.client, best[1], str(meta.get("embedder", "")), int(meta.get("dim", 0)))


def _records(got: dict[str, Any]) -> dict[str, Record]:
    docs = got.get("documents")
    metas = got.get("metadatas")
    embs = got.get("embeddings")
    out: dict[str, Record] = {}
    for i, cid in enumerate(got["ids"]):
        vec = None if embs is None else np.asarray(embs[i], dtype=np.float32)
        out[cid] = Record(
            cid, (docs[i] if docs is not None else "") or "", dict(metas[i] or {}) if metas else {}, vec
        )
    return out
