"""Articles: the indexed research notes as a list and as pages with quotes and related reading."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from assistant.api.deps import ServicesDep, TokenDep
from assistant.api.schemas import ArticleOut, ArticleSummary
from assistant.api.services import NotFound

router = APIRouter(prefix="/api/articles", tags=["articles"], dependencies=[TokenDep])


@router.get("", response_model=list[ArticleSummary])
def list_articles(services: ServicesDep,
                  lang: str | None = Query(None, pattern="^(zh|en)$", description="Only this language."),
                  tag: str | None = Query(None, max_length=100, description="Only articles with this tag."),
                  ticker: str | None = Query(None, max_length=20, description="Only articles about this ticker."),
                  q: str | None = Query(None, max_length=200, description="Words in the title or excerpt.")
                  ) -> Any:
    """Indexed articles, newest first, with tags, tickers and an excerpt."""
    out = services.articles()
    if lang:
        out = [a for a in out if a["lang"] == lang]
    if tag:
        out = [a for a in out if tag.lower() in (t.lower() for t in a["tags"])]
    if ticker:
        out = [a for a in out if ticker.upper() in (t.upper() for t in a["tickers"])]
    if q:
        words = q.lower().split()
        out = [a for a in out if all(w in f"{a['title']} {a['excerpt']}".lower() for w in words)]
    return out


@router.get("/{doc_id}", response_model=ArticleOut)
def get_article(doc_id: str, services: ServicesDep) -> Any:
    """One article: body, related tickers with quotes and sparklines, and related reading."""
    try:
        return services.article(doc_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
