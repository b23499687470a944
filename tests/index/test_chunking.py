"""Parsing files into documents and documents into chunks."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.index.chunking import (
    CHUNKER_VERSION,
    DocumentError,
    chunk_document,
    detect_lang,
    load_document,
    make_document,
    split_text,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_front_matter_fills_the_document() -> None:
    doc = load_document(FIXTURES / "notes" / "en_small_cap_record.md")
    assert doc.id == "en-rut-record"
    assert doc.title == "Russell 2000 finally sets a new closing high"
    assert doc.date == date(2026, 1, 17)
    assert doc.tickers == ["RUT", "IWM"]
    assert doc.tags == ["small caps", "record"]
    assert doc.url == "https://example.test/notes/rut-record"
    assert doc.lang == "en"
    assert not doc.text.startswith("---")


def test_comma_separated_tickers_and_chinese_note() -> None:
    doc = load_document(FIXTURES / "notes" / "zh_floating_rate.md")
    assert doc.tickers == ["IWM", "RUT"]
    assert doc.lang == "zh"


def test_defaults_without_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "plain-note.md"
    p.write_text(
        "# 降息与小盘股\n\n小盘股在降息周期中往往表现更好，因为它们的债务多为浮动利率。", encoding="utf-8"
    )
    doc = load_document(p)
    assert doc.title == "降息与小盘股"
    assert doc.lang == "zh"
    assert doc.date is None and doc.tickers == []
    q = tmp_path / "no_heading.txt"
    q.write_text("Just a line of text about markets.", encoding="utf-8")
    assert load_document(q).title == "no_heading"


def test_doc_id_ignores_where_the_file_lives(tmp_path: Path) -> None:
    p = tmp_path / "a" / "note.md"
    p.parent.mkdir()
    p.write_text("# Title\n\nSome body text about valuation.", encoding="utf-8")
    moved = tmp_path / "b" / "renamed.md"
    moved.parent.mkdir()
    shutil.copy(p, moved)
    first, second = load_document(p), load_document(moved)
    assert first.id == second.id
    assert [c.id for c in chunk_document(first)] == [c.id for c in chunk_document(second)]
    p.write_text("# Title\n\nSome body text about valuation, edited.", encoding="utf-8")
    assert load_document(p).id != first.id


def test_detect_lang_tolerates_tickers_in_chinese() -> None:
    assert detect_lang("罗素2000指数（RUT、IWM）创下新高，SPX 表现落后。") == "zh"
    assert detect_lang("The Russell 2000 (罗素2000) closed at a record.") == "en"


def test_chunks_stay_within_bounds_and_keep_metadata() -> None:
    paragraphs = [
        f"Paragraph {i}. " + "Small caps rallied as yields fell and breadth improved. " * (1 + i % 5)
        for i in range(30)
    ]
    doc = make_document(
        "# Long note\n\n" + "\n\n".join(paragraphs),
        meta={"id": "long", "tickers": "RUT", "date": "2026-01-02", "tags": ["a", "b"]},
    )
    chunks = chunk_document(doc, 300, 800)
    assert len(chunks) > 5
    assert all(len(c.text) <= 800 for c in chunks)
    assert sum(len(c.text) >= 300 for c in chunks) >= len(chunks) - 1  # only a tail may be short
    assert [c.position for c in chunks] == list(range(len(chunks)))
    meta = chunks[0].metadata()
    assert meta["doc_id"] == "long" and meta["tickers"] == "RUT" and meta["tags"] == "a,b"
    assert meta["date"] == "2026-01-02" and meta["chunker"] == CHUNKER_VERSION
    assert all(isinstance(v, (str, int, float, bool)) for v in meta.values())


def test_chinese_text_splits_at_sentence_ends() -> None:
    text = "".join(f"第{i}句：小盘股的盈利预计在明年回升，市场开始提前定价降息的影响。" for i in range(60))
    pieces = split_text(text, 300, 800)
    assert len(pieces) > 1
    assert all(p.endswith("。") for p in pieces)
    assert "".join(pieces) == text  # nothing lost, nothing added


def test_english_long_paragraph_splits_at_sentence_ends() -> None:
    text = " ".join(f"Sentence {i} says the index rose 1.{i}% on the day." for i in range(80))
    pieces = split_text(text, 300, 800)
    assert len(pieces) > 1 and all(p.endswith(".") for p in pieces)
    assert "1.5%" in " ".join(pieces)  # decimals are not sentence ends


def test_table_kept_whole_when_it_fits() -> None:
    doc = load_document(FIXTURES / "notes" / "en_valuation_table.md")
    chunks = chunk_document(doc, 300, 800)
    table_chunks = [c for c in chunks if "| Index |" in c.text]
    assert len(table_chunks) == 1
    assert "| S&P 600 | 16 | 17% |" in table_chunks[0].text


def test_split_table_pieces_carry_header_and_title() -> None:
    rows = "\n".join(f"| {1990 + i} | {i * 1.1:.2f}% | {100 + i} |" for i in range(80))
    doc = make_document(
        f"# Returns by year\n\nIntro line.\n\n| Year | Return | Level |\n|---|---|---|\n{rows}",
        meta={"title": "Annual small-cap returns"},
    )
    chunks = [c for c in chunk_document(doc, 300, 800) if "| 19" in c.text or "| 20" in c.text]
    assert len(chunks) >= 3
    for c in chunks:
        assert "| Year | Return | Level |\n|---|---|---|" in c.text
        assert c.embed_text.startswith("Annual small-cap returns\n")
        assert not c.text.startswith("Annual small-cap returns")  # the reader sees the passage itself
    body_rows = [
        line
        for c in chunks
        for line in c.text.split("\n")
        if line.startswith("| 19") or line.startswith("| 20")
    ]
    assert len(body_rows) == 80  # every row exactly once


def test_headings_start_chunks_and_never_stand_alone() -> None:
    body = "Rates matter for small caps because of their floating-rate debt. " * 6
    text = f"# A\n\n{body}\n\n## B\n\n{body}\n\n## C\n\n{body}"
    pieces = split_text(text, 300, 800)
    assert [p.split("\n")[0] for p in pieces] == ["# A", "## B", "## C"]
    assert all(len(p) > 20 for p in pieces)


def test_html_drops_scripts_and_keeps_headings_and_tables() -> None:
    doc = load_document(FIXTURES / "page.html")
    assert doc.title == "Sector moves on a quiet Friday"
    assert "trackingSecret" not in doc.text and "console.log" not in doc.text
    assert "font-family" not in doc.text and "Home | Markets" not in doc.text
    assert "## Sector table" in doc.text
    assert "| Sector | ETF | Change |" in doc.text and "| Energy | XLE | +1.8% |" in doc.text
    assert "utilities slipped 0.6% & technology" in doc.text


def test_pdf_text_is_extracted(tmp_path: Path, pdf_bytes) -> None:  # noqa: ANN001
    p = tmp_path / "report.pdf"
    p.write_bytes(pdf_bytes("Small caps rose 7.83 percent in eleven sessions"))
    doc = load_document(p)
    assert "7.83" in doc.text and doc.title == "report"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage without xref", "PDF"),
        ("blob.txt", bytes(range(256)) * 8, "binary"),
        ("latin.md", "caf\xe9 cr\xe8me".encode("latin-1") + b"\xff\xfe\x81", "text"),
        ("image.png", b"\x89PNG\r\n", "unsupported"),
        ("empty.md", b"   \n\n", "no text"),
        ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nbody", "YAML"),
    ],
)
def test_unreadable_files_raise_a_clear_error(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(DocumentError, match=reason):
        load_document(p)


def test_gb18030_text_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    p.write_bytes("标普500的远期市盈率约为31倍。".encode("gb18030"))
    assert "市盈率" in load_document(p).text


def test_chunk_ids_are_stable_and_content_addressed() -> None:
    doc = make_document("# T\n\nSame text.", meta={"id": "x"})
    assert [c.id for c in chunk_document(doc)] == [c.id for c in chunk_document(doc)]
    other = make_document("# T\n\nSame text.", meta={"id": "y"})
    assert chunk_document(doc)[0].id != chunk_document(other)[0].id
