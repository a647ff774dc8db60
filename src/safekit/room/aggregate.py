"""Aggregate a session's answers per exercise for the room view.

Counts and percentages only, never pseudonyms; an exercise is shown only once at least
``MIN_GROUP`` participants answered it (smaller groups could be identified) and only after the
trainer reveals it. Each kind draws its own aggregate as generic groups of bars
(``safekit.exercises.kind``); personal kinds (the worksheets) are counted, never aggregated;
texts of a sharing kind (reflections) appear only after the trainer approves them, and each
carries a warning when the anonymisation check finds a detail in it that could identify someone.
"""

from __future__ import annotations

from typing import Any

from safekit.authoring.cases.anonymise import labels
from safekit.core.i18n import translate as t
from safekit.core.text import loc, opaque_id
from safekit.exercises.registry import context_for, exercises_for, kind

MIN_GROUP = 3


def answered(name: str, payload: dict) -> bool:
    """Whether an answer to the exercise kind ``name`` counts as answered (unknown kinds: no)."""
    try:
        return kind(name).answered(payload)
    except KeyError:
        return False


def _mode(k) -> str:
    """How the trainer page shows an exercise: bars, a count only, or approved texts."""
    if k.personal:
        return "personal"
    if k.shares_text:
        return "shared"
    return "bars"


def room_state(
    bundle, session_id: str, participants: list, answers: list, revealed: set, approvals: dict, lang: str
) -> dict[str, Any]:
    """Everything the room view shows. ``answers``: (token, case, exercise, payload, at)."""
    by_exercise: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for token, case_id, name, payload, _at in answers:
        if case_id in bundle.cases and answered(name, payload):
            by_exercise.setdefault((case_id, name), []).append((token, payload))
    context = context_for(bundle)
    exercises = []
    for module in bundle.modules():
        for case_id in module["cases"]:
            case = bundle.cases[case_id]
            for name in exercises_for(case):
                k = kind(name)
                rows = by_exercise.get((case_id, name), [])
                shown = (case_id, name) in revealed
                enough = len(rows) >= MIN_GROUP
                item = {
                    "case": case_id,
                    "exercise": name,
                    "title": t(k.title, lang),
                    "mode": _mode(k),
                    "case_title": loc(case["title"], lang),
                    "module": module["id"],
                    "answered": len(rows),
                    "revealed": shown,
                    "personal": k.personal,
                    "enough": enough,
                    "data": None,
                }
                if shown and enough and not k.personal and k.room is not None:
                    item["data"] = k.room(case, [p for _t, p in rows], lang, context)
                if k.shares_text:
                    item["shared"] = [
                        {
                            "key": opaque_id(tok),
                            "text": p["text"],
                            "approved": approvals.get((tok, case_id)) == p["text"],
                            "warning": ", ".join(t(label, lang) for label in labels(p["text"])),
                        }
                        for tok, p in rows
                        if p.get("share") and p.get("text", "").strip()
                    ]
                    item["approved"] = [
                        text
                        for (tok, c), text in approvals.items()
                        if c == case_id
                        and any(tk == tok and p.get("share") and p.get("text") == text for tk, p in rows)
                    ]
                exercises.append(item)
    return {
        "session": session_id,
        "joined": len(participants),
        "min_group": MIN_GROUP,
        "exercises": exercises,
    }


def warm_up() -> None:
    """Build the anonymisation check's word lists now (about half a second), so that the first
    room view that shows a shared reflection does not wait for them."""
    labels("Anna wrote from Kerkstraat 12 on +31 6 12345678.")
