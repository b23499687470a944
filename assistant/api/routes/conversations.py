"""Conversations: the history sidebar and a reloaded page's answers with their references."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from assistant.api.deps import ServicesDep, TokenDep
from assistant.api.schemas import ConversationOut, ConversationSummary, Deleted

router = APIRouter(prefix="/api/conversations", tags=["conversations"], dependencies=[TokenDep])


@router.get("", response_model=list[ConversationSummary])
def list_conversations(services: ServicesDep, limit: int = Query(50, ge=1, le=500)) -> Any:
    """Conversations, most recently active first."""
    return services.store.conversations(limit)


@router.get("/{conversation_id}", response_model=ConversationOut)
def get_conversation(conversation_id: str, services: ServicesDep) -> Any:
    """One conversation with every answer, its rendered text and its references."""
    conv = services.store.conversation(conversation_id)
    if conv is None:
        raise HTTPException(404, f"no conversation with id {conversation_id!r}")
    conv["answers"] = [{**a["answer"], "html": a["html"], "conversation_id": conversation_id}
                       for a in conv["answers"]]
    return conv


@router.delete("/{conversation_id}", response_model=Deleted)
def delete_conversation(conversation_id: str, services: ServicesDep) -> Any:
    """Delete a conversation and its answers."""
    if not services.store.delete_conversation(conversation_id):
        raise HTTPException(404, f"no conversation with id {conversation_id!r}")
    return {"id": conversation_id}
