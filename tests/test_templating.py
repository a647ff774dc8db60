"""Pages and printed documents come from templates that escape what they insert: markup in a
case, a pseudonym, a session code or a link is shown as text, never run."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from safekit.authoring.catalogue import load_catalogue
from safekit.documents.coverage import load_cases
from safekit.documents.sheets import participant_sheet, trainer_sheet
from safekit.templating import environment, render
from tests.conftest import ROOT

EVIL = "<script>alert(1)</script>"
SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def case():
    """A real case with markup in its title, content note, first passage and explanation."""
    case = next(c for c in load_cases(ROOT) if c.evidence)
    evil = {lang: f"{EVIL} & co" for lang in case.title}
    evidence = [case.evidence[0].model_copy(update={"explanation": evil}), *case.evidence[1:]]
    return case.model_copy(update={"title": evil, "content_note": evil, "evidence": evidence})


def test_markup_in_a_case_is_text_on_both_printed_sheets(case):
    for page in (participant_sheet(case, "en"), trainer_sheet(case, "en", load_catalogue())):
        assert page.startswith("<!DOCTYPE html>")
        assert "<script" not in page
        assert f"<title>{SHOWN} &amp; co: " in page and f"<h1>{SHOWN} &amp; co</h1>" in page
    trainer = trainer_sheet(case, "en", load_catalogue())
    assert trainer.count(f"{SHOWN} &amp; co") == 4  # title twice, content note, explanation


def test_markup_in_the_join_page_is_text():
    page = render(
        "safekit.server",
        "join.html.j2",
        lang="en",
        languages=[("en", 'join?s="><script>'), ("nl", "join?lang=nl")],
        prefetch=['static/x.js?v="><script>'],
        error=EVIL,
        xsrf="",
        found=False,
        code=f'"><{EVIL}',
        pseudonym=f'"{EVIL}',
        draft=True,
        draft_note=EVIL,
    )
    assert "<script" not in page
    assert f'<p class="error" role="alert">{SHOWN}</p>' in page
    assert f'name="s" value="&#34;&gt;&lt;{SHOWN}"' in page
    assert f'name="pseudonym" value="&#34;{SHOWN}"' in page
    assert 'href="static/x.js?v=&#34;&gt;&lt;script&gt;"' in page
    assert "English" in page and "Nederlands" in page  # native names, from the language codes


@pytest.mark.parametrize("package", ["safekit.documents", "safekit.server"])
def test_every_template_escapes_and_refuses_unknown_names(package):
    env = environment(package)
    assert env.autoescape is True
    names = env.list_templates(extensions=["j2"])
    assert names
    with pytest.raises(UndefinedError):
        env.from_string("{{ nobody_passed_this }}").render()
