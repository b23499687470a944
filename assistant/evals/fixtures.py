"""The data a question set runs against: a fresh data dir with the demo set, real prices or item contexts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.evals.dataset import ContextDoc, EvalItem

REPO = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """../shared/data beside the repository (the reference data sets; never copied into the repo)."""
    return REPO.parent / "shared" / "data"


# Real daily prices used by the real-data set: symbol -> file under shared/data/market. The xjcarter files
# are the longer history (2000-2022); PortOpt supplies the funds xjcarter lacks (2016-2021). Closes only,
# because Adj Close differs between the two downloads (see shared/data/README.md).
MARKET_FILES: dict[str, str] = {
    "SPY": "xjcarter_SPY.csv",
    "QQQ": "xjcarter_QQQ.csv",
    "IWM": "xjcarter_IWM.csv",
    "^GSPC": "xjcarter_^GSPC.csv",
    "^RUT": "xjcarter_^RUT.csv",
    "IJS": "portopt_IJS.csv",
    "IJR": "portopt_IJR.csv",
    "DIA": "portopt_DIA.csv",
    **{s: f"portopt_{s}.csv" for s in ("XLB", "XLE", "XLF", "XLI", "XLK", "XLP", "XLU", "XLV", "XLY")},
}


class FixtureError(RuntimeError):
    """A fixture cannot be built here (missing shared data, no index module); says what to do."""


def settings_for(base: Settings, data_dir: Path, **overrides: Any) -> Settings:
    """A copy of the user's settings (LLM, embedder...) pointed at another data dir."""
    return base.model_copy(update={"data_dir": data_dir, **overrides})


def build_demo(settings: Settings, *, index: bool = True) -> list[str]:
    """Demo prices and, when the index module is there, the demo notes indexed. Returns warnings."""
    from assistant.data.demo import build_demo_prices
    from assistant.data.store import PriceStore

    build_demo_prices(PriceStore(settings.prices_dir))
    if not index:
        return []
    try:
        from assistant.index.ingest import ingest_paths
    except ImportError as exc:
        return [f"demo notes not indexed: {exc}"]
    from assistant.demo import notes_dir

    ingest_paths([notes_dir()], settings, progress=False)
    return []


def build_market(settings: Settings) -> list[str]:
    """Import the real daily prices under ../shared/data/market into the data dir."""
    from assistant.data.store import PriceStore

    market = shared_data_dir() / "market"
    if not market.is_dir():
        raise FixtureError(f"the real-data set needs {market} (the shared data beside the repository)")
    store = PriceStore(settings.prices_dir)
    for symbol, name in MARKET_FILES.items():
        store.import_file(market / name, symbol=symbol)
    return []


def contexts_of(items: Iterable[EvalItem]) -> list[ContextDoc]:
    """Every distinct context chunk of the items, first occurrence wins."""
    seen: dict[str, ContextDoc] = {}
    for item in items:
        for doc in item.context:
            seen.setdefault(doc.id, doc)
    return list(seen.values())


def ingest_contexts(docs: list[ContextDoc], settings: Settings, progress: bool = False) -> Any:
    """Put context chunks into the index, one index document each, so a passage's doc_id is the chunk id."""
    from assistant.index.chunking import Document
    from assistant.index.ingest import ingest_documents

    documents = [
        Document(id=d.id, title=d.title, text=d.text, lang=d.lang, source=d.doc_id, tags=[d.kind])
        for d in docs
    ]
    return ingest_documents(documents, settings, progress=progress)
