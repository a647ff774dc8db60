"""The room view on the projector, fed by real participants in real browsers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from safekit.core.i18n import language_name, translate

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_room_view_reveals_aggregates_only_when_asked_and_enough_answered(workshop, browser, shots):
    trainer = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    trainer.goto(workshop.base + "trainer")
    expect(trainer.locator("#joined")).to_contain_text("Joined:")
    trainer.click("#show-join")
    expect(trainer.locator(".join .code")).to_have_text(re.compile(r"^[A-Z0-9]{6}$"))
    shots(trainer, "1-join-screen")
    trainer.click("#show-room")
    trainer.select_option("#exercise", "girl-with-uncle-airport/decide")

    choices = ["Take both to a second-line check", "Take both to a second-line check", "Let them continue"]
    pages = []
    for choice in choices:
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(workshop.link)
        page.locator("button[type=submit]").click()
        page.wait_for_selector(".sk-app", timeout=60_000)
        page.get_by_role("button", name=re.compile("Early identification")).first.click()
        page.get_by_role("button", name=re.compile("The uncle at passport control")).first.click()
        page.get_by_role("button", name=re.compile(r"^3\. Decide")).click()
        page.get_by_role("button", name=re.compile(choice)).click()
        expect(page.locator(".sk-step-done")).to_have_count(1)
        pages.append(page)
        if len(pages) < 3:  # hidden, and too few to show anyway
            expect(trainer.locator("main")).to_contain_text("hidden until you show them")

    trainer.get_by_role("button", name="Show the room's answers").click()
    bar = trainer.locator(".bar", has_text="Take both to a second-line check")
    expect(bar).to_contain_text("2 · 67%")  # refreshed live, no reload
    expect(trainer.locator(".bar", has_text="Let them continue")).to_contain_text("1 · 33%")
    shots(trainer, "2-decide-revealed")

    # the language button goes round the course's languages, each named in its own language
    expect(trainer.locator("#lang")).to_have_text("Nederlands")
    trainer.click("#lang")
    expect(trainer.locator("html")).to_have_attribute("lang", "nl")
    expect(trainer.locator("#show-room")).to_have_text("Groep")
    for lang in ["hu", "bg", "mk", "en"]:
        expect(trainer.locator("#lang")).to_have_text(language_name(lang))
        trainer.click("#lang")
        expect(trainer.locator("html")).to_have_attribute("lang", lang)
        expect(trainer.locator("#show-room")).to_have_text(translate("Room", lang))
    expect(trainer.locator("#show-room")).to_have_text("Room")
    for page in pages:
        page.context.close()
    trainer.context.close()


def test_a_shared_reflection_that_could_identify_someone_is_flagged_for_review(workshop, browser):
    from safekit.sessions import Store

    case = "girl-with-uncle-airport"
    with Store.for_session_dir(next(workshop.data_dir.iterdir())) as store:
        session = store.session()
        person = store.add_participant(session.id, "Reflecting Heron")
        text = "My client Marcus still calls me on 06 1234 5678."
        store.save_answer(person, case, "reflect", {"text": text, "share": True})
    trainer = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    trainer.goto(workshop.base + "trainer")
    trainer.click("#show-room")
    trainer.select_option("#exercise", f"{case}/reflect")
    trainer.get_by_role("button", name=re.compile("Review shared reflections")).click()
    pending = trainer.locator(".pending", has_text="06 1234 5678")
    expect(pending.locator(".warning")).to_have_text(
        "May identify someone: person name not declared as fictional, phone number. Check before you show it."
    )
    expect(trainer.locator(".quote")).to_have_count(0)  # nothing is on screen until the trainer shows it
    trainer.context.close()
