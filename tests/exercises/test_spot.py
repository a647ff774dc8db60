"""Spot the signals, headless: mark sentences, tag them, check, switch language."""

from __future__ import annotations

import copy

from safekit.exercises import Spot
from safekit.exercises.spot import (
    OVER_READ_PENALTY,
    covered_items,
    grade_points,
    item_spans,
    sentences,
    spot_result,
)
from safekit.testing import texts


def sentence_with(case, lang, words):
    return next(s for s in sentences(case, lang) if words in s.text)


def test_found_missed_over_read_and_rule(bundle, girl):
    saved = []
    ex = Spot(girl, bundle.catalogue, "en", save=saved.append)
    passports = sentence_with(girl, "en", "holds both passports")
    eyes = sentence_with(girl, "en", "eyes on the floor")
    ex.tag(
        passports.stage, passports.index, "ar_control_of_exploiters", "cr_isolation_confinement_surveillance"
    )
    ex.tag(eyes.stage, eyes.index)
    assert saved, "every click is saved"
    ex.check_button.click()
    r = ex.result()
    assert r["found"] == {"holds-passports": "exact", "answers-for-her": "exact"}
    assert "travel-debt" in r["missed"] and len(r["missed"]) == len(girl["evidence"]) - 2
    assert r["over_read"] == [{"stage": eyes.stage, "sentence": eyes.index, "distractor": "eyes-down"}]
    text = texts(ex.widget)
    assert "2 of 16 signals found" in text
    assert "Many young travellers look down" in text  # the distractor's explanation
    assert "key signal" in text  # missed key signals are flagged
    assert "Coercive recruitment: not positive yet" in text  # one medium alone is not enough
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
    ex.tag(passports.stage, passports.index, "ar_control_of_exploiters")
    assert saved and ex.check_button.layout.display == "none"
    assert "until you check" not in texts(ex.widget) and "signals found" not in texts(ex.widget)


def _solution(case, lang):
    marks = {}
    for e in case["evidence"]:
        passage = " ".join(e["passage"][lang].split()).replace("’", "'")
        s = next(x for x in sentences(case, lang) if passage[:40] in x.text or x.text in passage)
        marks.setdefault((s.stage, s.index), []).append(e["indicator"])
    return [{"stage": k[0], "sentence": k[1], "indicators": v} for k, v in marks.items()]


def test_no_sentence_outside_signals_and_distractors_changes_a_score(bundle):
    """A neutral sentence (neither a signal nor a distractor) never costs a point, in practice
    or in the assessment, whether added to a blank answer or to a full one; a distractor costs
    one point in the assessment."""
    checked = 0
    for case in bundle.cases.values():
        for lang in ("en", "nl"):
            spans = item_spans(case, lang)
            solution = _solution(case, lang)
            for base in ([], solution):
                before = spot_result(case, bundle.catalogue, base, lang)
                graded = grade_points(case, {"lang": lang, "marks": base}, bundle.catalogue)
                for s in sentences(case, lang):
                    if covered_items(case, lang, s, spans) or any(
                        (m["stage"], m["sentence"]) == (s.stage, s.index) for m in base
                    ):
                        continue
                    marks = [
                        *base,
                        {"stage": s.stage, "sentence": s.index, "indicators": ["cd_debt_bondage"]},
                    ]
                    after = spot_result(case, bundle.catalogue, marks, lang)
                    assert after["points"] == before["points"] and after["over_read"] == before["over_read"]
                    assert after["neutral"] == [{"stage": s.stage, "sentence": s.index}]
                    regraded = grade_points(case, {"lang": lang, "marks": marks}, bundle.catalogue)
                    assert regraded["points"] == graded["points"], (case["id"], s.text)
                    checked += 1
            distractor = case["distractors"][0]
            d = next(
                x for x in sentences(case, lang) if distractor["id"] in covered_items(case, lang, x, spans)
            )
            if not any(e in covered_items(case, lang, d, spans) for e in (e["id"] for e in case["evidence"])):
                marks = [*solution, {"stage": d.stage, "sentence": d.index, "indicators": []}]
                full = grade_points(case, {"lang": lang, "marks": solution}, bundle.catalogue)
                assert grade_points(case, {"lang": lang, "marks": marks}, bundle.catalogue)["points"] == (
                    full["points"] - OVER_READ_PENALTY
                )
    assert checked > 50  # the library has many neutral sentences


def test_an_acceptable_alternative_indicator_counts_as_right(bundle, girl):
    case = copy.deepcopy(girl)
    item = case["evidence"][0]
    s = next(x for x in sentences(case, "en") if item["id"] in covered_items(case, "en", x))
    other = next(
        i
        for i in bundle.catalogue.indicators
        if i != item["indicator"]
        and bundle.catalogue.indicators[i].dimension
        != bundle.catalogue.indicators[item["indicator"]].dimension
    )
    mark = [{"stage": s.stage, "sentence": s.index, "indicators": [other]}]
    assert spot_result(case, bundle.catalogue, mark, "en")["found"][item["id"]] == "other"
    item["also"] = [other]
    assert spot_result(case, bundle.catalogue, mark, "en")["found"][item["id"]] == "exact"
