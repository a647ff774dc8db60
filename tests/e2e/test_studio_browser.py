"""The case studio in a real Voilà server (``safekit studio``) and a real browser: a case written
from nothing to a valid file that meets the decision rule, annotated on a phone and on a desktop,
reopened, and saved with only the author's changes in the diff."""

from __future__ import annotations

import difflib
import os
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from safekit.authoring.cases.validate import check_file
from safekit.authoring.catalogue import labels
from tests.conftest import ROOT
from tests.support import mini_project
from tests.support.workshop import free_port, serve_command

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}
CASE = "market-stall-boy"
THREAT_EN = "The boss threatens to report him to the police."
THREAT_NL = "De baas dreigt hem aan te geven bij de politie."


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """``safekit studio`` serving a small copy of the course, on loopback."""
    project = mini_project(ROOT, tmp_path_factory.mktemp("course"), ["girl-with-uncle-airport"])
    # a course in English and Dutch: the author writes each sentence in two languages here
    syllabus = project / "syllabus.yaml"
    text = re.sub(r"^languages: .*$", "languages: [en, nl]", syllabus.read_text(encoding="utf-8"), flags=re.M)
    syllabus.write_text(text, encoding="utf-8")
    log = tmp_path_factory.mktemp("studio") / "studio.log"
    port = free_port()
    env = {**os.environ, "SAFEKIT_PROJECT": str(project), "SAFEKIT_LANG": "en", "PYTHONUNBUFFERED": "1"}
    exe = Path(sys.executable).parent / "safekit"
    argv = [str(exe), "studio", "--no-browser", "--port", str(port)]
    with serve_command(argv, env, project, log, "Case studio: http://127.0.0.1:"):
        yield f"http://127.0.0.1:{port}/", project


def open_page(browser, url: str, viewport: dict, **options):
    page = browser.new_context(viewport=viewport, **options).new_page()
    # Voilà runs the notebook while it sends the page: wait for the studio, not for "load"
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector(".sk-studio", timeout=180_000)
    return page


def section(page, name: str) -> None:
    page.locator(".sk-tabs").get_by_role("button", name=name).click()


def sentence(page, text: str):
    return page.locator(".sk-studio-edit .sk-passage", has_text=text)


