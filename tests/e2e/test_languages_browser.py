"""Hungarian, Bulgarian and Macedonian on a phone (390 × 844): a browser set to the language
joins in it, marks a sentence, reads the feedback and the rule, reloads and finds its marks,
switches language without losing them; the room view speaks the language; nothing scrolls
sideways and the draft-translation note is there."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from safekit.authoring.cases.validate import check_file
from safekit.authoring.catalogue import load_catalogue
from safekit.core.i18n import DRAFT_NOTE, language_name, translate
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
CASE = "girl-with-uncle-airport"
SIGNAL = "holds-passports"  # the man holds both passports and both boarding passes


def _case():
    case, problems = check_file(ROOT / "cases" / f"{CASE}.yaml", ("en", "nl", "hu", "bg", "mk"))
    assert case is not None, problems
    return case


def _no_sideways_scroll(page) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wide <= 1, f"the page scrolls {wide}px sideways"


def _option(indicator: str, lang: str) -> str:
    cat = load_catalogue()
    dimension = cat.indicators[indicator].dimension
    return f"{cat.label(dimension, lang)} · {cat.label(indicator, lang)}"


@pytest.mark.parametrize("lang", ["hu", "bg", "mk"])
def test_a_phone_in_the_language_works_through_a_case(lang, workshop, browser, shots):
    case = _case()
    evidence = next(e for e in case.evidence if e.id == SIGNAL)
    passage = evidence.passage[lang]
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale=lang
    )
    page = context.new_page()

    # the join page starts in the browser's language, names the languages in their own, and says
    # that the translation is a draft
    page.goto(workshop.link)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_text(translate("Join the workshop", lang))
    expect(page.locator(".draft")).to_have_text(translate(DRAFT_NOTE, lang))
    for other in ("en", "nl", "hu", "bg", "mk"):
        expect(page.get_by_role("link", name=language_name(other))).to_have_count(1)
    _no_sideways_scroll(page)
    shots(page, f"{lang}-1-join")
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app", timeout=60_000)
    link = page.url
    expect(page.locator(".sk-draft-note")).to_contain_text(translate(DRAFT_NOTE, lang))

    # the case, in the language; mark the signal and tag it
    page.get_by_role(
        "button", name=re.compile(re.escape(translate("Early identification", lang)))
    ).first.click()
    page.get_by_role("button", name=re.compile(re.escape(case.title[lang]))).first.click()
    sentence = page.get_by_role("button", name=re.compile(re.escape(passage[:30])))
    sentence.click()
    combo = page.locator(".sk-tagger input").first
    combo.fill(_option(evidence.indicator, lang))
    combo.press("Enter")
    _no_sideways_scroll(page)
    shots(page, f"{lang}-2-marked")
    page.get_by_role("button", name=translate("Check my signals", lang)).click()
    feedback = page.locator(".sk-feedback").first
    # (a sentence may carry more than one signal: the score counts each)
    found = re.compile(
        re.escape(
            translate("{found} of {total} signals found", lang, found=99, total=len(case.evidence))
        ).replace("99", "[12]")
    )
    expect(feedback).to_contain_text(found)
    expect(feedback).to_contain_text(passage)
    feedback.scroll_into_view_if_needed()
    _no_sideways_scroll(page)
    shots(page, f"{lang}-3-feedback")
    page.locator(".sk-rule").scroll_into_view_if_needed()
    _no_sideways_scroll(page)
    shots(page, f"{lang}-4-rule")

    # a reload keeps the mark, its tag and the feedback
    page.reload()
    page.wait_for_selector(".sk-app", timeout=60_000)
    expect(page.get_by_role("button", name=re.compile(re.escape(passage[:30])))).to_have_class(
        re.compile("mod-active")
    )
    expect(page.locator(".sk-tagger input").first).to_have_value(_option(evidence.indicator, lang))
    expect(page.locator(".sk-feedback").first).to_contain_text(found)
    shots(page, f"{lang}-5-after-reload")

    # switching to English keeps the mark
    page.locator(".sk-language select").select_option(label=language_name("en"))
    english = page.get_by_role("button", name=re.compile(re.escape(evidence.passage["en"][:30])))
    expect(english).to_have_class(re.compile("mod-active"))
    page.locator(".sk-language select").select_option(label=language_name(lang))
    expect(sentence).to_have_class(re.compile("mod-active"))
    assert page.url == link

    # the room view in the language
    room = context.new_page()
    room.goto(f"{workshop.base}trainer?lang={lang}")
    expect(room.locator("html")).to_have_attribute("lang", lang)
    expect(room.locator("#show-room")).to_have_text(translate("Room", lang))
    expect(room.locator(".draft")).to_have_text(translate(DRAFT_NOTE, lang))
    shots(room, f"{lang}-6-room")
    context.close()
