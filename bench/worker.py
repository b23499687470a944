"""The bench's child processes: build one index size, or measure retrieval and `ask` on it.

Each runs in a fresh process (`python -m bench.worker build|measure SPEC OUT`), so nothing one size
cached — query vectors, open indices, Chroma clients — leaks into the next size's figures.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.stats import load_average, summary

NOISE_NOTE = (
    "synthetic vectors: chunks beyond the first {real:,} carry real generated text but a vector copied from "
    "a real chunk of the same topic and language plus gaussian noise (sigma {sigma} per dimension, then "
    "renormalised; mean cosine to the source {cos:.3f}); BM25 indexes their real text"
)


def _settings(spec: dict[str, Any]):  # noqa: ANN202 - assistant.config.Settings
    from assistant.config import Settings

    return Settings(data_dir=Path(spec["data_dir"]), embedder=spec["embedder"], embed_batch=spec["batch"])


# ------------------------------------------------------------------ vectors of the real chunks
class VectorCache:
    """Passage vectors of the corpus's first chunks, kept on disk and extended as more are encoded."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ids: list[str] = []
        self.vectors = np.zeros((0, 0), np.float32)
        try:
            ids = (folder / "ids.txt").read_text(encoding="utf-8").split("\n")
            vectors = np.load(folder / "vectors.npy")
            if len(ids) == vectors.shape[0]:
                self.ids, self.vectors = ids, vectors
        except (OSError, ValueError):
            pass

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        np.save(self.folder / "vectors.tmp.npy", self.vectors)
        (self.folder / "ids.tmp").write_text("\n".join(self.ids), encoding="utf-8")
        (self.folder / "vectors.tmp.npy").replace(self.folder / "vectors.npy")
        (self.folder / "ids.tmp").replace(self.folder / "ids.txt")

    def ensure(self, chunks: list[Any], embedder: Any, batch: int) -> tuple[np.ndarray, dict[str, float]]:
        """Vectors of these chunks (a prefix of the corpus), encoding the ones not cached yet."""
        ids = [c.id for c in chunks]
        have = 0
        while have < min(len(ids), len(self.ids)) and self.ids[have] == ids[have]:
            have += 1
        if have < len(self.ids) and have < len(ids):  # the cache is of another corpus: start again
            self.ids, self.vectors = self.ids[:have], self.vectors[:have]
        info = {"cached": float(min(have, len(ids))), "encoded": 0.0, "encode_s": 0.0}
        todo = chunks[len(self.ids):]
        if todo:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            started = time.perf_counter()
            parts = [self.vectors] if len(self.ids) else []
            with Progress(TextColumn("[bold]encoding corpus"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[rate]}"), TimeRemainingColumn()) as bar:
                task = bar.add_task("encode", total=len(todo), rate="")
                for s in range(0, len(todo), batch):
                    part = todo[s : s + batch]
                    parts.append(embedder.embed_passages([c.embed_text for c in part]))
                    self.ids.extend(c.id for c in part)
                    done = s + len(part)
                    bar.update(task, advance=len(part),
                               rate=f"{done / (time.perf_counter() - started):.1f} chunks/s")
                    if (s // batch) % 16 == 15 or done == len(todo):  # resumable every 16 batches
                        self.vectors = np.concatenate(parts).astype(np.float32)
                        parts = [self.vectors]
                        self._save()
            info["encoded"] = float(len(todo))
            info["encode_s"] = time.perf_counter() - started
        return self.vectors[: len(ids)], info


def synthetic_vectors(
    real: np.ndarray, real_keys: list[tuple[str, str]], keys: list[tuple[str, str]], sigma: float, seed: int
) -> tuple[np.ndarray, float]:
    """For each key (topic, lang), a real vector of the same key plus gaussian noise, renormalised."""
    rng = np.random.default_rng(seed)
    by_key: dict[tuple[str, str], np.ndarray] = {}
    for i, key in enumerate(real_keys):
        by_key.setdefault(key, []).append(i)  # type: ignore[arg-type]
    everything = np.arange(len(real_keys))
    src = np.array([rng.choice(np.asarray(by_key.get(k, everything))) for k in keys], dtype=np.int64)
    out = real[src] + rng.normal(0.0, sigma, (len(keys), real.shape[1])).astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    cosine = float(np.mean(np.sum(out * real[src], axis=1))) if len(keys) else 1.0
    return out.astype(np.float32), cosine


# ------------------------------------------------------------------ build
def build(spec: dict[str, Any]) -> dict[str, Any]:
    from assistant.data.demo import build_demo_prices
    from assistant.data.store import PriceStore
    from assistant.demo import notes_dir
    from assistant.index.embed import get_embedder
    from assistant.index.ingest import ingest_paths
    from assistant.index.search import SourceIndex
    from assistant.index.store import ChunkStore
    from bench.corpus import corpus_chunks

    started = time.perf_counter()
    shutil.rmtree(spec["data_dir"], ignore_errors=True)
    settings = _settings(spec)
    embedder, _ = get_embedder(settings)
    build_demo_prices(PriceStore(settings.prices_dir))
    demo = ingest_paths([notes_dir()], settings, progress=False, embedder=embedder).chunks_added
    size, sigma = int(spec["size"]), float(spec["noise_sigma"])
    generated = corpus_chunks(max(0, size - demo))
    n_real = min(len(generated), max(0, int(spec["real_limit"]) - demo))
    real = generated[:n_real]
    vectors, encode = VectorCache(Path(spec["vectors_dir"])).ensure([g.chunk for g in real], embedder, spec["batch"])
    store = ChunkStore.open(settings, embedder)
    t = time.perf_counter()
    store.add([g.chunk for g in real], vectors)
    fill = generated[n_real:]
    cosine = 1.0
    if fill:
        keys = [(g.topic, g.chunk.lang) for g in fill]
        fake, cosine = synthetic_vectors(
            vectors, [(g.topic, g.chunk.lang) for g in real], keys, sigma, seed=size
        )
        metas = [{**g.chunk.metadata(), "bench_vector": "synthetic"} for g in fill]
        store.add_raw([g.chunk.id for g in fill], [g.chunk.text for g in fill], metas, fake)
    store_s = time.perf_counter() - t
    t = time.perf_counter()
    count = SourceIndex.open(settings).count()  # builds the search cache (BM25 + vector matrix) once
    cache_s = time.perf_counter() - t
    if count != size:
        raise RuntimeError(f"index holds {count} chunks, expected {size}")
    info = {
        "chunks": size,
        "demo_chunks": demo,
        "generated_chunks": len(generated),
        "real_vectors": demo + n_real,
        "synthetic_vectors": len(fill),
        "noise_sigma": sigma if fill else None,
        "synthetic_mean_cosine": round(cosine, 4) if fill else None,
        "encoded_now": int(encode["encoded"]),
        "encode_s": round(encode["encode_s"], 1),
        "store_s": round(store_s, 1),
        "search_cache_s": round(cache_s, 1),
        "build_s": round(time.perf_counter() - started, 1),
        "note": NOISE_NOTE.format(real=demo + n_real, sigma=sigma, cos=cosine) if fill else None,
    }
    (Path(spec["data_dir"]).parent / "built.json").write_text(json.dumps({**info, "spec": spec}, indent=1))
    return info


# ------------------------------------------------------------------ measure
def _search_pass(index: Any, queries: dict[str, list[str]]) -> dict[str, list[dict[str, float]]]:
    """Every mode's queries once, modes interleaved so drift in machine load hits them alike."""
    out: dict[str, list[dict[str, float]]] = {mode: [] for mode in queries}
    for i in range(max(len(q) for q in queries.values())):
        for mode, qs in queries.items():
            if i < len(qs):
                t, c = time.perf_counter(), time.process_time()
                index.search(qs[i], k=5, mode=mode)
                wall, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
                out[mode].append({**index.last_timings, "wall_ms": wall, "cpu_ms": cpu})
    return out


def _search_summary(rows: list[dict[str, float]]) -> dict[str, Any]:
    total = [r["total_ms"] for r in rows]
    embed = [r.get("embed_ms", 0.0) for r in rows]
    stages = sorted({k for r in rows for k in r} - {"total_ms", "wall_ms", "cpu_ms"})
    return {
        "n": len(rows),
        "total": summary(total),
        "cpu": summary([r["cpu_ms"] for r in rows]),
        "embed": summary(embed),
        "without_embed": summary([t - e for t, e in zip(total, embed, strict=True)]),
        "stages_p50": {s: summary([r.get(s, 0.0) for r in rows])["p50"] for s in stages},
    }


def _ask_pass(engine: Any, questions: list[str], demo_docs: set[str]) -> list[dict[str, Any]]:
    rows = []
    for q in questions:
        t, c = time.perf_counter(), time.process_time()
        answer = engine.ask(q)
        wall, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
        passages = [r for r in answer.references if r.kind == "passage"]
        rows.append({
            "question": q,
            "wall_ms": wall,
            "cpu_ms": cpu,
            "timings": dict(answer.timings),
            "references": len(answer.references),
            "demo_passage": any((r.doc_id or "") in demo_docs for r in passages),
            "grounded": bool(answer.grounded),
            "refused": bool(getattr(answer, "refused", False)),
        })
    return rows


def _ask_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    stages = sorted({k for r in rows for k in r["timings"]} - {"total"})
    return {
        "n": len(rows),
        "wall": summary([r["wall_ms"] for r in rows]),
        "cpu": summary([r["cpu_ms"] for r in rows]),
        "engine_total": summary([r["timings"].get("total", 0.0) for r in rows]),
        "stages_p50": {s: summary([r["timings"].get(s, 0.0) for r in rows])["p50"] for s in stages},
        "stages_p95": {s: summary([r["timings"].get(s, 0.0) for r in rows])["p95"] for s in stages},
    }


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    from assistant.engine import Engine
    from assistant.index import bm25
    from assistant.index.search import SourceIndex
    from bench.corpus import ASK_QUESTIONS, WARM_UP_QUESTIONS, queries

    settings = _settings(spec)
    load_start = load_average()
    t = time.perf_counter()
    index = SourceIndex.open(settings)
    open_ms = (time.perf_counter() - t) * 1000
    if index.count() != spec["size"]:
        raise RuntimeError(f"index holds {index.count()} chunks, expected {spec['size']}")
    demo_docs = {d.doc_id for d in index.documents() if not d.doc_id.startswith("bench-")}
    n = int(spec["queries"])
    modes = ("hybrid", "rrf", "bm25", "dense")  # hybrid vs rrf: what the reranker costs
    m_ = len(modes)
    pool = queries(m_ * n + 2 * m_, "retrieval")  # distinct: no mode profits from another's cached query vector
    measured = {m: pool[i : m_ * n : m_] for i, m in enumerate(modes)}
    bm25.warm_up()
    _search_pass(index, {m: pool[m_ * n :] for m in modes})  # warm-up, not recorded
    distinct = _search_pass(index, measured)
    repeated = _search_pass(index, measured)  # the same queries again: their vectors are cached now
    retrieval = {
        m: {"distinct": _search_summary(distinct[m]), "repeated": _search_summary(repeated[m])} for m in modes
    }

    engine = Engine(settings)
    t = time.perf_counter()
    engine.ask(WARM_UP_QUESTIONS[0])
    cold_ms = (time.perf_counter() - t) * 1000
    for q in WARM_UP_QUESTIONS[1:]:
        engine.ask(q)
    first = _ask_pass(engine, list(ASK_QUESTIONS), demo_docs)
    again: list[dict[str, Any]] = []
    for _ in range(max(1, int(spec["ask_rounds"]) - 1)):
        again.extend(_ask_pass(engine, list(ASK_QUESTIONS), demo_docs))
    return {
        "chunks": spec["size"],
        "open_ms": round(open_ms, 1),
        "load_average": {"start": load_start, "end": load_average()},
        "retrieval": retrieval,
        "ask": {
            "questions": len(ASK_QUESTIONS),
            "rounds": 1 + len(again) // len(ASK_QUESTIONS),
            "first_process_ask_ms": round(cold_ms, 1),
            "first": _ask_summary(first),
            "repeated": _ask_summary(again),
            "quality": {
                "answers": len(first),
                "with_demo_passage": sum(r["demo_passage"] for r in first),
                "grounded": sum(r["grounded"] for r in first),
                "refused": sum(r["refused"] for r in first),
                "missing_demo_passage": [r["question"] for r in first if not r["demo_passage"]],
            },
            "slowest_first": sorted(
                ({"question": r["question"], "ms": round(r["wall_ms"], 1)} for r in first),
                key=lambda r: -r["ms"],
            )[:3],
        },
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 3 or argv[0] not in ("build", "measure"):
        print("usage: python -m bench.worker build|measure SPEC.json OUT.json", file=sys.stderr)
        return 2
    spec = json.loads(Path(argv[1]).read_text())
    result = build(spec) if argv[0] == "build" else measure(spec)
    Path(argv[2]).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
