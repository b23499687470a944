"""A scripted OpenAI-compatible chat server on 127.0.0.1, for driving the real openai SDK in tests.

It speaks the chat-completions wire format — JSON responses, tool calls, SSE streaming with a usage
chunk and `[DONE]` — and answers each request with the next Turn of the current script: text, tool calls
(arguments as a dict, or as raw text to send malformed JSON), an HTTP error, a delay, or a stream that is
cut off after some chunks. Every request body is kept in `requests` for assertions.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import deque
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field


class ScriptedCall(BaseModel):
    name: str
    arguments: dict[str, Any] | str = Field(
        default_factory=dict, description="A dict, or raw text sent as is."
    )
    id: str | None = None

    def raw_arguments(self) -> str:
        return self.arguments if isinstance(self.arguments, str) else json.dumps(self.arguments)


class Turn(BaseModel):
    """One scripted response."""

    text: str = ""
    tool_calls: list[ScriptedCall] = Field(default_factory=list)
    status: int | None = Field(None, description="Answer with this HTTP error status instead.")
    error: str = "scripted failure"
    error_code: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    delay_s: float = Field(
        0.0, description="Wait before answering (longer than the client's timeout: a timeout)."
    )
    break_after: int | None = Field(None, description="Streaming: cut the connection after this many chunks.")
    chunk_chars: int = 6


class _CutStream(Exception):
    """Raised inside a streaming body to drop the connection mid-response."""


class ScriptedServer:
    """Run with start()/stop(); give each test its turns with script(...)."""

    def __init__(self, latency_s: float = 0.0, model: str = "scripted-model"):
        self.latency_s = latency_s
        self.model = model
        self.turns: deque[Turn] = deque()
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self.app = self._build()

    # ------------------------------------------------------------------ control

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *turns: Turn | dict[str, Any] | str) -> None:
        """Replace the script; a plain string is a text turn, a dict is a Turn's fields."""
        with self._lock:
            self.turns = deque(
                t if isinstance(t, Turn) else Turn(text=t) if isinstance(t, str) else Turn.model_validate(t)
                for t in turns
            )
            self.requests = []

    @property
    def remaining(self) -> int:
        return len(self.turns)

    def start(self) -> ScriptedServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.app, log_level="critical", lifespan="off", timeout_graceful_shutdown=1, access_log=False
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the scripted LLM server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _next(self, body: dict[str, Any]) -> Turn | None:
        with self._lock:
            self.requests.append(body)
            return self.turns.popleft() if self.turns else None

    # ------------------------------------------------------------------ wire

    def _build(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v1/models")
        async def models() -> dict[str, Any]:
            return {"object": "list", "data": [{"id": self.model, "object": "model", "owned_by": "tests"}]}

        @app.post("/_script")
        async def set_script(request: Request) -> dict[str, int]:
            """Script the server from another process (the overhead bench runs it out of process)."""
            self.script(*(await request.json())["turns"])
            return {"turns": self.remaining}

        @app.post("/v1/chat/completions")
        async def chat(request: Request) -> Any:
            body = await request.json()
            turn = self._next(body)
            if turn is None:
                return JSONResponse(
                    {"error": {"message": "script exhausted", "type": "invalid_request_error"}},
                    status_code=400,
                )
            if self.latency_s or turn.delay_s:
                await asyncio.sleep(self.latency_s + turn.delay_s)
            if turn.status is not None:
                error = {"message": turn.error, "type": "scripted", "code": turn.error_code}
                return JSONResponse({"error": error}, status_code=turn.status, headers=turn.headers)
            if body.get("stream"):
                include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
                return StreamingResponse(self._sse(turn, include_usage), media_type="text/event-stream")
            return JSONResponse(self._completion(turn, body))

        return app

    def _usage(self, turn: Turn) -> dict[str, int]:
        completion = max(1, len(turn.text) // 4) + 8 * len(turn.tool_calls)
        return {"prompt_tokens": 100, "completion_tokens": completion, "total_tokens": 100 + completion}

    def _completion(self, turn: Turn, body: dict[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", "content": turn.text or None}
        if turn.tool_calls:
            message["tool_calls"] = [
                {
                    "id": c.id or f"call_{i}",
                    "type": "function",
                    "function": {"name": c.name, "arguments": c.raw_arguments()},
                }
                for i, c in enumerate(turn.tool_calls)
            ]
        return {
            "id": f"chatcmpl-{len(self.requests)}",
            "object": "chat.completion",
            "created": 1700000000,
            "model": body.get("model", self.model),
            "choices": [
                {"index": 0, "message": message, "finish_reason": "tool_calls" if turn.tool_calls else "stop"}
            ],
            "usage": self._usage(turn),
        }

    async def _sse(self, turn: Turn, include_usage: bool):
        def chunk(delta: dict[str, Any], finish: str | None = None) -> str:
            data = {
                "id": "chatcmpl-stream",
                "object": "chat.completion.chunk",
                "created": 1700000000,
                "model": self.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            return f"data: {json.dumps(data)}\n\n"

        sent = 0
        yield chunk({"role": "assistant", "content": ""})
        text = turn.text
        for start in range(0, len(text), turn.chunk_chars):
            if turn.break_after is not None and sent >= turn.break_after:
                raise _CutStream("scripted break")  # uvicorn drops the connection mid-body
            yield chunk({"content": text[start : start + turn.chunk_chars]})
            sent += 1
            await asyncio.sleep(0)
        for i, call in enumerate(turn.tool_calls):
            yield chunk(
                {
                    "tool_calls": [
                        {
                            "index": i,
                            "id": call.id or f"call_{i}",
                            "type": "function",
                            "function": {"name": call.name, "arguments": call.raw_arguments()},
                        }
                    ]
                }
            )
        yield chunk({}, "tool_calls" if turn.tool_calls else "stop")
        if include_usage:
            data = {
                "id": "chatcmpl-stream",
                "object": "chat.completion.chunk",
                "created": 1700000000,
                "model": self.model,
                "choices": [],
                "usage": self._usage(turn),
            }
            yield f"data: {json.dumps(data)}\n\n"
        yield "data: [DONE]\n\n"


def main() -> None:
    """Run in the foreground: `python -m tests.llm.scripted_server --port 8765 --latency-ms 200`."""
    import argparse

    parser = argparse.ArgumentParser(
        description="Scripted OpenAI-compatible chat server (tests and benches)."
    )
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    server = ScriptedServer(latency_s=args.latency_ms / 1000)
    uvicorn.run(server.app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
