"""The analysis notebook runs top to bottom against a synthetic session, and without one."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.support import run_notebook
from tests.survey.conftest import SESSION

pytestmark = pytest.mark.slow  # each runs the notebook in a kernel

NOTEBOOK = ROOT / "notebooks" / "survey-report.ipynb"


def _run(monkeypatch, **env) -> str:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    outputs = run_notebook(NOTEBOOK, ROOT)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    return "\n".join(str(o.get("data", {})) + str(o.get("text", "")) for o in outputs)


def test_the_notebook_reports_a_session(session, monkeypatch):
    shown = _run(monkeypatch, SAFEKIT_SURVEY_SESSION=SESSION, SAFEKIT_SURVEY_DATA_DIR=str(session.parent))
    assert f"Questionnaires of session {SESSION}: 8 respondent(s)" in shown
    assert "application/vnd.jupyter.widget-view+json" in shown
    assert "<td>100.0</td>" in shown and "<td>3.43</td>" in shown  # the knowledge and Likert tables
    assert "Language, or no independent interpreter" in shown
    assert "P1 Calm Otter" not in shown


def test_without_a_session_it_shows_made_up_answers(tmp_path, monkeypatch):
    shown = _run(monkeypatch, SAFEKIT_SURVEY_DATA_DIR=str(tmp_path / "none"))
    assert "made-up example answers" in shown
