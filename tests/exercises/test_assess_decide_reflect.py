"""Assess, Decide, Reflect and the safe-future worksheet, headless."""

from __future__ import annotations

from safekit.exercises import Assess, Decide, Future, Reflect, decide_result
from safekit.testing import find_button, texts


def test_assess_right_and_wrong(bundle, girl):
    saved = []
    ex = Assess(girl, bundle.catalogue, "en", save=saved.append)
    ex.form_toggles["labour"].value = True
    ex.form_toggles["begging"].value = True
    for p in ("act", "means", "purpose"):
        ex.palermo_toggles[p].value = True
    ex.rule.value = "adult"
    ex.check_button.click()
    assert saved[-1]["forms"] == ["labour", "begging"] and saved[-1]["rule"] == "adult"
    text = texts(ex.widget)
    assert "Not shown by this case: Forced begging" in text
    assert "For a child, act and purpose are enough" in text
    # forms: 1 right - 1 extra = 0; Palermo: 3 of 3; rule wrong: 0
    assert ex.score() == {"points": 3, "max": 5}


def test_assess_full_marks(bundle, girl):
    ex = Assess(girl, bundle.catalogue, "nl")
    ex.form_toggles["labour"].value = True
    for p in ("act", "means", "purpose"):
        ex.palermo_toggles[p].value = True
    ex.rule.value = "child"
    assert ex.score() == {"points": 5, "max": 5}


def test_decide_branches_and_scores(bundle, girl):
    saved = []
    ex = Decide(girl, bundle.catalogue, "en", save=saved.append)
    find_button(ex.widget, "Ask the man").click()
    assert "He repeats his story fluently" in texts(ex.widget)
    assert "Partly right" in texts(ex.widget)
    find_button(ex.widget, "Keep her apart").click()
    assert saved[-1]["path"] == [
        {"step": "at-the-desk", "option": "ask-the-man"},
        {"step": "in-the-room", "option": "protect-and-refer"},
    ]
    assert "End of the scenario: 4 of 6 points" in texts(ex.widget)
    find_button(ex.widget, "Start again").click()
    find_button(ex.widget, "Let them continue").click()
    r = decide_result(girl, ex.answer()["path"])
    assert r == {"points": 0, "max": 6, "unsafe": 1, "finished": True}
    restored = Decide(girl, bundle.catalogue, "nl", answer=ex.answer())
    assert "Onveilig" in texts(restored.widget) or "Unsafe" in texts(restored.widget)


def test_reflect_is_private_unless_shared(bundle, girl):
    saved = []
    ex = Reflect(girl, bundle.catalogue, "en", save=saved.append)
    ex.text.value = "I would have asked about the phone."
    assert saved[-1] == {"text": "I would have asked about the phone.", "share": False}
    assert "Only you can see this note" in texts(ex.widget)
    ex.share.value = True
    assert saved[-1]["share"] is True


def test_future_worksheet(bundle, kim):
    ex = Future(kim, bundle.catalogue, "en")
    present = [f["id"] for f in kim["questions"]["risk_factors"] if f["present"]]
    absent = [f["id"] for f in kim["questions"]["risk_factors"] if not f["present"]]
    for f in present:
        ex.factor_toggles[f].value = True
    for p in kim["questions"]["plan_items"]:
        ex.plan_toggles[p["id"]].value = p["appropriate"]
    assert ex.score()["points"] == ex.score()["max"]
    ex.factor_toggles[absent[0]].value = True
    assert ex.score()["points"] == ex.score()["max"] - 1
    find_button(ex.widget, "Check my plan").click()
    assert "✗" in ex.feedback.value


def test_assess_without_feedback_has_nothing_to_check(bundle, girl):
    saved = []
    ex = Assess(girl, bundle.catalogue, "en", save=saved.append, feedback=False)
    ex.form_toggles["labour"].value = True
    assert saved and ex.check_button.layout.display == "none"
