"""Where answers live: a SQLite store per workshop session (WAL mode), written at every answer."""

from safekit.store.sqlite import Participant, Session, Store, pseudonym_slug

__all__ = ["Participant", "Session", "Store", "pseudonym_slug"]
