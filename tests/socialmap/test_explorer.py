"""The explorer and the map headless: filters agree with the data, cards never hide status or
last-checked date, the map counts what the directory holds."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from safekit.apps.socialmap import Explorer
from safekit.authoring.socialmap.store import load_directory
from safekit.socialmap import svgmap
from safekit.socialmap.cards import card_html
from safekit.testing import texts
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def orgs():
    return [o.record() for o in load_directory(ROOT)]


def names(ex: Explorer) -> list[str]:
    return [
        row.children[0].description.split(" — ")[0]
        for row in ex.results.children
        if getattr(row, "children", None)
    ]


def test_filters_match_the_data(orgs):
    ex = Explorer(orgs, "en")
    assert len(names(ex)) == len(orgs) >= 72
    ex.countries.value = "NL"
    ex.service.value = "RR"
    assert sorted(names(ex)) == sorted(
        o["name"] for o in orgs if o["country"] == "NL" and "RR" in o["services"]
    )
    ex.kind.value = "IO"
    assert names(ex) == ["IOM Netherlands (The Hague)"]
    ex.clear()
    ex.group.value = "children"  # the seed knows no target groups: nothing matches, and it says so
    assert names(ex) == [] and "No organisation in the directory matches" in texts(ex.results)
    ex.clear()
    ex.search.value = "iom"
    assert set(names(ex)) >= {
        "IOM Bulgaria (Sofia)",
        "IOM Hungary (Budapest)",
        "IOM North Macedonia (Skopje)",
    }


def test_a_card_opens_under_its_button_and_closes_with_the_filter(orgs):
    ex = Explorer(orgs, "en")
    ex.countries.value = "BG"
    first = ex.results.children[0]
    first.children[0].click()
    card = texts(first.children[1])
    assert "Status: Verified" in card and "Last checked: not known" in card
    assert "Target groups not known" in card and "Languages not known" in card
    ex.countries.value = "MK"  # the open organisation is filtered out: its card goes
    assert all(not row.children[1].children for row in ex.results.children)


def test_card_never_invents_a_website(orgs):
    stated = next(o for o in orgs if o["id"] == "bg_animus")
    none = next(o for o in orgs if o["id"] == "bg_sar")
    assert "animusassociation.org" in card_html(stated, "en")
    html = card_html(none, "en")
    assert "not stated in the sources" in html and "http" not in html
    for org in orgs:
        assert 'class="sk-sm-check' in card_html(org, "nl")


def test_map_counts_and_shades(orgs):
    counts = Counter(o["country"] for o in orgs)
    svg = svgmap.render(counts, "en", selected="BG")
    drawn = svgmap.outlines()["countries"]
    labels = dict(re.findall(r'class="sk-sm-count" data-country="(\w+)">(\d+)<', svg))
    assert labels == {c: str(n) for c, n in counts.items() if c in drawn}
    assert f'data-country="NL" data-count="{counts["NL"]}"' in svg
    assert svgmap.shade(counts["NL"]) != svgmap.shade(0)
    assert svg.count('class="sk-sm-selected"') == 1
    assert svgmap.off_map(counts) == {"EU": 3, "NG": 3}
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing to fetch
