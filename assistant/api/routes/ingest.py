"""Ingest: upload documents into the source index, with a result for each file."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, UploadFile

from assistant.api.deps import ApiSettingsDep, ServicesDep, TokenDep
from assistant.api.schemas import FileResult, IngestOut
from assistant.api.services import Services

router = APIRouter(prefix="/api", tags=["ingest"], dependencies=[TokenDep])
ALLOWED = {".md", ".markdown", ".txt", ".html", ".htm", ".pdf"}


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", base).strip("._") or "upload"
    return base[-120:]


def _check(name: str, data: bytes, limit: int) -> str | None:
    """Why a file cannot be ingested, or None."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        return f"type {suffix or '(none)'} is not accepted; upload {', '.join(sorted(ALLOWED))}"
    if not data.strip():
        return "the file is empty"
    if len(data) > limit:
        return f"the file is {len(data) / 2**20:.1f} MiB; the limit is {limit / 2**20:.1f} MiB"
    if suffix == ".pdf":
        return None if data.startswith(b"%PDF") else "not a PDF file (it does not start with %PDF)"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text; save it as UTF-8 and upload it again"
    return None


def _ingest_one(services: Services, name: str, data: bytes) -> FileResult:
    from assistant.index.ingest import ingest_paths

    folder = services.settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()[:10]}-{_safe_name(name)}"
    path.write_bytes(data)
    try:
        with services.run_lock:
            report = ingest_paths([path], services.settings, progress=False)
    except Exception as exc:  # a parser failing on one file must not fail the request
        return FileResult(name=name, status="failed", message=f"could not be read: {type(exc).__name__}: {exc}")
    if report.failed:
        return FileResult(name=name, status="failed", message="; ".join(reason for _, reason in report.failed))
    if report.documents_added:
        return FileResult(name=name, status="added", documents_added=report.documents_added,
                          chunks_added=report.chunks_added,
                          message=f"{report.chunks_added} passages indexed")
    return FileResult(name=name, status="unchanged", message="already in the index")


@router.post("/ingest", response_model=IngestOut)
def ingest(services: ServicesDep, api: ApiSettingsDep,
           files: Annotated[list[UploadFile], File(description="Markdown, text, HTML or PDF files.")]) -> Any:
    """Add uploaded documents to the source index; each file gets its own result."""
    t0 = time.perf_counter()
    if len(files) > api.max_upload_files:
        raise HTTPException(413, f"{len(files)} files in one request; at most {api.max_upload_files}")
    limit = int(api.max_upload_mb * 2**20)
    results: list[FileResult] = []
    for upload in files:
        name = upload.filename or "upload"
        data = upload.file.read(limit + 1)
        problem = _check(name, data, limit)
        if problem:
            results.append(FileResult(name=name, status="failed", message=problem))
            continue
        results.append(_ingest_one(services, name, data))
    if any(r.status == "added" for r in results):
        services.index_changed()
    if all(r.status == "failed" for r in results):  # nothing was taken: the request as a whole failed
        too_big = all("the limit is" in r.message for r in results)
        raise HTTPException(413 if too_big else 422, "; ".join(f"{r.name}: {r.message}" for r in results))
    return {"files": results, "ms": round((time.perf_counter() - t0) * 1000, 1)}
