"""The bundle's typed shapes and the authoring models describe the same data."""

from __future__ import annotations

import typing

import pytest

from safekit.authoring.cases import model
from safekit.authoring.socialmap.model import Organisation
from safekit.core import shapes

PAIRS = [
    (shapes.Case, model.Case),
    (shapes.Person, model.Person),
    (shapes.Anonymisation, model.Anonymisation),
    (shapes.Stage, model.Stage),
    (shapes.Evidence, model.Evidence),
    (shapes.Distractor, model.Distractor),
    (shapes.Fact, model.Fact),
    (shapes.LintAllowance, model.LintAllowance),
    (shapes.PalermoClaim, model.PalermoClaim),
    (shapes.Palermo, model.Palermo),
    (shapes.Option, model.Option),
    (shapes.DecisionStep, model.DecisionStep),
    (shapes.RiskFactor, model.RiskFactor),
    (shapes.PlanItem, model.PlanItem),
    (shapes.OrderStep, model.OrderStep),
    (shapes.OrderQuestion, model.OrderQuestion),
    (shapes.Questions, model.Questions),
    (shapes.Organisation, Organisation),
]
COMPILED_ONLY = {shapes.Case: {"delphi_set"}}


@pytest.mark.parametrize(("shape", "authoring"), PAIRS, ids=[s.__name__ for s, _ in PAIRS])
def test_a_shape_has_exactly_the_fields_of_its_model(shape, authoring):
    keys = set(typing.get_type_hints(shape)) - COMPILED_ONLY.get(shape, set())
    assert keys == set(authoring.model_fields)


def test_a_compiled_case_has_every_key_of_its_shape(bundle):
    for case in bundle.cases.values():
        assert set(case) == set(typing.get_type_hints(shapes.Case))
        assert set(case["person"]) == set(typing.get_type_hints(shapes.Person))
        assert set(case["questions"]) >= set(typing.get_type_hints(shapes.Questions))
    for org in bundle.socialmap:
        assert set(org) == set(typing.get_type_hints(shapes.Organisation))
