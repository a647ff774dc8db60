"""Who reviewed which translation: a review holds for the text as it was read, and only for
that language; pages and the check call a language with unreviewed texts a draft."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from safekit.authoring import translations
from safekit.cli import main
from safekit.core.i18n import preferred_language

CASE = """\
title:
  en: The title
  nl: De titel
debrief:
  en: >-
    What the trainer says.
  nl: >-
    Wat de trainer zegt,
    over twee regels.
"""


def _course(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "a-case.yaml").write_text(CASE, encoding="utf-8")
    return tmp_path


def _case_status(lang, project):
    return next(f for f in translations.status(lang, project) if f.path.name == "a-case.yaml")


def test_a_review_holds_until_the_text_in_its_language_changes(tmp_path):
    project = _course(tmp_path)
    case = project / "cases" / "a-case.yaml"
    before = _case_status("nl", project)
    assert (before.strings, before.reviewed) == (2, False)
    assert before.words == 2 + 7

    written = translations.record_review("nl", [case], "A. Reviewer, trainer", project, dt.date(2027, 1, 5))
    assert written == [project / "reviews" / "nl.yaml"]
    after = _case_status("nl", project)
    assert (after.reviewed, after.by, after.on) == (True, "A. Reviewer, trainer", "2027-01-05")

    case.write_text(CASE.replace("What the trainer says.", "What the trainer says now."), encoding="utf-8")
    assert _case_status("nl", project).reviewed  # the English text changed, not the Dutch one

    case.write_text(CASE.replace("over twee regels", "over drie regels"), encoding="utf-8")
    assert not _case_status("nl", project).reviewed  # nobody read this Dutch text yet


def test_a_language_with_an_unreviewed_file_is_a_draft(tmp_path):
    project = _course(tmp_path)
    assert translations.is_draft("nl", project)
    assert not translations.is_draft("en", project)  # the source language is never a draft
    assert translations.draft_languages(project, ["en", "nl"]) == ["nl"]


def test_the_commands_record_a_review_and_report_per_language(tmp_path, monkeypatch):
    project = _course(tmp_path)
    (project / "syllabus.yaml").write_text("languages: [en, nl]\n", encoding="utf-8")
    monkeypatch.setenv("SAFEKIT_PROJECT", str(project))
    runner = CliRunner()
    done = runner.invoke(main, ["i18n-review", "nl", str(project / "cases" / "a-case.yaml"), "--by", "A. R."])
    assert done.exit_code == 0, done.output
    assert "A. R." in (project / "reviews" / "nl.yaml").read_text(encoding="utf-8")
    refused = runner.invoke(main, ["i18n-review", "hu", str(project / "cases" / "a-case.yaml"), "--by", "X"])
    assert refused.exit_code == 1 and "no hu text" in refused.output
    report = runner.invoke(main, ["i18n-check"]).output
    line = next(x for x in report.splitlines() if x.startswith("  nl:"))
    assert "missing" in line and "unreviewed" in line


def test_the_browsers_preferred_language_among_those_offered():
    offered = ["hu", "en"]
    assert preferred_language("hu-HU,hu;q=0.9,en;q=0.8", offered) == "hu"
    assert preferred_language("de-DE,de;q=0.9,en;q=0.8", offered) == "en"
    assert preferred_language("en;q=0.3,hu;q=0.7", offered) == "hu"
    assert preferred_language("fr, de", offered) is None
    assert preferred_language("", offered) is None
    assert preferred_language("hu;q=0, en", offered) == "en"  # q=0 means "not this one"
    assert preferred_language("hu;q=x", offered) is None
