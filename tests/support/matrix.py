"""Answers by behaviour, built from the answer key: the solution, a blank, a partial answer and
each typical mistake. Tests grade them through nbgrader; the grading benchmark grades many of them."""

from __future__ import annotations

from typing import Any

from safekit.exercises.spot import covered_items, item_spans, sentences

BEHAVIOURS = (
    "solution",
    "blank",
    "partial",
    "missed-strongest-signal",
    "over-reading",
    "neutral-marks",
    "unsafe-first-step",
)


def _mark_for(case: dict, item_id: str, lang: str) -> dict | None:
    spans = item_spans(case, lang)
    for s in sentences(case, lang):
        if item_id in covered_items(case, lang, s, spans):
            return {"stage": s.stage, "sentence": s.index, "indicators": []}
    return None


def _spot(case: dict, lang: str, evidence_ids: list[str]) -> dict[str, Any]:
    evidence = {e["id"]: e for e in case["evidence"]}
    marks: dict[tuple, dict] = {}
    for item_id in evidence_ids:
        mark = _mark_for(case, item_id, lang)
        if mark:
            m = marks.setdefault((mark["stage"], mark["sentence"]), mark)
            m["indicators"].append(evidence[item_id]["indicator"])
    return {"lang": lang, "marks": list(marks.values()), "revealed": len(case["stages"]), "checked": True}


def strongest(case: dict) -> str:
    return max(case["evidence"], key=lambda e: e.get("points", 1))["id"]


def answers_for(case: dict, behaviour: str, lang: str = "en") -> dict[str, Any]:
    """One case's answers (spot, assess, decide) showing ``behaviour``."""
    if behaviour == "blank":
        return {}
    all_ids = [e["id"] for e in case["evidence"]]
    options = case["questions"]["decide"][0]["options"]
    best = max(options, key=lambda o: o["points"])
    spot = _spot(case, lang, all_ids)
    assess = {
        "forms": list(case["forms"]),
        "palermo": [k for k, v in case["palermo"].items() if v["evidenced"]],
        "rule": case["person"]["age_group"],
        "checked": True,
    }
    decide = {"option": best["id"]}
    if behaviour == "partial":
        spot = _spot(case, lang, all_ids[: len(all_ids) // 2])
        assess = {"forms": list(case["forms"]), "palermo": [], "rule": None, "checked": True}
        decide = {"option": next(o["id"] for o in options if o["verdict"] == "partly")}
    elif behaviour == "missed-strongest-signal":
        spot = _spot(case, lang, [i for i in all_ids if i != strongest(case)])
    elif behaviour == "over-reading":
        for d in case.get("distractors", []):
            mark = _mark_for(case, d["id"], lang)
            if mark and not any(
                (m["stage"], m["sentence"]) == (mark["stage"], mark["sentence"]) for m in spot["marks"]
            ):
                spot["marks"].append(mark)
    elif (
        behaviour == "neutral-marks"
    ):  # the solution, and every sentence that is neither signal nor distractor
        spans = item_spans(case, lang)
        marked = {(m["stage"], m["sentence"]) for m in spot["marks"]}
        for s in sentences(case, lang):
            if not covered_items(case, lang, s, spans) and (s.stage, s.index) not in marked:
                spot["marks"].append(
                    {"stage": s.stage, "sentence": s.index, "indicators": ["cd_debt_bondage"]}
                )
    elif behaviour == "unsafe-first-step":
        decide = {"option": next(o["id"] for o in options if o["verdict"] == "unsafe")}
    elif behaviour != "solution":
        raise ValueError(f"unknown behaviour {behaviour!r}")
    return {"spot": spot, "assess": assess, "decide": decide}


def answers_file(assessment_id: str, cases: list[dict], behaviour: str, lang: str = "en") -> dict[str, Any]:
    return {
        "assessment": assessment_id,
        "lang": lang,
        "cases": {c["id"]: answers_for(c, behaviour, lang) for c in cases},
    }
