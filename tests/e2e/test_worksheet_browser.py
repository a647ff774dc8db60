"""The safe-future worksheets in the real participant page: typed on a phone, kept over a
reload, printable from the browser, and only counted on the trainer's screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support import wait_for_answer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CASE = "ana-permit-ends"
TEXT = "She fears the network knows where her mother lives."


def open_worksheets(page, link: str) -> None:
    page.goto(link)
    if page.locator("button[type=submit]").count():
        page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app", timeout=60_000)
    expect(page.locator("#sk-loading")).to_have_count(0)
    page.get_by_role("button", name=re.compile("A safe future")).first.click()
    page.get_by_role("button", name=re.compile("When the permit ends")).first.click()
    page.get_by_role("button", name=re.compile(r"^\d\. Worksheets")).click()
    expect(page.locator(".sk-ws-sheet h3").first).to_have_text("Return risk assessment")


def test_type_on_a_phone_reload_and_find_it_again(workshop, browser, tmp_path, shots):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_worksheets(page, workshop.link)
    link = page.url
    token = link.split("p=")[1]
    cell = page.locator(".sk-ws-individual-risk textarea")
    expect(cell).to_have_value("")  # nothing prefilled from the case
    cell.fill(TEXT)
    cell.press("Tab")  # saved when the box loses focus
    expect(page.locator(".sk-ws .sk-status")).to_contain_text("Saved. Parts filled in: 1.")
    assert (
        wait_for_answer(workshop, token, CASE, "worksheet")["sheets"]["risk-assessment"]["individual-risk"]
        == TEXT
    )

    box = cell.bounding_box()
    assert box["width"] >= PHONE["width"] - 80  # full width on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shots(page, "1-phone-risk", full_page=False)

    page.get_by_role("button", name=re.compile("Informed consent checklist")).click()
    done = page.locator(".sk-ws-limits").get_by_role("button", name="Done")
    assert done.bounding_box()["height"] >= 44  # a big touch target
    done.click()
    page.get_by_role("button", name="Save worksheets").click()
    expect(page.locator(".sk-feedback").last).to_contain_text("To discuss")
    shots(page, "2-phone-consent", full_page=True)

    page.reload()
    page.wait_for_selector(".sk-app", timeout=60_000)
    expect(page.locator(".sk-ws-individual-risk textarea")).to_have_value(TEXT)
    page.get_by_role("button", name=re.compile("Informed consent checklist")).click()
    expect(page.locator(".sk-ws-limits .mod-active")).to_have_text("Done")
    expect(page.get_by_role("button", name=re.compile(r"^\d\. Worksheets ✓"))).to_be_visible()
    answer = wait_for_answer(workshop, token, CASE, "worksheet")
    assert answer["checked"] and answer["sheets"]["informed-consent"]["limits"]["state"] == "done"

    # printing the page prints the worksheet, not the app around it
    page.get_by_role("button", name=re.compile("Return risk assessment")).click()
    risk = page.locator(".sk-ws-risk-1")
    risk.get_by_role("button", name="High").first.click()
    risk.scroll_into_view_if_needed()
    shots(page, "2-phone-risk-item")
    page.emulate_media(media="print")
    for hidden in (".sk-header", ".sk-nav", ".sk-ws-picker", ".sk-ws-actions"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".sk-ws-individual-risk textarea")).to_be_visible()
    shots(page, "3-print", full_page=True)
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
    context.close()

    desktop = browser.new_context(viewport=DESKTOP).new_page()
    desktop.goto(link)
    desktop.wait_for_selector(".sk-app", timeout=60_000)
    expect(desktop.locator(".sk-ws-individual-risk textarea")).to_have_value(TEXT)
    shots(desktop, "4-desktop", full_page=False)
    desktop.get_by_role("button", name=re.compile("Reintegration plan")).click()
    desktop.locator(".sk-ws-economic-individual").scroll_into_view_if_needed()
    shots(desktop, "4-desktop-plan", full_page=False)
    desktop.context.close()

    trainer = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    trainer.goto(workshop.base + "trainer")
    trainer.select_option("#exercise", f"{CASE}/worksheet")
    expect(trainer.locator("main")).to_contain_text("Worksheets are personal")
    expect(trainer.locator("main")).not_to_contain_text(TEXT)
    expect(trainer.get_by_role("button", name="Show the room's answers")).to_have_count(0)
    shots(trainer, "5-trainer")
    trainer.context.close()
