"""Saving a case with the round-trip writer: every course file reads and writes back unchanged,
an edit changes only its own lines and keeps the comments, and nothing unreadable is saved."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from safekit.authoring.cases import roundtrip
from safekit.authoring.cases.draft import Draft
from safekit.authoring.cases.validate import check_file
from safekit.authoring.scaffold import new_case
from tests.conftest import ROOT

LANGS = ("en", "nl")


def changes(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


@pytest.mark.parametrize("path", sorted((ROOT / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_case_writes_back_byte_for_byte(path: Path):
    text = path.read_text(encoding="utf-8")
    assert roundtrip.dump(roundtrip.load(path)) == text


@pytest.fixture
def case_file(tmp_path) -> Path:
    return new_case(tmp_path, "market-stall-boy")


def test_an_edit_keeps_comments_and_changes_only_its_lines(case_file):
    before = case_file.read_text(encoding="utf-8")
    draft = Draft(case_file, LANGS)
    assert not draft.changed
    draft.set_text("content_note", "en", value="A young man at a market stall; mentions a debt.")
    draft.set_value("questions", "decide", 0, "options", 1, "points", value=1)
    assert draft.changed
    draft.save()
    after = case_file.read_text(encoding="utf-8")
    assert changes(before, after) == [
        "-  en: Describe what the case touches on, for trainers, before they use it.",
        "+  en: A young man at a market stall; mentions a debt.",
        "-          points: 0",
        "+          points: 1",
    ]
    assert after.startswith("# A new case vignette. Replace every text below")
    assert "facts: []  # each legal or practice fact" in after
    assert not draft.changed
    assert check_file(case_file, LANGS)[1] == []


def test_a_block_text_stays_a_block(case_file):
    draft = Draft(case_file, LANGS)
    text = str(draft.get("stages", 0, "text", "en")).rstrip() + " The boss shouts.\n"
    draft.set_text("stages", 0, "text", "en", value=text)
    draft.save()
    after = case_file.read_text(encoding="utf-8")
    assert "      en: |\n        Write what a professional sees" in after
    assert "        its exact words, and declare at least two distractors. The boss shouts.\n" in after


def test_a_signal_added_moved_and_removed(case_file):
    before = case_file.read_text(encoding="utf-8")
    draft = Draft(case_file, LANGS)
    passages = {"en": "The person wears a warm coat", "nl": "De persoon draagt een warme jas"}
    why = {"en": "Why.", "nl": "Waarom."}
    # the distractor becomes a signal, keeping its id, and back again
    draft.annotate(
        "evidence", "first-contact", passages, why, indicator="ex_excessive_days_hours", item_id="warm-coat"
    )
    assert draft.item("distractors", "warm-coat") is None
    assert draft.item("evidence", "warm-coat")["indicator"] == "ex_excessive_days_hours"
    draft.remove("evidence", "warm-coat")
    assert draft.item("evidence", "warm-coat") is None
    new = draft.annotate("distractors", "first-contact", passages, why, item_id=None)
    assert new == "the-person-wears-a"
    draft.save()
    problems = check_file(case_file, LANGS)[1]
    assert problems == [], problems
    removed = [x for x in changes(before, case_file.read_text(encoding="utf-8")) if x.startswith("-")]
    # the old block went (with the template's texts in the other languages); it comes back after
    # the other distractor, under a new id
    assert [x for x in removed if not re.match(r"-\s+(hu|bg|mk):", x)] == [
        "-  - id: warm-coat",
        "-    stage: first-contact",
        "-    passage:",
        "-      en: The person wears a warm coat",
        "-      nl: De persoon draagt een warme jas",
        "-    explanation:",
        "-      en: Explain why this looks like a signal but is not one here.",
        "-      nl: Leg uit waarom dit op een signaal lijkt maar het hier niet is.",
    ]


def test_unreadable_text_is_refused_and_the_file_kept(case_file):
    before = case_file.read_text(encoding="utf-8")
    with pytest.raises(roundtrip.SaveRefused, match="would not read back"):
        roundtrip.save_text(case_file, before + "stages: [unclosed\n")
    with pytest.raises(roundtrip.SaveRefused, match="would read back differently"):
        roundtrip.save_text(case_file, before, expected={"id": "something-else"})
    assert case_file.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in case_file.parent.iterdir()) == [case_file.name]  # no temporary file left


def test_content_that_cannot_be_written_is_refused(case_file):
    before = case_file.read_text(encoding="utf-8")
    draft = Draft(case_file, LANGS)
    draft.doc["debrief"]["en"] = object()  # not YAML: nothing is written
    with pytest.raises(roundtrip.SaveRefused):
        draft.save()
    assert case_file.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in case_file.parent.iterdir()) == [case_file.name]


def test_notes_signed_and_listed(case_file):
    draft = Draft(case_file, LANGS)
    draft.sign_anonymisation("course team")
    draft.add_text_item("key_points")
    draft.set_text("key_points", 1, "en", value="Ask, do not assume.")
    draft.set_text("key_points", 1, "nl", value="Vraag, ga niet uit van aannames.")
    draft.save()
    text = case_file.read_text(encoding="utf-8")
    assert "  checked_by: course team\n" in text
    assert "  - en: Ask, do not assume.\n    nl: Vraag, ga niet uit van aannames.\n" in text
    assert check_file(case_file, LANGS)[1] == []
