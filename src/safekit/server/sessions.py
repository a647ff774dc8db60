"""Workshop sessions: each has its own folder under the data directory, with its store."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from safekit.store import Session, Store

RESUME_WITHIN_SECONDS = 24 * 3600


def session_dirs(data_dir: Path) -> list[Path]:
    if not data_dir.is_dir():
        return []
    return sorted((p for p in data_dir.iterdir() if (p / Store.FILENAME).is_file()), key=lambda p: p.name)


def new_session(data_dir: Path, title: str = "", language: str = "en") -> tuple[Path, Session]:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = data_dir / stamp
    n = 1
    while folder.exists():
        n += 1
        folder = data_dir / f"{stamp}-{n}"
    with Store.for_session_dir(folder) as store:
        session = store.create_session(folder.name, title=title, language=language)
    return folder, session


def open_session(
    data_dir: Path, session_id: str | None = None, new: bool = False, title: str = "", language: str = "en"
) -> tuple[Path, Session, bool]:
    """The session to serve: a named one, else the latest if recent, else a new one.

    Returns (folder, session, resumed)."""
    if not new:
        candidates = [data_dir / session_id] if session_id else session_dirs(data_dir)[-1:]
        for folder in candidates:
            if not (folder / Store.FILENAME).is_file():
                raise FileNotFoundError(folder)
            with Store.for_session_dir(folder) as store:
                session = store.session()
            if session and (session_id or time.time() - session.created_at < RESUME_WITHIN_SECONDS):
                return folder, session, True
    folder, session = new_session(data_dir, title, language)
    return folder, session, False
