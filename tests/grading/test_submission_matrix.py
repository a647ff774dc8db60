"""The submission matrix, graded by the real nbgrader through ``safekit grade``.

Expected scores per grade cell (spot, assess, decide) of the bundled assessment, by behaviour.
The case has 18 signals, three strong ones worth 2 points (21 in all), and 2 distractors in sentences
without a signal; assess is worth 5 (one form, three Palermo elements, the rule); the best first step
3, the partly-good 1.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from click.testing import CliRunner

from safekit.cli import main
from safekit.grading.build import assessment_cases, nbgrader
from safekit.grading.grade import GRADEBOOK, prepare
from safekit.grading.report import gradebook_scores
from tests.support.matrix import BEHAVIOURS, answers_file, strongest

pytestmark = pytest.mark.slow

A = "early-identification-check"
CASE = "injured-builder-emergency-room"
EXPECTED = {  # student: (spot, assess, decide)
    "solution": (21, 5, 3),
    "solution-in-dutch": (21, 5, 3),
    "blank": (0, 0, 0),
    "partial": (11, 1, 1),  # 10 signals (one strong), two in one sentence; the form; the partly-good step
    "missed-strongest-signal": (19, 5, 3),
    "over-reading": (19, 5, 3),  # both distractor passages marked: 1 point off each
    "neutral-marks": (21, 5, 3),  # every neutral sentence marked as well: no point off
    "unsafe-first-step": (21, 5, 0),
    "tampered-grade-cells": (0, 0, 0),  # blank answers, grade cells rewritten to print full marks
    "missing-answers": (0, 0, 0),
    "corrupt-answers": (0, 0, 0),
}


def _submit(course: Path, root: Path, student: str, answers: str | None, tamper: bool = False) -> None:
    folder = course / "submitted" / student / A
    folder.mkdir(parents=True)
    nb = nbformat.read(str(root / "exercises" / A / f"{A}.ipynb"), as_version=4)
    if tamper:
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                cell.source = str(cell.metadata["nbgrader"]["points"])
    nbformat.write(nb, str(folder / f"{A}.ipynb"))
    if answers is not None:
        (folder / "answers.json").write_text(answers, encoding="utf-8")
    (folder / "participant.json").write_text(json.dumps({"pseudonym": f"P {student}"}))
    (folder / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")


@pytest.fixture(scope="module")
def graded(tmp_path_factory, request):
    root = Path(request.config.rootpath)
    _assessments, cases = assessment_cases(root)
    case = cases[CASE]
    course = tmp_path_factory.mktemp("course")
    prepare(course, root, A)
    for behaviour in BEHAVIOURS:
        _submit(course, root, behaviour, json.dumps(answers_file(A, [case], behaviour)))
    _submit(course, root, "solution-in-dutch", json.dumps(answers_file(A, [case], "solution", "nl")))
    _submit(course, root, "tampered-grade-cells", json.dumps(answers_file(A, [case], "blank")), tamper=True)
    _submit(course, root, "missing-answers", None)
    _submit(course, root, "corrupt-answers", '{"cases": {"injured-builder')
    stock = tmp_path_factory.mktemp("stock")
    shutil.copytree(course, stock, dirs_exist_ok=True)

    mp = pytest.MonkeyPatch()
    mp.setenv("SAFEKIT_PROJECT", str(root))
    try:
        result = CliRunner().invoke(main, ["grade", A, "--course-dir", str(course), "--certificates"])
    finally:
        mp.undo()
    return {"course": course, "stock": stock, "result": result, "case": case, "root": root}


def test_grade_runs_and_reports(graded):
    result = graded["result"]
    assert result.exit_code == 0, result.output
    assert f"Graded {len(EXPECTED)} submissions in" in result.output
    assert "Signals most often missed" in result.output


def test_every_behaviour_gets_its_expected_score(graded):
    from nbgrader.api import Gradebook

    course = graded["course"]
    with Gradebook(f"sqlite:///{course / GRADEBOOK}") as gb:
        for student, (spot, assess, decide) in EXPECTED.items():
            nb = gb.find_submission_notebook(A, A, student)
            got = {g.name.rsplit("-", 1)[1]: g.score for g in nb.grades}
            assert got == {"spot": spot, "assess": assess, "decide": decide}, student


def test_parallel_grading_matches_stock_nbgrader(graded):
    stock = graded["stock"]
    done = nbgrader("autograde", A, cwd=stock, db=stock / GRADEBOOK)
    assert done.returncode == 0, done.stderr[-2000:]
    assert gradebook_scores(stock, A) == gradebook_scores(graded["course"], A)


def test_scores_table_has_a_column_per_question_and_signal(graded):
    df = pd.read_csv(graded["course"] / "reports" / f"{A}-scores.csv").set_index("student")
    case = graded["case"]
    signals = [f"{CASE}:signal:{e['indicator']}" for e in case["evidence"]]
    assert {f"{CASE}:spot", f"{CASE}:assess", f"{CASE}:decide", *signals} <= set(df.columns)
    assert "token" not in " ".join(df.columns).lower()
    assert df.loc["solution", signals].tolist() == [1] * len(signals)
    assert df.loc["blank", signals].tolist() == [0] * len(signals)
    weakest_gap = f"{CASE}:signal:" + next(
        e["indicator"] for e in case["evidence"] if e["id"] == strongest(case)
    )
    assert df.loc["missed-strongest-signal", weakest_gap] == 0
    assert df.loc["missed-strongest-signal", signals].sum() == len(signals) - 1
    assert df.loc["solution", "total"] == 29 and df.loc["solution", "percent"] == 100
    assert df.loc["partial", "total"] == 13
    assert df.loc["solution", "pseudonym"] == "P solution"


def test_missing_or_corrupt_answers_score_zero_with_a_note(graded):
    df = pd.read_csv(graded["course"] / "reports" / f"{A}-scores.csv").set_index("student")
    assert "no answers file" in df.loc["missing-answers", "note"]
    assert "cannot be read" in df.loc["corrupt-answers", "note"]
    assert pd.isna(df.loc["solution", "note"])
    graded_nb = graded["course"] / "autograded" / "missing-answers" / A / f"{A}.ipynb"
    outputs = [
        o.get("text", "")
        for c in nbformat.read(str(graded_nb), as_version=4).cells
        for o in c.get("outputs", [])
    ]
    assert any("Scored 0: no answers file" in text for text in outputs)


def test_certificates_only_for_complete_passing_submissions(graded):
    folder = graded["course"] / "reports" / "certificates"
    made = sorted(p.stem for p in folder.glob("*.pdf"))
    assert made == sorted(
        [
            "solution",
            "solution-in-dutch",
            "missed-strongest-signal",
            "over-reading",
            "neutral-marks",
            "unsafe-first-step",
        ]
    )
    html = (folder / "solution.html").read_text()
    assert "P solution" in html and "Certificate of completion" in html


def test_grading_again_replaces_the_submissions(graded):
    from nbgrader.api import Gradebook

    course = graded["course"]
    before = gradebook_scores(course, A)
    mp = pytest.MonkeyPatch()
    mp.setenv("SAFEKIT_PROJECT", str(graded["root"]))
    try:
        result = CliRunner().invoke(main, ["grade", A, "--course-dir", str(course)])
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    assert gradebook_scores(course, A) == before
    with Gradebook(f"sqlite:///{course / GRADEBOOK}") as gb:
        assert sorted(s.student.id for s in gb.find_assignment(A).submissions) == sorted(EXPECTED)


def test_a_submission_that_fails_is_graded_once_more_then_reported(graded, tmp_path):
    from safekit.grading.grade import autograde

    course = graded["course"]
    folder = course / "submitted" / "broken-notebook" / A
    folder.mkdir(parents=True)
    (folder / f"{A}.ipynb").write_text("{ not a notebook", encoding="utf-8")
    reports: list[dict] = []
    try:
        outcome = autograde(course, A, ["broken-notebook"], progress=reports.append)
    finally:
        shutil.rmtree(course / "submitted" / "broken-notebook")
    assert [(r["student"], r["ok"], r.get("again", False)) for r in reports] == [
        ("broken-notebook", False, True),
        ("broken-notebook", False, False),
    ]
    assert list(outcome.failed) == ["broken-notebook"] and outcome.graded == []
    assert (course / "logs" / "grade-again-0.log").is_file()
