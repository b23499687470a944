"""`make bench`: encoder vs ingest throughput, query encoding, retrieval and offline `ask` latency by size.

    python -m bench.run                          # 1k, 10k, 100k chunks with e5 (first run encodes ~10k)
    python -m bench.run --sizes 1000,10000       # other sizes
    python -m bench.run --quick                  # a small smoke run (200 chunks)
    python -m bench.run --quick --embedder hash  # seconds, no model (what the test runs)

Everything is measured in one run, so the ingest/encoder ratio compares like with like. Built indices
and encoded vectors are kept in bench/.cache/<corpus version>-<chunker>-<embedder>/ and reused; each
index size is built and measured in a fresh child process (bench.worker). Offline only: nothing here
opens a socket. Writes bench/results/<name>.json and bench/results/latest.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.stats import load_average, machine, summary

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FULL = {"sizes": "1000,10000,100000", "real_limit": 10_000, "throughput": 512, "queries": 60, "rounds": 3,
        "ingest_rounds": 4}
QUICK = {"sizes": "200", "real_limit": 150, "throughput": 128, "queries": 10, "rounds": 2, "ingest_rounds": 2}
NOISE_SIGMA = 0.02
TARGETS = {"ask_p50_ms": 30.0, "ask_p95_ms": 100.0, "ingest_ratio": 0.9}
CHILD_TIMEOUT_S = {"build": 4 * 3600, "measure": 3600}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small smoke run: one size of 200 chunks, few queries")
    p.add_argument("--sizes", help="index sizes in chunks, comma-separated (default 1000,10000,100000)")
    p.add_argument("--embedder", default="e5", choices=["e5", "use", "hash"], help="embedder (default e5)")
    p.add_argument("--real-limit", type=int, help="chunks with real vectors; larger sizes get a synthetic fill")
    p.add_argument("--throughput-chunks", type=int, help="chunks for the encoder and the ingest runs each")
    p.add_argument("--queries", type=int, help="distinct search queries per mode and size")
    p.add_argument("--ask-rounds", type=int, help="times each ask question is asked (first + repeats)")
    p.add_argument("--ingest-rounds", type=int, help="raw/ingest alternations in the throughput test")
    p.add_argument("--batch", type=int, default=64, help="embedding batch size (default 64)")
    p.add_argument("--name", help="results file name (default bench-<embedder>[-quick])")
    p.add_argument("--results-dir", type=Path, default=HERE / "results")
    p.add_argument("--cache-dir", type=Path, default=HERE / ".cache")
    p.add_argument("--rebuild", action="store_true", help="ignore built indices in the cache (vectors stay)")
    args = p.parse_args(argv)
    preset = QUICK if args.quick else FULL
    args.sizes = sorted({int(s.replace("_", "")) for s in (args.sizes or preset["sizes"]).split(",") if s})
    args.real_limit = args.real_limit if args.real_limit is not None else preset["real_limit"]
    args.throughput_chunks = args.throughput_chunks or preset["throughput"]
    args.queries = args.queries or preset["queries"]
    args.ingest_rounds = max(1, args.ingest_rounds or preset["ingest_rounds"])
    args.ask_rounds = max(2, args.ask_rounds or preset["rounds"])
    args.name = args.name or f"bench-{args.embedder}" + ("-quick" if args.quick else "")
    return args


# ------------------------------------------------------------------ encoder, ingest, query encoding
def _encode(embedder: Any, texts: list[str], batch: int) -> tuple[float, float]:
    wall = cpu = 0.0
    for s in range(0, len(texts), batch):
        t, c = time.perf_counter(), time.process_time()
        embedder.embed_passages(texts[s : s + batch])
        wall += time.perf_counter() - t
        cpu += time.process_time() - c
    return wall, cpu


def _groups(docs: list[Any], parts: int) -> list[list[Any]]:
    """Consecutive groups of documents holding about the same number of chunks each."""
    from assistant.index.chunking import chunk_document

    sizes = [len(chunk_document(d)) for d in docs]
    target, out, current, filled = sum(sizes) / parts, [[] for _ in range(parts)], 0, 0
    for doc, size in zip(docs, sizes, strict=True):
        if filled >= target * (current + 1) and current < parts - 1:
            current += 1
        out[current].append(doc)
        filled += size
    return [g for g in out if g]


def throughput(args: argparse.Namespace, scratch: Path, console: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Raw encoder chunks/s interleaved with ingests of as many fresh chunks; then query encoding alone.

    Rounds alternate raw, ingest, raw, ingest, ..., raw, so a change in machine load during the run
    falls on both sides alike; all ingests write into one fresh data dir.
    """
    from assistant.config import Settings
    from assistant.index.embed import get_embedder
    from assistant.index.ingest import ingest_documents
    from bench.corpus import corpus_chunks, corpus_documents, queries

    n, batch, rounds = args.throughput_chunks, args.batch, args.ingest_rounds
    settings = Settings(data_dir=scratch / "ingest", embedder=args.embedder, embed_batch=batch)
    embedder, reason = get_embedder(settings)
    embedder.embed_passages([c.chunk.embed_text for c in corpus_chunks(batch, "throughput-warm-up")])
    raw = [c.chunk.embed_text for c in corpus_chunks(n, "throughput-raw")]
    batches = [raw[s : s + batch] for s in range(0, len(raw), batch)]
    docs, _ = corpus_documents(n, "throughput-ingest")
    groups = _groups(docs, rounds)
    raw_parts = [sum(batches[i :: len(groups) + 1], []) for i in range(len(groups) + 1)]
    console.print(f"[bold]encoder vs ingest[/] {len(raw)} + {n}+ chunks, batches of {batch}, {len(groups)} rounds")
    raw_wall = raw_cpu = ingest_s = encoder_s = 0.0
    ingested = 0
    per_round = []
    for i, part in enumerate(raw_parts):
        wall, cpu = _encode(embedder, part, batch)
        raw_wall, raw_cpu = raw_wall + wall, raw_cpu + cpu
        entry: dict[str, Any] = {"raw_chunks_per_s": round(len(part) / wall, 2) if wall else None}
        if i < len(groups):
            report = ingest_documents(groups[i], settings, progress=sys.stderr.isatty(), embedder=embedder)
            ingested, ingest_s, encoder_s = (ingested + report.chunks_added, ingest_s + report.seconds,
                                             encoder_s + report.encoder_seconds)
            entry["ingest_chunks_per_s"] = round(report.chunks_per_s, 2)
        per_round.append(entry)
    raw_rate = len(raw) / raw_wall
    ingest_rate = ingested / ingest_s if ingest_s else 0.0
    ratio = ingest_rate / raw_rate if raw_rate else 0.0
    result = {
        "embedder": embedder.name,
        "batch": batch,
        "rounds": len(groups),
        "raw_chunks": len(raw),
        "raw_chunks_per_s": round(raw_rate, 2),
        "raw_cpu_s_per_chunk": round(raw_cpu / len(raw), 4),
        "ingest_chunks": ingested,
        "ingest_seconds": round(ingest_s, 2),
        "ingest_chunks_per_s": round(ingest_rate, 2),
        "ingest_encoder_chunks_per_s": round(ingested / encoder_s, 2) if encoder_s else 0.0,
        "ratio": round(ratio, 3),
        "ingest_internal_ratio": round(encoder_s / ingest_s, 3) if ingest_s else 0.0,
        "per_round": per_round,
        "target_ratio": TARGETS["ingest_ratio"],
        "met": ratio >= TARGETS["ingest_ratio"],
    }
    qs = queries(max(20, args.queries), "query-embedding")
    cold, cached = [], []
    for q in qs:
        t = time.perf_counter()
        embedder.embed_queries([q])
        cold.append((time.perf_counter() - t) * 1000)
    for q in qs:
        t = time.perf_counter()
        embedder.embed_queries([q])
        cached.append((time.perf_counter() - t) * 1000)
    query = {"embedder_reason": reason, "cold": summary(cold), "cached": summary(cached)}
    return result, query


