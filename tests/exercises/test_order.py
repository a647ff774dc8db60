"""Put the steps in order, headless: moving steps with taps, saving at every tap, restoring,
scoring by distance from the right place, feedback in both languages, the room's counts and the
export row."""

from __future__ import annotations

import csv
import json

import pytest

from safekit.apps.participant import ParticipantApp
from safekit.exercises import Order, exercises_for, kind, order_result
from safekit.exercises.order import right_order, start_order
from safekit.room.aggregate import MIN_GROUP, room_state
from safekit.room.export import export_rows, export_session
from safekit.sessions import Store
from safekit.testing import bundle_for, find_button, texts
from tests.conftest import ROOT
from tests.support import mini_project

GIRL = "girl-with-uncle-airport"


def put_in(ex: Order, want: list[str]) -> None:
    """Reach ``want`` with taps on the arrows only, as a participant would."""
    for place, step_id in enumerate(want):
        while ex.order.index(step_id) > place:
            ex.rows[step_id].up.click()


def test_offered_after_decide_only_where_the_case_has_steps(bundle, girl, kim):
    kinds = exercises_for(girl)
    assert kinds.index("decide") + 1 == kinds.index("order") < kinds.index("reflect")
    assert "order" not in exercises_for(kim)  # no questions.order in this case
    assert kind("order").widget is Order


def test_every_tap_moves_one_step_and_is_saved(bundle, girl):
    saved = []
    ex = Order(girl, bundle.catalogue, "en", save=saved.append)
    start = list(ex.order)
    assert start == start_order(girl) != right_order(girl)
    assert not saved  # building saves nothing
    second = start[1]
    ex.rows[second].up.click()
    assert ex.order[:2] == [second, start[0]] and saved[-1] == {"order": ex.order, "checked": False}
    ex.rows[second].down.click()
    assert ex.order == start and len(saved) == 2
    assert ex.rows[start[0]].up.disabled and ex.rows[start[-1]].down.disabled
    ex.rows[start[0]].up.click()  # the first step cannot go higher: nothing changes, nothing saved
    assert ex.order == start and len(saved) == 2
    shown = texts(ex.list)
    steps = {s["id"]: s["label"]["en"] for s in girl["questions"]["order"]["steps"]}
    labels, first = list(steps.values()), steps[start[0]]
    assert shown.index("1. " + first) < min(shown.index(x) for x in labels if x != first)


def test_restored_after_a_reload(bundle, girl, store):
    p = store.add_participant("session", "Calm Otter 11", "en")
    app = ParticipantApp(bundle, store, p)
    ex = app.exercise(GIRL, "order")
    put_in(ex, right_order(girl))
    ex.check_button.click()
    again = ParticipantApp(bundle, store, store.participant(p.token)).exercise(GIRL, "order")
    assert again is not ex and again.order == right_order(girl) and again.checked
    assert "6 of 6 steps in their right place" in texts(again.feedback)
    assert app.is_done(GIRL, "order")


def test_scores_perfect_reversed_and_one_swap(bundle, girl):
    right = right_order(girl)
    n = len(right)
    assert order_result(girl, {"order": right})["points"] == n == order_result(girl, {"order": right})["max"]
    assert order_result(girl, {"order": right[::-1]})["points"] == 0  # far from right: floored at 0
    swapped = [right[1], right[0], *right[2:]]
    r = order_result(girl, {"order": swapped})
    assert r["points"] == n - 2 and r["right_place"] == right[2:]
    far = [right[-1], *right[1:-1], right[0]]  # first and last exchanged: each is n-1 places off
    assert order_result(girl, {"order": far})["points"] == max(0, n - 2 * (n - 1))
    ex = Order(girl, bundle.catalogue, "en")
    put_in(ex, swapped)
    assert ex.score() == {"points": n - 2, "max": n}


@pytest.mark.parametrize(
    ("lang", "heading", "place", "points"),
    [
        ("en", "The order, step by step", "You put it at place 2.", "4 of 6 points."),
        ("nl", "De volgorde, stap voor stap", "Jij zette deze op plaats 2.", "4 van 6 punten."),
    ],
)
def test_feedback_explains_each_place_in_both_languages(bundle, girl, lang, heading, place, points):
    right = right_order(girl)
    ex = Order(girl, bundle.catalogue, lang)
    put_in(ex, [right[1], right[0], *right[2:]])
    assert ex.feedback.value == ""
    find_button(ex.widget, "Check my order" if lang == "en" else "Controleer mijn volgorde").click()
    text = texts(ex.feedback)
    assert heading in text and place in text and points in text
    for step in girl["questions"]["order"]["steps"]:
        assert step["why"][lang].split()[0] in text  # the author's reason for every step
        assert step["label"][lang] in text
    other = "nl" if lang == "en" else "en"
    assert girl["questions"]["order"]["steps"][0]["why"][other] not in text


def test_room_counts_each_step_in_its_right_place_from_three_answers(bundle, girl):
    right = right_order(girl)
    swapped = [right[1], right[0], *right[2:]]
    payloads = [
        {"order": right, "checked": True},
        {"order": swapped, "checked": True},
        {"order": right, "checked": False},  # not checked: not counted
    ]
    answers = [(f"t{i}", GIRL, "order", p, 0) for i, p in enumerate(payloads)]

    def item(rows):
        state = room_state(bundle, "s", [], rows, {(GIRL, "order")}, {}, "en")
        return next(x for x in state["exercises"] if x["case"] == GIRL and x["exercise"] == "order")

    few = item(answers)
    assert few["answered"] == 2 < MIN_GROUP and few["data"] is None
    answers.append(("t3", GIRL, "order", {"order": right[::-1], "checked": True}, 0))
    shown = item(answers)
    assert shown["answered"] == 3 and shown["title"] == "Put the steps in order" and shown["mode"] == "bars"
    [group] = shown["data"]
    assert group["title"] == "Steps in their right place"
    counts = [b["count"] for b in group["bars"]]
    # right: all 6; swapped: all but the first two; reversed (6 steps): none
    assert counts == [1, 1, 2, 2, 2, 2]
    assert group["bars"][0]["pct"] == 33 and group["bars"][0]["label"].startswith("1. Keep her apart")
    assert all(b["correct"] is True for b in group["bars"])
    hidden = room_state(bundle, "s", [], answers, set(), {}, "en")
    assert next(x for x in hidden["exercises"] if x["exercise"] == "order")["data"] is None


def test_export_row_has_points_and_max(tmp_path, bundle, girl):
    folder = tmp_path / "data" / "s1"
    right = right_order(girl)
    with Store.for_session_dir(folder) as store:
        session = store.create_session("s1")
        p = store.add_participant(session.id, "Quiet Heron 7")
        store.save_answer(p, GIRL, "order", {"order": [right[1], right[0], *right[2:]], "checked": True})
    (folder / "runtime").mkdir()
    bundle_for(mini_project(ROOT, tmp_path / "project", [GIRL]), folder / "runtime")  # what a workshop keeps
    rows = export_rows(folder)
    [row] = [r for r in rows if r["exercise"] == "order"]
    assert (row["points"], row["max"], row["answered"]) == (4, 6, True)
    assert json.loads(row["answer"])["order"][0] == right[1]
    [csv_path, _xlsx] = export_session(folder, tmp_path / "out")
    with csv_path.open(encoding="utf-8") as fh:
        [exported] = [r for r in csv.DictReader(fh) if r["exercise"] == "order"]
    assert (exported["points"], exported["max"]) == ("4", "6")
