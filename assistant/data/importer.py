"""Reading price files (CSV or Parquet) in the column spellings people actually have."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd

from assistant.data.symbols import lookup

__all__ = ["PriceImportError", "read_price_file", "symbol_from_filename"]


class PriceImportError(ValueError):
    """A price file that cannot be imported, with what was expected and what was found."""


def _key(name: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


# normalised header -> our column; headers are compared lower-case without spaces/_/-
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "date": ("date", "observationdate", "timestamp", "datetime", "time", "day", "tradedate", "tradingday"),
    "open": ("open", "openprice", "opening"),
    "high": ("high", "highprice", "max"),
    "low": ("low", "lowprice", "min"),
    "close": ("close", "price", "closeprice", "closing", "last", "lastprice", "value"),
    "adj_close": ("adjclose", "adjustedclose", "adjclosing", "closeadj", "adjustedcloseprice"),
    "volume": ("volume", "vol"),
}
_MISSING = {"", ".", "-", "null", "none", "nan", "na", "n/a", "#n/a"}
_TZ_SUFFIX = re.compile(r"(?<=\d{2}:\d{2})(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)$")


def symbol_from_filename(path: Path | str) -> str:
    """A symbol from a file name: `IWM.csv` -> IWM, `xjcarter_^RUT.csv` -> ^RUT, `portopt_IWM.csv` -> IWM.

    Tried in order: the whole stem, the part after the last `_` (files named `<source>_<ticker>`),
    then the pieces of that part split at `-`, `.` or spaces (`..._vix-daily` -> ^VIX); each is
    looked up in the symbol registry (so `..._fred_sp500` -> ^GSPC). If none is known, the part
    after the last `_`, upper-cased. Symbols that themselves contain `_` need an explicit symbol.
    """
    stem = Path(path).name
    for suffix in (".gz", ".csv", ".parquet", ".pq", ".txt"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    tail = stem.rsplit("_", 1)[-1]
    for candidate in (stem, tail, *re.split(r"[-. ]+", tail)):
        if candidate and (hit := lookup(candidate)):
            return hit
    return tail.upper() or stem.upper()


def read_price_file(path: Path | str) -> tuple[pd.DataFrame, list[str]]:
    """The file as a frame with columns date, open, high, low, close, adj_close, volume, and notes.

    Unknown columns are ignored; rows without a usable date or close are dropped and counted in
    the notes; duplicate dates keep the last row. Raises PriceImportError if the file has no date
    or no close column, or no usable rows.
    """
    path = Path(path)
    if not path.exists():
        raise PriceImportError(f"no such file: {path}")
    raw = _read_raw(path)
    if raw.empty:
        raise PriceImportError(f"{path.name} has no rows")
    notes: list[str] = []
    cols = _map_columns(raw, path.name, notes)

    dates = _parse_dates(raw[cols["date"]])
    out = pd.DataFrame({"date": dates})
    bad_values = pd.Series(False, index=raw.index)
    for ours in ("open", "high", "low", "close", "adj_close", "volume"):
        if ours not in cols:
            out[ours] = np.nan
            continue
        values, garbage = _parse_numbers(raw[cols[ours]])
        out[ours] = values
        if ours == "close":
            bad_values |= garbage

    no_date = out["date"].isna()
    garbage = ~no_date & bad_values
    blank = ~no_date & ~bad_values & out["close"].isna()
    if no_date.any():
        notes.append(f"dropped {int(no_date.sum())} rows without a readable date")
    if garbage.any():
        notes.append(f"dropped {int(garbage.sum())} rows with a non-numeric close")
    if blank.any():
        notes.append(f"dropped {int(blank.sum())} rows with no close (blank, e.g. holidays)")
    out = out[~no_date & out["close"].notna()]
    dupes = int(out["date"].duplicated(keep="last").sum())
    if dupes:
        notes.append(f"dropped {dupes} duplicate dates (kept the last row of each)")
    out = out.drop_duplicates("date", keep="last").sort_values("date").reset_index(drop=True)
    if out.empty:
        raise PriceImportError(f"{path.name} has no rows with both a date and a numeric close")
    return out, notes


def _read_raw(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types; the user needs one message
            raise PriceImportError(f"cannot read {path.name} as Parquet: {exc}") from None
        if not any(_key(c) in _SPELLINGS["date"] for c in frame.columns) and not isinstance(
            frame.index, pd.RangeIndex
        ):
            frame = frame.reset_index()  # e.g. a yfinance frame saved with its Date index
        return frame
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            sample = fh.read(4096)
        try:
            sep = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            sep = ","
        # strings first: garbage is counted, not silently coerced by the parser
        return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise PriceImportError(f"cannot read {path.name} as CSV: {exc}") from None


def _map_columns(raw: pd.DataFrame, name: str, notes: list[str]) -> dict[str, str]:
    cols: dict[str, str] = {}
    for col in raw.columns:
        k = _key(col)
        for ours, spellings in _SPELLINGS.items():
            if ours not in cols and k in spellings:
                cols[ours] = col
    found = ", ".join(str(c) for c in raw.columns)
    if "date" not in cols:
        raise PriceImportError(
            f"{name} has no date column (expected Date, date, observation_date or timestamp); found: {found}"
        )
    if "close" not in cols:
        rest = [c for c in raw.columns if c not in cols.values()]
        if "adj_close" in cols:
            cols["close"] = cols["adj_close"]
            notes.append(f"no Close column; used {cols['adj_close']} as the close")
        elif len(rest) == 1:
            # single-series files such as FRED's (observation_date, SP500): the one value column
            cols["close"] = rest[0]
            notes.append(f"no Close column; used the only value column {rest[0]!r} as the close")
        else:
            raise PriceImportError(
                f"{name} has no close column (expected Close, Adj Close or Price); found: {found}"
            )
    return cols


def _parse_dates(col: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(col):
        parsed = pd.to_datetime(col)
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_localize(None)  # keep the exchange's wall-clock date
        return parsed.dt.normalize()
    if pd.api.types.is_numeric_dtype(col):
        nums = pd.to_numeric(col, errors="coerce")
        if nums.between(18000101, 21001231).all():  # YYYYMMDD as a number
            return pd.to_datetime(nums.astype("Int64").astype(str), format="%Y%m%d", errors="coerce")
        unit = "ms" if nums.abs().median() > 1e11 else "s"  # epoch seconds or milliseconds
        return pd.to_datetime(nums, unit=unit, errors="coerce").dt.normalize()
    text = col.astype(str).str.strip()
    if text.str.fullmatch(r"\d{8}").all():
        return pd.to_datetime(text, format="%Y%m%d", errors="coerce")
    if text.str.fullmatch(r"\d{10}(\d{3})?").all():
        return _parse_dates(pd.to_numeric(text))
    text = text.str.replace(_TZ_SUFFIX, "", regex=True)  # the local date, not the UTC one
    best = pd.to_datetime(text, errors="coerce", format="ISO8601")
    if best.isna().mean() > 0.5:
        other = pd.to_datetime(text, errors="coerce", format="mixed")
        if other.isna().sum() < best.isna().sum():
            best = other
    return best.dt.normalize()


def _parse_numbers(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Floats, and a mask of cells that held something that is neither a number nor blank."""
    if pd.api.types.is_numeric_dtype(col):
        values = pd.to_numeric(col, errors="coerce").astype("float64")
        return values.where(np.isfinite(values)), pd.Series(False, index=col.index)
    text = col.astype(str).str.strip()
    missing = text.str.lower().isin(_MISSING)
    values = pd.to_numeric(text.str.replace(r"[,$\s]", "", regex=True), errors="coerce").astype("float64")
    values = values.where(np.isfinite(values))
    garbage = values.isna() & ~missing
    return values, garbage
