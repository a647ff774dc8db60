"""Scoring an assessment from its answers file: what the hidden tests of a grade cell call, and
the per-signal detail behind the trainer's table.

Grade cells run in nbgrader's kernel without a browser, so the answers live in a small JSON file
beside the notebook, never in widget state. A missing or unreadable file scores zero with a note
on standard output (never an error: nbgrader would turn an error into zero without saying why).

Scoring, per case of the assessment:

- ``spot``: each signal found (tagged with the right indicator or one of its dimension) earns
  its points; each passage marked that shows no signal (over-reading) costs one point; never
  below zero.
- ``assess``: the practice exercise's scoring (forms, the three Palermo elements, the rule).
- ``decide``: the points of the first step chosen; an unsafe step earns nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ANSWERS_FILE = "answers.json"
DATA_FILE = "assessment.json"  # the participant's view of the assessment, beside the notebook
QUESTIONS = ("spot", "assess", "decide")
OVER_READ_PENALTY = 1


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


def _catalogue():
    from safekit.authoring.catalogue import load_catalogue

    return load_catalogue()


def spot_points(case: dict, answer: dict, catalogue=None) -> dict[str, Any]:
    from safekit.exercises.spot import spot_result

    marks = [m for m in answer.get("marks", []) if isinstance(m, dict) and "stage" in m and "sentence" in m]
    lang = answer.get("lang") if answer.get("lang") in case["title"] else "en"
    r = spot_result(case, catalogue or _catalogue(), marks, lang)
    found = {i for i, q in r["found"].items() if q in ("exact", "dimension")}
    return {
        "points": max(0, r["points"] - OVER_READ_PENALTY * len(r["over_read"])),
        "max": r["max"],
        "signals": {e["indicator"]: int(e["id"] in found) for e in case["evidence"]},
        "over_read": len(r["over_read"]),
    }


def assess_points(case: dict, answer: dict) -> dict[str, Any]:
    from safekit.exercises.assess import assess_result

    clean = {
        "forms": [f for f in answer.get("forms", []) if isinstance(f, str)],
        "palermo": [p for p in answer.get("palermo", []) if isinstance(p, str)],
        "rule": answer.get("rule"),
    }
    r = assess_result(case, clean)
    return {"points": r["points"], "max": r["max"]}


def decide_points(case: dict, answer: dict) -> dict[str, Any]:
    step = case["questions"]["decide"][0]
    best = max(o["points"] for o in step["options"])
    chosen = next((o for o in step["options"] if o["id"] == answer.get("option")), None)
    points = 0 if chosen is None or chosen["verdict"] == "unsafe" else chosen["points"]
    return {"points": points, "max": best, "unsafe": bool(chosen and chosen["verdict"] == "unsafe")}


def question_max(case: dict, question: str) -> int:
    """The most a question can earn (the grade cell's points)."""
    return score_question(case, question, {})["max"]


def score_question(case: dict, question: str, answer: dict, catalogue=None) -> dict[str, Any]:
    if question == "spot":
        return spot_points(case, answer, catalogue)
    if question == "assess":
        return assess_points(case, answer)
    if question == "decide":
        return decide_points(case, answer)
    raise ValueError(f"unknown question {question!r}")


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
    row: dict[str, int] = {}
    for case_id, case in cases.items():
        answer = answers.get("cases", {}).get(case_id, {}).get("spot")
        try:
            found = spot_points(case, answer if isinstance(answer, dict) else {})["signals"]
        except (KeyError, TypeError, ValueError):  # a damaged answer finds nothing
            found = spot_points(case, {})["signals"]
        row.update({f"{case_id}:signal:{indicator}": n for indicator, n in found.items()})
    return row
