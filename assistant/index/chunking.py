"""Documents in, chunks out: front matter, HTML/PDF to text, heading/paragraph chunks of ~300–800 chars."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from assistant.index.htmltext import html_to_text

CHUNKER_VERSION = "c1"  # bump when chunk boundaries change: it is part of the collection name
SUPPORTED = {".md", ".markdown", ".txt", ".html", ".htm", ".pdf"}

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# a sentence ends at . ! ? followed by space, or at a CJK stop (no space needed); the stop stays with it
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])")


class DocumentError(Exception):
    """A file that cannot be turned into a document; the message says why."""


class Document(BaseModel):
    id: str
    title: str
    date: dt.date | None = None  # module-qualified: the field name shadows the type
    source: str = ""
    url: str | None = None
    path: str | None = None
    lang: str = "en"
    tickers: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    text: str


class Chunk(BaseModel):
    """One passage of a document: `text` is shown to the reader, `embed_text` is what gets indexed."""

    id: str
    doc_id: str
    title: str
    text: str
    position: int
    date: dt.date | None = None  # module-qualified: the field name shadows the type
    source: str = ""
    url: str | None = None
    path: str | None = None
    lang: str = "en"
    tickers: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)

    @property
    def embed_text(self) -> str:
        return embed_text(self.title, self.text)

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for Chroma (no None values, lists comma-joined)."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else "",
            "source": self.source,
            "url": self.url or "",
            "path": self.path or "",
            "lang": self.lang,
            "tickers": ",".join(self.tickers),
            "tags": ",".join(self.tags),
            "position": self.position,
            "chunker": CHUNKER_VERSION,
        }


def embed_text(title: str, text: str) -> str:
    """The title travels with every chunk into the embedder and BM25, so a passage keeps its context."""
    return f"{title}\n{text}" if title and not text.lstrip("# ").startswith(title) else text


def stable_hash(*parts: str, size: int = 8) -> str:
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def detect_lang(text: str) -> str:
    """'zh' when CJK characters are a fair share of the letters (a Chinese note still quotes tickers)."""
    cjk = len(_CJK.findall(text))
    latin_words = len(_LATIN.findall(text)) / 5  # ~5 letters per English word, ~1 character per Chinese word
    return "zh" if cjk and cjk >= 0.3 * (cjk + latin_words) else "en"


# ---------------------------------------------------------------- reading files


def _decode(raw: bytes, path: Path) -> str:
    head = raw[:8192]
    if b"\x00" in head:
        raise DocumentError("binary file (contains NUL bytes)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DocumentError("not UTF-8 or GB18030 text")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        raise DocumentError("binary file (too many control characters)")
    return text


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                raise DocumentError(f"front matter is not valid YAML: {str(exc).splitlines()[0]}") from None
            if not isinstance(meta, dict):
                return {}, text
            return meta, "\n".join(lines[i + 1 :])
    return {}, text


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _as_list(value: Any, upper: bool = False) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,，;；]", str(value))
    out = [str(v).strip() for v in items if str(v).strip()]
    return [v.upper() for v in out] if upper else out


def _first_heading(text: str) -> str | None:
    for line in text.splitlines():
        m = _HEADING.match(line.strip())
        if m:
            return m.group(2).strip()
    return None


def _read_pdf(path: Path) -> tuple[str, str | None]:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken PDFs are reported, not logged line by line
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise DocumentError(f"unreadable PDF ({type(exc).__name__}: {exc})") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise DocumentError("PDF has no extractable text (scanned image?)")
    return text, (title.strip() if isinstance(title, str) and title.strip() else None)


def make_document(
    text: str, *, title: str | None = None, meta: dict[str, Any] | None = None, path: str | None = None
) -> Document:
    """Build a Document from text and optional metadata (front-matter keys), filling the defaults."""
    meta = dict(meta or {})
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    title = str(
        meta.get("title") or title or _first_heading(text) or (Path(path).stem if path else "Untitled")
    )
    lang = str(meta.get("lang") or detect_lang(title + "\n" + text))
    # identity does not depend on where the file lives, so moving it never duplicates it
    doc_id = str(meta["id"]).strip() if meta.get("id") else "d" + stable_hash(title, text)
    url = meta.get("url")
    return Document(
        id=doc_id,
        title=title.strip(),
        date=_as_date(meta.get("date")),
        source=str(meta.get("source") or ""),
        url=str(url) if url else None,
        path=path,
        lang=lang,
        tickers=_as_list(meta.get("tickers"), upper=True),
        tags=_as_list(meta.get("tags")),
        text=text,
    )


def load_document(path: Path) -> Document:
    """Parse one file (.md/.txt/.html/.htm/.pdf) into a Document; DocumentError says why it could not."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(f"unsupported file type {suffix or '(none)'}")
    title: str | None = None
    if suffix == ".pdf":
        text, title = _read_pdf(path)
        meta: dict[str, Any] = {}
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"cannot read: {exc.strerror or exc}") from None
        text = _decode(raw, path)
        meta, text = _front_matter(text)
        if suffix in (".html", ".htm"):
            text, title = html_to_text(text)
    if not text.strip():
        raise DocumentError("no text")
    return make_document(text, title=title, meta=meta, path=str(path))


