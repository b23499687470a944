"""How the runner groups items by the data they need, and asks each one (with a stand-in engine)."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.evals.dataset import ContextDoc, EvalItem
from assistant.evals.runner import GroupKey, as_documents, ask_one, group_items
from tests.evals.eval_helpers import data_ref, make_answer


def item(i: str, **kw) -> EvalItem:
    base = dict(id=i, question="q?", lang="en", answer=1.0, answer_type="number")
    return EvalItem(**{**base, **kw})


def test_groups_and_documents() -> None:
    ctx = [ContextDoc(id="d#p1", doc_id="d", text="one"), ContextDoc(id="d#table", doc_id="d", text="| a |")]
    items = [
        item("a", fixture="demo"),
        item("b", fixture="market"),
        item("c", fixture="demo"),
        item("d", context=ctx),
    ]
    groups = group_items(items)
    assert [k for k in groups] == [
        GroupKey(fixture="demo", contexts=False),
        GroupKey(fixture="market", contexts=False),
        GroupKey(fixture=None, contexts=True),
    ]
    assert [i.id for i in groups[GroupKey(fixture="demo", contexts=False)]] == ["a", "c"]
    (doc,) = as_documents(ctx)
    assert doc.id == "d" and doc.text == "one\n\n| a |"


class FakeEngine:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object, list[str]]] = []

    def ask(self, text: str, *, scope=None, history=None):
        self.calls.append((text, scope, history))
        if text == "boom":
            raise RuntimeError("tool exploded")
        return make_answer("It is 1.0 [1].", [data_ref(1, [1.0])])


def test_ask_one_scopes_context_items_and_survives_errors(tmp_path: Path) -> None:
    engine = FakeEngine()
    settings = Settings(data_dir=tmp_path)
    ctx = [ContextDoc(id="d#p1", doc_id="d", text="one")]
    ok = ask_one(engine, item("a", context=ctx, history=["earlier?"]), settings, [], retrieval_check=False)
    assert ok.verdict == "correct" and engine.calls[0][1].doc_id == "d" and engine.calls[0][2] == ["earlier?"]
    bad = ask_one(engine, item("b", question="boom"), settings, [], retrieval_check=False)
    assert bad.verdict == "error" and "tool exploded" in bad.why and bad.numeric_ok is False
