"""Ingestion: counts, bad files, idempotence, and resuming after the process is killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.index.chunking import make_document
from assistant.index.embed import HashEmbedder
from assistant.index.ingest import ingest_documents, ingest_paths, ingest_texts
from assistant.index.search import SourceIndex
from assistant.index.store import ChunkStore

REPO = Path(__file__).resolve().parents[2]


def _ids(settings) -> list[str]:  # noqa: ANN001
    return sorted(SourceIndex.open(settings).store.all_ids())


def test_folder_ingest_reports_bad_files_and_continues(settings, notes_dir: Path, pdf_bytes) -> None:  # noqa: ANN001
    sub = notes_dir / "more"
    sub.mkdir()
    (sub / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    (sub / "garbage.txt").write_bytes(os.urandom(4096) + b"\x00" * 16)
    (sub / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (sub / "report.pdf").write_bytes(pdf_bytes("Energy shares rose 1.8 percent on Friday"))
    (notes_dir / ".hidden").mkdir()
    (notes_dir / ".hidden" / "secret.md").write_text("# hidden\n\nnot for the index")
    shutil.copy(Path(__file__).parent / "fixtures" / "page.html", sub / "page.html")

    report = ingest_paths([notes_dir, notes_dir / "missing.md"], settings, progress=False)

    failed = dict(report.failed)
    assert set(failed) == {str(sub / "broken.pdf"), str(sub / "garbage.txt"), str(notes_dir / "missing.md")}
    assert "PDF" in failed[str(sub / "broken.pdf")] and "binary" in failed[str(sub / "garbage.txt")]
    assert dict(report.skipped) == {str(sub / "chart.png"): "unsupported file type .png"}
    assert report.files_seen == 10  # 5 notes + 5 in more/; hidden folders are not looked at
    assert report.documents_added == 7 and report.documents_unchanged == 0
    assert report.chunks_added == SourceIndex.open(settings).count() > 7
    assert report.chunks_skipped == 0
    assert report.embedder == "hash-v1-256" and report.collection.startswith("cited_hash-v1-256_")
    assert report.seconds > 0 and report.chunks_per_s > 0 and report.encoder_chunks_per_s > 0
    index = SourceIndex.open(settings)
    assert index.search("energy shares Friday", k=1, mode="bm25")[0].path == str(sub / "report.pdf")
    assert index.search("hidden", mode="bm25") == []


def test_ingesting_twice_adds_nothing(settings, notes_dir: Path) -> None:  # noqa: ANN001
    first = ingest_paths([notes_dir], settings, progress=False)
    ids = _ids(settings)
    second = ingest_paths([notes_dir], settings, progress=False)
    assert second.chunks_added == 0 and second.chunks_skipped == first.chunks_added
    assert second.documents_added == 0 and second.documents_unchanged == first.documents_added
    assert _ids(settings) == ids

    moved = notes_dir.parent / "moved"
    shutil.move(notes_dir, moved)  # same content elsewhere: nothing new
    assert ingest_paths([moved], settings, progress=False).chunks_added == 0
    assert len(_ids(settings)) == len(ids)


def test_same_document_twice_in_one_run(settings, notes_dir: Path) -> None:  # noqa: ANN001
    note = notes_dir / "en_coffee.md"
    report = ingest_paths([note, note], settings, progress=False)
    assert report.documents_added == 1 and report.documents_unchanged == 1
    assert report.chunks_added == SourceIndex.open(settings).count()


def test_ingest_documents_and_texts(settings) -> None:  # noqa: ANN001
    docs = [
        make_document(
            "Revenue grew to 1,234.5 million in 2019 from 1,100.2 million.",
            meta={"id": "tatqa-1", "title": "Annual report excerpt"},
        ),
        make_document("营业收入同比增长12.5%。", meta={"id": "fin-2", "title": "年报摘要"}),
    ]
    report = ingest_documents(docs, settings, progress=False)
    assert report.documents_added == 2 and report.chunks_added == 2
    hit = SourceIndex.open(settings).search("revenue 2019", k=1)[0]
    assert hit.doc_id == "tatqa-1" and hit.title == "Annual report excerpt"
    assert SourceIndex.open(settings).search("营业收入", k=1)[0].lang == "zh"
    assert ingest_texts({"A title": "Some words about bonds."}, settings).chunks_added == 1


def test_progress_bar_goes_to_stderr(settings, notes_dir: Path, capsys) -> None:  # noqa: ANN001
    ingest_paths([notes_dir], settings, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""


class _FailingEmbedder(HashEmbedder):
    """Same name as the hash embedder (same collection), but the third batch fails."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def embed_passages(self, texts):  # noqa: ANN001, ANN201
        self.calls += 1
        if self.calls == 3:
            raise RuntimeError("embedding server went away")
        return super().embed_passages(texts)


def test_encoder_failure_keeps_written_batches(settings_factory, notes_dir: Path) -> None:  # noqa: ANN001
    settings = settings_factory("fail", embed_batch=2)
    with pytest.raises(RuntimeError, match="went away"):
        ingest_paths([notes_dir], settings, progress=False, embedder=_FailingEmbedder())
    kept = SourceIndex.open(settings).count()
    assert kept == 4  # two batches of two were written before the failure, and are searchable
    report = ingest_paths([notes_dir], settings, progress=False)
    assert report.chunks_skipped == 4
    clean = settings_factory("clean", embed_batch=2)
    ingest_paths([notes_dir], clean, progress=False)
    assert _ids(settings) == _ids(clean)


_CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from assistant.config import Settings
    from assistant.index import store
    from assistant.index.ingest import ingest_paths

    data, notes, marker = sys.argv[1:4]
    original = store.ChunkStore.add
    batches = 0

    def add(self, chunks, vectors):
        global batches
        original(self, chunks, vectors)
        batches += 1
        Path(marker).write_text(str(batches))
        time.sleep(120)  # the parent kills us here, after exactly one batch is on disk

    store.ChunkStore.add = add
    ingest_paths([Path(notes)], Settings(data_dir=Path(data), embedder="hash", embed_batch=2), progress=False)
    """
)


def test_killed_ingest_resumes_without_duplicates(settings_factory, notes_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    settings = settings_factory("killed", embed_batch=2)
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    marker = tmp_path / "batches"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, str(script), str(settings.data_dir), str(notes_dir), str(marker)],
        cwd=REPO,
        env=env,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), child.stderr.read().decode() if child.stderr else "child failed"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    store = ChunkStore.open(settings, HashEmbedder())
    assert store.count() == 2  # exactly the first batch survived the kill

    report = ingest_paths([notes_dir], settings, progress=False)
    assert report.chunks_skipped == 2
    clean = settings_factory("clean", embed_batch=2)
    full = ingest_paths([notes_dir], clean, progress=False)
    assert report.chunks_added + 2 == full.chunks_added
    assert _ids(settings) == _ids(clean)
    assert SourceIndex.open(settings).count() == full.chunks_added
    # the resumed index answers like the clean one
    q = "floating rate debt 浮动利率"
    got = [p.chunk_id for p in SourceIndex.open(settings).search(q, k=3)]
    assert got == [p.chunk_id for p in SourceIndex.open(clean).search(q, k=3)]


def test_vectors_match_chroma(settings, notes_dir: Path) -> None:  # noqa: ANN001
    ingest_paths([notes_dir], settings, progress=False)
    index = SourceIndex.open(settings)
    cache = index._cache
    records = index.store.get(cache.ids, vectors=True)
    stored = np.stack([r.vector for r in records])
    assert np.allclose(stored, np.asarray(cache.vectors), atol=1e-6)
