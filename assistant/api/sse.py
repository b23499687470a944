"""Server-sent events from a blocking generator: it runs in a worker thread, events cross by a queue."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from fastapi.responses import StreamingResponse

log = logging.getLogger(__name__)

_DONE = object()
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def format_event(kind: str, data: Any) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False, default=str)}\n\n"


Producer = Callable[[threading.Event], Iterator[tuple[str, Any]]]


async def _events(produce: Producer) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Any] = asyncio.Queue()
    stop = threading.Event()

    def put(item: Any) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        except RuntimeError:  # the loop is gone (server shutting down): nobody is listening
            stop.set()

    def work() -> None:
        gen = produce(stop)
        try:
            for item in gen:
                put(item)
                if stop.is_set():
                    break
        except Exception:  # never a stack trace on the wire: one error event, details in the log
            log.exception("stream failed")
            put(("error", {"message": "The answer failed on the server; the log has the details."}))
        finally:
            gen.close()  # releases whatever the producer holds (the engine lock) even when cut short
            put(_DONE)

    worker = loop.run_in_executor(None, work)
    yield ": stream open\n\n"
    try:
        while True:
            item = await queue.get()
            if item is _DONE:
                break
            yield format_event(*item)
    finally:
        stop.set()  # the client went away or we are done: the worker stops after its current step
        del worker


def sse_response(produce: Producer) -> StreamingResponse:
    return StreamingResponse(_events(produce), media_type="text/event-stream", headers=SSE_HEADERS)
