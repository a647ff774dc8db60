"""The referral exercise headless: offered where a case has a return country, built from the
directory in the bundle, saved at every click, restored, and honest when the directory has
nobody in the country of return."""

from __future__ import annotations

import shutil

import pytest

from safekit.exercises import Referral, exercises_for, kind, referral_result
from safekit.exercises.referral import NEEDS
from safekit.exercises.registry import context_for
from safekit.room.aggregate import MIN_GROUP, room_state
from safekit.testing import bundle_for, find_button, texts
from tests.conftest import ROOT
from tests.support import mini_project

BG, UG = "mother-and-child-return", "decides-not-to-return"
STAYS = UG  # he decides to stay: the case names no country of return


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    project = mini_project(ROOT, tmp_path_factory.mktemp("p"), [BG, UG, "girl-with-uncle-airport"])
    # A copy of the case that names Uganda as the country of return stands for a country the
    # directory has nobody in.
    path = project / "cases" / f"{UG}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "return_country" not in text
    path.write_text(
        text.replace(
            "  origin_region: east-africa\n", "  origin_region: east-africa\n  return_country: UG\n"
        ),
        encoding="utf-8",
    )
    yield bundle_for(project, tmp_path_factory.mktemp("b"))
    shutil.rmtree(project, ignore_errors=True)


def test_offered_after_future_for_cases_with_a_return_country(course):
    assert kind("referral").widget is Referral
    for case in course.cases.values():
        kinds = exercises_for(case)
        if case["person"].get("return_country"):
            assert kinds.index("future") + 1 == kinds.index("referral") < kinds.index("reflect")
        else:
            assert "referral" not in kinds


def test_every_return_case_of_the_course_is_offered_it():
    from safekit.authoring.cases.validate import check_paths

    cases, _problems = check_paths([ROOT / "cases"], ("en", "nl"))
    with_country = {c.id for c in cases if c.person.return_country}
    assert BG in with_country and STAYS not in with_country  # the man who stays refers here
    assert {c.id for c in cases if "referral" in exercises_for(c.model_dump(mode="json"))} == with_country


def test_shows_the_organisations_of_the_return_country_from_the_bundle(course):
    ex = Referral(course.cases[BG], course.catalogue, "en", context=context_for(course))
    want = {o["id"] for o in course.socialmap if o["country"] == "BG"}
    assert set(ex.toggles["safe-housing"]) == want and len(want) == 5
    assert set(ex.toggles) == set(NEEDS)
    text = texts(ex.widget)
    assert "Status" in text and "Last checked" in text and "not known" in text


def test_every_click_is_saved_and_restored(course):
    saved = []
    ex = Referral(course.cases[BG], course.catalogue, "en", context=context_for(course), save=saved.append)
    ex.toggles["safe-housing"]["bg_animus"].value = True
    ex.toggles["reintegration"]["bg_iom"].value = True
    ex.reasons["reintegration"].value = "  returns and reintegration of Bulgarian victims "
    assert len(saved) == 3 and saved[-1]["checked"] is False
    assert saved[-1]["choices"]["reintegration"] == ["bg_iom"]
    assert saved[-1]["reasons"] == {"reintegration": "returns and reintegration of Bulgarian victims"}
    find_button(ex.widget, "Confirm my referral").click()
    assert saved[-1]["checked"] is True and kind("referral").answered(saved[-1])
    again = Referral(course.cases[BG], course.catalogue, "en", context=context_for(course), answer=saved[-1])
    assert again.answer() == saved[-1]
    assert "Needs and your referral" in texts(again.feedback)


def test_feedback_shows_covered_and_open_needs_without_points(course):
    case = course.cases[BG]
    ex = Referral(case, course.catalogue, "en", context=context_for(course))
    ex.toggles["safe-housing"]["bg_animus"].value = True
    ex.toggles["legal"]["bg_iom"].value = True  # the directory does not list LA for it
    ex.check()
    r = referral_result(case, ex.answer(), course.socialmap)
    assert r["covered"]["safe-housing"] == ["bg_animus"] and r["unsure"]["legal"] == ["bg_iom"]
    assert set(r["open"]) == {"psychosocial", "legal", "reintegration"}
    fb = texts(ex.feedback)
    assert "not covered by your choice" in fb and "check with them before you refer" in fb
    assert "no points" in fb and ex.score() == {}
    for item in case["questions"]["plan_items"]:  # the case's needs are shown
        if item["appropriate"]:
            assert item["label"]["en"][:30] in fb.replace("&#x27;", "'")


def test_no_organisation_in_the_country_is_said_plainly(course):
    saved = []
    ex = Referral(course.cases[UG], course.catalogue, "en", context=context_for(course), save=saved.append)
    assert ex.orgs == [] and ex.toggles == {}
    text = texts(ex.widget)
    assert "The social map has no organisation in Uganda" in text
    assert "IOM" in text and "national anti-trafficking coordinator" in text
    find_button(ex.widget, "I know what to do next").click()
    assert saved[-1] == {"country": "UG", "choices": {}, "reasons": {}, "checked": True}


def test_dutch(course):
    ex = Referral(course.cases[BG], course.catalogue, "nl", context=context_for(course))
    text = texts(ex.widget)
    assert "Bulgarije" in text and "Who would you refer to" not in text


def test_room_counts_choices_per_organisation(course):
    payloads = [
        {"choices": {"safe-housing": ["bg_animus"], "psychosocial": ["bg_animus"]}, "checked": True},
        {"choices": {"safe-housing": ["bg_animus"], "reintegration": ["bg_iom"]}, "checked": True},
        {"choices": {"legal": ["bg_iom"]}, "checked": True},
        {"choices": {"legal": ["bg_sar"]}, "checked": False},  # not confirmed: not counted
    ]
    answers = [(f"t{i}", BG, "referral", p, 0) for i, p in enumerate(payloads)]
    state = room_state(course, "s", [], answers, {(BG, "referral")}, {}, "en")
    item = next(x for x in state["exercises"] if x["case"] == BG and x["exercise"] == "referral")
    assert item["answered"] == 3 >= MIN_GROUP
    groups = {g["title"]: g["bars"] for g in item["data"]}
    orgs = {o["label"]: (o["count"], o["pct"]) for o in groups["Organisations chosen (for any need)"]}
    assert orgs["Animus Association Foundation (La Strada Bulgaria)"] == (2, 67)
    assert orgs["IOM Bulgaria (Sofia)"] == (2, 67) and orgs["State Agency for Refugees"] == (0, 0)
    needs = {n["label"]: n["count"] for n in groups["Needs covered by the chosen organisations"]}
    assert needs == {
        "Safe housing on arrival": 2,
        "Psychosocial support": 1,
        "Legal advice and protection": 0,
        "Reintegration: income, training, work": 1,
    }
    small = room_state(course, "s", [], answers[:2], {(BG, "referral")}, {}, "en")
    item = next(x for x in small["exercises"] if x["case"] == BG and x["exercise"] == "referral")
    assert item["data"] is None  # fewer than MIN_GROUP: never broken out
