"""Participant-facing exercise widgets, each built from a case and saving at every click."""

from safekit.exercises.assess import Assess, assess_result
from safekit.exercises.base import Exercise
from safekit.exercises.decide import Decide, decide_result
from safekit.exercises.future import Future, future_result
from safekit.exercises.referral import Referral, referral_result
from safekit.exercises.reflect import Reflect
from safekit.exercises.spot import Spot, spot_result
from safekit.exercises.worksheet import Worksheet

EXERCISES = {
    "spot": Spot,
    "assess": Assess,
    "decide": Decide,
    "future": Future,
    "referral": Referral,
    "worksheet": Worksheet,
    "reflect": Reflect,
}


def exercises_for(case: dict) -> list[str]:
    """The exercises a case offers, in order."""
    order = ["spot", "assess", "decide"]
    if case["questions"].get("risk_factors") or case["questions"].get("plan_items"):
        order.append("future")
    if case.get("person", {}).get("return_country"):  # a referral with the social map
        order.append("referral")
    if case.get("module") == "safe-future":  # worksheets: after future (and referral), before reflect
        order.append("worksheet")
    return [*order, "reflect"]


__all__ = [
    "EXERCISES",
    "Assess",
    "Decide",
    "Exercise",
    "Future",
    "Referral",
    "Reflect",
    "Spot",
    "Worksheet",
    "assess_result",
    "decide_result",
    "exercises_for",
    "future_result",
    "referral_result",
    "spot_result",
]
