"""How the exercise kinds read a case's fields: the elements of the definition by name, the
optional steps to order, and risk factors and plan items as choices."""

from __future__ import annotations

import pytest

from safekit.core.i18n import translate
from safekit.core.vocab import FACTOR_KINDS, PALERMO
from safekit.exercises import Future, kind
from safekit.exercises.assess import claim
from safekit.exercises.order import order_question, right_order
from safekit.exercises.registry import context_for


def test_each_element_of_the_definition_is_read_by_its_name(girl):
    for element in PALERMO:
        assert claim(girl["palermo"], element) is girl["palermo"][element]
    with pytest.raises(KeyError):
        claim(girl["palermo"], "victim")


def test_a_case_without_steps_to_order_says_so(girl, kim):
    assert kim["questions"]["order"] is None
    assert not kind("order").applies(kim)
    with pytest.raises(ValueError, match="ana-permit-ends"):
        right_order(kim)
    assert order_question(girl) is girl["questions"]["order"]


def test_factors_show_their_kind_and_plan_items_their_area(bundle, kim):
    ex = Future(kim, bundle.catalogue, "nl")
    factors, items = kim["questions"]["risk_factors"], kim["questions"]["plan_items"]
    assert list(ex.factor_toggles) == [
        f["id"]
        for level in ("individual", "family", "community", "structural")
        for f in factors
        if f["level"] == level
    ]
    for f in factors:
        tg = ex.factor_toggles[f["id"]]
        assert f"sk-{f['kind']}" in tg._dom_classes
        assert tg.tooltip.startswith(translate(FACTOR_KINDS[f["kind"]], "nl") + ": ")
    assert list(ex.plan_toggles) == [
        p["id"] for area in ("economic", "social", "psychosocial") for p in items if p["area"] == area
    ]
    for p in items:
        tg = ex.plan_toggles[p["id"]]
        assert not {"sk-risk", "sk-protective"} & set(tg._dom_classes)


def test_the_room_marks_present_factors_and_appropriate_items_right(bundle, kim):
    room = kind("future").room
    assert room is not None
    answers = [{"factors": [f["id"] for f in kim["questions"]["risk_factors"]], "plan": []}] * 3
    factors, plan = room(kim, answers, "en", context_for(bundle))
    assert [b["correct"] for b in factors["bars"]] == [f["present"] for f in kim["questions"]["risk_factors"]]
    assert [b["count"] for b in factors["bars"]] == [3] * len(kim["questions"]["risk_factors"])
    assert [b["correct"] for b in plan["bars"]] == [p["appropriate"] for p in kim["questions"]["plan_items"]]
    assert {b["count"] for b in plan["bars"]} == {0}
