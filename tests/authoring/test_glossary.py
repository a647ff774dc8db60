"""One term per concept: a language's glossary names the forms to avoid, and the check finds
each one with its file and line, in that language's texts only."""

from __future__ import annotations

from safekit.authoring import glossary
from tests.conftest import ROOT


def test_the_dutch_glossary_has_one_term_per_concept():
    rules = glossary.rules("nl")
    concepts = {r.concept for r in rules}
    assert {"receiving organisation", "reintegration", "non-punishment principle", "register"} <= concepts
    assert glossary.rules("xx") == []  # a language without a glossary is not judged


def test_an_avoided_term_is_found_with_file_and_line_in_that_language_only(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "a-case.yaml").write_text(
        "title:\n"
        "  en: The opvangende organisatie (an English text is not judged)\n"
        "  nl: Een titel\n"
        "debrief:\n"
        "  nl: >-\n"
        "    De ontvangende organisatie helpt.\n"
        "    Daarna begint de herintegratie,\n"
        "    en kunt u bellen.\n",
        encoding="utf-8",
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.nl.md").write_text(
        "# Gids\n\nHet groepsscherm toont alles.\n", encoding="utf-8"
    )
    found = [
        (p.path.name, p.line, p.message)
        for p in glossary.check("nl", tmp_path)
        if p.path.parent.name in ("cases", "docs")
    ]
    assert found == [
        ("a-case.yaml", 7, "“herintegratie”: the glossary says “re-integratie” (reintegration)"),
        ("a-case.yaml", 8, "“u” is the other register; the glossary says: address people with “je”"),
        ("guide.nl.md", 3, "“groepsscherm”: the glossary says “groepsoverzicht” (the trainer's room view)"),
    ]


def test_the_kit_and_its_course_follow_the_glossary():
    assert [str(p) for p in glossary.check("nl", ROOT)] == []


def test_commands_and_code_in_a_guide_are_not_judged(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.nl.md").write_text(
        "# Gids\n\nOpen `groepsscherm` niet.\n\n```sh\nsafekit groepsscherm\n```\n\nHet groepsscherm.\n",
        encoding="utf-8",
    )
    found = [(p.path.name, p.line) for p in glossary.check("nl", tmp_path) if p.path.parent.name == "docs"]
    assert found == [("guide.nl.md", 9)]
