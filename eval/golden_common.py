"""Helpers the golden-set builders share: the (en, zh) pair of items a question becomes; price loading."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

DEMO_SYMBOLS = [
    "^RUT",
    "IWM",
    "^GSPC",
    "SPY",
    "QQQ",
    "IJS",
    "XLK",
    "XLF",
    "XLI",
    "XLP",
    "XLRE",
    "XLC",
    "XLY",
    "XLV",
    "XLE",
    "XLB",
    "XLU",
]
SECTORS = {  # symbol: (English names accepted, Chinese names accepted)
    "XLK": (["Technology", "Tech", "XLK"], ["科技", "XLK"]),
    "XLF": (["Financials", "Financial", "XLF"], ["金融", "XLF"]),
    "XLI": (["Industrials", "Industrial", "XLI"], ["工业", "XLI"]),
    "XLP": (["Consumer Staples", "Staples", "XLP"], ["必需消费", "日常消费", "XLP"]),
    "XLRE": (["Real Estate", "XLRE"], ["房地产", "XLRE"]),
    "XLC": (["Communication Services", "Communication", "XLC"], ["通信服务", "通信", "XLC"]),
    "XLY": (["Consumer Discretionary", "Discretionary", "XLY"], ["可选消费", "非必需消费", "XLY"]),
    "XLV": (["Health Care", "Healthcare", "XLV"], ["医疗保健", "医疗", "XLV"]),
    "XLE": (["Energy", "XLE"], ["能源", "XLE"]),
    "XLB": (["Materials", "XLB"], ["原材料", "材料", "XLB"]),
    "XLU": (["Utilities", "XLU"], ["公用事业", "XLU"]),
}
SECTOR_ZH = {s: zh[0] for s, (_, zh) in SECTORS.items()}


def demo_closes() -> dict[str, pd.Series]:
    """The demo closes, generated the way `cited demo` generates them (seeded, deterministic).

    Only the data layer is used (the generator and the store's raw frames); no tool runs.
    """
    from assistant.data.demo import build_demo_prices
    from assistant.data.store import PriceStore

    with tempfile.TemporaryDirectory() as tmp:
        store = PriceStore(Path(tmp) / "prices")
        build_demo_prices(store)
        return {s: store.frame(s)["close"].astype(float).copy() for s in DEMO_SYMBOLS}


def market_closes(market_dir: Path, files: dict[str, str]) -> dict[str, pd.Series]:
    """Close column of each raw CSV, read with pandas only (the real-data set's ground truth)."""
    out = {}
    for symbol, name in files.items():
        df = pd.read_csv(market_dir / name)
        dates = pd.to_datetime(df["Date"].astype(str).str[:10])
        out[symbol] = pd.Series(
            df["Close"].astype(float).to_numpy(), index=pd.DatetimeIndex(dates)
        ).sort_index()
    return out


def pair(
    key: str,
    category: str,
    en: str,
    zh: str,
    answer: Any,
    answer_type: str,
    *,
    tool: str | None = None,
    answer_zh: Any = None,
    tolerance: float | None = None,
    sources: list[str] | None = None,
    history: tuple[list[str], list[str]] | None = None,
    scope: dict[str, str] | None = None,
    scope_zh: dict[str, str] | None = None,
    fixture: str | None = "demo",
    meta: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The English and the Chinese item for one question (same answer unless answer_zh is given)."""
    out = []
    for lang, question in (("en", en), ("zh", zh)):
        item: dict[str, Any] = {
            "id": f"{key}-{lang}",
            "question": question,
            "lang": lang,
            "category": category,
            "answer": answer_zh if (lang == "zh" and answer_zh is not None) else answer,
            "answer_type": answer_type,
        }
        if tool:
            item["tool"] = tool
        if tolerance is not None:
            item["tolerance"] = tolerance
        if sources:
            item["expected_sources"] = sources
        if history:
            item["history"] = history[0] if lang == "en" else history[1]
        chosen = scope_zh if (lang == "zh" and scope_zh) else scope
        if chosen:
            item["scope"] = chosen
        if fixture:
            item["fixture"] = fixture
        if meta:
            item["meta"] = meta
        out.append(item)
    return out
