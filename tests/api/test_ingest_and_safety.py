"""Uploads into the index (per-file results, limits) and the XSS case: hostile markup stays text."""

from __future__ import annotations

from tests.api.conftest import make_client

XSS_NOTE = """---
id: zebra-fund-xss
title: "Zebra fund review <script>window.__xss = 'title'</script>"
date: 2026-01-10
source: "Uploaded test note"
tickers: [IJS]
tags: [zebra, test]
lang: en
---

# Zebra fund review

The Zebra fund returned 12.5% in 2025 <script>window.__xss = 'body'</script> after fees.
Zebra fund managers <img src=x onerror="window.__xss = 'img'"> kept turnover low in 2025.
"""


def _upload(client, name: str, data: bytes):
    return client.post("/api/ingest", files=[("files", (name, data, "text/markdown"))])


def test_upload_adds_then_reports_unchanged(client):
    body = b"# Walrus note\n\nThe walrus index fell 3.1% in March 2025 as ice melted.\n"
    r = _upload(client, "walrus.md", body)
    assert r.status_code == 200, r.text
    (result,) = r.json()["files"]
    assert result["status"] == "added" and result["chunks_added"] >= 1
    again = _upload(client, "walrus.md", body).json()["files"][0]
    assert again["status"] == "unchanged"
    assert any("walrus" in a["title"].lower() for a in client.get("/api/articles").json())


def test_upload_limits_and_types(settings):
    with make_client(settings, max_upload_mb=0.01, max_upload_files=2) as c:
        r = _upload(c, "tool.exe", b"MZ\x90\x00")
        assert r.status_code == 422 and ".exe" in r.json()["error"]
        r = _upload(c, "big.md", b"x" * 20_000)
        assert r.status_code == 413 and "limit" in r.json()["error"]
        r = _upload(c, "empty.txt", b"   ")
        assert r.status_code == 422 and "empty" in r.json()["error"]
        r = _upload(c, "fake.pdf", b"hello")
        assert r.status_code == 422 and "PDF" in r.json()["error"]
        files = [("files", (f"n{i}.md", b"# a\n\nb", "text/markdown")) for i in range(3)]
        assert c.post("/api/ingest", files=files).status_code == 413
        mixed = [("files", ("ok.md", b"# Otter note\n\nOtters rose 2% in 2025.", "text/markdown")),
                 ("files", ("bad.exe", b"MZ", "application/octet-stream"))]
        got = c.post("/api/ingest", files=mixed).json()["files"]
        assert [f["status"] for f in got] == ["added", "failed"]
        assert c.post("/api/ingest").status_code == 422


def test_hostile_markup_in_a_document_is_shown_as_text(client):
    assert _upload(client, "zebra.md", XSS_NOTE.encode()).json()["files"][0]["status"] == "added"
    a = client.post("/api/chat", json={"question": "What did the Zebra fund return in 2025?"}).json()
    quoted = [r for r in a["references"] if r["kind"] == "passage" and r["doc_id"] == "zebra-fund-xss"]
    assert quoted, a["text"]
    assert "<script" in a["text"] or "onerror" in a["text"], "the answer quotes the hostile passage"
    html = a["html"]
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html
    page = client.get("/api/articles/zebra-fund-xss").json()
    assert "<script" not in page["html"] and "<img" not in page["html"] and "&lt;script&gt;" in page["html"]
    stored = client.get(f"/api/conversations/{a['conversation_id']}").json()["answers"][0]["html"]
    assert stored == html
