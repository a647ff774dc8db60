"""A participant's submission, laid out the way nbgrader collects it:
``<course>/submitted/<student>/<assessment>/`` with the release notebook, ``answers.json``,
``timestamp.txt`` and the pseudonym (for the trainer's table; never the participant's token)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from safekit.grading.score import ANSWERS_FILE
from safekit.sessions import pseudonym_slug

PARTICIPANT_FILE = "participant.json"


def course_dir(session_folder: Path | str) -> Path:
    return Path(session_folder) / "nbgrader"


def student_id(pseudonym: str, token: str) -> str:
    """A folder-safe id, stable for the participant, that shows the pseudonym and not the token."""
    return f"{pseudonym_slug(pseudonym)}-{hashlib.sha256(token.encode()).hexdigest()[:6]}"


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def submit_answers(course: Path, assessment: dict, participant, answers: dict[str, Any]) -> Path:
    """Write (or replace) the participant's submission; returns its folder."""
    folder = course / "submitted" / student_id(participant.pseudonym, participant.token) / assessment["id"]
    folder.mkdir(parents=True, exist_ok=True)
    notebook = Path(assessment["notebook"])
    shutil.copyfile(notebook, folder / notebook.name)
    _write(folder / ANSWERS_FILE, json.dumps(answers, ensure_ascii=False, indent=1))
    _write(folder / PARTICIPANT_FILE, json.dumps({"pseudonym": participant.pseudonym}, ensure_ascii=False))
    now = dt.datetime.now(dt.UTC)
    _write(folder / "timestamp.txt", now.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    return folder
