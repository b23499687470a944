"""PriceStore: importing real and messy files, resolving what users type, trading days, caching."""

from __future__ import annotations

import csv
import json
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from assistant.data.importer import symbol_from_filename
from assistant.data.store import PriceImportError, PriceStore, _State
from tools.base import ToolError

DAILY_FILES = {  # every daily OHLC/close file in market/, and the symbol its name implies
    "xjcarter_IWM.csv": "IWM", "xjcarter_QQQ.csv": "QQQ", "xjcarter_SPY.csv": "SPY",
    "xjcarter_^GSPC.csv": "^GSPC", "xjcarter_^RUT.csv": "^RUT",
    **{f"portopt_{t}.csv": t for t in "DIA IJR IJS IWM QQQ SPY XLB XLE XLF XLI XLK XLP XLU XLV XLY".split()},
    "datasets-finance-vix_vix-daily.csv": "^VIX",
    "datasets-s-and-p-500_fred_sp500.csv": "^GSPC",
}


def raw_closes(path: Path) -> dict[str, float]:
    """date -> close straight from the CSV (plain csv module), skipping blank closes."""
    out: dict[str, float] = {}
    with path.open(newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        col = next(i for i, h in enumerate(header) if h.lower() in ("close", "sp500"))
        for row in reader:
            if row[col].strip():
                out[row[0][:10]] = float(row[col])
    return out


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(DAILY_FILES))
def test_real_daily_files_import_as_they_are(market_dir: Path, store: PriceStore, name: str) -> None:
    path = market_dir / name
    expected = raw_closes(path)
    info = store.import_file(path)
    assert info.symbol == DAILY_FILES[name]
    assert info.demo is False and info.source == str(path.resolve())
    assert info.rows == len(expected)
    assert info.start == date.fromisoformat(min(expected)) and info.end == date.fromisoformat(max(expected))
    closes = store.close(info.symbol)
    assert closes.index.is_monotonic_increasing and closes.index.is_unique
    some = sorted(expected)[len(expected) // 2]
    assert closes[pd.Timestamp(some)] == pytest.approx(expected[some])
    frame = store.frame(info.symbol)
    assert list(frame.columns) == ["open", "high", "low", "close", "adj_close", "volume"]


def test_fred_file_reports_dropped_blank_rows(market_dir: Path, store: PriceStore) -> None:
    path = market_dir / "datasets-s-and-p-500_fred_sp500.csv"
    with path.open(newline="") as fh:
        blanks = sum(1 for row in list(csv.reader(fh))[1:] if not row[1].strip())
    info = store.import_file(path, symbol="SP500_FRED")
    assert info.symbol == "SP500_FRED"
    assert any(f"dropped {blanks} rows with no close" in n for n in info.notes)
    assert any("SP500" in n for n in info.notes)  # says which column served as the close


@pytest.mark.parametrize("name", ["xjcarter_us_market_holidays.csv", "datasets-s-and-p-500_data.csv"])
def test_files_without_prices_are_rejected_clearly(market_dir: Path, store: PriceStore, name: str) -> None:
    with pytest.raises(PriceImportError, match="no close column.*found: Date"):
        store.import_file(market_dir / name)
    assert store.symbols() == []


def test_column_spellings_garbage_and_duplicates(tmp_path: Path, store: PriceStore) -> None:
    path = write_csv(tmp_path / "ABC.csv",
                     "timestamp,OPEN,High,low,Adj_Close,CLOSE,Vol,Notes\n"
                     "2024-01-03,10,11,9,9.5,10.5,100,x\n"
                     "2024-01-02,9,10,8,8.5,9.5,100,y\n"
                     "2024-01-04,n/a,11,9,9.8,oops,100,\n"
                     "2024-01-05,10,12,9,10,,100,\n"
                     "not a date,10,12,9,10,11,100,\n"
                     "2024-01-03,10,11,9,9.6,10.6,200,dupe\n"
                     "2024-01-08,10,12,9,11,\"1,011.5\",300,\n")
    info = store.import_file(path)
    assert info.symbol == "ABC" and info.rows == 3
    joined = " | ".join(info.notes)
    assert "1 rows with a non-numeric close" in joined
    assert "1 rows with no close" in joined
    assert "1 rows without a readable date" in joined
    assert "1 duplicate dates" in joined
    frame = store.frame("ABC")
    assert [d.date().isoformat() for d in frame.index] == ["2024-01-02", "2024-01-03", "2024-01-08"]
    assert frame.loc["2024-01-03", "close"] == 10.6  # the last duplicate wins
    assert frame.loc["2024-01-08", "close"] == 1011.5
    assert frame.loc["2024-01-02", "adj_close"] == 8.5 and frame.loc["2024-01-02", "volume"] == 100


def test_other_spellings_and_parquet(tmp_path: Path, store: PriceStore) -> None:
    write_csv(tmp_path / "x.csv", "DATE;PRICE\n2024-01-02;5\n2024-01-03;6\n")
    assert store.import_file(tmp_path / "x.csv", symbol="semi").rows == 2
    assert store.has("SEMI")
    write_csv(tmp_path / "z.csv", "Date,Close\n20240102,5\n20240103,6\n")
    assert store.import_file(tmp_path / "z.csv", symbol="Z").start == date(2024, 1, 2)
    pd.DataFrame({"date": [20240102, 20240103], "close": [1.0, 2.0]}).to_parquet(tmp_path / "n.parquet")
    assert store.import_file(tmp_path / "n.parquet", symbol="N").end == date(2024, 1, 3)
    write_csv(tmp_path / "y.csv", "Date,Adj Close\n01/02/2024,5\n01/03/2024,6\n")
    info = store.import_file(tmp_path / "y.csv", symbol="ADJ")
    assert info.start == date(2024, 1, 2) and any("Adj Close" in n for n in info.notes)
    frame = pd.DataFrame({"Open": [1.0, 2.0], "Close": [1.5, 2.5]},
                         index=pd.DatetimeIndex(["2024-01-02", "2024-01-03"], name="Date"))
    frame.to_parquet(tmp_path / "pq_QQQ.parquet")
    info = store.import_file(tmp_path / "pq_QQQ.parquet")
    assert info.symbol == "QQQ" and info.rows == 2 and store.close("QQQ").iloc[-1] == 2.5


def test_unusable_files(tmp_path: Path, store: PriceStore) -> None:
    with pytest.raises(PriceImportError, match="no date column"):
        store.import_file(write_csv(tmp_path / "a.csv", "Close,Open\n1,2\n"))
    with pytest.raises(PriceImportError, match="no rows with both a date and a numeric close"):
        store.import_file(write_csv(tmp_path / "b.csv", "Date,Close\n2024-01-02,abc\n"))
    with pytest.raises(PriceImportError, match="no such file"):
        store.import_file(tmp_path / "missing.csv")


@pytest.mark.parametrize("name, symbol", [
    ("xjcarter_^RUT.csv", "^RUT"), ("portopt_IWM.csv", "IWM"), ("IWM.csv", "IWM"), ("aapl.csv", "AAPL"),
    ("datasets-finance-vix_vix-daily.csv", "^VIX"), ("datasets-s-and-p-500_fred_sp500.csv", "^GSPC"),
    ("my_prices_MSFT.parquet", "MSFT"),
])
def test_symbol_from_filename(name: str, symbol: str) -> None:
    assert symbol_from_filename(name) == symbol


def _tiny(store: PriceStore, symbol: str, demo: bool = True, closes: tuple[float, ...] = (1, 2, 3)) -> None:
    idx = pd.bdate_range("2026-01-12", periods=len(closes))  # Mon 12th ...
    store.write(symbol, pd.DataFrame({"close": list(closes)}, index=idx), source="test", demo=demo)


def test_resolve_aliases_proxies_and_unknowns(store: PriceStore) -> None:
    for sym in ("^RUT", "IWM", "^GSPC"):
        _tiny(store, sym)
    for text, sym in [("iwm", "IWM"), ("RUT", "^RUT"), ("罗素2000", "^RUT"), ("^rut", "^RUT"),
                      ("S&P 500", "^GSPC"), ("标普500", "^GSPC"), (" spx ", "^GSPC")]:
        assert store.resolve(text) == sym
    # SPY has no data, its proxy ^GSPC does
    assert store.resolve_with_note("SPY")[0] == "^GSPC"
    assert "proxy" in (store.resolve_with_note("SPY")[1] or "")
    with pytest.raises(ToolError) as err:
        store.resolve("IWN")
    msg = str(err.value)
    assert msg.startswith("unknown ticker 'IWN'") and "close matches: IWM" in msg
    assert "available: IWM, ^GSPC, ^RUT" in msg
    with pytest.raises(ToolError, match="no price data for QQQ"):
        store.resolve("nasdaq")


def test_trading_day_notes_and_range(store: PriceStore) -> None:
    idx = pd.DatetimeIndex(["2026-01-13", "2026-01-14", "2026-01-16", "2026-01-20"])
    store.write("^RUT", pd.DataFrame({"close": [1.0, 2, 3, 4]}, index=idx), source="t", demo=False)
    assert store.trading_day("^RUT", date(2026, 1, 14)) == (date(2026, 1, 14), None)
    d, note = store.trading_day("^RUT", date(2026, 1, 17))
    assert d == date(2026, 1, 16)
    assert note == ("2026-01-17 is not a trading day for ^RUT (Saturday, weekend); "
                    "used 2026-01-16 (previous trading day)")
    d, note = store.trading_day("^RUT", date(2026, 1, 19), side="next")
    assert d == date(2026, 1, 20) and "holiday" in (note or "")
    assert store.trading_day("^RUT", date(2026, 1, 15), side="prev")[0] == date(2026, 1, 14)
    with pytest.raises(ToolError, match=r"date 2030-01-01 is outside the data for \^RUT \(2026-01-13 to 2026-01-20\)"):
        store.trading_day("^RUT", date(2030, 1, 1))
    with pytest.raises(ToolError, match="outside the data"):
        store.trading_day("^RUT", date(2026, 1, 12))
    # a weekend just past the last date is a weekend, not "outside the data"
    store.write("IWM", pd.DataFrame({"close": [1.0, 2]}, index=pd.DatetimeIndex(["2026-01-15", "2026-01-16"])),
                source="t", demo=False)
    assert store.trading_day("IWM", date(2026, 1, 18))[0] == date(2026, 1, 16)


def test_manifest_info_and_demo_replacement(tmp_path: Path, store: PriceStore) -> None:
    _tiny(store, "IWM", demo=True)
    assert store.is_demo("IWM") and store.info("iwm").source == "test"
    manifest = json.loads((store.dir / "manifest.json").read_text())
    assert manifest["IWM"]["demo"] is True and manifest["IWM"]["rows"] == 3
    assert manifest["IWM"]["start"] == "2026-01-12" and manifest["IWM"]["end"] == "2026-01-14"
    info = store.import_file(write_csv(tmp_path / "IWM.csv", "Date,Close\n2020-01-02,100\n2020-01-03,101\n"))
    assert info.demo is False and not store.is_demo("IWM") and store.info("IWM").rows == 2
    assert [s.symbol for s in store.symbols()] == ["IWM"]
    assert store.symbols()[0].name == "iShares Russell 2000 ETF"
    # a symbol like ^RUT gets a safe file name
    _tiny(store, "^RUT")
    assert {p.name for p in store.dir.glob("*.parquet")} == {"IWM.parquet", "%5ERUT.parquet"}


def test_cache_is_fast_safe_and_notices_changes(store: PriceStore, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = PriceStore(store.dir)
    writer._state = _State()  # a separate cache: in effect another process writing the same directory
    _tiny(writer, "^RUT", closes=(1, 2, 3))
    assert store.close("^RUT").tolist() == [1, 2, 3]
    reads = []
    real = pd.read_parquet
    monkeypatch.setattr(pd, "read_parquet", lambda *a, **k: reads.append(1) or real(*a, **k))
    t = time.perf_counter()
    for _ in range(500):
        PriceStore(store.dir).close("^RUT")  # a store opened per question shares the warm cache
        store.frame("^RUT")
    assert reads == [] and (time.perf_counter() - t) / 1000 < 0.001  # no re-read, well under 1 ms
    mutated = store.frame("^RUT")
    mutated["close"] = 0.0  # callers may scribble on what they get
    assert store.close("^RUT").tolist() == [1, 2, 3]
    time.sleep(0.01)
    _tiny(writer, "^RUT", closes=(4, 5, 6, 7))  # rewritten by the other process
    assert store.close("^RUT").tolist() == [4, 5, 6, 7] and store.info("^RUT").rows == 4
    assert len(reads) == 1
    assert store.close("^RUT", field="adj_close").tolist() == [4, 5, 6, 7]  # falls back to close


def test_empty_store(store: PriceStore) -> None:
    assert store.symbols() == [] and not store.has("IWM")
    with pytest.raises(ToolError, match="no price data is loaded"):
        store.resolve("zzzz")
