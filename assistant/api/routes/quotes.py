"""Quotes: last close, change and a sparkline series for tickers."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, HTTPException, Query

from assistant.api.deps import ServicesDep, TokenDep
from assistant.api.schemas import QuotesOut

router = APIRouter(prefix="/api", tags=["quotes"], dependencies=[TokenDep])
MAX_SYMBOLS = 20


@router.get("/quotes", response_model=QuotesOut)
def get_quotes(services: ServicesDep,
               symbols: str = Query(..., max_length=400, description="Comma-separated, e.g. ^RUT,IWM,SPY."),
               points: int = Query(30, ge=2, le=500, description="Closes per sparkline.")) -> Any:
    """Quotes for a comma-separated list of symbols; unknown ones are listed under errors."""
    wanted = [s.strip() for s in re.split(r"[,\s]+", symbols) if s.strip()]
    if not wanted:
        raise HTTPException(422, "symbols is empty: pass e.g. ?symbols=^RUT,SPY")
    if len(wanted) > MAX_SYMBOLS:
        raise HTTPException(422, f"{len(wanted)} symbols asked for; at most {MAX_SYMBOLS} per request")
    quotes, errors = services.quotes(wanted, points)
    if not quotes:
        raise HTTPException(404, "; ".join(e["error"] for e in errors))
    return {"quotes": quotes, "errors": errors}
