"""Where answers live: a SQLite store per workshop session (WAL mode), written at every answer."""

from safekit.sessions.store import Participant, Session, Store, pseudonym_slug

__all__ = ["Participant", "Session", "Store", "pseudonym_slug"]
