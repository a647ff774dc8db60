"""Put the steps in order on a phone, in a real browser against a real Voilà server: taps on
the arrows, a check, and after a reload the same order."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from safekit.sessions import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
CASE = "girl-with-uncle-airport"
RIGHT = [
    "keep-apart",
    "thank-and-explain",
    "basic-needs",
    "child-protection",
    "specialists",
    "explain-rights",
]
ORDER_OF_ROWS = """rows => rows.map(r => [...r.classList].find(c => c.startsWith("sk-order-") && c !== "sk-order-row")
    .slice("sk-order-".length))"""


def shown_order(page) -> list[str]:
    return page.locator(".sk-order-row").evaluate_all(ORDER_OF_ROWS)


def expect_order(page, order: list[str]) -> None:
    rows = page.locator(".sk-order-row")
    for n, step_id in enumerate(order):
        expect(rows.nth(n)).to_have_class(re.compile(rf"\bsk-order-{step_id}\b"))


def test_order_the_steps_on_a_phone_check_and_reload(workshop, browser, shots):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(workshop.link)
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app", timeout=60_000)
    link = page.url
    page.get_by_role("button", name=re.compile("Early identification")).first.click()
    page.get_by_role("button", name=re.compile("The uncle at passport control")).first.click()
    page.get_by_role("button", name=re.compile(r"^4\. Put the steps in order")).click()
    expect(page.locator(".sk-main")).to_contain_text("Put your first actions in order")
    expect(page.locator(".sk-order-row")).to_have_count(len(RIGHT))
    order = shown_order(page)
    assert sorted(order) == sorted(RIGHT) and order != RIGHT
    shots(page, "1-start")

    store = Store.for_session_dir(next(workshop.data_dir.iterdir()))
    token = link.split("p=")[1]
    taps = 0
    for place, step_id in enumerate(RIGHT):  # bring each step up to its place, one tap at a time
        while order.index(step_id) > place:
            at = order.index(step_id)
            page.locator(f".sk-order-{step_id} .sk-order-up").click()
            order.insert(at - 1, order.pop(at))
            expect_order(page, order)
            taps += 1
    assert taps > 0 and store.answers(token)[(CASE, "order")]["order"] == RIGHT  # saved at every tap
    shots(page, "2-ordered")

    page.get_by_role("button", name="Check my order").click()
    feedback = page.locator(".sk-feedback").first
    expect(feedback).to_contain_text("6 of 6 steps in their right place")
    expect(feedback).to_contain_text("Safety comes first")
    feedback.scroll_into_view_if_needed()
    shots(page, "3-feedback")
    assert store.answers(token)[(CASE, "order")] == {"order": RIGHT, "checked": True}

    page.reload()
    page.wait_for_selector(".sk-app", timeout=60_000)
    expect(page.locator(".sk-order-row")).to_have_count(len(RIGHT))
    expect_order(page, RIGHT)
    expect(page.locator(".sk-feedback").first).to_contain_text("6 of 6 steps in their right place")
    expect(page.locator(f".sk-order-{RIGHT[0]} .sk-order-up")).to_be_disabled()
    shots(page, "4-after-reload")
    store.close()
    context.close()
