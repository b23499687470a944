"""Fixtures for the source index: a temporary data dir, the hash embedder, the test notes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index import store
from assistant.index.search import SourceIndex

FIXTURES = Path(__file__).parent / "fixtures"
NOTES = FIXTURES / "notes"


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": data_dir, "embedder": "hash", "embed_batch": 8}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _forget_open_indexes() -> Iterator[None]:
    """Each test sees its own data dir: drop per-process index and client caches around it."""
    SourceIndex.forget()
    yield
    SourceIndex.forget()
    store._clients.clear()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
def settings_factory(tmp_path: Path):  # noqa: ANN201
    """settings_factory(name, **overrides) -> Settings over tmp_path/name."""
    return lambda name="data", **overrides: make_settings(tmp_path / name, **overrides)


@pytest.fixture
def pdf_bytes():  # noqa: ANN201
    return minimal_pdf


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    """A writable copy of the test notes."""
    target = tmp_path / "notes"
    shutil.copytree(NOTES, target)
    return target


@pytest.fixture(scope="module")
def notes_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The test notes ingested once per module with the hash embedder (read-only for tests)."""
    from assistant.index.ingest import ingest_paths

    data = tmp_path_factory.mktemp("notes_index")
    settings = make_settings(data, chunk_min_chars=200, chunk_max_chars=600)
    ingest_paths([NOTES, FIXTURES / "page.html"], settings, progress=False)
    return settings


def minimal_pdf(text: str) -> bytes:
    """A small valid one-page PDF showing `text` (ASCII), with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
