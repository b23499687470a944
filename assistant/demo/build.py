"""`cited demo`: write the labelled demo prices and index the bundled research notes."""

from __future__ import annotations

from rich.console import Console

from assistant.config import Settings


def build_demo(settings: Settings, *, only_missing: bool = False) -> None:
    from assistant.data.demo import build_demo_prices
    from assistant.data.store import PriceStore
    from assistant.demo import notes_dir
    from assistant.index.ingest import ingest_paths

    console = Console(stderr=True)
    store = PriceStore(settings.prices_dir)
    if only_missing and store.symbols():
        console.print(f"prices: {len(store.symbols())} series already in {settings.prices_dir}")
    else:
        infos = build_demo_prices(store)
        console.print(f"prices: wrote {len(infos)} demo series (synthetic, labelled demo) to {settings.prices_dir}")
    report = ingest_paths([notes_dir()], settings, progress=True)
    console.print(f"notes: {report.documents_added} added, {report.documents_unchanged} already indexed "
                  f"({report.chunks_added} new chunks) in {settings.index_dir}")
