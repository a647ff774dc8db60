"""Workshop sessions: each has its own folder under the data directory, with its store; listing,
retention and purging them."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from safekit.sessions.store import Session, Store

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


RETENTION_DAYS = 30


@dataclass(frozen=True)
class SessionInfo:
    id: str
    folder: Path
    created_at: float
    participants: int
    answers: int

    @property
    def age_days(self) -> float:
        return (time.time() - self.created_at) / 86400

    @property
    def expired(self) -> bool:
        return self.age_days > RETENTION_DAYS


def list_sessions(data_dir: Path) -> list[SessionInfo]:
    out = []
    for folder in session_dirs(data_dir):
        with Store.for_session_dir(folder) as store:
            s = store.session()
            if s is None:
                continue
            out.append(
                SessionInfo(s.id, folder, s.created_at, store.count("participant"), store.count("answer"))
            )
    return out


def session_folder(data_dir: Path, session_id: str) -> Path:
    folder = (data_dir / session_id).resolve()
    if folder.parent != data_dir.resolve() or not (folder / Store.FILENAME).is_file():
        raise FileNotFoundError(session_id)
    return folder


SERVING = "server.pid"  # in a session's folder while a workshop server serves it: the server's pid


class SessionInUse(RuntimeError):
    """The session is being served by a running workshop server."""


def serving_pid(folder: Path) -> int | None:
    """The process id of the workshop server serving the session in ``folder``, if one runs."""
    try:
        pid = int((folder / SERVING).read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


@contextlib.contextmanager
def served(folder: Path):
    """Mark ``folder`` as served by this process for the duration (see :func:`serving_pid`)."""
    mark = folder / SERVING
    mark.write_text(str(os.getpid()))
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if mark.read_text().strip() == str(os.getpid()):
                mark.unlink()


def session_exports(session_id: str, export_dirs: list[Path]) -> list[Path]:
    """What export commands wrote for the session into ``export_dirs`` (``<id>-*``)."""
    found: list[Path] = []
    for folder in dict.fromkeys(d.resolve() for d in export_dirs):
        if folder.is_dir():
            found += sorted(p for p in folder.glob(f"{session_id}-*") if p not in found)
    return found


def purge_session(folder: Path, export_dirs: list[Path] | None = None) -> dict[str, int]:
    """Delete a session's folder for good, with what was exported from it into ``export_dirs``
    (its answer tables, worksheets and reports); return what it held. Raises
    :class:`SessionInUse`, deleting nothing, while a workshop server serves it."""
    if serving_pid(folder) is not None:
        raise SessionInUse(folder.name)
    exports = session_exports(folder.name, export_dirs or [])
    with Store.for_session_dir(folder) as store:
        counts = {t: store.count(t) for t in ("participant", "answer", "event")}
    files = [p for p in folder.rglob("*") if p.is_file()]
    counts["files"] = len(files)
    shutil.rmtree(folder)
    counts["exports"] = 0
    for path in exports:
        counts["exports"] += sum(1 for p in path.rglob("*") if p.is_file()) if path.is_dir() else 1
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    return counts
