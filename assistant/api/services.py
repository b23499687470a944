"""What the routes share: settings, the SQLite store, one engine (with its price store and source index)."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.api.db import Store
from assistant.api.render import render_document, strip_front_matter
from assistant.config import Settings

if TYPE_CHECKING:
    from assistant.engine import Engine

log = logging.getLogger(__name__)

MAX_RELATED = 4
EXCERPT_CHARS = 150


class NotFound(LookupError):
    """A requested thing does not exist; the message says what was asked for."""


class Services:
    """Created once per app. The engine is built on first use (or by the warm-up thread)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = Store(settings.db_path)
        self._engine: Engine | None = None
        self._build_lock = threading.Lock()
        # one question at a time through the engine: the index and embedder are shared, not thread-safe
        self.run_lock = threading.Lock()
        self._articles: list[dict[str, Any]] | None = None
        self._doc_cache: dict[str, tuple[Any, list[Any]]] = {}

    # -- engine, prices, index -------------------------------------------------------------------------

    def engine(self) -> Engine:
        if self._engine is None:
            with self._build_lock:
                if self._engine is None:
                    from assistant.engine import make_engine

                    self._engine = make_engine(self.settings, mode="auto")
        return self._engine

    @property
    def prices(self):  # noqa: ANN201 - PriceStore, imported lazily
        return self.engine().ctx.prices

    @property
    def index(self):  # noqa: ANN201 - SourceIndex, imported lazily
        return self.engine().ctx.sources

    def warm_up(self) -> None:
        """Load prices, the index and the embedder now, so the first question is not the slow one."""
        try:
            with self.run_lock:
                self.prices.symbols()
                self.index.search("罗素2000 Russell 2000", k=1)
            self.articles()
        except Exception:  # warm-up is an optimisation; a failure shows up again on a real request
            log.warning("warm-up failed", exc_info=True)

    def index_changed(self) -> None:
        """After an ingest: reopen the index on next use and forget cached article data."""
        with self._build_lock:
            if self._engine is not None:
                self._engine.ctx._sources = None
            self._articles = None
            self._doc_cache.clear()

    # -- articles --------------------------------------------------------------------------------------

    def document(self, doc_id: str) -> tuple[Any, list[Any]]:
        if doc_id not in self._doc_cache:
            try:
                with self.run_lock:
                    got = self.index.document(doc_id)
            except KeyError:
                got = None
            if not got or got[0] is None:
                raise NotFound(f"no article with id {doc_id!r}; GET /api/articles lists them")
            self._doc_cache[doc_id] = got
        return self._doc_cache[doc_id]

    def articles(self) -> list[dict[str, Any]]:
        """Every indexed document as a list entry, newest first, with a short excerpt."""
        if self._articles is None:
            with self.run_lock:
                docs = list(self.index.documents())
            out = []
            for info in docs:
                entry = _summary(info)
                try:
                    _, passages = self.document(info.doc_id)
                    entry["excerpt"] = excerpt(" ".join(p.text for p in passages[:2]), info.title)
                except NotFound:
                    pass
                out.append(entry)
            out.sort(key=lambda a: (str(a["date"] or ""), a["title"]), reverse=True)
            self._articles = out
        return self._articles

    def article(self, doc_id: str) -> dict[str, Any]:
        info, passages = self.document(doc_id)
        body = _original_text(passages) or "\n\n".join(p.text for p in passages)
        body = _drop_title(body, info.title)
        out = _summary(info)
        out.update(html=render_document(body), excerpt=excerpt(body, info.title), n_chunks=len(passages),
                   quotes=self.quotes(list(info.tickers))[0], related=self.related(info, passages))
        return out

    def related(self, info: Any, passages: list[Any]) -> list[dict[str, Any]]:
        """Other documents closest to this one: a search with its title and opening passage."""
        query = f"{info.title} {passages[0].text[:300] if passages else ''}"
        try:
            with self.run_lock:
                hits = self.index.search(query, k=20)
        except Exception:
            log.warning("related search failed for %s", info.doc_id, exc_info=True)
            return []
        by_id = {a["id"]: a for a in self.articles()}
        out: list[dict[str, Any]] = []
        for hit in hits:
            if hit.doc_id == info.doc_id or hit.doc_id not in by_id or any(r["id"] == hit.doc_id for r in out):
                continue
            out.append({**by_id[hit.doc_id], "score": round(float(hit.score), 4)})
            if len(out) == MAX_RELATED:
                break
        return out

    # -- quotes ----------------------------------------------------------------------------------------

    def quotes(self, symbols: list[str], points: int = 30) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
        from tools.base import ToolError
        from tools.market import QuoteArgs, quote

        ok, errors = [], []
        seen: set[str] = set()
        for raw in symbols:
            try:
                q = quote(QuoteArgs(ticker=raw, points=points), self.engine().ctx)
            except ToolError as exc:
                errors.append({"symbol": raw, "error": str(exc)})
                continue
            if q.ticker in seen:
                continue
            seen.add(q.ticker)
            ok.append({"symbol": q.ticker, "name": q.name, "last": q.last, "change_pct": q.change_pct,
                       "as_of": q.as_of_date, "sparkline": q.sparkline,
                       "demo": bool(q.provenance and q.provenance.demo)})
        return ok, errors

    def chart(self, symbol: str, start: Any, end: Any) -> dict[str, Any] | None:
        """Closes of a series over a window (a little wider), for a data reference's chart."""
        import pandas as pd

        try:
            closes = self.prices.close(self.prices.resolve(symbol))
        except Exception:
            return None
        pad = pd.Timedelta(days=7)
        window = closes.loc[pd.Timestamp(start) - pad: pd.Timestamp(end) + pad]
        if len(window) > 260:  # keep the panel light: at most ~a year of daily points
            window = window.iloc[:: max(1, len(window) // 260)]
        from assistant.data.symbols import display_name

        info = None
        try:
            info = self.prices.info(self.prices.resolve(symbol))
        except Exception:
            pass
        return {"symbol": symbol, "name": display_name(symbol), "demo": bool(getattr(info, "demo", False)),
                "points": [{"date": ts.date(), "close": round(float(v), 4)} for ts, v in window.items()]}


def _summary(info: Any) -> dict[str, Any]:
    return {"id": info.doc_id, "title": info.title, "date": info.date, "source": info.source or "",
            "url": info.url, "lang": info.lang or "en", "tickers": list(info.tickers or []),
            "tags": list(info.tags or []), "excerpt": "", "n_chunks": getattr(info, "n_chunks", 0)}


def _original_text(passages: list[Any]) -> str | None:
    """The document's own markdown or text file, when it is on disk (nicer than re-joined chunks)."""
    path = next((p.path for p in passages if getattr(p, "path", None)), None)
    if not path:
        return None
    file = Path(path)
    if file.suffix.lower() not in (".md", ".markdown", ".txt") or not file.is_file():
        return None
    try:
        return strip_front_matter(file.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None


def _drop_title(body: str, title: str) -> str:
    first, _, rest = body.lstrip().partition("\n")
    if first.startswith("# ") and first[2:].strip().strip('"') == title.strip():
        return rest.lstrip("\n")
    return body


def excerpt(text: str, title: str = "") -> str:
    text = re.sub(r"^#+\s.*$", "", text, flags=re.M)  # headings
    text = " ".join(text.replace(title, "", 1).split()) if title else " ".join(text.split())
    text = re.sub(r"[*_`>#]", "", text)
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rstrip() + "…"


def locked_steps(lock: threading.Lock, steps: Iterator[Any]) -> Iterator[Any]:
    """Iterate `steps` holding `lock` only while each step is computed.

    Holding it across a `yield` would leave it taken when a client disconnects mid-stream: the
    abandoned generator keeps the lock until garbage collection, and every later question waits.
    """
    while True:
        with lock:
            try:
                item = next(steps)
            except StopIteration:
                return
        yield item
