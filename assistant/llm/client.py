"""The ChatModel seam and its one implementation over the openai SDK: timeouts, bounded retries, streaming.

Retries are ours, not the SDK's (it is built with max_retries=0), so every retry is counted in the
answer's usage and the backoff is the same for a first request and for a stream that broke before its
first token. A stream that breaks after text was produced is not retried: the caller decides.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from collections.abc import Callable, Iterator
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

from assistant.config import Settings

log = logging.getLogger(__name__)

ErrorKind = Literal[
    "timeout",
    "rate_limited",
    "server_error",
    "connection",
    "context_overflow",
    "bad_request",
    "auth",
    "broken_stream",
    "empty",
    "invalid_output",
    "internal",
]
_RETRYABLE: set[str] = {"timeout", "rate_limited", "server_error", "connection"}
_OVERFLOW_HINTS = (
    "context_length",
    "context length",
    "context size",
    "maximum context",
    "too many tokens",
    "exceeds the available context",
    "prompt is too long",
    "reduce the length",
)
MAX_BACKOFF_S = 8.0
PLACEHOLDER_KEY = "not-needed"  # local servers (Ollama, llama.cpp, vLLM) take any key


class LLMError(Exception):
    """A model request that failed for good (after retries), with a kind the caller can act on."""

    def __init__(self, kind: ErrorKind, message: str, *, retries: int = 0):
        super().__init__(message)
        self.kind = kind
        self.retries = retries

    def describe(self) -> str:
        tries = f" after {self.retries} retr{'y' if self.retries == 1 else 'ies'}" if self.retries else ""
        return f"{_KIND_TEXT[self.kind]}{tries} ({self})"


_KIND_TEXT: dict[str, str] = {
    "timeout": "the model did not answer in time",
    "rate_limited": "the model endpoint kept refusing requests (rate limited)",
    "server_error": "the model endpoint kept failing (server error)",
    "connection": "the model endpoint could not be reached",
    "context_overflow": "the request did not fit the model's context window",
    "bad_request": "the model endpoint rejected the request",
    "auth": "the model endpoint refused the API key",
    "broken_stream": "the model's stream broke off",
    "empty": "the model returned nothing",
    "invalid_output": "the model's reply was not in the form asked for",
    "internal": "Cited's LLM step failed unexpectedly (see the log)",
}


class LLMConfigError(ValueError):
    """The LLM is asked for but not configured well enough to be reached."""


class ToolCallRequest(BaseModel):
    """A tool call as the model sent it; `arguments` is the raw JSON text, not yet trusted."""

    id: str
    name: str
    arguments: str = ""


class Completion(BaseModel):
    content: str = ""
    tool_calls: list[ToolCallRequest] = Field(default_factory=list)
    finish_reason: str | None = None
    usage: dict[str, int] = Field(default_factory=dict)


class TextStream:
    """Text deltas of a streamed completion; `usage` and `finish_reason` are set once it is exhausted."""

    def __init__(self, pieces: Iterator[str]):
        self._pieces = pieces
        self.usage: dict[str, int] = {}
        self.finish_reason: str | None = None

    def __iter__(self) -> Iterator[str]:
        return self._pieces


class ChatModel(Protocol):
    """What the planner and composer need from a chat model."""

    name: str

    def complete(
        self,
        messages: list[dict[str, Any]],
        *,
        tools: list[dict[str, Any]] | None = None,
        max_tokens: int | None = None,
        tool_choice: str | dict[str, Any] = "auto",
    ) -> Completion:
        """One completion, possibly with tool calls; raises LLMError."""
        ...

    def stream(self, messages: list[dict[str, Any]], *, max_tokens: int | None = None) -> TextStream:
        """A streamed text completion; iterating raises LLMError when the stream fails."""
        ...


def classify(exc: BaseException) -> ErrorKind:
    """Map an SDK or transport exception to the kind of fault it is."""
    import openai

    if isinstance(exc, openai.APITimeoutError) or "timeout" in type(exc).__name__.lower():
        return "timeout"
    if isinstance(exc, openai.APIStatusError):
        code = exc.status_code
        text = f"{getattr(exc, 'code', '') or ''} {exc.message}".lower()
        if code in (400, 413, 422) and any(h in text for h in _OVERFLOW_HINTS):
            return "context_overflow"
        if code == 429:
            return "rate_limited"
        if code in (401, 403):
            return "auth"
        if code in (408,):
            return "timeout"
        if code == 409 or code >= 500:
            return "server_error"
        return "bad_request"
    if isinstance(exc, openai.APIConnectionError):
        return "connection"
    return "broken_stream"


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    try:
        if (ms := headers.get("retry-after-ms")) is not None:
            return float(ms) / 1000
        if (s := headers.get("retry-after")) is not None:
            return float(s)
    except ValueError:  # an HTTP date: fall back to our own backoff
        return None
    return None


def add_usage(total: dict[str, int], usage: dict[str, int]) -> None:
    for key, value in usage.items():
        total[key] = total.get(key, 0) + int(value)


def _usage(obj: Any) -> dict[str, int]:
    if obj is None:
        return {}
    keys = ("prompt_tokens", "completion_tokens", "total_tokens")
    return {k: int(getattr(obj, k)) for k in keys if isinstance(getattr(obj, k, None), int)}


class OpenAIChatModel:
    """ChatModel over any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, llama.cpp)."""

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout_s: float = 30.0,
        max_retries: int = 2,
        temperature: float = 0.0,
        backoff_s: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ):
        import openai  # heavy: imported only when a model is wanted

        self.name = model
        self.base_url = base_url
        self.max_retries = max(0, max_retries)
        self.temperature = temperature
        self.backoff_s = backoff_s
        self.retries = 0  # total over the model's life, for doctor and benches
        self._sleep = sleep
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key or PLACEHOLDER_KEY, timeout=timeout_s, max_retries=0
        )

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> OpenAIChatModel:
        api_key = settings.llm_api_key or os.environ.get("OPENAI_API_KEY")
        if not settings.llm_model:
            raise LLMConfigError(
                "no model name: set CITED_LLM_MODEL (run `cited doctor` to list the models "
                "the endpoint serves)"
            )
        if not settings.llm_base_url and not api_key:
            raise LLMConfigError(
                "no endpoint and no API key: set CITED_LLM_BASE_URL for a local server, or "
                "CITED_LLM_API_KEY / OPENAI_API_KEY for OpenAI"
            )
        return cls(
            model=settings.llm_model,
            base_url=settings.llm_base_url,
            api_key=api_key,
            timeout_s=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            temperature=settings.llm_temperature,
            **kwargs,
        )

    # ------------------------------------------------------------------ requests

    def _with_retries(self, request: Callable[[], Any], attempt: int = 0) -> tuple[Any, int]:
        """Run request, retrying retryable faults; returns the result and the attempt that succeeded."""
        while True:
            try:
                return request(), attempt
            except Exception as exc:
                kind = classify(exc)
                if kind not in _RETRYABLE or attempt >= self.max_retries:
                    raise LLMError(kind, _message(exc), retries=attempt) from exc
                self._backoff(attempt, exc)
                attempt += 1

    def _backoff(self, attempt: int, exc: BaseException) -> None:
        self.retries += 1
        wait = _retry_after(exc)
        if wait is None:
            wait = self.backoff_s * (2**attempt) * (0.5 + random.random() / 2)
        log.info("model request failed (%s); retrying in %.2fs", type(exc).__name__, wait)
        self._sleep(min(max(wait, 0.0), MAX_BACKOFF_S))

    def _params(self, messages: list[dict[str, Any]], max_tokens: int | None) -> dict[str, Any]:
        params: dict[str, Any] = {"model": self.name, "messages": messages, "temperature": self.temperature}
        if max_tokens is not None:
            params["max_tokens"] = max_tokens
        return params

    def complete(
        self,
        messages: list[dict[str, Any]],
        *,
        tools: list[dict[str, Any]] | None = None,
        max_tokens: int | None = None,
        tool_choice: str | dict[str, Any] = "auto",
    ) -> Completion:
        params = self._params(messages, max_tokens)
        if tools:
            # explicit, though "auto" is OpenAI's default: llama.cpp's function-calling formats ignore the
            # tools altogether when no tool_choice is sent
            params.update(tools=tools, tool_choice=tool_choice)
        response, retries = self._with_retries(lambda: self._client.chat.completions.create(**params))
        if not getattr(response, "choices", None):
            raise LLMError("empty", "the response had no choices", retries=retries)
        choice = response.choices[0]
        message = choice.message
        calls = []
        for i, tc in enumerate(message.tool_calls or []):
            fn = getattr(tc, "function", None)
            if fn is None:  # a non-function tool call (custom tools) is not something we offered
                continue
            calls.append(
                ToolCallRequest(id=tc.id or f"call_{i}", name=fn.name or "", arguments=fn.arguments or "")
            )
        usage = _usage(response.usage)
        usage.update(requests=retries + 1, retries=retries)
        return Completion(
            content=message.content or "", tool_calls=calls, finish_reason=choice.finish_reason, usage=usage
        )

    def stream(self, messages: list[dict[str, Any]], *, max_tokens: int | None = None) -> TextStream:
        params = self._params(messages, max_tokens)
        params.update(stream=True, stream_options={"include_usage": True})
        out = TextStream(iter(()))
        out._pieces = self._stream_pieces(params, out)
        return out

    def _stream_pieces(self, params: dict[str, Any], out: TextStream) -> Iterator[str]:
        attempt = 0
        while True:
            produced = 0  # characters already handed to the caller
            try:
                stream, attempt = self._with_retries(
                    lambda: self._client.chat.completions.create(**params), attempt
                )
                for chunk in stream:
                    if chunk.usage is not None:
                        out.usage.update(_usage(chunk.usage))
                    for choice in chunk.choices or []:
                        if choice.finish_reason:
                            out.finish_reason = choice.finish_reason
                        text = choice.delta.content if choice.delta else None
                        if text:
                            produced += len(text)
                            yield text
                out.usage.update(requests=attempt + 1, retries=attempt)
                return
            except LLMError:
                raise
            except Exception as exc:  # the transport broke mid-stream; httpx and SDK errors vary by version
                kind = classify(exc)
                kind = "broken_stream" if kind == "connection" else kind
                if produced or kind not in _RETRYABLE | {"broken_stream"} or attempt >= self.max_retries:
                    where = f"; {produced} characters had arrived" if produced else ""
                    raise LLMError(kind, _message(exc) + where, retries=attempt) from exc
                self._backoff(attempt, exc)  # nothing was shown yet: safe to start over
                attempt += 1

    def list_models(self) -> list[str]:
        """Model ids the endpoint serves (one request, no retries)."""
        try:
            return [m.id for m in self._client.models.list()]
        except Exception as exc:
            raise LLMError(classify(exc), _message(exc)) from exc


def _message(exc: BaseException) -> str:
    """A one-line reason: the server's error message when it sent one."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return inner["message"][:300]
        if isinstance(inner, str):
            return inner[:300]
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:300]


def parse_arguments(raw: str) -> dict[str, Any]:
    """A tool call's argument text as a JSON object; ValueError with a reason when it is not one."""
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the arguments are not valid JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(value, dict):
        raise ValueError(f"the arguments must be a JSON object, not {type(value).__name__}")
    return value
