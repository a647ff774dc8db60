"""Taking the assessment in a real browser: no feedback, answers kept across a reload, submit
lands in nbgrader's layout, and the trainer grades it with the real nbgrader."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from safekit.authoring.catalogue import load_catalogue
from safekit.cli import main
from tests.support import mini_project
from tests.support.workshop import start_workshop

pytestmark = [pytest.mark.browser, pytest.mark.slow]

A = "early-identification-check"
CASE = "injured-builder-emergency-room"


@pytest.fixture(scope="module")
def assessed(tmp_path_factory):
    from tests.conftest import ROOT

    project = mini_project(ROOT, tmp_path_factory.mktemp("course"), ["girl-with-uncle-airport", CASE])
    tmp = tmp_path_factory.mktemp("workshop")
    ws = start_workshop(project, tmp / "data", tmp / "server.log")
    yield project, ws
    if ws.process.poll() is None:
        ws.stop()
    shutil.rmtree(project, ignore_errors=True)


def test_take_submit_and_grade(assessed, browser, shots):
    project, workshop = assessed
    page = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2).new_page()
    page.goto(workshop.link)
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app", timeout=60_000)
    page.get_by_role("button", name="Overview").click()
    page.get_by_role("button", name="Assessment: early identification").click()
    expect(page.locator(".sk-assessment")).to_contain_text("You get no feedback now")
    shots(page, "1-assessment")

    page.get_by_role("button", name=re.compile("does all the talking in English")).click()
    catalogue = load_catalogue()
    signal = catalogue.indicators["cd_isolation_confinement_surveillance"]
    option = f"{catalogue.label(signal.dimension, 'en')} · {catalogue.label(signal.id, 'en')}"
    combo = page.locator(".sk-tagger input").first
    combo.fill(option)
    combo.press("Enter")
    page.get_by_role("button", name=re.compile("Treat the injury fully, X-ray included")).click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator(".sk-assessment")).to_contain_text("Submitted at")
    shots(page, "2-submitted")
    # no feedback anywhere, and nothing of the key in the page
    html = page.content()
    assert "signals found" not in html and "point" not in page.locator(".sk-assessment").inner_text()
    assert "A companion who answers every question" not in html

    data_dir = workshop.data_dir
    session = next(data_dir.iterdir())
    submitted = list((session / "nbgrader" / "submitted").glob(f"*/{A}"))
    assert len(submitted) == 1
    folder = submitted[0]
    assert {p.name for p in folder.iterdir()} >= {
        f"{A}.ipynb",
        "answers.json",
        "timestamp.txt",
        "participant.json",
    }
    answers = json.loads((folder / "answers.json").read_text())
    assert answers["cases"][CASE]["decide"] == {"option": "treat-and-separate"}
    assert answers["cases"][CASE]["spot"]["marks"][0]["indicators"] == [
        "cd_isolation_confinement_surveillance"
    ]

    page.reload()
    page.wait_for_selector(".sk-app", timeout=60_000)
    shots(page, "3-reloaded")
    assert page.locator(".sk-assessment").count() == 1, page.locator(".sk-app").inner_text()[:500]
    expect(page.get_by_role("button", name=re.compile("does all the talking in English"))).to_have_class(
        re.compile("mod-active")
    )
    expect(page.locator(".sk-assessment")).to_contain_text("Submitted at")
    shots(page, "3-after-reload")
    page.context.close()

    # the trainer grades the session's submissions with the real nbgrader
    mp = pytest.MonkeyPatch()
    mp.setenv("SAFEKIT_PROJECT", str(project))
    try:
        result = CliRunner().invoke(
            main, ["grade", A, "--session", session.name, "--data-dir", str(data_dir)]
        )
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    table = (session / "nbgrader" / "reports" / f"{A}-scores.csv").read_text()
    header, row = table.splitlines()[:2]
    cells = dict(zip(header.split(","), row.split(","), strict=False))
    # one strong signal found with its indicator (2 points), nothing assessed, the best first step
    assert float(cells[f"{CASE}:spot"]) == 2 and float(cells[f"{CASE}:assess"]) == 0
    assert float(cells[f"{CASE}:decide"]) == 3
