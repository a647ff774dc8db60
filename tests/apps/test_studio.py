"""The case studio's widgets without a browser: a case created from the start page, problems
shown the moment they appear, and saving."""

from __future__ import annotations

import pytest

from safekit.apps.studio import Studio
from safekit.authoring.cases.validate import check_file
from tests.conftest import ROOT
from tests.support import mini_project


@pytest.fixture
def project(tmp_path):
    return mini_project(ROOT, tmp_path / "course", ["girl-with-uncle-airport"])


def test_create_edit_and_save(project):
    studio = Studio(project)
    assert "The uncle at passport control" in str(studio.main.children[0].children[-1].description)
    studio.new_id.value = "Not A Valid Id"
    studio._create()
    assert "not a valid case id" in studio.start_status.value
    studio.new_id.value = "market-stall-boy"
    studio._create()
    path = project / "cases" / "market-stall-boy.yaml"
    assert path.is_file() and "market-stall-boy" in (project / "syllabus.yaml").read_text()
    assert "No problems: the case is valid." in studio.problem_box.value
    assert "The signals meet the decision rule." in studio.rule_box.value
    assert studio.phone.children  # the participant's view

    # a passage that is not in the story is reported at once, with its line
    studio.draft.set_text("evidence", 0, "passage", "en", value="words that are not in the story")
    studio.changed()
    assert "passage not found in the text of stage" in studio.problem_box.value
    assert "Unsaved changes" in studio.save_status.value
    studio.draft.set_text("evidence", 0, "passage", "en", value="works long days")
    studio.draft.set_text("content_note", "en", value="A young man at a market stall; a debt.")
    studio.changed()
    assert "No problems" in studio.problem_box.value
    studio.save_button.click()
    assert "Saved to cases/market-stall-boy.yaml" in studio.save_status.value
    assert check_file(path, ("en", "nl"))[1] == []
    assert "A young man at a market stall; a debt." in path.read_text(encoding="utf-8")

    # every section builds
    for name in ("story", "signals", "decisions", "notes"):
        studio.tabs.value = name
        assert studio.section_box.children