# ------------------------------------------------------------------ children
def _child(mode: str, spec: dict[str, Any], scratch: Path) -> dict[str, Any]:
    tag = f"{mode}-{spec['size']}"
    spec_path, out_path = scratch / f"{tag}.spec.json", scratch / f"{tag}.out.json"
    spec_path.write_text(json.dumps(spec))
    out_path.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITED_")}  # the spec is the whole config
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc = subprocess.run([sys.executable, "-m", "bench.worker", mode, str(spec_path), str(out_path)],
                          cwd=REPO, env=env, timeout=CHILD_TIMEOUT_S[mode], check=False)
    if proc.returncode != 0 or not out_path.exists():
        raise RuntimeError(f"bench.worker {mode} for {spec['size']:,} chunks exited with {proc.returncode}")
    return json.loads(out_path.read_text())


def run_size(size: int, args: argparse.Namespace, key_dir: Path, scratch: Path, console: Any) -> dict[str, Any]:
    real = min(size, args.real_limit)
    folder = key_dir / (f"n{size}-real{real}" + (f"-s{NOISE_SIGMA}" if real < size else ""))
    spec = {
        "size": size, "real_limit": args.real_limit, "noise_sigma": NOISE_SIGMA, "embedder": args.embedder,
        "batch": args.batch, "data_dir": str(folder / "data"), "vectors_dir": str(key_dir / "vectors"),
        "queries": args.queries, "ask_rounds": args.ask_rounds,
    }
    build_keys = ("size", "real_limit", "noise_sigma", "embedder", "data_dir")
    marker = folder / "built.json"
    built = None
    if marker.exists() and not args.rebuild:
        try:
            saved = json.loads(marker.read_text())
            if all(saved["spec"].get(k) == spec[k] for k in build_keys):
                built = {k: v for k, v in saved.items() if k != "spec"} | {"reused": True}
        except (ValueError, KeyError):
            built = None
    if built is None:
        console.print(f"[bold]building[/] the {size:,}-chunk index in {folder}")
        marker.unlink(missing_ok=True)
        built = _child("build", spec, scratch) | {"reused": False}
    else:
        console.print(f"[bold]reusing[/] the {size:,}-chunk index in {folder}")
    console.print(f"[bold]measuring[/] retrieval and ask at {size:,} chunks")
    t = time.perf_counter()
    measured = _child("measure", spec, scratch)
    return {"build": built, "measure": measured, "measure_s": round(time.perf_counter() - t, 1)}


