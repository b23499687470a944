"""SQLite store: numbered migrations applied once, cascading deletes."""

from __future__ import annotations

import sqlite3

from assistant.api.db import MIGRATIONS, Store


def test_migrations_apply_once(tmp_path):
    path = tmp_path / "c.sqlite3"
    store = Store(path)
    names = [n for n, _ in MIGRATIONS]
    assert store.applied() == names and names == sorted(names)
    assert Store(path).migrate() == [], "re-opening applies nothing"
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"conversations", "answers", "answer_references", "research", "_migrations"} <= tables


def test_deleting_a_conversation_deletes_its_answers_and_references(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    cid = store.create_conversation("q")
    answer = {"id": "a1", "question": "q", "references": [{"n": 1, "kind": "data", "title": "t"}]}
    store.save_answer(cid, answer, "<p>x</p>")
    assert store.reference("a1", 1)["title"] == "t" and store.history(cid) == ["q"]
    assert store.delete_conversation(cid)
    assert store.reference("a1", 1) is None and not store.answer_exists("a1")
