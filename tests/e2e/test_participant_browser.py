"""The participant workshop in a real browser against a real Voilà server."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from safekit.authoring.catalogue import labels
from safekit.sessions import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def join(page, workshop, lang: str = "en"):
    page.goto(workshop.link + (f"&lang={lang}" if lang != "en" else ""))
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app", timeout=60_000)
    expect(page.locator("#sk-loading")).to_have_count(0)
    return page.url


def open_case(page, module: str, case: str):
    page.get_by_role("button", name=re.compile(re.escape(module))).first.click()
    page.get_by_role("button", name=re.compile(re.escape(case))).first.click()


def test_spot_in_dutch_on_a_phone_and_reload_restores(workshop, browser, shots):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(workshop.link + "&lang=nl")
    expect(page.locator("h1")).to_have_text("Doe mee aan de workshop")
    shots(page, "1-join")
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app", timeout=60_000)
    link = page.url
    open_case(page, "Vroegtijdige identificatie", "De oom bij de paspoortcontrole")
    passage = page.get_by_role("button", name=re.compile("De man houdt beide paspoorten"))
    passage.click()
    nl = labels("nl")
    option = f"{nl['coercive_recruitment']['label']} · {nl['cr_confiscation_documents']['label']}"
    combo = page.locator(".sk-tagger input").first
    combo.fill(option)
    combo.press("Enter")
    shots(page, "2-marked")
    page.get_by_role("button", name="Controleer mijn signalen").click()
    feedback = page.locator(".sk-feedback").first
    expect(feedback).to_contain_text("signalen gevonden")
    expect(feedback).to_contain_text("Leermiddel, geen juridische toets")
    feedback.scroll_into_view_if_needed()
    shots(page, "3-feedback")
    page.locator(".sk-rule").scroll_into_view_if_needed()
    shots(page, "3-rule")

    # the answer is in the store the moment it was given
    store = Store.for_session_dir(next(workshop.data_dir.iterdir()))
    token = link.split("p=")[1]
    answer = store.answers(token)[("girl-with-uncle-airport", "spot")]
    assert answer["checked"] and answer["marks"][0]["indicators"] == ["cr_confiscation_documents"]

    page.reload()
    page.wait_for_selector(".sk-app", timeout=60_000)
    expect(page.get_by_role("button", name=re.compile("De man houdt beide paspoorten"))).to_have_class(
        re.compile("mod-active")
    )
    expect(page.locator(".sk-tagger input").first).to_have_value(option)
    expect(page.locator(".sk-feedback").first).to_contain_text("signalen gevonden")
    shots(page, "4-after-reload")

    # a second device with the same link sees the same answers
    other = browser.new_context(viewport=DESKTOP).new_page()
    other.goto(link)
    other.wait_for_selector(".sk-app", timeout=60_000)
    expect(other.locator(".sk-feedback").first).to_contain_text("signalen gevonden")
    other.context.close()
    context.close()


def test_decide_on_a_desktop(workshop, browser, shots):
    page = browser.new_context(viewport=DESKTOP).new_page()
    join(page, workshop)
    open_case(page, "Early identification", "The uncle at passport control")
    page.get_by_role("button", name=re.compile(r"^3\. Decide")).click()
    page.get_by_role("button", name=re.compile("Take both to a second-line check")).click()
    expect(page.locator(".sk-main")).to_contain_text("Away from the man")
    page.get_by_role("button", name=re.compile("Keep her apart from the man")).click()
    expect(page.locator(".sk-main")).to_contain_text("End of the scenario: 6 of 6 points")
    page.locator(".sk-step-done").last.scroll_into_view_if_needed()
    shots(page, "decide")
    page.context.close()


def test_nothing_is_fetched_from_outside(workshop, browser):
    page = browser.new_context(viewport=PHONE).new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    join(page, workshop)
    open_case(page, "Early identification", "The uncle at passport control")
    page.wait_for_timeout(1000)
    local = re.compile(rf"^(https?|wss?)://127\.0\.0\.1:{workshop.port}/|^data:|^blob:")
    outside = [u for u in requests if not local.match(u)]
    assert requests and outside == []
    page.context.close()


def fetched_bytes(page) -> dict[str, int]:
    """Bytes over the network for each of the page's files (0: taken from the browser's cache)."""
    return page.evaluate(
        "Object.fromEntries(performance.getEntriesByType('resource')"
        ".filter(e => e.name.includes('/voila/')).map(e => [e.name, e.transferSize]))"
    )


def test_a_phone_downloads_little_and_keeps_it(workshop, browser):
    """40 phones share the room's Wi-Fi: a first visit is compressed (as they are on disk, the
    files are about 5 MB), and going back to the page fetches none of them again."""
    page = browser.new_context(viewport=PHONE).new_page()
    finished = []
    page.on("requestfinished", lambda r: finished.append(r))
    url = join(page, workshop)
    page.wait_for_timeout(500)
    sent = sum(r.sizes()["responseBodySize"] for r in finished)
    assert 0 < sent < 2_000_000, f"{sent / 1e6:.2f} MB for one join"
    assert not [r.url for r in finished if "jupyterlab_pygments" in r.url]
    page.goto(url)
    page.wait_for_selector(".sk-app .sk-button", timeout=60_000)
    page.wait_for_timeout(500)
    again = fetched_bytes(page)
    assert len(again) > 50 and set(again.values()) == {0}, {u: n for u, n in again.items() if n}
    page.context.close()


def test_the_join_page_fetches_the_workshop_page_ahead(workshop, browser):
    before = browser.new_context(viewport=PHONE).new_page()
    join(before, workshop)  # a participant page has been opened before (the trainer's try)
    before.context.close()
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(workshop.link)
    ahead = page.locator("link[rel=prefetch]").evaluate_all("links => links.map(l => l.href)")
    assert len(ahead) > 50 and all(f"127.0.0.1:{workshop.port}/voila/" in u for u in ahead)
    page.wait_for_load_state("networkidle")  # the participant reads the page and picks a name
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app .sk-button", timeout=60_000)
    page.wait_for_timeout(500)
    after_start = fetched_bytes(page)
    assert len(after_start) > 50 and sum(after_start.values()) < 50_000, after_start
    page.context.close()


def test_reload_does_not_leak_kernels(workshop, browser):
    page = browser.new_context(viewport=PHONE).new_page()
    join(page, workshop)
    steady = workshop.wait_for_kernels(workshop.pool_size + 1)
    assert len(steady) == workshop.pool_size + 1
    for _ in range(3):
        page.reload()
        page.wait_for_selector(".sk-app", timeout=60_000)
    assert len(workshop.wait_for_kernels(workshop.pool_size + 1)) == workshop.pool_size + 1
    page.close()
    assert len(workshop.wait_for_kernels(workshop.pool_size)) == workshop.pool_size


def test_a_crashed_kernel_loses_nothing(workshop, browser):
    import os
    import signal

    page = browser.new_context(viewport=PHONE).new_page()
    join(page, workshop)
    open_case(page, "A safe future", "When the permit ends")
    page.get_by_role("button", name=re.compile(r"^\d\. Reflect")).click()
    note = page.locator(".sk-note textarea")
    note.fill("I would ask her what she fears most.")
    note.blur()
    page.get_by_role("button", name="Save my note").click()
    expect(page.locator(".sk-main")).to_contain_text("Saved")
    before = set(workshop.kernels())
    time.sleep(0.5)
    # the newest kernel that is not in the pool is this page's; kill every non-pool kernel
    for pid in sorted(before)[-1:]:
        os.kill(pid, signal.SIGKILL)
    page.reload()
    page.wait_for_selector(".sk-app", timeout=60_000)
    expect(page.locator(".sk-note textarea")).to_have_value("I would ask her what she fears most.")
    page.context.close()
