"""The nbgrader source notebook of an assessment, generated from its cases.

Two kinds of content come out of a case: what the participant may see (the story, the choices:
``participant_view``, written as ``assessment.json`` beside the notebook and released) and the
answer key (``answer_key``), which lives only in the hidden tests of the grade cells. nbgrader
strips hidden tests from the release and puts them back at autograde, so the key never reaches
``exercises/`` or a participant's kernel.
"""

from __future__ import annotations

import json
from typing import Any

import nbformat

from safekit.core.i18n import N_, translate
from safekit.grading.score import DATA_FILE, QUESTIONS, question_max

__all__ = ["DATA_FILE", "answer_key", "participant_view", "source_notebook"]
SCHEMA = 3  # nbgrader cell metadata schema


def participant_view(case: dict) -> dict[str, Any]:
    """What the participant sees of a case: no signals, verdicts, points or explanations."""
    first = case["questions"]["decide"][0]
    return {
        "id": case["id"],
        "title": case["title"],
        "delphi_set": case["delphi_set"],
        "stages": [{"id": s["id"], "title": s["title"], "text": s["text"]} for s in case["stages"]],
        "evidence": [],
        "distractors": [],
        "decide": {
            "prompt": first["prompt"],
            "options": [{"id": o["id"], "label": o["label"]} for o in first["options"]],
        },
    }


def answer_key(case: dict) -> dict[str, Any]:
    """The least of a case that scoring needs (it is printed in nbgrader's feedback)."""
    first = case["questions"]["decide"][0]
    return {
        "id": case["id"],
        "title": case["title"],
        "delphi_set": case["delphi_set"],
        "stages": [{"id": s["id"], "text": s["text"]} for s in case["stages"]],
        "evidence": [  # acceptable alternative indicators count in a test as they do in practice
            {k: e[k] for k in ("id", "stage", "passage", "indicator", "points", "also") if k in e}
            for e in case["evidence"]
        ],
        "distractors": [{k: d[k] for k in ("id", "stage", "passage")} for d in case.get("distractors", [])],
        "forms": case["forms"],
        "also_forms": case.get("also_forms", []),
        "palermo": {k: {"evidenced": v["evidenced"]} for k, v in case["palermo"].items()},
        "person": {"age_group": case["person"]["age_group"]},
        "questions": {
            "decide": [
                {
                    "id": first["id"],
                    "options": [
                        {"id": o["id"], "verdict": o["verdict"], "points": o["points"]}
                        for o in first["options"]
                    ],
                }
            ]
        },
    }


def _meta(grade_id: str, *, grade: bool = False, points: float = 0) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": True, "schema_version": SCHEMA, "solution": False}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


INTRO = N_(
    "Read each case and answer the questions: mark the passages that show signals of trafficking "
    "and name each signal, assess the case, and choose the first step you would take. "
    "Your answers are saved as you give them. You get no feedback now: your trainer grades "
    "the assessment after you submit it."
)


def source_notebook(assessment: dict, cases: list[dict]) -> nbformat.NotebookNode:
    """The source (solution) notebook: locked text, the app cell, one grade cell per question."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "safekit": {"assessment": assessment["id"]},
    }
    title = assessment["title"]
    intro = "\n\n".join(f"**{lang}** · {translate(INTRO, lang)}" for lang in title)
    heading = " / ".join(title.values())
    cells = [
        nbformat.v4.new_markdown_cell(f"# {heading}\n\n{intro}", id="intro", metadata=_meta("intro")),
        nbformat.v4.new_code_cell(
            "from safekit.grading import show\n\nshow()", id="app", metadata=_meta("app")
        ),
    ]
    for case in cases:
        key = answer_key(case)
        for question in QUESTIONS:
            grade_id = f"{case['id']}-{question}"
            source = (
                "# Graded after you submit.\n"
                "### BEGIN HIDDEN TESTS\n"
                "from safekit.grading.score import grade\n\n"
                f"grade({_literal(key)}, {question!r})\n"
                "### END HIDDEN TESTS"
            )
            points = question_max(key, question)
            cells.append(
                nbformat.v4.new_code_cell(
                    source, id=grade_id, metadata=_meta(grade_id, grade=True, points=points)
                )
            )
    nb.cells = cells
    return nb


def _literal(key: dict) -> str:
    return repr(json.dumps(key, ensure_ascii=False, sort_keys=True))
