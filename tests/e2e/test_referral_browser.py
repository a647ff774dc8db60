"""The referral exercise in the real participant page on a phone: the social map reaches the
kernel through the bundle, choices are saved, and the room view counts them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from safekit.authoring.socialmap.store import load_directory
from safekit.exercises.referral import NEEDS
from safekit.sessions import Store
from safekit.socialmap import directory
from tests.conftest import ROOT
from tests.support import join_on_a_phone, wait_for_answer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
CASE = "ana-permit-ends"


def test_refer_on_a_phone(workshop, browser, tmp_path, shots):
    in_country = directory.in_country("MD", [o.record() for o in load_directory(ROOT)])
    assert in_country, "the case returns to Moldova: the directory must hold someone there"
    page, token = join_on_a_phone(browser, workshop.link)
    page.get_by_role("button", name=re.compile("A safe future")).first.click()
    page.get_by_role("button", name=re.compile("When the permit ends")).first.click()
    page.get_by_role("button", name=re.compile(r"^\d\. Refer in the country of return")).click()

    cards = page.locator(".sk-exercise-referral .sk-sm-card")
    expect(cards).to_have_count(len(in_country))
    checked = in_country[0].get("last_checked") or "not known"  # shown as the directory has it
    expect(cards.first.locator(".sk-sm-check")).to_contain_text(f"Last checked: {checked}")
    shots(page, "1-cards")

    org = in_country[0]
    needs = list(NEEDS)  # one row of organisation toggles per need, in this order
    toggle = page.locator(".sk-referral-org").nth(needs.index("psychosocial") * len(in_country))
    expect(toggle).to_have_text(org["name"])
    toggle.click()
    expect(toggle).to_have_class(re.compile("mod-active"))
    box = toggle.bounding_box()
    assert box["height"] >= 44  # a touch target
    toggle.scroll_into_view_if_needed()
    shots(page, "2-choice")
    page.locator(".sk-referral-reason input").nth(1).fill("First contact after arrival")
    page.locator(".sk-referral-reason input").nth(1).press("Tab")
    page.get_by_role("button", name="Confirm my referral").click()
    feedback = page.locator(".sk-exercise-referral .sk-feedback")
    expect(feedback).to_contain_text("Needs and your referral")
    expect(feedback).to_contain_text("no points")
    feedback.scroll_into_view_if_needed()
    shots(page, "3-feedback")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    answer = wait_for_answer(workshop, token, CASE, "referral", lambda a: a.get("checked"))
    assert answer["checked"] and answer["country"] == "MD"
    assert answer["choices"]["psychosocial"] == [org["id"]]
    assert answer["reasons"] == {"psychosocial": "First contact after arrival"}
    page.context.close()

    # the room view: two more confirmed referrals make a group big enough to show
    with Store.for_session_dir(next(workshop.data_dir.iterdir())) as store:
        session = store.session()
        for name, need in (("Room A", "psychosocial"), ("Room B", "safe-housing")):
            p = store.add_participant(session.id, name)
            choice = {"country": "MD", "choices": {need: [org["id"]]}, "reasons": {}, "checked": True}
            store.save_answer(p, CASE, "referral", choice)
    trainer = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    trainer.goto(workshop.base + "trainer")
    trainer.select_option("#exercise", f"{CASE}/referral")
    trainer.get_by_role("button", name="Show the room's answers").click()
    expect(trainer.locator(".bar", has_text=org["name"])).to_contain_text("3 · 100%")
    expect(trainer.locator("main")).to_contain_text("Needs covered by the chosen organisations")
    shots(trainer, "4-room")
    trainer.context.close()
