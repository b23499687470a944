"""POST /api/chat: one answer as JSON, or its steps as server-sent events."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, HTTPException, Query

from assistant.api.deps import ServicesDep, TokenDep
from assistant.api.render import render_answer
from assistant.api.schemas import AnswerOut, ChatRequest
from assistant.api.services import NotFound, Services, locked_steps
from assistant.api.sse import sse_response

router = APIRouter(prefix="/api", tags=["chat"], dependencies=[TokenDep])

SSE_DOC = {200: {"description": "The answer as JSON, or with ?stream=true a text/event-stream of events: "
                                "plan, tool_call, tool_result, token, reference, then answer (or error).",
                 "content": {"text/event-stream": {}}}}


class _Turn:
    """One question in a conversation: checks it up front, runs it, stores the verified answer."""

    def __init__(self, services: Services, req: ChatRequest):
        from assistant.engine import QuestionError, validate_question

        self.services, self.req = services, req
        try:
            self.question = validate_question(req.question, services.settings)
        except QuestionError as exc:
            raise HTTPException(422, str(exc)) from None
        store = services.store
        self.cid = req.conversation_id
        meta = store.conversation(self.cid) if self.cid else None
        if self.cid and meta is None:
            raise HTTPException(404, f"no conversation with id {self.cid!r}; omit conversation_id to start one")
        self.doc_id = req.doc_id or (meta or {}).get("doc_id")
        self.ticker = req.ticker or (meta or {}).get("ticker")
        if self.doc_id:
            try:
                services.document(self.doc_id)
            except NotFound as exc:
                raise HTTPException(404, str(exc)) from None
        self.history = store.history(self.cid) if self.cid else []

    def events(self, stop: threading.Event | None = None) -> Iterator[tuple[str, Any]]:
        from assistant.models import Scope

        scope = Scope(doc_id=self.doc_id, ticker=self.ticker)
        t0 = time.perf_counter()
        first_token = None
        engine = self.services.engine()
        steps = engine.stream(self.question, scope=scope, history=self.history)
        for event in locked_steps(self.services.run_lock, steps):
            if stop is not None and stop.is_set():
                return
            if event.type == "token" and first_token is None:
                first_token = round((time.perf_counter() - t0) * 1000, 1)
            if event.type == "answer":
                data = dict(event.data)
                data["timings"] = {**data.get("timings", {}), "first_token": first_token or 0.0}
                yield "answer", self.finish(data)
            else:
                yield event.type, event.data

    def finish(self, answer: dict[str, Any]) -> dict[str, Any]:
        store = self.services.store
        html = render_answer(answer["text"], {r["n"] for r in answer["references"]})
        if self.cid is None:
            self.cid = store.create_conversation(self.question, self.doc_id, self.ticker)
        store.save_answer(self.cid, answer, html)
        return AnswerOut.model_validate({**answer, "html": html, "conversation_id": self.cid}).model_dump(mode="json")


@router.post("/chat", response_model=AnswerOut, responses=SSE_DOC)
def chat(req: ChatRequest, services: ServicesDep,
         stream: bool = Query(False, description="Stream the steps as server-sent events.")) -> Any:
    """Answer a question with numbered references (JSON, or SSE with ?stream=true)."""
    turn = _Turn(services, req)
    if stream:
        return sse_response(turn.events)
    answer = None
    for kind, data in turn.events():
        if kind == "answer":
            answer = data
        elif kind == "error":
            raise HTTPException(422, data.get("message", "the question could not be answered"))
    if answer is None:
        raise HTTPException(422, "the question could not be answered")
    return answer

