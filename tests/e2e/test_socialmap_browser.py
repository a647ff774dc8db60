"""The social map explorer in a real Voilà server and a real browser, with every request that
leaves this computer blocked: the map, the filters and the cards work offline."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from safekit.authoring.socialmap.model import SERVICES, country_name
from safekit.authoring.socialmap.store import load_directory
from safekit.server.socialmap import NOTEBOOK, voila_command
from safekit.socialmap import svgmap
from tests.conftest import ROOT
from tests.support.workshop import free_port, serve_command

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    port = free_port()
    argv, env = voila_command(ROOT / NOTEBOOK, port)
    env |= {"SAFEKIT_PROJECT": str(ROOT), "SAFEKIT_LANG": "en", "PYTHONUNBUFFERED": "1"}
    with serve_command(argv, env, ROOT, log, "is running at"):
        yield f"http://127.0.0.1:{port}/"


def offline_page(browser, viewport):
    """A page that may reach only this computer; every other request is aborted and noted."""
    page = browser.new_context(viewport=viewport).new_page()
    page.blocked = []

    def route(r):
        if urlparse(r.request.url).hostname in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            page.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_filter_and_open_a_card_offline(explorer, browser, viewport, tmp_path, shots):
    orgs = [o.record() for o in load_directory(ROOT)]
    counts = Counter(o["country"] for o in orgs)
    page = offline_page(browser, viewport)
    page.goto(explorer)
    page.wait_for_selector(".sk-sm-map svg path[data-country]", timeout=90_000)

    # the map: one count label per drawn country that has organisations, with the right number
    drawn = svgmap.outlines()["countries"]
    labels = page.locator(".sk-sm-map svg text.sk-sm-count")
    expect(labels).to_have_count(sum(1 for c, n in counts.items() if n and c in drawn))
    expect(page.locator('.sk-sm-map svg text[data-country="NL"]')).to_have_text(str(counts["NL"]))
    assert page.locator(".sk-sm-map svg").bounding_box()["width"] > 300
    expect(page.locator(".sk-sm-org")).to_have_count(len(orgs))
    page.locator(".sk-sm-map").scroll_into_view_if_needed()
    shots(page, "1-map")

    # filter: Bulgaria + shelter; the list shrinks to what the data says
    want = sorted(o["name"] for o in orgs if o["country"] == "BG" and "SH" in o["services"])
    assert len(want) >= 1
    selects = page.locator(".sk-sm-filter select")
    selects.nth(0).select_option(label=f"{country_name('BG', 'en')} ({counts['BG']})")
    expect(page.locator(".sk-sm-org")).to_have_count(counts["BG"])
    selects.nth(1).select_option(label=SERVICES["SH"])
    expect(page.locator(".sk-sm-org")).to_have_count(len(want))
    shown = sorted(re.sub(r" — .*$", "", t) for t in page.locator(".sk-sm-org").all_inner_texts())
    assert shown == want
    expect(page.locator(".sk-sm-count-line")).to_contain_text(f"{len(want)} of {len(orgs)} organisations")
    expect(page.locator('.sk-sm-map svg path.sk-sm-selected[data-country="BG"]')).to_have_count(1)

    # a card: status and last checked are always there; unknown is said to be unknown
    page.locator(".sk-sm-org").first.click()
    card = page.locator(".sk-sm-card")
    expect(card).to_have_count(1)
    expect(card.locator(".sk-sm-check")).to_contain_text("Status:")
    expect(card.locator(".sk-sm-check")).to_contain_text("Last checked: not known")
    expect(card).to_contain_text("Target groups")
    card.scroll_into_view_if_needed()
    shots(page, "2-card")
    box = page.locator(".sk-sm-org").first.bounding_box()
    assert box["height"] >= 44 and box["width"] <= viewport["width"]

    # free-text search narrows further; nothing ever left this computer
    page.locator(".sk-sm-filters button", has_text="Clear filters").click()
    expect(page.locator(".sk-sm-org")).to_have_count(len(orgs))
    page.locator(".sk-sm-search input").fill("La Strada")
    expect(page.locator(".sk-sm-org")).to_have_count(
        sum(
            1
            for o in orgs
            if "la strada"
            in " ".join([o["name"], o["services_note"], o["type_note"], o["source"], o["notes"]]).casefold()
        )
    )
    assert page.blocked == []
    page.context.close()
