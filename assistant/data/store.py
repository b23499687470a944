"""PriceStore: daily prices, one Parquet file per symbol plus a manifest, cached in memory.

Tools call the store on every question, so everything read from disk is cached and only
re-read when the file changed (stat check, no parquet read on a cache hit).
"""

from __future__ import annotations

import difflib
import json
import os
import threading
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field

from assistant.data.importer import PriceImportError, read_price_file, symbol_from_filename
from assistant.data.symbols import ALIASES, SYMBOLS, display_name, lookup
from tools.base import ToolError

__all__ = ["PriceStore", "SeriesInfo", "PriceImportError", "COLUMNS", "snap_date"]

COLUMNS = ["open", "high", "low", "close", "adj_close", "volume"]
MANIFEST = "manifest.json"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class SeriesInfo(BaseModel):
    """What the store knows about one symbol's series."""

    symbol: str
    name: str
    start: date
    end: date
    rows: int
    source: str = Field(description="File the series was imported from, or the demo generator.")
    demo: bool = False
    imported_at: datetime | None = None
    notes: list[str] = Field(default_factory=list, description="What an import dropped or assumed.")


def file_stem(symbol: str) -> str:
    """A file name safe for any symbol (^RUT -> %5ERUT), reversible and collision-free."""
    return quote(symbol, safe="-.")


def snap_date(dates: pd.DatetimeIndex, d: date, side: str, label: str) -> tuple[date, str | None]:
    """Move `d` onto the calendar `dates` (sorted): previous or next trading day, with a note.

    Raises ToolError when `d` lies outside the calendar's range.
    """
    if side not in ("prev", "next"):
        raise ValueError(f"side must be 'prev' or 'next', not {side!r}")
    if len(dates) == 0:
        raise ToolError(f"no prices for {label}")
    first, last = dates[0].date(), dates[-1].date()
    # a weekend just past either end is still a weekend, not a date outside the data
    if side == "prev" and d > last and np.busday_count(last + timedelta(days=1), d + timedelta(days=1)) == 0:
        return last, _moved(d, last, side, label)
    if side == "next" and d < first and np.busday_count(d, first) == 0:
        return first, _moved(d, first, side, label)
    if d < first or d > last:
        raise ToolError(f"date {d.isoformat()} is outside the data for {label} ({first} to {last})")
    ts = pd.Timestamp(d)
    i = int(dates.searchsorted(ts, side="left"))
    if dates[i] == ts:
        return d, None
    # searchsorted gives the next trading day; the previous one sits just before it
    used = dates[i - 1].date() if side == "prev" else dates[i].date()
    return used, _moved(d, used, side, label)


def _moved(d: date, used: date, side: str, label: str) -> str:
    why = f"{_WEEKDAYS[d.weekday()]}, weekend" if d.weekday() >= 5 else "holiday or no data"
    direction = "previous" if side == "prev" else "next"
    return f"{d} is not a trading day for {label} ({why}); used {used} ({direction} trading day)"


class _Cached:
    __slots__ = ("key", "frame", "closes")

    def __init__(self, key: tuple[int, int, int], frame: pd.DataFrame) -> None:
        self.key = key
        self.frame = frame
        self.closes: dict[str, pd.Series] = {}


