"""Taking an assessment in JupyterLab: the release notebook's app saves to answers.json beside it."""

from __future__ import annotations

import json
import shutil

from safekit.exercises.spot import covered_items, sentences
from safekit.grading import show, take
from safekit.grading.build import assessment_cases
from safekit.grading.notebook import answer_key
from safekit.grading.score import grade, score_question
from tests.support.matrix import answers_for

A = "early-identification-check"
CASE = "injured-builder-emergency-room"


def test_answers_file_follows_every_click_and_grades(root, tmp_path):
    for f in (root / "exercises" / A).iterdir():
        shutil.copy(f, tmp_path)
    view = take.show(tmp_path)
    assert not (tmp_path / "answers.json").exists()  # nothing given, nothing written
    case = assessment_cases(root)[1][CASE]
    solution = answers_for(case, "solution")
    spot = view.parts[(CASE, "spot")]
    for mark in solution["spot"]["marks"]:
        spot.tag(mark["stage"], mark["sentence"], *mark["indicators"])
    assess = view.parts[(CASE, "assess")]
    for form in solution["assess"]["forms"]:
        assess.form_toggles[form].value = True
    for element in solution["assess"]["palermo"]:
        assess.palermo_toggles[element].value = True
    assess.rule.value = solution["assess"]["rule"]
    view.parts[(CASE, "decide")].choose("ask-with-colleague")
    view.parts[(CASE, "decide")].choose(solution["decide"]["option"])

    saved = json.loads((tmp_path / "answers.json").read_text())
    assert saved["cases"][CASE]["decide"] == solution["decide"]
    key = json.dumps(answer_key(case))
    got = [grade(key, q, tmp_path / "answers.json") for q in ("spot", "assess", "decide")]
    assert got == [21.0, 5.0, 3.0]

    # a new page restores every answer from the file
    again = take.show(tmp_path)
    assert again.parts[(CASE, "decide")].answer() == solution["decide"]
    assert again.parts[(CASE, "assess")].answer()["palermo"] == solution["assess"]["palermo"]
    assert len(again.parts[(CASE, "spot")].answer()["marks"]) == len(solution["spot"]["marks"])


def test_one_first_step_at_a_time(root, tmp_path):
    for f in (root / "exercises" / A).iterdir():
        shutil.copy(f, tmp_path)
    first = take.show(tmp_path).parts[(CASE, "decide")]
    first.choose("quick-discharge")
    first.choose("treat-and-separate")
    assert [k for k, tg in first.toggles.items() if tg.value] == ["treat-and-separate"]


def test_nothing_is_drawn_while_nbgrader_grades(root, tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert show(str(tmp_path)) is None  # no assessment.json needed, no widgets, no answers file
    assert not list(tmp_path.iterdir())


def test_a_damaged_answers_file_is_not_fatal(root, tmp_path):
    for f in (root / "exercises" / A).iterdir():
        shutil.copy(f, tmp_path)
    (tmp_path / "answers.json").write_text("{broken")
    view = take.show(tmp_path)
    view.parts[(CASE, "decide")].choose("treat-and-separate")
    assert (
        json.loads((tmp_path / "answers.json").read_text())["cases"][CASE]["decide"]["option"]
        == "treat-and-separate"
    )


def test_the_graded_key_scores_acceptable_alternatives_as_the_case_does(root, girl):
    """The key printed into the notebook keeps each signal's acceptable alternative indicators
    and the case's acceptable secondary forms: a right answer is right in a test too."""
    for case in (assessment_cases(root)[1][CASE], girl):
        key = json.loads(json.dumps(answer_key(case)))
        marks = [
            {"stage": s.stage, "sentence": s.index, "indicators": [other]}
            for e in case["evidence"]
            for other in e.get("also", [])
            for s in sentences(case, "en")
            if e["id"] in covered_items(case, "en", s)
        ]
        assert marks, case["id"]
        for mark in marks:
            answer = {"lang": "en", "marks": [mark]}
            assert score_question(key, "spot", answer) == score_question(case, "spot", answer), mark
        forms = {"forms": [*case["forms"], *case.get("also_forms", [])], "palermo": [], "rule": None}
        assert score_question(key, "assess", forms) == score_question(case, "assess", forms)
