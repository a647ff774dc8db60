"""A questionnaire in the real participant page on a phone: answered by touch, saved in the
store as it is given, submitted, and back after a reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from safekit.survey.scoring import SURVEY_CASE
from tests.support import join_on_a_phone, wait_for_answer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
TEXT = "A weekly case meeting with the shelter."
WORKS_PROMPT = "What works well where you work for noticing victims early?"


def test_training_needs_on_a_phone(workshop, browser, tmp_path, shots):
    page, token = join_on_a_phone(browser, workshop.link)
    expect(page.locator(".sk-main")).to_contain_text("Before we start")
    shots(page, "1-overview", full_page=True)
    page.get_by_role("button", name=re.compile("Your work, what works")).click()
    expect(page.locator(".sk-survey")).to_be_visible()

    profession = page.locator(".sk-question").nth(0).get_by_role("button", name="Labour inspector")
    assert profession.bounding_box()["height"] >= 44 and profession.bounding_box()["width"] >= 300
    profession.click()
    country = page.locator(".sk-question").filter(has_text="In which country do you work?")
    country.get_by_role("button", name="Other").click()
    other = country.locator(".sk-other input")
    other.fill("Romania")
    other.press("Tab")
    four = page.locator(".sk-likert").nth(0).get_by_role("button", name="4", exact=True)
    assert four.bounding_box()["height"] >= 44
    four.click()
    four.scroll_into_view_if_needed()
    shots(page, "2-scale", full_page=False)
    page.get_by_role("button", name="Language, or no independent interpreter").click()
    works = page.locator(".sk-question").filter(has_text=WORKS_PROMPT).locator("textarea")
    works.fill(TEXT)
    works.press("Tab")
    answer = wait_for_answer(
        workshop, token, SURVEY_CASE, "training-needs", lambda a: "what-works" in a.get("answers", {})
    )
    assert answer["answers"] == {
        "profession": "labour-inspector",
        "country": "other",
        "confidence-identify": 4,
        "bottlenecks": ["language"],
        "what-works": TEXT,
    }
    assert answer["other"] == {"country": "Romania"} and not answer["submitted"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shots(page, "2-answered", full_page=True)

    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".sk-survey .sk-status")).to_contain_text("Thank you")
    assert wait_for_answer(workshop, token, SURVEY_CASE, "training-needs", lambda a: a.get("submitted"))[
        "submitted"
    ]

    page.reload()
    page.wait_for_selector(".sk-survey", timeout=60_000)
    expect(page.locator(".sk-question").nth(0).get_by_role("button", name="Labour inspector")).to_have_class(
        re.compile("mod-active")
    )
    expect(
        page.locator(".sk-question")
        .filter(has_text="In which country do you work?")
        .locator(".sk-other input")
    ).to_have_value("Romania")
    expect(page.locator(".sk-question").filter(has_text=WORKS_PROMPT).locator("textarea")).to_have_value(TEXT)
    shots(page, "3-after-reload", full_page=False)
    page.get_by_role("button", name="Back to the overview").click()
    expect(page.get_by_role("button", name=re.compile("Your work, what works .* ✓ done"))).to_be_visible()
    page.get_by_role("button", name=re.compile("Knowledge check: before")).click()
    expect(page.locator(".sk-survey")).to_contain_text("Ten short questions")
    shots(page, "4-knowledge", full_page=False)
    page.context.close()


def test_the_knowledge_check_shows_the_result_only_after_the_second_round(workshop, browser, tmp_path, shots):
    from safekit.authoring.survey import survey_dicts

    items = survey_dicts()["knowledge"]["questions"]
    page = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    ).new_page()
    page.goto(workshop.link + "&lang=nl")
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app", timeout=60_000)
    page.get_by_role("button", name=re.compile("Kennischeck: voor de workshop")).click()
    for n in range(len(items)):
        page.locator(".sk-question").nth(n).get_by_role("button", name="Weet ik niet").click()
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator(".sk-survey .sk-status")).to_contain_text("Hoe het ging, zie je na de check")
    expect(page.locator(".sk-survey")).not_to_contain_text("Juist antwoord")
    page.get_by_role("button", name="Terug naar het overzicht").click()
    page.get_by_role("button", name=re.compile("Kennischeck: na de workshop")).click()
    for n, item in enumerate(items):
        right = next(o for o in item["options"] if o["id"] == item["correct"][0])
        page.locator(".sk-question").nth(n).get_by_role("button", name=right["label"]["nl"]).click()
    page.get_by_role("button", name="Versturen").click()
    result = page.locator(".sk-survey .sk-feedback")
    expect(result).to_contain_text(
        f"Voor de workshop: 0 van de {len(items)} goed. Na de workshop: {len(items)} van de {len(items)} goed."
    )
    expect(result).to_contain_text("Juist antwoord")
    result.scroll_into_view_if_needed()
    shots(page, "knowledge-result", full_page=False)
    page.context.close()
