"""The participant app headless, with a real store: navigation, language, resume."""

from __future__ import annotations

from safekit.apps.participant import ParticipantApp
from safekit.testing import find_button, texts


def test_navigate_answer_and_resume_after_reload(bundle, store):
    p = store.add_participant("session", "Calm Otter 11", "en")
    app = ParticipantApp(bundle, store, p)
    assert "Overview" in texts(app.root)
    find_button(app.main, "Early identification").click()
    find_button(app.main, "The uncle at passport control").click()
    spot = app.exercise("girl-with-uncle-airport", "spot")
    first = next(iter(spot.toggles))
    spot.toggles[first].value = True
    spot.check_button.click()
    find_button(app.main, "Next: Assess").click()
    assert app.position == {"view": "case", "case": "girl-with-uncle-airport", "exercise": "assess"}
    assert "1 of" in app.progress_label.value

    # a reload: a new kernel, the same participant link
    again = ParticipantApp(bundle, store, store.participant(p.token))
    assert again.position["exercise"] == "assess"
    assert "Which form or forms of exploitation?" in texts(again.main)
    restored = again.exercise("girl-with-uncle-airport", "spot")
    assert restored.toggles[first].value and restored.checked


def test_language_switch_changes_all_text_including_the_case(bundle, store):
    p = store.add_participant("session", "Kind Cedar 20", "en")
    app = ParticipantApp(bundle, store, p)
    app.show_case("girl-with-uncle-airport", "spot")
    app.language.value = "nl"
    text = texts(app.root)
    assert "De oom bij de paspoortcontrole" in text
    assert "paspoortcontrole controleert een marechaussee" in text
    assert store.participant(p.token).language == "nl"


def test_module_app_shows_only_its_module(bundle, store):
    p = store.add_participant("session", "Bold Aspen 31", "en")
    app = ParticipantApp(bundle, store, p, modules=["safe-future"])
    assert "When the permit ends" in texts(app.main)
    assert "The uncle at passport control" not in texts(app.main)


def test_the_case_offers_the_worksheet_only_for_safe_future(bundle, store):
    p = store.add_participant("session", "Warm Comet 44", "en")
    app = ParticipantApp(bundle, store, p)
    app.show_case("ana-permit-ends")
    assert "Plan a safe future" in texts(app.main)
    app.show_case("girl-with-uncle-airport")
    assert "Plan a safe future" not in texts(app.main)


def test_the_pseudonym_is_shown_once_escaped(bundle, store):
    p = store.add_participant("session", "Tom & <b>Jerry</b> 7", "en")
    app = ParticipantApp(bundle, store, p)
    assert "You are: Tom &amp; &lt;b&gt;Jerry&lt;/b&gt; 7" in app.title.value
    assert "&amp;amp;" not in app.title.value and "<b>" not in app.title.value


def test_a_draft_translation_says_so_and_the_switch_offers_every_language(bundle, store):
    p = store.add_participant("session", "Kind Cedar 21", "hu")
    app = ParticipantApp(bundle, store, p)
    assert [value for _name, value in app.language.options] == list(bundle.languages)
    assert "hu" in bundle.drafts  # no native professional has reviewed the Hungarian texts yet
    assert "Fordítástervezet" in app.draft_note.value
    app.language.value = "en"
    assert app.draft_note.value == ""  # the source language is never a draft
