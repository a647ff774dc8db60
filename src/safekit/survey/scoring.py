"""Where questionnaire answers are stored and how knowledge items are scored.

Standard library only: the participant's kernel, the report and the tests share these.
A stored answer (one per participant and form) looks like
``{"answers": {question: value}, "other": {question: text}, "submitted": bool, "lang": "en"}``
where a value is an int 1-5 (likert), an option id (single), a list of option ids (multiple)
or a string (text); ``"other"`` as an option id means the respondent wrote their own answer.
"""

from __future__ import annotations

from typing import Any

from safekit.core.vocab import SURVEY_OTHER

SURVEY_CASE = "_survey"  # no case can have this id: case ids are slugs without underscores
PHASES = ("pre", "post")
OTHER = SURVEY_OTHER
LIKERT_POINTS = (1, 2, 3, 4, 5)


def form_keys(q: dict) -> list[str]:
    """The stored forms of a questionnaire: its id, or ``id-pre`` and ``id-post`` if paired."""
    return [f"{q['id']}-{p}" for p in PHASES] if q.get("paired") else [q["id"]]


def split_key(key: str, surveys: dict[str, dict]) -> tuple[str, str] | None:
    """``knowledge-post`` -> ``("knowledge", "post")``; ``evaluation`` -> ``("evaluation", "")``."""
    if key in surveys and not surveys[key].get("paired"):
        return key, ""
    base, _, phase = key.rpartition("-")
    if phase in PHASES and base in surveys and surveys[base].get("paired"):
        return base, phase
    return None


def submitted(payload: Any) -> bool:
    return isinstance(payload, dict) and bool(payload.get("submitted"))


def is_correct(question: dict, value: Any) -> bool:
    """An item is right when exactly the correct option(s) were chosen; blank is not right."""
    want = set(question.get("correct") or [])
    if not want or value in (None, "", []):
        return False
    got = set(value) if isinstance(value, list) else {value}
    return got == want


def score(q: dict, payload: dict | None) -> dict[str, bool]:
    """Per knowledge item of ``q``: answered right or not."""
    answers = (payload or {}).get("answers", {})
    return {
        item["id"]: is_correct(item, answers.get(item["id"]))
        for item in q["questions"]
        if item.get("correct")
    }
