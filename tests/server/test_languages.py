"""What a session offers: the trainer picks its languages, its country and the language of the
trainer's pages; the join page starts in the browser's preferred language among those offered."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from click.testing import CliRunner

from safekit.cli import main
from safekit.sessions.folders import session_dirs
from safekit.sessions.store import Store
from tests.conftest import ROOT
from tests.support.workshop import start_workshop

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def offered(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    log = tmp_path_factory.mktemp("log") / "workshop.log"
    ws = start_workshop(ROOT, data, log, 1, "--languages", "nl,en", "--country", "hu", "--lang", "nl")
    yield ws
    ws.stop()


def _join_page(ws, accept: str | None = None, lang: str | None = None) -> str:
    url = ws.link + (f"&lang={lang}" if lang else "")
    headers = {"Accept-Language": accept} if accept else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as resp:
        return resp.read().decode()


def _page_lang(html: str) -> str:
    return re.search(r'<html lang="(\w+)"', html).group(1)


def test_the_join_page_starts_in_the_browsers_language_among_those_offered(offered):
    assert _page_lang(_join_page(offered)) == "nl"  # none asked: the session's first
    assert _page_lang(_join_page(offered, "en-GB,en;q=0.9,nl;q=0.5")) == "en"
    assert _page_lang(_join_page(offered, "hu-HU,hu;q=0.9,nl;q=0.8")) == "nl"  # Hungarian not offered
    assert _page_lang(_join_page(offered, "nl;q=0.2,en;q=0.9")) == "en"  # by weight, not order
    assert _page_lang(_join_page(offered, "en", lang="nl")) == "nl"  # a chosen link wins


def test_only_the_offered_languages_are_offered(offered):
    page = _join_page(offered)
    links = re.findall(r'<a href="join\?lang=(\w+)', page)
    assert links == ["nl", "en"]


def test_the_session_keeps_its_offer_and_the_bundle_follows_it(offered):
    folder = session_dirs(offered.data_dir)[-1]
    with Store.for_session_dir(folder) as store:
        session = store.session()
    assert (session.languages, session.country, session.language) == ("nl,en", "HU", "nl")
    bundle = json.loads((folder / "runtime" / "bundle.json").read_text(encoding="utf-8"))
    assert bundle["syllabus"]["languages"] == ["nl", "en"] and bundle["country"] == "HU"


def test_a_language_or_country_the_course_does_not_have_is_refused(monkeypatch):
    monkeypatch.setenv("SAFEKIT_PROJECT", str(ROOT))
    result = CliRunner().invoke(main, ["workshop", "--check", "--languages", "en,xx"])
    assert result.exit_code == 2 and "'xx'" in result.output
    result = CliRunner().invoke(main, ["workshop", "--check", "--country", "FR"])
    assert result.exit_code == 2 and "'FR'" in result.output and "BG, HU, MK, NL" in result.output


def test_the_offered_made_up_name_is_in_the_pages_language(offered):
    from safekit.server.join import pseudonym_words

    for lang in ("nl", "en"):
        page = _join_page(offered, lang=lang)
        name = re.search(r'name="pseudonym" value="([^"]+)"', page).group(1)
        adjective, noun, number = name.rsplit(" ", 2)
        assert any(adjective in a and noun in n for a, n in pseudonym_words(lang)), (lang, name)
        assert 10 <= int(number) <= 99
    for lang in ("hu", "bg", "mk"):  # each language brings its own words
        assert pseudonym_words(lang) and pseudonym_words(lang) != pseudonym_words("en")
