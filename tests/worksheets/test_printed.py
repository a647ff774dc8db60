"""Worksheets on paper: blank ones hold every cell and its hint; filled ones hold a participant's
words under their pseudonym only; the session command writes one file per participant and case;
the room view never shows their text; the session export keeps them."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from markupsafe import escape

from safekit.authoring.compile import write_bundle
from safekit.authoring.worksheets import bundle_worksheets
from safekit.core.bundle import load_bundle
from safekit.documents.filled_worksheets import NoSuchParticipant, export_worksheets
from safekit.documents.worksheets import blank_sheet, worksheet_html
from safekit.room.aggregate import MIN_GROUP, room_state
from safekit.room.export import export_rows
from safekit.sessions import Store
from safekit.worksheets import fields
from tests.conftest import ROOT
from tests.support import mini_project

CASE = "ana-permit-ends"
MARKUP = "<script>alert(1)</script> & the debt"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_blank_sheet_has_every_cell_and_hint_and_room_to_write(lang):
    for sheet in bundle_worksheets():
        html = blank_sheet(sheet, lang)
        assert sheet["title"][lang] in html and sheet["note"][lang].split()[0] in html
        for section, field in fields(sheet):
            for key in ("label", "hint"):
                if field.get(key):
                    assert str(escape(field[key][lang]))[:40] in html  # escaped as the page escapes it
            for axis in section.get("rows", []) + section.get("columns", []):
                assert axis["label"][lang] in html
        assert 'class="ws-answer"' not in html and 'class="box on"' not in html
        assert html.count('class="ws-space') >= len(list(fields(sheet)))


def answer_for(name: str) -> dict:
    return {
        "sheets": {
            "risk-assessment": {
                "individual-risk": f"{name}: {MARKUP}",
                "risk-1": {
                    "text": "Creditors",
                    "likelihood": "high",
                    "severity": "medium",
                    "mitigation": "Move",
                },
            },
            "informed-consent": {"limits": {"state": "done", "note": "explained twice"}},
            "reintegration-plan": {"safety-plan": f"{name} plans an escort"},
        },
        "checked": True,
    }


def test_a_filled_sheet_shows_the_words_and_the_marks_escaped():
    sheet = bundle_worksheets()[0]
    html = worksheet_html(sheet, "en", answer_for("Ana"))
    assert "Ana: &lt;script&gt;alert(1)&lt;/script&gt; &amp; the debt" in html and "<script>" not in html
    assert html.count('class="box on"') == 2  # likelihood high, severity medium


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A session folder as the workshop leaves it: store plus the course bundle."""
    project = mini_project(ROOT, tmp_path_factory.mktemp("course"), ["girl-with-uncle-airport", CASE])
    folder = tmp_path_factory.mktemp("workshops") / "2031-05-04-am"
    write_bundle(project, folder / "runtime" / "bundle.json")
    shutil.rmtree(project)
    with Store.for_session_dir(folder) as store:
        s = store.create_session(folder.name)
        people = [
            store.add_participant(s.id, name, lang)
            for name, lang in (("Calm Otter 11", "en"), ("Kind Cedar 20", "nl"))
        ]
        for p in people:
            store.save_answer(p, CASE, "worksheet", answer_for(p.pseudonym))
        extra = [store.add_participant(s.id, f"Late Lark {i}", "en") for i in range(MIN_GROUP)]
        for p in extra:
            store.save_answer(p, CASE, "worksheet", answer_for(p.pseudonym))
            store.reveal(CASE, "worksheet")
    return folder, people + extra


def test_filled_worksheets_per_participant_and_case(session, tmp_path):
    folder, people = session
    written = export_worksheets(folder, tmp_path, "calm otter 11", pdf=False)
    assert [p.name for p in written] == [f"calm-otter-11-{CASE}.html"]
    html = written[0].read_text(encoding="utf-8")
    assert "Calm Otter 11" in html and "When the permit ends" in html and folder.name in html
    assert "Calm Otter 11: &lt;script&gt;" in html and "Calm Otter 11 plans an escort" in html
    assert "explained twice" in html
    assert all(p.token not in html for p in people)
    assert "Kind Cedar 20" not in html

    every = export_worksheets(folder, tmp_path / "all")
    assert len(every) == len(people)
    dutch = (tmp_path / "all" / f"kind-cedar-20-{CASE}.html").read_text(encoding="utf-8")
    assert 'lang="nl"' in dutch and "Risicotaxatie bij terugkeer" in dutch and "Deelnemer" in dutch

    with pytest.raises(NoSuchParticipant):
        export_worksheets(folder, tmp_path / "none", "Nobody")


def test_the_command_writes_pdf(session, tmp_path):
    from safekit.cli import main

    folder, _people = session
    args = ["worksheets", folder.name, "--data-dir", str(folder.parent), "--out", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, "--participant", "Calm Otter 11", "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / f"calm-otter-11-{CASE}.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    if shutil.which("pdftotext"):  # poppler is optional; the check runs where it is installed
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Calm Otter 11 plans an escort" in " ".join(text.split())
    bad = CliRunner().invoke(main, [*args, "--participant", "Nobody"])
    assert bad.exit_code == 1 and "Nobody" in bad.output
    missing = CliRunner().invoke(main, ["worksheets", "no-such-session", "--data-dir", str(folder.parent)])
    assert missing.exit_code == 1


def test_the_room_counts_worksheets_but_never_shows_them(session):
    folder, people = session
    bundle = load_bundle(folder / "runtime" / "bundle.json")
    with Store.for_session_dir(folder) as store:
        s = store.session()
        state = room_state(
            bundle, s.id, store.participants(s.id), store.all_answers(s.id), store.revealed(), {}, "en"
        )
    item = next(x for x in state["exercises"] if x["case"] == CASE and x["exercise"] == "worksheet")
    assert item["answered"] == len(people) >= MIN_GROUP and item["revealed"] and item["personal"]
    assert item["data"] is None
    assert "plans an escort" not in json.dumps(state) and "Otter" not in json.dumps(state)


def test_the_session_export_keeps_worksheet_answers(session):
    folder, people = session
    rows = [r for r in export_rows(folder) if r["exercise"] == "worksheet"]
    assert len(rows) == len(people) and all(r["answered"] and r["points"] is None for r in rows)
    otter = next(r for r in rows if r["pseudonym"] == "Calm Otter 11")
    assert (
        json.loads(otter["answer"])["sheets"]["reintegration-plan"]["safety-plan"]
        == "Calm Otter 11 plans an escort"
    )