# ------------------------------------------------------------------ the run
def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    tp = results.get("throughput") or {}
    if "ratio" in tp:
        out.append({"what": "ingest / raw encoder throughput", "target": f">= {TARGETS['ingest_ratio']}",
                    "value": tp["ratio"], "met": tp["ratio"] >= TARGETS["ingest_ratio"]})
    ok = [int(s) for s, r in results["sizes"].items() if "measure" in r]
    if ok:
        size = max(ok)
        ask = results["sizes"][str(size)]["measure"]["ask"]
        for kind in ("first", "repeated"):
            for stat, limit in (("p50", TARGETS["ask_p50_ms"]), ("p95", TARGETS["ask_p95_ms"])):
                value = ask[kind]["wall"][stat]
                out.append({"what": f"ask {stat} at {size:,} chunks ({kind} asks)", "target": f"<= {limit:g} ms",
                            "value": value, "met": value <= limit})
    return out


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    from assistant.index.chunking import CHUNKER_VERSION
    from assistant.index.embed import slug
    from bench.corpus import CORPUS_VERSION, ZH_SHARE
    from bench.report import print_report, write_markdown

    args = parse_args(argv)
    console = Console(stderr=True)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "name": args.name,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
        "quick": args.quick,
        "machine": machine(),
        "corpus": {"version": CORPUS_VERSION, "chunker": CHUNKER_VERSION, "zh_share": ZH_SHARE,
                   "contents": "the demo notes plus generated finance research notes (bench/corpus.py)"},
        "settings": {"embedder": args.embedder, "batch": args.batch, "k": 5, "queries_per_mode": args.queries,
                     "ask_rounds": args.ask_rounds, "ingest_rounds": args.ingest_rounds, "real_limit": args.real_limit, "noise_sigma": NOISE_SIGMA,
                     "sizes": args.sizes},
        "sizes": {},
        "notes": [
            "each index size is built and measured in its own fresh process; CITED_* environment variables "
            "are not passed to it",
            "retrieval: k=5, distinct queries per mode (modes interleaved), then the same queries again "
            "('repeated', query vectors cached); 'without embed' = total minus query encoding",
            "ask: offline engine (rule planner, template composer); 'first' = each question once after two "
            "unrelated warm-up questions, 'repeated' = the same questions asked again",
            "latencies are wall-clock milliseconds; p50/p95 interpolate linearly between samples",
        ],
    }
    scratch = args.cache_dir / f"tmp-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    failed = False
    try:
        tp, query = throughput(args, scratch, console)
        results["throughput"], results["query_embedding"] = tp, query
        results["embedder"] = {"kind": args.embedder, "name": tp["embedder"], "reason": query["embedder_reason"]}
        key_dir = args.cache_dir / f"{CORPUS_VERSION}-{CHUNKER_VERSION}-{slug(tp['embedder'])}"
        for size in args.sizes:
            try:
                entry = run_size(size, args, key_dir, scratch, console)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                console.print(f"[red]{size:,} chunks failed: {exc}")
                entry, failed = {"error": str(exc)}, True
            results["sizes"][str(size)] = entry
            if note := (entry.get("build") or {}).get("note"):
                results["notes"].append(f"{size:,} chunks: {note}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    results["targets"] = targets(results)
    results["duration_s"] = round(time.perf_counter() - started, 1)
    results["machine"]["load_average_at_end"] = load_average()
    args.results_dir.mkdir(parents=True, exist_ok=True)
    path = args.results_dir / f"{args.name}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_markdown(results, args.results_dir / "latest.md")
    print_report(results, Console(width=None if sys.stdout.isatty() else 150))
    console.print(f"results: {path} and {args.results_dir / 'latest.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
