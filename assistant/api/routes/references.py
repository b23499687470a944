"""References: one numbered reference of a stored answer or research report, with its chart."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Path

from assistant.api.deps import ServicesDep, TokenDep
from assistant.api.schemas import ReferenceDetail

router = APIRouter(prefix="/api/references", tags=["references"], dependencies=[TokenDep])
MAX_CHARTS = 2


@router.get("/{owner_id}/{n}", response_model=ReferenceDetail)
def get_reference(owner_id: str, services: ServicesDep, n: int = Path(ge=1, le=10_000)) -> Any:
    """Reference [n] of an answer (or a research report): the passage, or the computation and its series."""
    store = services.store
    ref = store.reference(owner_id, n)
    if ref is None and not store.answer_exists(owner_id):
        research = store.research(owner_id)
        if research and research["report"]:
            ref = next((r for r in research["report"]["references"] if r["n"] == n), None)
        elif research is None:
            raise HTTPException(404, f"no answer or research report with id {owner_id!r}")
    if ref is None:
        raise HTTPException(404, f"{owner_id!r} has no reference [{n}]")
    charts = []
    if ref["kind"] == "data" and ref.get("window"):
        start, end = ref["window"]
        for symbol in ref.get("series", [])[:MAX_CHARTS]:
            chart = services.chart(symbol, start, end)
            if chart and chart["points"]:
                charts.append(chart)
    return {**ref, "owner_id": owner_id, "charts": charts}
