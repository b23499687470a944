"""SQLite persistence of conversations, answers, their references and research reports.

Schema changes are numbered migrations, each applied once and recorded in `_migrations`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def _m001_initial(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            doc_id TEXT,
            ticker TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE answers (
            id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            answer_json TEXT NOT NULL,
            html TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX answers_by_conversation ON answers(conversation_id, created_at);
        CREATE TABLE answer_references (
            answer_id TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            kind TEXT NOT NULL,
            reference_json TEXT NOT NULL,
            PRIMARY KEY (answer_id, n)
        );
        """
    )


def _m002_research(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE research (
            id TEXT PRIMARY KEY,
            topic TEXT NOT NULL,
            doc_id TEXT,
            status TEXT NOT NULL,
            plan_json TEXT NOT NULL,
            report_json TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """
    )


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("m001_initial", _m001_initial),
    ("m002_research", _m002_research),
]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_id() -> str:
    return uuid.uuid4().hex[:12]


class Store:
    """One SQLite file; a connection per call keeps it safe across the server's worker threads."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self.migrate()

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        try:
            with db:
                yield db
        finally:
            db.close()

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied, in order; returns the names applied now."""
        applied_now: list[str] = []
        with self._lock, self._db() as db:
            db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r["name"] for r in db.execute("SELECT name FROM _migrations")}
            for name, fn in MIGRATIONS:
                if name in done:
                    continue
                fn(db)
                db.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
                applied_now.append(name)
        return applied_now

    def applied(self) -> list[str]:
        with self._db() as db:
            return [r["name"] for r in db.execute("SELECT name FROM _migrations ORDER BY name")]

    # -- conversations ---------------------------------------------------------------------------

    def create_conversation(self, title: str, doc_id: str | None = None, ticker: str | None = None) -> str:
        cid, now = new_id(), _now()
        with self._db() as db:
            db.execute("INSERT INTO conversations VALUES (?, ?, ?, ?, ?, ?)",
                       (cid, title[:120], doc_id, ticker, now, now))
        return cid

    def conversation(self, cid: str) -> dict[str, Any] | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM conversations WHERE id = ?", (cid,)).fetchone()
            if row is None:
                return None
            answers = db.execute("SELECT * FROM answers WHERE conversation_id = ? ORDER BY created_at, rowid",
                                 (cid,)).fetchall()
        out = dict(row)
        out["answers"] = [{"answer": json.loads(a["answer_json"]), "html": a["html"]} for a in answers]
        return out

    def conversations(self, limit: int = 50) -> list[dict[str, Any]]:
        with self._db() as db:
            rows = db.execute(
                "SELECT c.*, (SELECT COUNT(*) FROM answers a WHERE a.conversation_id = c.id) AS n_answers "
                "FROM conversations c ORDER BY updated_at DESC, rowid DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]

    def delete_conversation(self, cid: str) -> bool:
        with self._db() as db:
            return db.execute("DELETE FROM conversations WHERE id = ?", (cid,)).rowcount > 0

    def history(self, cid: str, limit: int = 6) -> list[str]:
        """The conversation's earlier questions, oldest first, for follow-ups."""
        with self._db() as db:
            rows = db.execute("SELECT question FROM answers WHERE conversation_id = ? "
                              "ORDER BY created_at DESC, rowid DESC LIMIT ?", (cid, limit)).fetchall()
        return [r["question"] for r in reversed(rows)]

    def save_answer(self, cid: str, answer: dict[str, Any], html: str) -> None:
        now = _now()
        with self._db() as db:
            db.execute("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                       (answer["id"], cid, answer["question"], json.dumps(answer, ensure_ascii=False), html, now))
            db.executemany(
                "INSERT INTO answer_references VALUES (?, ?, ?, ?)",
                [(answer["id"], r["n"], r["kind"], json.dumps(r, ensure_ascii=False)) for r in answer["references"]],
            )
            db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, cid))

    def reference(self, answer_id: str, n: int) -> dict[str, Any] | None:
        with self._db() as db:
            row = db.execute("SELECT reference_json FROM answer_references WHERE answer_id = ? AND n = ?",
                             (answer_id, n)).fetchone()
        return json.loads(row["reference_json"]) if row else None

    def answer_exists(self, answer_id: str) -> bool:
        with self._db() as db:
            return db.execute("SELECT 1 FROM answers WHERE id = ?", (answer_id,)).fetchone() is not None

    # -- research --------------------------------------------------------------------------------

    def save_research(self, rid: str, topic: str, doc_id: str | None, plan: dict[str, Any],
                      status: str = "planned", report: dict[str, Any] | None = None) -> None:
        now = _now()
        with self._db() as db:
            db.execute(
                "INSERT INTO research VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "status = excluded.status, plan_json = excluded.plan_json, "
                "report_json = excluded.report_json, updated_at = excluded.updated_at",
                (rid, topic[:200], doc_id, status, json.dumps(plan, ensure_ascii=False),
                 json.dumps(report, ensure_ascii=False) if report is not None else None, now, now),
            )

    def research(self, rid: str) -> dict[str, Any] | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM research WHERE id = ?", (rid,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["plan"] = json.loads(out.pop("plan_json"))
        report = out.pop("report_json")
        out["report"] = json.loads(report) if report else None
        return out

    def research_list(self, limit: int = 50) -> list[dict[str, Any]]:
        with self._db() as db:
            rows = db.execute("SELECT id, topic, doc_id, status, created_at, updated_at FROM research "
                              "ORDER BY updated_at DESC, rowid DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]

    def delete_research(self, rid: str) -> bool:
        with self._db() as db:
            return db.execute("DELETE FROM research WHERE id = ?", (rid,)).rowcount > 0
