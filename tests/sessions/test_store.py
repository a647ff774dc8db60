"""The SQLite store: WAL mode, answers and their history, concurrent writers."""

from __future__ import annotations

import sqlite3
import threading

from safekit.sessions import Store


def test_wal_mode_and_round_trip(tmp_path):
    with Store.for_session_dir(tmp_path / "s1") as store:
        session = store.create_session("s1", "Test")
        p = store.add_participant(session.id, "Blue Heron 12", "nl")
        store.save_answer(p, "case-a", "spot", {"marks": [1]})
        store.save_answer(p, "case-a", "spot", {"marks": [1, 2]})
        store.save_position(p.token, {"view": "case", "case": "case-a"}, "nl")
    db = sqlite3.connect(tmp_path / "s1" / "store.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store.for_session_dir(tmp_path / "s1") as store:
        assert store.answers(p.token) == {("case-a", "spot"): {"marks": [1, 2]}}
        assert store.count("event") == 2  # the history keeps both versions
        assert store.participant(p.token).position == {"view": "case", "case": "case-a"}
        assert store.session().code.isalnum() and len(store.session().code) == 6
        assert store.pseudonym_taken(session.id, "blue heron 12")


def test_concurrent_writers_lose_nothing(tmp_path):
    folder = tmp_path / "s2"
    with Store.for_session_dir(folder) as store:
        session = store.create_session("s2")
        people = [store.add_participant(session.id, f"P{i}") for i in range(8)]

    def work(p):
        with Store.for_session_dir(folder) as own:
            for n in range(25):
                own.save_answer(p, f"case-{n % 5}", "spot", {"n": n})

    threads = [threading.Thread(target=work, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with Store.for_session_dir(folder) as store:
        assert store.count("event") == 8 * 25
        assert store.count("answer") == 8 * 5
