"""Participant-facing exercise widgets, each built from a case and saving at every click."""

from safekit.exercises.assess import Assess, assess_result
from safekit.exercises.base import Exercise
from safekit.exercises.decide import Decide, decide_result
from safekit.exercises.future import Future, future_result
from safekit.exercises.reflect import Reflect
from safekit.exercises.spot import Spot, spot_result

EXERCISES = {"spot": Spot, "assess": Assess, "decide": Decide, "future": Future, "reflect": Reflect}


def exercises_for(case: dict) -> list[str]:
    """The exercises a case offers, in order."""
    order = ["spot", "assess", "decide"]
    if case["questions"].get("risk_factors") or case["questions"].get("plan_items"):
        order.append("future")
    return [*order, "reflect"]


__all__ = [
    "EXERCISES",
    "Assess",
    "Decide",
    "Exercise",
    "Future",
    "Reflect",
    "Spot",
    "assess_result",
    "decide_result",
    "exercises_for",
    "future_result",
    "spot_result",
]
