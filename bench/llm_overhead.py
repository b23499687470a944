"""System overhead of the LLM path on top of model time, against the scripted server with a fixed latency.

Every request to the stub takes `--latency-ms` before it answers; an answer makes three requests (plan,
follow-up, streamed composition), so model time is 3 x latency and everything else — the SDK and HTTP,
SSE parsing, tool runs, ledger, prompts, verification — is Cited's overhead. Target: <= 50 ms per answer.

    python -m bench.llm_overhead [--answers 30] [--latency-ms 200] [--embedder hash|e5]

The stub runs in its own process (tests/llm/scripted_server.py), so its work does not share this
process's GIL and is not counted as Cited's. Writes bench/results/llm_overhead.json and .md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from assistant.config import Settings
from assistant.data.demo import build_demo_prices
from assistant.data.store import PriceStore
from assistant.llm.wiring import llm_engine

RESULTS = Path(__file__).resolve().parent / "results"
QUESTION = "How much did the Russell 2000 rise from 2025-12-01 to 2026-01-16, and why do small caps lag?"
WINDOW = {"ticker": "^RUT", "start": "2025-12-01", "end": "2026-01-16"}
ANSWER = (
    "The Russell 2000 rose 7.83% from 2025-12-01 to 2026-01-16 [1], closing at a record 2,692.23 [1] "
    "(demo data). The notes point to rate sensitivity and a large share of unprofitable members as the "
    "reasons small caps have lagged large caps for years [2]."
)


def _scenarios() -> dict[str, list[dict[str, Any]]]:
    tools = [{"name": "price_return", "arguments": WINDOW}]
    with_search = tools + [
        {"name": "search_sources", "arguments": {"query": "why do small caps lag", "k": 5}}
    ]
    return {
        "market tool": [{"tool_calls": tools}, {"text": "DONE"}, {"text": ANSWER.split(" The notes")[0]}],
        "market tool + search": [{"tool_calls": with_search}, {"text": "DONE"}, {"text": ANSWER}],
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextlib.contextmanager
def stub_server(latency_ms: float) -> Iterator[str]:
    """The scripted server in a child process on a free 127.0.0.1 port; yields its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.llm.scripted_server",
            "--port",
            str(port),
            "--latency-ms",
            str(latency_ms),
        ],
        cwd=root,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/v1/models", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the stub server did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def measure(answers: int, latency_ms: float, embedder: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "answers": answers,
        "latency_ms": latency_ms,
        "embedder": embedder,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg()[0],
        "scenarios": {},
    }
    with stub_server(latency_ms) as base, httpx.Client(base_url=base) as control:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(
                data_dir=Path(tmp),
                embedder=embedder,
                llm_base_url=f"{base}/v1",
                llm_model="stub",
                llm_api_key="bench",
                llm_timeout_s=30,
                llm_max_retries=0,
            )
            build_demo_prices(PriceStore(settings.prices_dir))
            from assistant.demo import notes_dir
            from assistant.index.ingest import ingest_paths

            ingest_paths([notes_dir()], settings, progress=False)
            engine = llm_engine(settings)
            for name, script in _scenarios().items():
                overheads, cpus, stages = [], [], []
                for i in range(answers + 3):  # three warm-up answers (imports, caches, connection pool)
                    control.post("/_script", json={"turns": script}).raise_for_status()
                    t0, c0 = time.perf_counter(), time.process_time()
                    answer = engine.ask(QUESTION)
                    total_ms = (time.perf_counter() - t0) * 1000
                    cpu_ms = (time.process_time() - c0) * 1000
                    assert answer.mode == "llm" and not answer.warnings, answer.warnings
                    requests = answer.usage["requests"]
                    if i >= 3:
                        overheads.append(total_ms - requests * latency_ms)
                        cpus.append(cpu_ms)
                        stages.append(answer.timings)
                out["scenarios"][name] = {
                    "requests_per_answer": requests,
                    "overhead_ms_median": round(statistics.median(overheads), 2),
                    "overhead_ms_p95": round(_percentile(overheads, 0.95), 2),
                    "overhead_ms_mean": round(statistics.fmean(overheads), 2),
                    "cpu_ms_median": round(statistics.median(cpus), 2),
                    "stage_ms_median": {
                        k: round(statistics.median(s.get(k, 0.0) for s in stages), 2)
                        for k in ("tools", "retrieve", "verify")
                    },
                }
    out["load_after"] = os.getloadavg()[0]
    return out


def report(result: dict[str, Any]) -> str:
    lines = [
        "# LLM path overhead",
        "",
        f"Stub model latency {result['latency_ms']:g} ms per request; {result['answers']} answers per "
        f"scenario after 3 warm-up answers; embedder `{result['embedder']}`; Python {result['python']} on "
        f"{result['machine']}, {result['cpus']} CPUs, load average {result['load_before']:.1f} before and "
        f"{result['load_after']:.1f} after.",
        "Overhead = wall time of `Engine.ask` minus requests x latency; CPU = this process's CPU time per "
        "answer (less sensitive to other load on the machine). Target: <= 50 ms per answer.",
        "",
        "| scenario | requests | median ms | p95 ms | mean ms | CPU ms | tools ms | retrieve ms "
        "| verify ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, s in result["scenarios"].items():
        st = s["stage_ms_median"]
        lines.append(
            f"| {name} | {s['requests_per_answer']} | {s['overhead_ms_median']} | {s['overhead_ms_p95']} | "
            f"{s['overhead_ms_mean']} | {s['cpu_ms_median']} | {st['tools']} | {st['retrieve']} | "
            f"{st['verify']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=30)
    parser.add_argument("--latency-ms", type=float, default=200.0)
    parser.add_argument("--embedder", default="hash", choices=["hash", "e5", "use"])
    args = parser.parse_args()
    result = measure(args.answers, args.latency_ms, args.embedder)
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.embedder == "hash" else f"_{args.embedder}"
    (RESULTS / f"llm_overhead{suffix}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = report(result)
    (RESULTS / f"llm_overhead{suffix}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
