"""The SQLite store. Light on purpose: it runs inside every participant's kernel.

One database file per workshop session (``<data-dir>/<session-id>/store.sqlite``), WAL mode so
that many participant kernels write while the trainer's view reads. Every answer is written the
moment it is given: ``answers`` holds the latest state per (participant, case, exercise) and
``events`` keeps the recent changes of each (the last 20), so a slip can be traced without one
participant's saves filling the disk. The files are readable by their owner only.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safekit.core.text import MAX_TEXT, ascii_slug, clean_text

SCHEMA = """
CREATE TABLE IF NOT EXISTS session (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    secret TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en',
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS participant (
    token TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES session(id),
    pseudonym TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'en',
    position TEXT NOT NULL DEFAULT '{}',
    created_at REAL NOT NULL,
    last_seen REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS answer (
    session_id TEXT NOT NULL,
    participant TEXT NOT NULL REFERENCES participant(token),
    case_id TEXT NOT NULL,
    exercise TEXT NOT NULL,
    payload TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (participant, case_id, exercise)
);
CREATE TABLE IF NOT EXISTS event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL,
    participant TEXT NOT NULL,
    case_id TEXT NOT NULL,
    exercise TEXT NOT NULL,
    payload TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS answer_by_exercise ON answer (session_id, case_id, exercise);
-- each save keeps the last events of its participant and exercise: found by this index, not a scan
CREATE INDEX IF NOT EXISTS event_by_exercise ON event (participant, case_id, exercise);
CREATE TABLE IF NOT EXISTS reveal (
    case_id TEXT NOT NULL,
    exercise TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (case_id, exercise)
);
CREATE TABLE IF NOT EXISTS approval (
    participant TEXT NOT NULL,
    case_id TEXT NOT NULL,
    text TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (participant, case_id)
);
"""

# Columns added after the first schema: (table, column, declaration).
MIGRATIONS = [
    ("session", "trainer_secret", "TEXT NOT NULL DEFAULT ''"),
    # the languages the session offers, comma-separated ('' = every language of the course)
    ("session", "languages", "TEXT NOT NULL DEFAULT ''"),
    # the country the session is taught for (ISO code; '' = none chosen)
    ("session", "country", "TEXT NOT NULL DEFAULT ''"),
]
_SESSION_COLUMNS = "id, code, secret, title, language, created_at, trainer_secret, languages, country"

# Unambiguous characters for codes people type from a projector.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


@dataclass(frozen=True)
class Session:
    id: str
    code: str
    secret: str
    title: str
    language: str
    created_at: float
    trainer_secret: str = ""
    languages: str = ""  # offered, comma-separated; '' = every language of the course
    country: str = ""

    def offered(self, course_languages: list[str] | tuple[str, ...]) -> list[str]:
        """The languages participants may choose: the session's choice among the course's, in the
        session's order (all of the course's when it chose none or none of them is left)."""
        chosen = [lang for lang in self.languages.split(",") if lang in course_languages]
        return chosen or list(course_languages)


@dataclass(frozen=True)
class Participant:
    token: str
    session_id: str
    pseudonym: str
    language: str
    position: dict


def pseudonym_slug(pseudonym: str, limit: int = 30) -> str:
    """A pseudonym as part of a file or folder name: lower case, letters, digits and dashes."""
    return ascii_slug(pseudonym, limit) or "participant"


PSEUDONYM_LENGTH = 40
EVENTS_KEPT = 20  # per participant and exercise: the recent history, not every keystroke


def _cleaned(payload: Any) -> Any:
    """An answer with every piece of text cleaned and cut (see :func:`safekit.core.text.clean_text`)."""
    if isinstance(payload, str):
        return clean_text(payload, multiline=True, limit=MAX_TEXT)
    if isinstance(payload, dict):
        return {key: _cleaned(value) for key, value in payload.items()}
    if isinstance(payload, list | tuple):
        return [_cleaned(value) for value in payload]
    return payload


class Store:
    FILENAME = "store.sqlite"

    def __init__(self, path: Path | str, timeout: float = 30.0):
        self.path = Path(path)
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not self.path.exists():  # answers are for the trainer only: private to this user
            self.path.touch(mode=0o600)  # (SQLite gives its -wal and -shm files the same mode)
        self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        # the write-ahead log is folded into the database every 1 MiB and kept at most that size
        self._db.execute("PRAGMA wal_autocheckpoint=256")
        self._db.execute("PRAGMA journal_size_limit=1048576")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)
        for table, column, decl in MIGRATIONS:
            have = {r[1] for r in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")

    @classmethod
    def for_session_dir(cls, folder: Path | str) -> Store:
        return cls(Path(folder) / cls.FILENAME)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- sessions --------------------------------------------------------------------------
    def create_session(self, session_id: str, title: str = "", language: str = "en") -> Session:
        row = (
            session_id,
            new_code(),
            secrets.token_urlsafe(16),
            title,
            language,
            time.time(),
            secrets.token_urlsafe(16),
        )
        self._db.execute(
            "INSERT INTO session (id, code, secret, title, language, created_at, trainer_secret)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            row,
        )
        return Session(*row)

    def session(self) -> Session | None:
        row = self._db.execute(f"SELECT {_SESSION_COLUMNS} FROM session LIMIT 1").fetchone()
        if row and not row[6]:  # a session from before trainer secrets: give it one now
            secret = secrets.token_urlsafe(16)
            self._db.execute("UPDATE session SET trainer_secret = ? WHERE id = ?", (secret, row[0]))
            row = (*row[:6], secret, *row[7:])
        return Session(*row) if row else None

    def set_offer(
        self, languages: list[str] | None = None, country: str | None = None, language: str | None = None
    ) -> Session | None:
        """Change what the session offers: its languages, its country, the trainer's language
        (``None`` keeps what it was)."""
        for column, value in (
            ("languages", None if languages is None else ",".join(languages)),
            ("country", None if country is None else country.upper()),
            ("language", language),
        ):
            if value is not None:
                self._db.execute(f"UPDATE session SET {column} = ?", (value,))
        return self.session()

    # -- participants ----------------------------------------------------------------------
    def add_participant(self, session_id: str, pseudonym: str, language: str = "en") -> Participant:
        token = secrets.token_urlsafe(12)
        now = time.time()
        pseudonym = clean_text(pseudonym, limit=PSEUDONYM_LENGTH)
        self._db.execute(
            "INSERT INTO participant (token, session_id, pseudonym, language, created_at, last_seen)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (token, session_id, pseudonym, language, now, now),
        )
        return Participant(token, session_id, pseudonym, language, {})

    def participant(self, token: str) -> Participant | None:
        row = self._db.execute(
            "SELECT token, session_id, pseudonym, language, position FROM participant WHERE token = ?",
            (token,),
        ).fetchone()
        if row is None:
            return None
        return Participant(row[0], row[1], row[2], row[3], json.loads(row[4]))

    def participants(self, session_id: str) -> list[Participant]:
        rows = self._db.execute(
            "SELECT token, session_id, pseudonym, language, position FROM participant WHERE session_id = ?",
            (session_id,),
        ).fetchall()
        return [Participant(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]

    def pseudonym_taken(self, session_id: str, pseudonym: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM participant WHERE session_id = ? AND lower(pseudonym) = lower(?)",
            (session_id, pseudonym),
        ).fetchone()
        return row is not None

    def save_position(self, token: str, position: dict, language: str | None = None) -> None:
        if language:
            self._db.execute(
                "UPDATE participant SET position = ?, language = ?, last_seen = ? WHERE token = ?",
                (json.dumps(position), language, time.time(), token),
            )
        else:
            self._db.execute(
                "UPDATE participant SET position = ?, last_seen = ? WHERE token = ?",
                (json.dumps(position), time.time(), token),
            )

    # -- answers ---------------------------------------------------------------------------
    def save_answer(self, participant: Participant, case_id: str, exercise: str, payload: Any) -> None:
        """Write one answer now: the latest state and an event, in one transaction. Free text is
        cleaned and cut at :data:`~safekit.core.text.MAX_TEXT` characters; the participant's last
        :data:`EVENTS_KEPT` changes of each exercise are kept."""
        data = json.dumps(_cleaned(payload), sort_keys=True)
        now = time.time()
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                "INSERT INTO answer VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (participant, case_id, exercise)"
                " DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at",
                (participant.session_id, participant.token, case_id, exercise, data, now),
            )
            self._db.execute(
                "INSERT INTO event (session_id, participant, case_id, exercise, payload, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (participant.session_id, participant.token, case_id, exercise, data, now),
            )
            self._db.execute(
                "DELETE FROM event WHERE participant = ? AND case_id = ? AND exercise = ? AND rowid NOT IN"
                " (SELECT rowid FROM event WHERE participant = ? AND case_id = ? AND exercise = ?"
                " ORDER BY rowid DESC LIMIT ?)",
                (participant.token, case_id, exercise) * 2 + (EVENTS_KEPT,),
            )

    def answers(self, token: str) -> dict[tuple[str, str], Any]:
        rows = self._db.execute(
            "SELECT case_id, exercise, payload FROM answer WHERE participant = ?", (token,)
        ).fetchall()
        return {(c, e): json.loads(p) for c, e, p in rows}

    def all_answers(self, session_id: str) -> list[tuple[str, str, str, Any, float]]:
        """(participant token, case, exercise, payload, updated_at) for the whole session."""
        rows = self._db.execute(
            "SELECT participant, case_id, exercise, payload, updated_at FROM answer WHERE session_id = ?",
            (session_id,),
        ).fetchall()
        return [(p, c, e, json.loads(d), at) for p, c, e, d, at in rows]

    # -- the trainer's room ----------------------------------------------------------------
    def reveal(self, case_id: str, exercise: str, shown: bool = True) -> None:
        if shown:
            self._db.execute(
                "INSERT OR REPLACE INTO reveal VALUES (?, ?, ?)", (case_id, exercise, time.time())
            )
        else:
            self._db.execute("DELETE FROM reveal WHERE case_id = ? AND exercise = ?", (case_id, exercise))

    def revealed(self) -> set[tuple[str, str]]:
        return {(c, e) for c, e in self._db.execute("SELECT case_id, exercise FROM reveal")}

    def approve(self, participant: str, case_id: str, text: str) -> None:
        """Show this shared reflection (exactly this text) on the room view."""
        self._db.execute(
            "INSERT OR REPLACE INTO approval VALUES (?, ?, ?, ?)",
            (participant, case_id, _cleaned(text), time.time()),
        )

    def withdraw(self, participant: str, case_id: str) -> None:
        self._db.execute("DELETE FROM approval WHERE participant = ? AND case_id = ?", (participant, case_id))

    def approvals(self) -> dict[tuple[str, str], str]:
        return {(p, c): t for p, c, t in self._db.execute("SELECT participant, case_id, text FROM approval")}

    def count(self, table: str) -> int:
        assert table in ("session", "participant", "answer", "event", "reveal", "approval")
        return self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
