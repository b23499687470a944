"""The bench's quick mode end to end with the hash embedder: it runs, writes its files, reuses its index."""

from __future__ import annotations

import json
from pathlib import Path

from bench import run
from bench.corpus import ASK_QUESTIONS, corpus_chunks, queries


def test_quick_bench_writes_results_and_reuses_the_index(tmp_path: Path) -> None:
    argv = ["--quick", "--embedder", "hash", "--sizes", "200", "--real-limit", "150", "--name", "smoke",
            "--cache-dir", str(tmp_path / "cache"), "--results-dir", str(tmp_path / "results")]
    assert run.main(argv) == 0

    results = json.loads((tmp_path / "results" / "smoke.json").read_text())
    assert {"machine", "embedder", "corpus", "settings", "throughput", "query_embedding", "sizes", "targets",
            "notes", "duration_s"} <= set(results)
    assert {"cpu_model", "cores", "python", "packages"} <= set(results["machine"])
    assert results["embedder"]["name"].startswith("hash")
    assert {"raw_chunks_per_s", "ingest_chunks_per_s", "ratio", "met"} <= set(results["throughput"])
    assert {"cold", "cached"} <= set(results["query_embedding"])

    size = results["sizes"]["200"]
    build, measured = size["build"], size["measure"]
    assert build["real_vectors"] + build["synthetic_vectors"] == 200
    assert build["synthetic_vectors"] > 0 and not build["reused"]
    assert any("synthetic vectors" in note for note in results["notes"])  # the fill is said out loud
    for mode in ("hybrid", "rrf", "bm25", "dense"):  # rrf: fused without the reranker
        for kind in ("distinct", "repeated"):
            entry = measured["retrieval"][mode][kind]
            assert {"total", "embed", "without_embed", "stages_p50"} <= set(entry)
            assert {"p50", "p95"} <= set(entry["total"])
    ask = measured["ask"]
    assert ask["first"]["wall"]["n"] == len(ASK_QUESTIONS)
    assert ask["repeated"]["wall"]["n"] >= len(ASK_QUESTIONS)
    assert {"retrieve", "plan", "compose", "verify"} <= set(ask["first"]["stages_p50"])
    assert ask["quality"]["answers"] == len(ASK_QUESTIONS)
    assert {t["what"].split(" at ")[0] for t in results["targets"]} >= {"ask p50", "ask p95"}

    latest = (tmp_path / "results" / "latest.md").read_text()
    assert "Retrieval latency" in latest and "Offline ask latency" in latest and "synthetic" in latest

    assert run.main(argv) == 0  # the second run finds the built index in the cache
    again = json.loads((tmp_path / "results" / "smoke.json").read_text())
    assert again["sizes"]["200"]["build"]["reused"]


def test_corpus_is_deterministic_bilingual_and_chunk_sized() -> None:
    first = corpus_chunks(120)
    assert [g.chunk.id for g in corpus_chunks(60)] == [g.chunk.id for g in first[:60]]  # a prefix
    assert {g.chunk.lang for g in first} == {"en", "zh"}
    assert len({g.topic for g in first}) >= 5
    assert all(250 <= len(g.chunk.text) <= 900 for g in first)
    qs = queries(50, "t")
    assert len(set(qs)) == 50 and qs == queries(50, "t")
