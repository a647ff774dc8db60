"""The packaged catalogue matches the reference and is labelled in every language."""

from __future__ import annotations

import pytest

from safekit.authoring.catalogue import label_languages, labels, load_catalogue
from safekit.core.i18n import available_languages
from safekit.core.rule import evaluate


def test_counts_match_the_reference():
    cat = load_catalogue()
    assert len(cat.dimensions) == 6
    assert sum("adult-labour" in i.weights for i in cat.indicators.values()) == 67
    assert sum("child-labour" in i.weights for i in cat.indicators.values()) == 65
    assert len(cat.forced_labour) == 11
    # the child labour set has no weak tier
    assert "W" not in {i.weights.get("child-labour") for i in cat.indicators.values()}


def test_weights_examples_from_the_reference():
    cat = load_catalogue()
    assert cat.weight("adult-labour", "cr_confiscation_documents") == "M"
    assert cat.weight("adult-labour", "cd_confiscation_documents") == "S"
    assert cat.weight("child-labour", "dr_education_opportunities") == "S"
    assert cat.weight("adult-labour", "dr_education_opportunities") == "W"
    assert cat.weight("child-labour", "ar_false_info_law_authorities") is None
    assert cat.weight("adult-sexual", "cd_forced_tasks_or_clients") == "S"
    assert cat.weight("child-sexual", "ex_hazardous_work") == "S"
    assert cat.indicators["ar_difficulty_organising_travel"].disputed == {
        "adult-labour": "W",
        "adult-sexual": "W",
    }
    assert not cat.sets["adult-sexual"].complete


def test_a_set_that_reuses_a_disputed_weight_keeps_the_doubt():
    """The adult sexual set takes the adult labour weights over, and with them the note that
    sources disagree: a verdict that rests on such a weight says so."""
    cat = load_catalogue()
    for ind in ("ar_difficulties_in_past", "ar_difficulty_organising_travel"):
        assert cat.weight("adult-sexual", ind) == cat.weight("adult-labour", ind)
        assert "adult-sexual" in cat.indicators[ind].disputed
        assert evaluate([ind], "adult-sexual", cat).disputed == (ind,)


def test_every_indicator_prefix_matches_its_dimension():
    cat = load_catalogue()
    for ind in cat.indicators.values():
        assert ind.id.split("_")[0] == cat.dimensions[ind.dimension].prefix


@pytest.mark.parametrize("lang", available_languages())
def test_labels_complete_and_unique(lang):
    cat = load_catalogue()
    lab = labels(lang)
    ids = [*cat.dimensions, *cat.indicators, *cat.forced_labour, *cat.sets]
    missing = [i for i in ids if not lab.get(i, {}).get("label")]
    assert not missing, f"{lang}: no label for {missing}"
    names = [lab[i]["label"].lower() for i in ids]
    assert len(names) == len(set(names))
    assert all(lab[i].get("description") for i in [*cat.dimensions, *cat.indicators, *cat.forced_labour])


def test_label_files_cover_the_course_languages():
    assert set(available_languages()) <= set(label_languages())