def set_text(locator, value: str) -> None:
    locator.fill(value)
    locator.press("Tab")  # the studio takes a text when the author leaves the box


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def test_a_case_from_nothing_on_desktop_and_phone(studio, browser, tmp_path, shots):
    url, project = studio
    path = project / "cases" / f"{CASE}.yaml"
    en = labels("en")
    threat = f"{en['coercion_at_destination']['label']} · {en['cd_threat_denunciation_authorities']['label']}"

    # desktop: a new case from the template, a sentence written and marked as a signal
    page = open_page(browser, url, DESKTOP)
    shots(page, "1-start")
    page.get_by_placeholder("e.g. market-stall-boy").fill(CASE)
    page.get_by_role("button", name="Create the case").click()
    expect(page.locator(".sk-studio-header h2")).to_have_text("Market stall boy", timeout=30_000)
    original = path.read_text(encoding="utf-8")
    expect(page.locator(".sk-studio-live")).to_contain_text("No problems: the case is valid.")
    story_en = page.locator(".sk-lang-en textarea").nth(1)
    story_nl = page.locator(".sk-lang-nl textarea").nth(1)
    set_text(story_en, story_en.input_value().rstrip() + " " + THREAT_EN)
    set_text(story_nl, story_nl.input_value().rstrip() + " " + THREAT_NL)
    expect(page.locator(".sk-studio-header")).to_contain_text("Unsaved changes")
    expect(page.locator(".sk-phone")).to_contain_text(THREAT_EN)  # the participant's view, live
    shots(page, "2-story-desktop")
    section(page, "Signals")
    sentence(page, THREAT_EN).click()
    panel = page.locator(".sk-studio-annotate")
    panel.get_by_role("button", name="Signal", exact=True).click()
    combo = panel.locator(".sk-tagger input")
    combo.fill(threat)
    combo.press("Enter")
    panel.get_by_text("Key signal: not to be missed").click()
    expect(panel.locator("select")).to_have_value(THREAT_NL[:-1])  # the same sentence in Dutch
    panel.locator(".sk-lang-en textarea").fill("A threat to report someone to the police keeps them at work.")
    panel.locator(".sk-lang-nl textarea").fill("Dreigen met de politie houdt iemand aan het werk.")
    panel.locator(".sk-lang-nl textarea").press("Tab")
    shots(page, "3-annotate-desktop")
    panel.get_by_role("button", name="Apply").click()
    expect(sentence(page, THREAT_EN)).to_have_class(re.compile("sk-kind-signal"))
    live = page.locator(".sk-studio-live")
    expect(live).to_contain_text(en["cd_threat_denunciation_authorities"]["label"])
    expect(live).to_contain_text("The signals meet the decision rule.")
    expect(live).to_contain_text("No problems: the case is valid.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".sk-studio-header")).to_contain_text(f"Saved to cases/{CASE}.yaml")
    shots(page, "4-saved-desktop")
    page.context.close()

    # a phone: the case reopened, a distractor's reason rewritten, the anonymisation signed, a
    # decision's points changed
    phone = open_page(
        browser, url + f"?case={CASE}", PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    section(phone, "Signals")
    sentence(phone, "The person has a phone.").click()
    panel = phone.locator(".sk-studio-annotate")
    expect(panel.get_by_role("button", name="Distractor")).to_have_class(re.compile("mod-active"))
    reason = "Most people carry a phone; on its own it says nothing about control."
    panel.locator(".sk-lang-en textarea").fill(reason)
    panel.locator(".sk-lang-en textarea").press("Tab")
    shots(phone, "5-annotate-phone")
    panel.get_by_role("button", name="Apply").click()
    expect(panel).to_have_count(0)
    section(phone, "Notes")
    signed = phone.locator(".sk-studio-signed input")
    signed.fill("course team")
    signed.press("Tab")
    section(phone, "Decisions")
    points = phone.locator(".sk-studio-step input[type=number]").nth(1)
    points.fill("1")
    points.press("Tab")
    expect(phone.locator(".sk-studio-header")).to_contain_text("Unsaved changes")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.locator(".sk-studio-header")).to_contain_text("Saved to")
    shots(phone, "6-saved-phone")
    phone.context.close()

    # reopened: everything is there, in the file and in the studio
    saved = path.read_text(encoding="utf-8")
    case, problems = check_file(path, ("en", "nl"))
    assert case is not None and problems == []
    assert any(e.indicator == "cd_threat_denunciation_authorities" and e.key for e in case.evidence)
    removed, added = changed_lines(original, saved)
    assert sorted(removed) == sorted(
        [
            "        its exact words, and declare at least two distractors.",
            "        afleiders op.",
            "      en: Explain why this looks like a signal but is not one here.",
            "          points: 0",
            "  checked_by: not yet checked",
        ]
    ), removed
    assert f"        its exact words, and declare at least two distractors. {THREAT_EN}" in added
    assert f"      en: {reason}" in added
    assert "          points: 1" in added
    assert "  checked_by: course team" in added
    assert (
        len(added) == len(removed) + 10
    )  # the new signal: id, stage, indicator, passages, explanations, key
    assert saved.startswith("# A new case vignette") and "facts: []  # each legal" in saved

    page = open_page(browser, url + f"?case={CASE}", DESKTOP)
    section(page, "Signals")
    expect(sentence(page, THREAT_EN)).to_have_class(re.compile("sk-kind-signal"))
    sentence(page, THREAT_EN).click()
    expect(page.locator(".sk-studio-annotate .sk-tagger input")).to_have_value(threat)
    section(page, "Decisions")
    expect(page.locator(".sk-studio-step input[type=number]").nth(1)).to_have_value("1")
    page.context.close()
