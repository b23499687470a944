"""`cited doctor`'s LLM check: the configuration, and one small request to the endpoint."""

from __future__ import annotations

import os
import time

from pydantic import BaseModel

from assistant.config import Settings


class Check(BaseModel):
    label: str
    value: str
    good: bool = True


def check_llm(settings: Settings) -> list[Check]:
    """What is configured and whether the endpoint answers; no request at all when nothing is configured."""
    if not (settings.llm_base_url or settings.llm_model):
        return [Check(label="llm", value="not configured: answers are composed offline (no network used)")]
    from assistant.llm.client import LLMConfigError, LLMError, OpenAIChatModel

    key = (
        "CITED_LLM_API_KEY"
        if settings.llm_api_key
        else ("OPENAI_API_KEY" if os.environ.get("OPENAI_API_KEY") else "none")
    )
    where = settings.llm_base_url or "the OpenAI default endpoint"
    checks = [
        Check(
            label="llm",
            value=f"model {settings.llm_model or '(unset)'} at {where}; API key from {key}; "
            f"timeout {settings.llm_timeout_s:g}s, {settings.llm_max_retries} retries, "
            f"{settings.llm_max_tool_rounds} tool rounds",
        )
    ]
    try:
        if not settings.llm_model:
            probe = OpenAIChatModel(
                model="?",
                base_url=settings.llm_base_url,
                api_key=settings.llm_api_key,
                timeout_s=min(settings.llm_timeout_s, 10.0),
                max_retries=0,
            )
            models = probe.list_models()
            return [
                *checks,
                Check(
                    label="llm endpoint",
                    good=False,
                    value=f"set CITED_LLM_MODEL; the endpoint serves: {', '.join(models) or 'none'}",
                ),
            ]
        model = OpenAIChatModel.from_settings(settings, backoff_s=0.2)
        model.max_retries = 0  # one small request: a fault is reported, not retried
        t0 = time.perf_counter()
        reply = model.complete([{"role": "user", "content": "Reply with the single word OK."}], max_tokens=5)
        ms = (time.perf_counter() - t0) * 1000
    except LLMConfigError as exc:
        return [*checks, Check(label="llm endpoint", value=str(exc), good=False)]
    except LLMError as exc:
        return [*checks, Check(label="llm endpoint", value=exc.describe(), good=False)]
    said = (reply.content or "").strip().replace("\n", " ")[:40] or "(no text)"
    tokens = reply.usage.get("total_tokens")
    return [
        *checks,
        Check(
            label="llm endpoint",
            value=f"answered in {ms:.0f} ms: {said!r}" + (f" ({tokens} tokens)" if tokens else ""),
        ),
    ]
