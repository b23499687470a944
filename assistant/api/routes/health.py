"""Health: whether the server is up, in which mode, and what data it has."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from assistant import __version__
from assistant.api.deps import ApiSettingsDep, ServicesDep
from assistant.api.schemas import HealthOut

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health", response_model=HealthOut)
def health(services: ServicesDep, api: ApiSettingsDep) -> Any:
    """Server status, answer mode, embedder and how much data is loaded (no token needed)."""
    s = services.settings
    llm = bool(s.llm_base_url or s.llm_model)
    out: dict[str, Any] = {"status": "ok", "version": __version__, "mode": "llm" if llm else "offline",
                           "model": s.llm_model if llm else None, "embedder": s.embedder,
                           "auth": bool(api.api_token)}
    try:
        infos = services.prices.symbols()
        out["price_series"] = len(infos)
        out["demo_prices"] = any(getattr(i, "demo", False) for i in infos)
    except Exception:  # health must answer even when the data dir is empty or broken
        out["price_series"] = None
    try:
        out["documents"] = len(services.articles())
    except Exception:
        out["documents"] = None
    return out
