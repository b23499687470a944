"""Dependencies: settings, the API's own settings, the shared services and the token check."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.api.services import Services
from assistant.config import Settings


class ApiSettings(BaseSettings):
    """Web server settings, read from CITED_* like the rest (CITED_API_TOKEN, CITED_CORS_ORIGINS, …)."""

    model_config = SettingsConfigDict(env_prefix="CITED_", extra="ignore")

    api_token: str | None = Field(None, description="Required on /api/* when set; needed to bind off loopback.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS; empty = CORS off.")
    max_upload_mb: float = Field(5.0, description="Largest file /api/ingest accepts, in MiB.")
    max_upload_files: int = Field(10, description="Most files one /api/ingest request may carry.")


def get_services(request: Request) -> Services:
    return request.app.state.services


def get_settings(request: Request) -> Settings:
    return request.app.state.services.settings


def get_api_settings(request: Request) -> ApiSettings:
    return request.app.state.api_settings


ServicesDep = Annotated[Services, Depends(get_services)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ApiSettingsDep = Annotated[ApiSettings, Depends(get_api_settings)]


def check_token(request: Request) -> None:
    """When CITED_API_TOKEN is set, every /api/* call (but /api/health) must carry it."""
    token = request.app.state.api_settings.api_token
    if not token:
        return
    given = request.headers.get("x-api-token", "")
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "This server needs an API token: send it as 'Authorization: Bearer <token>' "
                                 "(the value of CITED_API_TOKEN).")


TokenDep = Depends(check_token)
