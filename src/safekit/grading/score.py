"""Scoring an assessment from its answers file: what the hidden tests of a grade cell call, and
the per-signal detail behind the trainer's table.

Grade cells run in nbgrader's kernel without a browser, so the answers live in a small JSON file
beside the notebook, never in widget state. A missing or unreadable file scores zero with a note
on standard output (never an error: nbgrader would turn an error into zero without saying why).

Scoring, per case of the assessment, is each graded exercise kind's own (``Kind.grade`` in
``safekit.exercises``; today spot, assess and decide): one grade cell per case and kind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from safekit.authoring.catalogue import load_catalogue
from safekit.exercises.registry import graded
from safekit.exercises.spot import grade_points as spot_points

ANSWERS_FILE = "answers.json"
DATA_FILE = "assessment.json"  # the participant's view of the assessment, beside the notebook


def _graded() -> dict[str, Any]:
    return {k.name: k.grade for k in graded()}


QUESTIONS = tuple(_graded())  # the graded kinds, in teaching order


class AnswersError(ValueError):
    """The answers file is missing or cannot be read."""


def read_answers(path: Path | str = ANSWERS_FILE) -> dict[str, Any]:
    path = Path(path)
    if not path.is_file():
        raise AnswersError(f"no answers file ({path.name}): nothing was answered")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnswersError(f"the answers file {path.name} cannot be read ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("cases", {}), dict):
        raise AnswersError(f"the answers file {path.name} does not hold answers per case")
    return data


def question_max(case: dict, question: str) -> int:
    """The most a question can earn (the grade cell's points)."""
    return score_question(case, question, {})["max"]


def score_question(case: dict, question: str, answer: dict, catalogue=None) -> dict[str, Any]:
    grade_of = _graded().get(question)
    if grade_of is None:
        raise ValueError(f"unknown question {question!r}")
    return grade_of(case, answer, catalogue or load_catalogue())


def grade(case_json: str, question: str, path: Path | str = ANSWERS_FILE) -> float:
    """The score of one grade cell: the hidden tests call this, its value is the partial credit."""
    case = json.loads(case_json)
    try:
        answers = read_answers(path)
    except AnswersError as exc:
        print(f"Scored 0: {exc}.")
        return 0.0
    answer = answers.get("cases", {}).get(case["id"], {}).get(question)
    if not isinstance(answer, dict):
        print(f"Scored 0: no answer to '{question}' for case '{case['id']}'.")
        return 0.0
    try:
        return float(score_question(case, question, answer)["points"])
    except (KeyError, TypeError, ValueError) as exc:  # a damaged answer scores zero, it does not crash
        print(f"Scored 0: the answer to '{question}' cannot be read ({exc}).")
        return 0.0


def signals(cases: dict[str, dict], answers: dict[str, Any]) -> dict[str, int]:
    """``case:signal:indicator`` -> 1 if found, for the trainer's table (the grade cells' scoring;
    the points per question come from nbgrader's gradebook)."""
    catalogue = load_catalogue()
    row: dict[str, int] = {}
    for case_id, case in cases.items():
        answer = answers.get("cases", {}).get(case_id, {}).get("spot")
        try:
            found = spot_points(case, answer if isinstance(answer, dict) else {}, catalogue)["signals"]
        except (KeyError, TypeError, ValueError):  # a damaged answer finds nothing
            found = spot_points(case, {}, catalogue)["signals"]
        row.update({f"{case_id}:signal:{indicator}": n for indicator, n in found.items()})
    return row
