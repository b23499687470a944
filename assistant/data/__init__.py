"""Price data: the PriceStore, symbol aliases, CSV/Parquet import and the demo generator."""