# ---------------------------------------------------------------- chunking


def _blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) blocks: heading | table | para, in order."""
    out: list[tuple[str, str]] = []
    para: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if para:
            out.append(("para", "\n".join(para).strip()))
            para.clear()
        if table:
            out.append(("table", "\n".join(table)))
            table.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|"):
            if para:
                flush()
            table.append(stripped)
            continue
        if table:
            flush()
        if not stripped:
            flush()
        elif _HEADING.match(stripped):
            flush()
            out.append(("heading", stripped))
        else:
            para.append(line.rstrip())
    flush()
    return [(k, t) for k, t in out if t]


def _split_sentences(text: str, max_chars: int) -> list[str]:
    """Pieces of at most max_chars, cut at sentence ends (also 。！？); hard cuts only inside run-on text."""
    pieces: list[str] = []
    current = ""
    for sentence in (s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()):
        while len(sentence) > max_chars:  # one sentence longer than a chunk: cut at a space if there is one
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        joiner = (
            ""
            if (not current or _CJK.match(sentence[:1]) or current.endswith(("。", "！", "？", "；")))
            else " "
        )
        if current and len(current) + len(joiner) + len(sentence) > max_chars:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current}{joiner}{sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces


def _split_table(table: str, max_chars: int) -> list[str]:
    """Row groups under max_chars; every piece repeats the header row (and its --- separator)."""
    rows = table.split("\n")
    head_n = 2 if len(rows) > 1 and re.fullmatch(r"\|?[\s:|-]+\|?", rows[1]) and "-" in rows[1] else 1
    header, body = rows[:head_n], rows[head_n:]
    pieces: list[list[str]] = []
    current: list[str] = []
    budget = max_chars - sum(len(r) + 1 for r in header)
    size = 0
    for row in body:
        if current and size + len(row) + 1 > budget:
            pieces.append(current)
            current, size = [], 0
        current.append(row)
        size += len(row) + 1
    if current:
        pieces.append(current)
    return ["\n".join(header + p) for p in pieces] or [table]


def split_text(text: str, min_chars: int = 300, max_chars: int = 800) -> list[str]:
    """Chunk display texts: headings start chunks, short blocks merge, long ones split, tables stay whole."""
    units: list[tuple[str, str]] = []
    for kind, block in _blocks(text):
        if len(block) <= max_chars or kind == "heading":
            units.append((kind, block))
        elif kind == "table":
            units.extend(("table", piece) for piece in _split_table(block, max_chars))
        else:
            units.extend(("para", piece) for piece in _split_sentences(block, max_chars))

    chunks: list[str] = []
    buf: list[str] = []
    size = 0
    only_headings = True  # a heading is never a chunk of its own: it sticks to what follows

    def flush() -> None:
        nonlocal size, only_headings
        if buf and not only_headings:
            chunks.append("\n\n".join(buf))
            buf.clear()
            size, only_headings = 0, True

    for i, (kind, unit) in enumerate(units):
        if kind == "heading":
            # start a new chunk at a heading once this one is long enough, or when the heading
            # and its first block would not fit anyway
            following = len(units[i + 1][1]) if i + 1 < len(units) else 0
            if size >= min_chars or (size and size + len(unit) + following + 4 > max_chars):
                flush()
        elif size and size + len(unit) + 2 > max_chars:
            flush()
        buf.append(unit)
        size += len(unit) + (2 if size else 0)
        only_headings = only_headings and kind == "heading"
    if buf:
        if only_headings and chunks:
            chunks[-1] += "\n\n" + "\n\n".join(buf)
        else:
            chunks.append("\n\n".join(buf))
            buf.clear()
    # a short tail joins its predecessor when both fit in one chunk
    if len(chunks) > 1 and len(chunks[-1]) < min_chars and len(chunks[-2]) + len(chunks[-1]) + 2 <= max_chars:
        chunks[-2:] = [chunks[-2] + "\n\n" + chunks[-1]]
    return chunks


def chunk_document(doc: Document, min_chars: int = 300, max_chars: int = 800) -> list[Chunk]:
    """Chunks with ids = hash(doc id + text): re-ingesting the same text yields the same ids."""
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for text in split_text(doc.text, min_chars, max_chars):
        cid = "c" + stable_hash(doc.id, text)
        if cid in seen:  # a paragraph repeated verbatim in one document is indexed once
            continue
        seen.add(cid)
        chunks.append(
            Chunk(
                id=cid,
                doc_id=doc.id,
                title=doc.title,
                text=text,
                position=len(chunks),
                date=doc.date,
                source=doc.source,
                url=doc.url,
                path=doc.path,
                lang=doc.lang,
                tickers=doc.tickers,
                tags=doc.tags,
            )
        )
    return chunks