class _State:
    """Cache for one prices directory, shared by every PriceStore opened on it in this process,
    so a store built per question still hits warm data."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.manifest: dict[str, dict[str, Any]] = {}
        self.manifest_key: tuple[int, int, int] | None = None
        self.frames: dict[str, _Cached] = {}


_STATES: dict[str, _State] = {}
_STATES_LOCK = threading.Lock()


class PriceStore:
    """Daily OHLCV series by symbol, stored in `prices_dir`.

    Returned frames and series are cheap shallow copies of the cache (pandas copy-on-write),
    so callers may modify them without corrupting the cache.
    """

    def __init__(self, prices_dir: Path | str) -> None:
        self.dir = Path(prices_dir)
        with _STATES_LOCK:
            self._state = _STATES.setdefault(str(self.dir.resolve()), _State())

    # ----------------------------------------------------------------- manifest

    @property
    def manifest_path(self) -> Path:
        return self.dir / MANIFEST

    def _entries(self) -> dict[str, dict[str, Any]]:
        key = _stat_key(self.manifest_path)
        if key != self._state.manifest_key:
            with self._state.lock:
                if key is None:
                    self._state.manifest = {}
                else:
                    self._state.manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
                self._state.manifest_key = key
        return self._state.manifest

    def _save_manifest(self, entries: dict[str, dict[str, Any]]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.manifest_path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(entries, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.manifest_path)  # atomic: readers see the old or the new manifest
        self._state.manifest = entries
        self._state.manifest_key = _stat_key(self.manifest_path)

    # ------------------------------------------------------------------ queries

    def symbols(self) -> list[SeriesInfo]:
        return [self._info(sym, e) for sym, e in sorted(self._entries().items())]

    def has(self, symbol: str) -> bool:
        return symbol in self._entries()

    def info(self, symbol: str) -> SeriesInfo:
        sym = self._known(symbol)
        return self._info(sym, self._entries()[sym])

    def is_demo(self, symbol: str) -> bool:
        return bool(self._entries()[self._known(symbol)].get("demo", False))

    def resolve(self, text: str) -> str:
        """The stored symbol for what a user typed: a symbol, an alias in any language, or a proxy."""
        return self.resolve_with_note(text)[0]

    def resolve_with_note(self, text: str) -> tuple[str, str | None]:
        """Like resolve(), plus a note when a proxy series stands in for the one asked for."""
        raw = (text or "").strip()
        if not raw:
            raise ToolError("empty ticker; " + self.available_text())
        entries = self._entries()
        canonical = lookup(raw)
        if canonical is None:
            # symbols imported by users need not be in the registry: match them case-insensitively
            by_upper = {s.upper(): s for s in entries}
            hit = by_upper.get(raw.upper()) or by_upper.get("^" + raw.upper().lstrip("^"))
            if hit:
                return hit, None
            raise ToolError(self._unknown_text(raw))
        if canonical in entries:
            return canonical, None
        for proxy in SYMBOLS[canonical].proxies:
            if proxy in entries:
                note = f"no data for {canonical} ({display_name(canonical)}); used {proxy} as a proxy"
                return proxy, note
        raise ToolError(f"no price data for {canonical} ({display_name(canonical)}); " + self.available_text())

    def frame(self, symbol: str) -> pd.DataFrame:
        """The series as a DataFrame indexed by date (sorted DatetimeIndex), columns COLUMNS."""
        return self._load(self._known(symbol)).frame.copy(deep=False)

    def close(self, symbol: str, field: Literal["close", "adj_close"] = "close") -> pd.Series:
        """Closing prices by date.

        `close` (the default) is what tools use: index levels people quote, record closes and
        price returns are all on the plain close. `adj_close` adds dividends/splits for ETFs and
        falls back to `close` where it is missing.
        """
        if field not in ("close", "adj_close"):
            raise ValueError(f"field must be 'close' or 'adj_close', not {field!r}")
        cached = self._load(self._known(symbol))
        series = cached.closes.get(field)
        if series is None:
            frame = cached.frame
            series = frame["close"] if field == "close" else frame["adj_close"].fillna(frame["close"])
            series = series.rename(self._known(symbol))
            cached.closes[field] = series
        return series.copy(deep=False)

    def trading_day(self, symbol: str, d: date, side: str = "prev") -> tuple[date, str | None]:
        """`d` if it is a trading day of `symbol`, else the previous/next one and a note saying so."""
        sym = self._known(symbol)
        return snap_date(self._load(sym).frame.index, _as_date(d), side, sym)

    # ------------------------------------------------------------------ writing

    def write(self, symbol: str, df: pd.DataFrame, source: str, demo: bool,
              notes: Sequence[str] = ()) -> SeriesInfo:
        """Store a series (replacing any existing one). `df` has a date index or a `date` column."""
        symbol = symbol.strip()
        if not symbol:
            raise ValueError("symbol must not be empty")
        frame = _normalise(df)
        if frame.empty:
            raise PriceImportError(f"no rows with a close price for {symbol}")
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self.dir / f"{file_stem(symbol)}.parquet"
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        frame.reset_index().to_parquet(tmp, index=False)
        os.replace(tmp, path)
        entry = {
            "file": path.name,
            "source": str(source),
            "demo": bool(demo),
            "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "rows": len(frame),
            "start": frame.index[0].date().isoformat(),
            "end": frame.index[-1].date().isoformat(),
        }
        with self._state.lock:
            entries = dict(self._entries())
            entries[symbol] = entry
            self._save_manifest(entries)
            self._state.frames[symbol] = _Cached(_stat_key(path) or (0, 0, 0), frame)
        info = self._info(symbol, entry)
        info.notes = list(notes)
        return info

    def import_file(self, path: Path | str, symbol: str | None = None) -> SeriesInfo:
        """Import a CSV or Parquet file of daily prices; returns what was stored.

        The symbol is the argument if given, else derived from the file name (see
        `symbol_from_filename`). Imported series are real data (demo=False) and replace any
        series of the same symbol, demo or not. Raises PriceImportError on unusable files.
        """
        path = Path(path)
        frame, notes = read_price_file(path)
        sym = symbol.strip() if symbol and symbol.strip() else symbol_from_filename(path)
        canonical = lookup(sym)
        sym = canonical or sym.upper()
        return self.write(sym, frame, source=str(path.resolve()), demo=False, notes=notes)

    # ------------------------------------------------------------------ helpers

    def _known(self, symbol: str) -> str:
        if symbol in self._entries():
            return symbol
        return self.resolve(symbol)  # forgiving: aliases work wherever a symbol does

    def _load(self, symbol: str) -> _Cached:
        entry = self._entries()[symbol]
        path = self.dir / entry["file"]
        key = _stat_key(path)
        if key is None:
            raise ToolError(f"the price file for {symbol} is missing ({path})")
        cached = self._state.frames.get(symbol)
        if cached is not None and cached.key == key:
            return cached
        with self._state.lock:
            frame = pd.read_parquet(path)
            frame = frame.set_index(pd.DatetimeIndex(frame.pop("date"), name="date")).sort_index()
            cached = _Cached(key, frame)
            self._state.frames[symbol] = cached
        return cached

    def _info(self, symbol: str, entry: dict[str, Any]) -> SeriesInfo:
        at = entry.get("imported_at")
        return SeriesInfo(
            symbol=symbol,
            name=display_name(symbol),
            start=date.fromisoformat(entry["start"]),
            end=date.fromisoformat(entry["end"]),
            rows=int(entry["rows"]),
            source=entry.get("source", ""),
            demo=bool(entry.get("demo", False)),
            imported_at=datetime.fromisoformat(at) if at else None,
        )

    def available_text(self) -> str:
        syms = sorted(self._entries())
        if not syms:
            return "no price data is loaded (import a CSV or build the demo prices)"
        shown = ", ".join(syms[:40]) + (", ..." if len(syms) > 40 else "")
        return f"available: {shown}"

    def _unknown_text(self, raw: str) -> str:
        entries = self._entries()
        # candidates: stored symbols and every alias of a symbol that resolves to stored data
        names: dict[str, str] = {s.lower(): s for s in entries}
        for alias, sym in ALIASES:
            if sym in entries or any(p in entries for p in SYMBOLS[sym].proxies):
                names.setdefault(alias, sym)
        close = difflib.get_close_matches(raw.lower(), list(names), n=5, cutoff=0.6)
        shown = []
        for alias in close:
            sym = names[alias]
            label = sym if alias == sym.lower() else f"{alias} ({sym})"
            if label not in shown:
                shown.append(label)
        return f"unknown ticker {raw!r}; close matches: {', '.join(shown) or 'none'}; {self.available_text()}"


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _as_date(d: date | datetime | str) -> date:
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    return date.fromisoformat(str(d))


def _normalise(df: pd.DataFrame) -> pd.DataFrame:
    """Columns COLUMNS as float64, a sorted, de-duplicated DatetimeIndex named date."""
    frame = df.copy()
    if "date" in frame.columns:
        frame = frame.set_index("date")
    idx = pd.DatetimeIndex(pd.to_datetime(frame.index))
    if idx.tz is not None:
        idx = idx.tz_localize(None)
    frame.index = idx.normalize().rename("date")
    frame = frame.reindex(columns=COLUMNS).astype("float64")
    frame = frame[np.isfinite(frame["close"].to_numpy())]
    frame = frame[~frame.index.duplicated(keep="last")].sort_index()
    return frame
