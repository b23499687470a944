"""Builds the app: routers, JSON errors, security headers, optional CORS, and the web/ UI at /."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import __version__
from assistant.api.deps import ApiSettings
from assistant.api.routes import articles, chat, conversations, health, ingest, quotes, references, research
from assistant.api.services import Services
from assistant.config import Settings, get_settings

log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).resolve().parents[2] / "web"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        loc = [str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path")]
        if e.get("type") == "json_invalid":
            return "The request body is not valid JSON."
        if e.get("type") == "missing" and not loc:
            return "The request needs a JSON body."
        parts.append(f"{'.'.join(loc) or 'request'}: {e.get('msg', 'invalid')}")
    return "Invalid request — " + "; ".join(parts)


def create_app(settings: Settings | None = None, *, api_settings: ApiSettings | None = None,
               warm: bool = False) -> FastAPI:
    """The application over one data dir; `warm` loads the engine in the background at start-up."""
    services = Services(settings or get_settings())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            threading.Thread(target=services.warm_up, name="cited-warm-up", daemon=True).start()
        yield

    app = FastAPI(title="Cited", version=__version__, lifespan=lifespan,
                  description="Market answers in which every claim carries a numbered, checkable reference.")
    app.state.services = services
    app.state.api_settings = api_settings or ApiSettings()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = "Not found. The API lives under /api (see /docs); the app is at /."
        if exc.status_code == 405:
            message = "This method is not allowed here; see /docs for the routes."
        return _error(exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(exc))

    @app.exception_handler(Exception)
    async def crash(_: Request, exc: Exception) -> JSONResponse:  # a bug: logged, never a stack trace out
        log.exception("unhandled error", exc_info=exc)
        return _error(500, "Something went wrong on the server; the server log has the details.")

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        docs = request.url.path in ("/docs", "/redoc")
        response.headers.setdefault("Content-Security-Policy", DOCS_CSP if docs else CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    if app.state.api_settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=app.state.api_settings.cors_origins,
                           allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type",
                                                                                 "X-API-Token"])

    for module in (health, chat, conversations, articles, quotes, references, ingest, research):
        app.include_router(module.router)
    if WEB_DIR.is_dir():
        app.mount("/", StaticFiles(directory=WEB_DIR, html=True), name="web")
    return app


def app_factory() -> FastAPI:
    """For `uvicorn --factory assistant.api.main:app_factory` and `cited serve`."""
    return create_app(warm=True)
