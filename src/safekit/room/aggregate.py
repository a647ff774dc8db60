"""Aggregate a session's answers per exercise for the room view.

Counts and percentages only, never pseudonyms; an exercise is shown only once at least
``MIN_GROUP`` participants answered it (smaller groups could be identified) and only after the
trainer reveals it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from safekit.core.i18n import translate as t
from safekit.core.text import loc, opaque_id
from safekit.core.vocab import FORMS, PALERMO
from safekit.exercises import exercises_for
from safekit.exercises.assess import RULES
from safekit.exercises.spot import spot_result

MIN_GROUP = 3
# Exercises whose answers are personal notes (the worksheets): the room view counts who worked
# on them and never shows or aggregates their text.
PERSONAL = {"worksheet"}


def answered(kind: str, payload: dict) -> bool:
    if kind == "decide":
        return bool(payload.get("path"))
    if kind == "reflect":
        return bool((payload.get("text") or "").strip())
    return bool(payload.get("checked"))


def _pct(n: int, total: int) -> int:
    return round(100 * n / total) if total else 0


def room_state(
    bundle, session_id: str, participants: list, answers: list, revealed: set, approvals: dict, lang: str
) -> dict[str, Any]:
    """Everything the room view shows. ``answers``: (token, case, exercise, payload, at)."""
    by_exercise: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for token, case_id, kind, payload, _at in answers:
        if case_id in bundle.cases and answered(kind, payload):
            by_exercise.setdefault((case_id, kind), []).append((token, payload))
    exercises = []
    for module in bundle.modules():
        for case_id in module["cases"]:
            case = bundle.cases[case_id]
            for kind in exercises_for(case):
                rows = by_exercise.get((case_id, kind), [])
                shown = (case_id, kind) in revealed
                enough = len(rows) >= MIN_GROUP
                item = {
                    "case": case_id,
                    "exercise": kind,
                    "case_title": loc(case["title"], lang),
                    "module": module["id"],
                    "answered": len(rows),
                    "revealed": shown,
                    "personal": kind in PERSONAL,
                    "enough": enough,
                    "data": None,
                }
                if shown and enough and kind not in PERSONAL:
                    item["data"] = _aggregate(bundle, case, kind, [p for _t, p in rows], lang)
                if kind == "reflect":
                    item["shared"] = [
                        {
                            "key": opaque_id(tok),
                            "text": p["text"],
                            "approved": approvals.get((tok, case_id)) == p["text"],
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


def _aggregate(bundle, case: dict, kind: str, payloads: list[dict], lang: str) -> dict[str, Any]:
    total = len(payloads)
    cat = bundle.catalogue
    if kind == "spot":
        found = Counter()
        over = Counter()
        for p in payloads:
            r = spot_result(case, cat, p.get("marks", []), p.get("lang", lang))
            found.update(r["found"].keys())
            over.update(o["distractor"] for o in r["over_read"] if o["distractor"])
        return {
            "signals": [
                {
                    "label": cat.label(e["indicator"], lang),
                    "passage": loc(e["passage"], lang),
                    "key": bool(e.get("key")),
                    "count": found[e["id"]],
                    "pct": _pct(found[e["id"]], total),
                }
                for e in case["evidence"]
            ],
            "distractors": [
                {
                    "passage": loc(d["passage"], lang),
                    "count": over[d["id"]],
                    "pct": _pct(over[d["id"]], total),
                }
                for d in case.get("distractors", [])
            ],
        }
    if kind == "assess":
        forms = Counter(f for p in payloads for f in p.get("forms", []))
        rules = Counter(p.get("rule") for p in payloads)
        palermo = Counter(x for p in payloads for x in p.get("palermo", []))
        return {
            "forms": [
                {
                    "label": t(label, lang),
                    "count": forms[f],
                    "pct": _pct(forms[f], total),
                    "correct": f in case["forms"],
                }
                for f, label in FORMS.items()
                if forms[f] or f in case["forms"]
            ],
            "rule": [
                {
                    "label": t(label, lang),
                    "count": rules[k],
                    "pct": _pct(rules[k], total),
                    "correct": k == case["person"]["age_group"],
                }
                for k, label in RULES.items()
            ],
            "palermo": [
                {
                    "label": t(label, lang),
                    "count": palermo[k],
                    "pct": _pct(palermo[k], total),
                    "correct": case["palermo"][k]["evidenced"],
                }
                for k, label in PALERMO.items()
            ],
        }
    if kind == "decide":
        steps = []
        for step in case["questions"]["decide"]:
            choices = Counter(
                c["option"] for p in payloads for c in p.get("path", []) if c["step"] == step["id"]
            )
            reached = sum(choices.values())
            steps.append(
                {
                    "prompt": loc(step["prompt"], lang),
                    "reached": reached,
                    "options": [
                        {
                            "label": loc(o["label"], lang),
                            "verdict": o["verdict"],
                            "count": choices[o["id"]],
                            "pct": _pct(choices[o["id"]], reached),
                        }
                        for o in step["options"]
                    ],
                }
            )
        return {"steps": steps}
    if kind == "future":
        q = case["questions"]
        return {
            "factors": _bars(q["risk_factors"], payloads, "factors", "present", lang),
            "plan": _bars(q["plan_items"], payloads, "plan", "appropriate", lang),
        }
    if kind == "referral":
        return _referral(bundle, case, payloads, lang)
    return {}


def _referral(bundle, case: dict, payloads: list[dict], lang: str) -> dict[str, Any]:
    """How many chose each organisation (for any need), and how many covered each need."""
    from safekit.exercises.referral import NEEDS, referral_result
    from safekit.socialmap.directory import in_country, records

    orgs = records()  # installed from the bundle
    total = len(payloads)
    chosen = Counter(i for p in payloads for i in {x for ids in p.get("choices", {}).values() for x in ids})
    covered = Counter(
        n for p in payloads for n, ids in referral_result(case, p, orgs)["covered"].items() if ids
    )
    return {
        "organisations": [
            {"label": o["name"], "count": chosen[o["id"]], "pct": _pct(chosen[o["id"]], total)}
            for o in in_country(case["person"].get("return_country") or "", orgs)
        ],
        "needs": [
            {"label": t(label, lang), "count": covered[need], "pct": _pct(covered[need], total)}
            for need, (label, _code) in NEEDS.items()
        ],
    }


def _bars(items: list[dict], payloads: list[dict], field: str, correct: str, lang: str) -> list[dict]:
    """How many participants chose each item of a multiple choice (``field`` in the answer)."""
    counts = Counter(x for p in payloads for x in p.get(field, []))
    return [
        {
            "label": loc(item["label"], lang),
            "count": counts[item["id"]],
            "pct": _pct(counts[item["id"]], len(payloads)),
            "correct": item[correct],
        }
        for item in items
    ]
