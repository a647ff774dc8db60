"""Participant-facing exercises, one module per kind, each saving at every click; the kinds are
listed once, in ``safekit.exercises.registry``."""

from safekit.exercises.assess import Assess, assess_result
from safekit.exercises.base import Exercise
from safekit.exercises.decide import Decide, decide_result
from safekit.exercises.future import Future, future_result
from safekit.exercises.order import Order, order_result
from safekit.exercises.referral import Referral, referral_result
from safekit.exercises.reflect import Reflect
from safekit.exercises.registry import KINDS, exercises_for, kind
from safekit.exercises.spot import Spot, spot_result
from safekit.exercises.worksheet import Worksheet

__all__ = [
    "KINDS",
    "Assess",
    "Decide",
    "Exercise",
    "Future",
    "Order",
    "Referral",
    "Reflect",
    "Spot",
    "Worksheet",
    "assess_result",
    "decide_result",
    "exercises_for",
    "future_result",
    "kind",
    "order_result",
    "referral_result",
    "spot_result",
]
