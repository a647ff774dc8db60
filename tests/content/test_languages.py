"""Five languages everywhere: every case, label, worksheet, questionnaire and interface string
exists in each language the course declares; each glossary's terms are the ones the texts use;
each country's referral route loads in every language with organisations from the social map."""

from __future__ import annotations

import re

import pytest

from safekit.authoring import glossary
from safekit.authoring.catalogue import labels, load_catalogue
from safekit.authoring.compile import build_bundle
from safekit.authoring.countries import check_routes, countries_dir, route_record
from safekit.authoring.messages import missing_translations
from safekit.authoring.socialmap.store import load_directory
from safekit.authoring.syllabus import load_syllabus
from safekit.core.text import esc
from safekit.core.vocab import SESSION_COUNTRIES
from safekit.exercises.whatnext import what_next
from tests.conftest import ROOT

LANGUAGES = ("en", "nl", "hu", "bg", "mk")


@pytest.fixture(scope="module")
def bundle():
    return build_bundle(ROOT)


def test_the_course_speaks_all_five_languages():
    assert tuple(load_syllabus(ROOT).languages) == LANGUAGES


def test_every_interface_string_and_label_in_every_language():
    missing = missing_translations()
    assert {lang: ids for lang, ids in missing.items() if ids} == {}
    cat = load_catalogue()
    for lang in LANGUAGES:
        have = labels(lang)
        assert set(cat.indicators) | set(cat.dimensions) <= set(have), lang


def _texts(node):
    """Every text-per-language mapping in a bundle part."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(v, str) for v in node.values()) and set(node) <= set(LANGUAGES):
            yield node
            return
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def test_every_case_worksheet_and_questionnaire_in_every_language(bundle):
    for part in ("cases", "worksheets", "surveys", "syllabus"):
        texts = list(_texts(bundle[part]))
        assert len(texts) > (5 if part == "syllabus" else 20), part
        short = [
            t["en"][:60] for t in texts if set(t) != set(LANGUAGES) or not all(v.strip() for v in t.values())
        ]
        assert short == [], part


@pytest.mark.parametrize("lang", ["nl", "hu", "bg", "mk"])
def test_each_glossary_term_is_the_one_the_texts_use(lang):
    terms = glossary.load_terms(lang)
    assert len(terms) >= 10, lang
    text = " ".join(line for _path, lines in glossary.sources(lang, ROOT) for _n, line in lines).casefold()
    unused = []
    for term in terms:
        # the term's stem (Hungarian and the Slavic languages inflect): its words' first letters
        stems = [w[: max(4, len(w) - 3)] for w in re.findall(r"\w+", term.casefold())]
        if not all(stem in text for stem in stems):
            unused.append(term)
    assert unused == [], lang


def test_every_country_route_loads_in_every_language():
    organisations = {o.id for o in load_directory(None)}
    assert check_routes(None, LANGUAGES, organisations) == []
    assert sorted(p.stem for p in countries_dir().glob("*.yaml")) == sorted(SESSION_COUNTRIES)


@pytest.mark.parametrize("country", sorted(SESSION_COUNTRIES))
def test_what_next_names_the_route_its_sources_and_organisations(country, bundle):
    route = route_record(ROOT, country, LANGUAGES, bundle["socialmap"])
    for lang in LANGUAGES:
        shown = what_next(route, lang)
        assert esc(route["title"][lang]) in shown
        assert all(esc(step["source"]) in shown for step in route["steps"])
        assert all(esc(org["name"]) in shown for org in route["organisations"])
    assert what_next(None, "en") == ""


def test_the_social_maps_country_names_in_every_language():
    from safekit.core.socialmap_vocab import countries, country_name

    names = countries()
    assert len(names) > 200
    assert [
        code for code, by_lang in names.items() if set(LANGUAGES) - {k for k, v in by_lang.items() if v}
    ] == []
    assert country_name("MK", "mk") == "Северна Македонија" and country_name("HU", "hu") == "Magyarország"


def test_dates_and_percentages_as_each_language_writes_them():
    from safekit.documents.sheets import moment, percent

    assert [percent(56, lang) for lang in ("en", "nl", "hu", "bg")] == ["56%"] * 4
    assert percent(56, "mk") == "56\xa0%"  # Macedonian puts a space before the sign
    at = 1796300000  # a moment in December 2026
    assert "2026. 12." in moment(at, "hu") and "г." in moment(at, "bg") and "-12-2026" in moment(at, "nl")
