"""Spot the signals, headless: mark sentences, tag them, check, switch language."""

from __future__ import annotations

from safekit.exercises import Spot
from safekit.exercises.spot import sentences, spot_result
from safekit.testing import texts


def sentence_with(case, lang, words):
    return next(s for s in sentences(case, lang) if words in s.text)


def test_found_missed_over_read_and_rule(bundle, girl):
    saved = []
    ex = Spot(girl, bundle.catalogue, "en", save=saved.append)
    passports = sentence_with(girl, "en", "holds both passports")
    eyes = sentence_with(girl, "en", "eyes on the floor")
    ex.tag(
        passports.stage, passports.index, "cr_confiscation_documents", "cr_isolation_confinement_surveillance"
    )
    ex.tag(eyes.stage, eyes.index)
    assert saved, "every click is saved"
    ex.check_button.click()
    r = ex.result()
    assert r["found"] == {"holds-passports": "exact", "answers-for-her": "exact"}
    assert "travel-debt" in r["missed"] and len(r["missed"]) == len(girl["evidence"]) - 2
    assert r["over_read"] == [{"stage": eyes.stage, "sentence": eyes.index, "distractor": "eyes-down"}]
    text = texts(ex.widget)
    assert "2 of 13 signals found" in text
    assert "Many young travellers look down" in text  # the distractor's explanation
    assert "key signal" in text  # missed key signals are flagged
    assert "Coercive recruitment: not positive yet" in text  # two medium alone are not enough
    assert "Teaching aid, not a legal test" in text
    assert saved[-1]["checked"] is True


def test_wrong_tag_in_the_same_dimension(bundle, girl):
    ex = Spot(girl, bundle.catalogue, "en")
    s = sentence_with(girl, "en", "owes him four thousand euros")
    ex.tag(s.stage, s.index, "cr_withholding_money")
    assert ex.result()["found"]["travel-debt"] == "dimension"
    ex2 = Spot(girl, bundle.catalogue, "en")
    ex2.tag(s.stage, s.index, "ex_hazardous_work")
    assert ex2.result()["found"]["travel-debt"] == "other"


def test_untoggle_removes_the_mark(bundle, girl):
    ex = Spot(girl, bundle.catalogue, "en")
    s = sentence_with(girl, "en", "eyes on the floor")
    ex.tag(s.stage, s.index)
    ex.toggles[(s.stage, s.index)].value = False
    assert ex.answer()["marks"] == []


def test_stages_are_revealed_in_order(bundle, girl):
    ex = Spot(girl, bundle.catalogue, "en")
    assert len(ex.stages_box.children) == 1
    ex.next_stage.click()
    assert len(ex.stages_box.children) == 2
    assert ex.answer()["revealed"] == 2


def test_full_annotation_scores_full_marks_and_meets_the_rule(bundle, girl):
    marks = {}
    for e in girl["evidence"]:
        s = next(x for x in sentences(girl, "nl") if " ".join(e["passage"]["nl"].split()) in x.text)
        marks.setdefault((s.stage, s.index), []).append(e["indicator"])
    r = spot_result(
        girl,
        bundle.catalogue,
        [{"stage": k[0], "sentence": k[1], "indicators": v} for k, v in marks.items()],
        "nl",
    )
    assert r["points"] == r["max"] and not r["missed"] and not r["over_read"]
    assert r["rule"].indicative


def test_restore_in_the_other_language_keeps_marks_on_the_same_passages(bundle, girl):
    ex = Spot(girl, bundle.catalogue, "en")
    s = sentence_with(girl, "en", "owes him four thousand euros")
    ex.tag(s.stage, s.index, "cr_debt_bondage")
    nl = Spot(girl, bundle.catalogue, "nl", answer=ex.answer())
    assert nl.result()["found"] == {"travel-debt": "exact"}
    assert "vierduizend euro" in texts(nl.widget)
    assert nl.toggles[(nl.answer()["marks"][0]["stage"], nl.answer()["marks"][0]["sentence"])].value


def test_assessment_mode_gives_no_feedback(bundle, girl):
    ex = Spot(girl, bundle.catalogue, "en", feedback=False)
    s = sentence_with(girl, "en", "owes him four thousand euros")
    ex.tag(s.stage, s.index, "cr_debt_bondage")
    ex.check_button.click()
    assert "Your answer is saved" in ex.feedback.value
    assert "Debt" not in ex.feedback.value


def test_without_feedback_there_is_nothing_to_check_and_every_tag_is_saved(bundle, girl):
    # as in an assessment: no check step, no answers shown, each choice saved as it is made
    saved = []
    ex = Spot(girl, bundle.catalogue, "en", save=saved.append, feedback=False)
    passports = sentence_with(girl, "en", "holds both passports")
    ex.tag(passports.stage, passports.index, "cr_confiscation_documents")
    assert saved and ex.check_button.layout.display == "none"
    assert "until you check" not in texts(ex.widget) and "signals found" not in texts(ex.widget)
