"""The decision rule against hand-worked examples, one row per clause and per trap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safekit.authoring.catalogue import load_catalogue
from safekit.core.rule import dimension_clause, evaluate

CAT = load_catalogue()

# (strong, medium, weak) -> clause, worked out by hand from the rule's four combinations.
DIMENSION_TABLE = [
    ((0, 0, 0), None),
    ((1, 0, 0), None),  # one strong alone is not enough
    ((0, 2, 0), None),  # two medium alone are not enough
    ((0, 0, 5), None),  # weak indicators only top up
    ((0, 1, 3), None),
    ((2, 0, 0), "two_strong"),
    ((3, 1, 0), "two_strong"),
    ((1, 1, 0), "strong_plus"),
    ((1, 0, 1), "strong_plus"),
    ((0, 3, 0), "three_medium"),
    ((0, 2, 1), "two_medium_weak"),
    ((0, 2, 4), "two_medium_weak"),
]


@pytest.mark.parametrize(("counts", "clause"), DIMENSION_TABLE)
def test_dimension_clause(counts, clause):
    assert dimension_clause(*counts) == clause


@given(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6))
def test_dimension_rule_is_monotone(s, m, w):
    """Adding an indicator never turns a positive dimension negative."""
    if dimension_clause(s, m, w):
        assert (
            dimension_clause(s + 1, m, w) and dimension_clause(s, m + 1, w) and dimension_clause(s, m, w + 1)
        )


# Selections worked out by hand with the adult-labour (A-L) and child-labour (C-L) weights.
DR_S = "dr_nature_job_location_employer"  # S in both
DR_M = "dr_wages_earnings"  # M
CR_DEBT = "cr_debt_bondage"  # A-L M, C-L S
EX_S = "ex_excessive_days_hours"  # S
EX_M = "ex_low_or_no_salary"  # M
EX_M2 = "ex_bad_living_conditions"  # M
EX_W = "ex_no_access_education"  # A-L W, C-L M
CD_S = "cd_confiscation_documents"  # S
CD_S2 = "cd_isolation_confinement_surveillance"  # S
CD_M = "cd_withholding_wages"  # M
AD_M = "ad_dependency_on_exploiters"  # M
AD_W = "ad_personal_characteristics"  # A-L W, C-L M

CASES = [
    # id, selection, set, indicative, positive dimensions
    (
        "adult: all three parts",
        [DR_S, DR_M, EX_S, EX_M, CD_S, CD_M],
        "adult-labour",
        True,
        {"deceptive_recruitment", "exploitation", "coercion_at_destination"},
    ),
    (
        "adult: destination means missing",
        [DR_S, DR_M, EX_S, EX_M],
        "adult-labour",
        False,
        {"deceptive_recruitment", "exploitation"},
    ),
    (
        "adult: one strong alone at destination is not enough",
        [DR_S, DR_M, EX_S, EX_M, CD_S],
        "adult-labour",
        False,
        {"deceptive_recruitment", "exploitation"},
    ),
    (
        "adult: exploitation missing (exploited migrant without exploitation dimension)",
        [DR_S, DR_M, CD_S, CD_S2],
        "adult-labour",
        False,
        {"deceptive_recruitment", "coercion_at_destination"},
    ),
    (
        "adult: recruitment missing",
        [EX_S, EX_M, CD_S, CD_S2],
        "adult-labour",
        False,
        {"exploitation", "coercion_at_destination"},
    ),
    (
        "adult: exploitation by three medium, means by two medium + weak",
        [DR_S, DR_M, EX_M, EX_M2, "ex_hazardous_work", AD_M, "ad_economic_reasons", AD_W],
        "adult-labour",
        True,
        {"deceptive_recruitment", "exploitation", "abuse_of_vulnerability_at_destination"},
    ),
    (
        "adult: two medium exploitation alone not enough",
        [DR_S, DR_M, EX_M, EX_M2, CD_S, CD_M],
        "adult-labour",
        False,
        {"deceptive_recruitment", "coercion_at_destination"},
    ),
    (
        "adult: weak tops up two medium",
        [DR_S, DR_M, EX_M, EX_M2, EX_W, CD_S, CD_M],
        "adult-labour",
        True,
        {"deceptive_recruitment", "exploitation", "coercion_at_destination"},
    ),
    (
        "child: recruitment + exploitation are enough, no means",
        [DR_S, DR_M, EX_S, EX_M],
        "child-labour",
        True,
        {"deceptive_recruitment", "exploitation"},
    ),
    (
        "child: same weak indicator counts medium for children",
        [DR_S, DR_M, EX_M, EX_M2, EX_W],
        "child-labour",
        True,
        {"deceptive_recruitment", "exploitation"},
    ),
    (
        "child: exploitation missing",
        [DR_S, DR_M, CD_S, CD_S2],
        "child-labour",
        False,
        {"deceptive_recruitment", "coercion_at_destination"},
    ),
    (
        "child: debt bondage strong at recruitment for children",
        [CR_DEBT, "cr_withholding_money", EX_S, EX_M],
        "child-labour",
        True,
        {"coercive_recruitment", "exploitation"},
    ),
    (
        "adult: debt bondage only medium at recruitment for adults",
        [CR_DEBT, "cr_withholding_money", EX_S, EX_M, CD_S, CD_M],
        "adult-labour",
        False,
        {"exploitation", "coercion_at_destination"},
    ),
    (
        "adult sexual: excessive hours no longer strong",
        [DR_S, DR_M, EX_S, EX_M, CD_S, CD_M],
        "adult-sexual",
        False,
        {"deceptive_recruitment", "coercion_at_destination"},
    ),
]


@pytest.mark.parametrize(
    ("name", "selection", "set_id", "indicative", "positive"), CASES, ids=[c[0] for c in CASES]
)
def test_rule_table(name, selection, set_id, indicative, positive):
    result = evaluate(selection, set_id, CAT)
    assert result.indicative is indicative
    assert set(result.positive_dimensions) == positive


def test_explanation_names_dimensions_indicators_and_caveat():
    result = evaluate([DR_S, DR_M, EX_S, EX_M, CD_S], "adult-labour", CAT)
    text = "\n".join(result.explain("en", CAT))
    cat = load_catalogue()
    assert cat.label(DR_S, "en") in text
    assert "one strong indicator alone" in text
    assert "not met yet" in text and "means" in text
    assert "Teaching aid, not a legal test" in text
    nl = "\n".join(result.explain("nl", CAT))
    assert cat.label(DR_S, "nl") in nl
    assert nl != text


def test_indicator_not_in_set_is_reported_not_counted():
    result = evaluate(["ex_no_social_protection", EX_M, "ex_hazardous_work"], "child-labour", CAT)
    assert result.not_in_set == ("ex_no_social_protection",)
    assert not result.dimensions["exploitation"].positive


def test_disputed_weight_and_incomplete_set_are_flagged():
    assert evaluate(["ar_difficulties_in_past"], "adult-labour", CAT).disputed == ("ar_difficulties_in_past",)
    assert evaluate([], "adult-sexual", CAT).incomplete_set
    assert not evaluate([], "adult-labour", CAT).incomplete_set


def test_unknown_ids_raise():
    with pytest.raises(KeyError):
        evaluate(["xx_nothing"], "adult-labour", CAT)
    with pytest.raises(KeyError):
        evaluate([], "elderly-labour", CAT)


def test_duplicates_count_once():
    assert not evaluate([CD_S, CD_S], "adult-labour", CAT).dimensions["coercion_at_destination"].positive
