"""A new language is files: a course folder that brings a made-up language ("xx") in its own
files, with no change to the kit, is offered on the join page, spoken by the participant app,
shown in the room view and printed in the handouts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from safekit.authoring.messages import source_strings
from safekit.authoring.survey import data_dir as survey_dir
from safekit.authoring.worksheets import worksheet_dir
from safekit.core.i18n import LANGUAGE_NAME
from tests.conftest import ROOT
from tests.support import mini_project
from tests.support.workshop import start_workshop

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANG, NAME = "xx", "Xenolang"
CASE = "girl-with-uncle-airport"


def said(msgid: str) -> str:
    """How the made-up language says a message: recognisably, placeholders intact."""
    return f"⟦{msgid}⟧"


def _with_language(node):
    """Every text per language (a mapping with English) gains the made-up language's text."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(v, str) for v in node.values()) and LANG not in node:
            node[LANG] = node["en"]
        for value in node.values():
            _with_language(value)
    elif isinstance(node, list):
        for value in node:
            _with_language(value)
    return node


def _rewrite(path: Path, change) -> None:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = change(yaml.load(path.read_text(encoding="utf-8")))
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)


def _po(strings) -> str:
    entries = [f'msgid ""\nmsgstr ""\n"Language: {LANG}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for msgid in sorted(strings, key=str):
        if isinstance(msgid, tuple):  # a message with a plural: one form for every number
            one, many = (json.dumps(x, ensure_ascii=False) for x in msgid)
            form = json.dumps(said(msgid[1]), ensure_ascii=False)
            entries.append(f"msgid {one}\nmsgid_plural {many}\nmsgstr[0] {form}\n")
            continue
        text = NAME if msgid == LANGUAGE_NAME else said(msgid)
        entries.append(
            f"msgid {json.dumps(msgid, ensure_ascii=False)}\nmsgstr {json.dumps(text, ensure_ascii=False)}\n"
        )
    return "\n".join(entries)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with one case, and the files a new language takes: its translations, and
    its texts in the case, the syllabus, the questionnaires and the worksheets."""
    project = mini_project(ROOT, tmp_path_factory.mktemp("xx-course"), [CASE])
    _rewrite(project / "cases" / f"{CASE}.yaml", _with_language)

    def add_to_syllabus(data):
        data["languages"].append(LANG)
        return _with_language(data)

    _rewrite(project / "syllabus.yaml", add_to_syllabus)
    for source, name in ((survey_dir(), "survey"), (worksheet_dir(), "worksheets")):
        shutil.copytree(source, project / name)
        for path in (project / name).glob("*.yaml"):
            _rewrite(path, _with_language)
    po = project / "locales" / LANG / "LC_MESSAGES" / "safekit.po"
    po.parent.mkdir(parents=True)
    po.write_text(_po(source_strings()), encoding="utf-8")
    yield project
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture(scope="module")
def workshop(course, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xx-workshop")
    ws = start_workshop(course, tmp / "data", tmp / "server.log", 1)
    yield ws
    if ws.process.poll() is None:
        ws.stop()


def test_the_new_language_is_offered_spoken_shown_and_printed(workshop, course, browser, shots, tmp_path):
    # the join page offers it by its own name, and speaks it
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(workshop.link)
    assert page.get_by_role("link", name=NAME).count() == 1
    page.get_by_role("link", name=NAME).click()
    join = page.inner_text("body")
    assert said("Join the workshop") in join and said("Start") in join
    shots(page, "join-xx")
    page.locator("button[type=submit]").click()

    # the participant app speaks it, and offers it in its language switch
    page.wait_for_selector(".sk-app", timeout=60_000)
    page.wait_for_function("document.querySelector('.sk-app').innerText.includes('⟦')", timeout=30_000)
    app_text = page.inner_text(".sk-app")
    assert said("Overview") in app_text and NAME in app_text
    shots(page, "app-xx")

    # the room view shows it to the trainer, and the room's data comes in it
    base = workshop.base
    state = json.loads(urllib.request.urlopen(f"{base}trainer/api/state?lang={LANG}", timeout=30).read())
    titles = {item["title"] for item in state["exercises"]}
    assert said("Spot the signals") in titles and said("Put the steps in order") in titles
    room = context.new_page()
    room.goto(f"{base}trainer?lang={LANG}")
    room.wait_for_function("document.body.innerText.includes('⟦')", timeout=30_000)
    assert said("Room view") in room.inner_text("body")
    shots(room, "room-xx")

    # the handouts print it
    out = tmp_path / "handouts"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "safekit"),
            "handouts",
            "--out",
            str(out),
            "--lang",
            LANG,
            "--no-pdf",
        ],
        cwd=course,
        env={**os.environ, "SAFEKIT_PROJECT": str(course)},
        check=True,
        capture_output=True,
    )
    printed = [p.read_text(encoding="utf-8") for p in (out / LANG).rglob("*.html")]
    assert len(printed) == 3 and all("⟦" in text for text in printed)  # participant, trainer, index
    context.close()
