"""The worksheet exercise headless: offered where it belongs, nothing prefilled, every change
saved, restored exactly, counted as done only when saved on purpose, never scored."""

from __future__ import annotations

from safekit.apps.participant import ParticipantApp
from safekit.exercises import Worksheet, exercises_for, kind
from safekit.exercises.registry import context_for
from safekit.testing import find_button, texts
from safekit.worksheets import fields


def test_offered_for_every_safe_future_case_after_future_and_before_reflect(bundle):
    for case in bundle.cases.values():
        kinds = exercises_for(case)
        if case["module"] == "safe-future":
            assert "worksheet" in kinds
            assert kinds.index("future") < kinds.index("worksheet") == len(kinds) - 2
            assert kinds[-1] == "reflect"
        else:
            assert "worksheet" not in kinds
    assert kind("worksheet").widget is Worksheet and kind("worksheet").personal


def test_nothing_is_prefilled_from_the_case(bundle, kim):
    ex = Worksheet(kim, bundle.catalogue, "en", context=context_for(bundle))
    for sheet in bundle.worksheets:
        form = ex.form(sheet["id"])
        for _section, field in fields(sheet):
            for widget in form.inputs[field["id"]].values():
                assert widget.value in ("", None), (sheet["id"], field["id"])
    assert ex.answer()["checked"] is False and ex.score() == {}


def fill(ex: Worksheet) -> None:
    """Something in every kind of field, in all three worksheets."""
    risk = ex.form("risk-assessment").inputs
    risk["individual-risk"]["text"].value = "The network still claims a debt.\nShe fears for her brother."
    risk["community-protective"]["text"].value = "A receiving organisation in her region."
    risk["risk-2"]["text"].value = "Creditors find her address"
    risk["risk-2"]["likelihood"].value = "high"
    risk["risk-2"]["severity"].value = "medium"
    risk["risk-2"]["mitigation"].value = "Safe housing outside her home town"
    consent = ex.form("informed-consent").inputs
    consent["limits"]["state"].value = "done"
    consent["child"]["state"].value = "not-applicable"
    consent["return"]["note"].value = "She wants time; ask again next week."
    plan = ex.form("reintegration-plan").inputs
    plan["psychosocial-individual"]["text"].value = "Warm handover to a counsellor"
    plan["safety-plan"]["text"].value = "Escort from the airport"


def test_every_change_is_saved_and_restored_exactly(bundle, kim):
    saved = []
    ex = Worksheet(kim, bundle.catalogue, "en", context=context_for(bundle), save=saved.append)
    fill(ex)
    assert len(saved) == 11  # one save per change, none while building the forms
    last = saved[-1]["sheets"]
    assert last["risk-assessment"]["risk-2"] == {
        "text": "Creditors find her address",
        "likelihood": "high",
        "severity": "medium",
        "mitigation": "Safe housing outside her home town",
    }
    assert last["informed-consent"]["limits"] == {"state": "done", "note": ""}
    assert last["reintegration-plan"]["safety-plan"] == "Escort from the airport"
    assert saved[-1]["checked"] is False
    assert "Saved. Parts filled in: 8." in texts(ex.widget)  # fields, not boxes

    find_button(ex.widget, "Save worksheets").click()
    assert saved[-1]["checked"] is True and saved[-1]["sheets"] == last

    again = Worksheet(
        kim, bundle.catalogue, "nl", context=context_for(bundle), save=saved.append, answer=saved[-1]
    )
    assert len(saved) == 12  # restoring saves nothing
    assert again.answer() == saved[-1]
    for sheet in bundle.worksheets:
        for _s, field in fields(sheet):
            for key, widget in again.form(sheet["id"]).inputs[field["id"]].items():
                original = ex.form(sheet["id"]).inputs[field["id"]][key]
                assert widget.value == original.value, (sheet["id"], field["id"], key)
    assert len(saved) == 12  # nor does opening a worksheet


def test_feedback_is_a_case_prompt_not_a_score(bundle, kim):
    ex = Worksheet(kim, bundle.catalogue, "en", context=context_for(bundle))
    ex.check()
    text = texts(ex.widget)
    assert "To discuss" in text
    present = [f for f in kim["questions"]["risk_factors"] if f["present"]]
    absent = [f for f in kim["questions"]["risk_factors"] if not f["present"]]
    assert present and all(f["label"]["en"] in text for f in present)
    assert not any(f["label"]["en"] in text for f in absent)
    assert "points" not in text and ex.score() == {}


def test_a_partial_or_older_answer_still_loads(bundle, kim):
    ex = Worksheet(
        kim,
        bundle.catalogue,
        "en",
        context=context_for(bundle),
        answer={"sheets": {"informed-consent": {"limits": "done"}}},
    )
    assert ex.form("informed-consent").inputs["limits"]["state"].value is None
    assert ex.answer()["sheets"]["informed-consent"]["limits"] == {"state": None, "note": ""}


def test_progress_counts_it_only_once_saved(bundle, store):
    p = store.add_participant("session", "Quiet Heron 7", "en")
    app = ParticipantApp(bundle, store, p)
    total = sum(len(exercises_for(c)) for c in bundle.cases.values())
    app.show_case("ana-permit-ends", "worksheet")
    assert "Return risk assessment" in texts(app.main)
    assert f"0 of {total} exercises done" in app.progress_label.value
    ex = app.exercise("ana-permit-ends", "worksheet")
    ex.form("risk-assessment").inputs["individual-risk"]["text"].value = "debt"
    assert f"0 of {total} exercises done" in app.progress_label.value
    find_button(app.main, "Save worksheets").click()
    assert f"1 of {total} exercises done" in app.progress_label.value
    saved = store.answers(p.token)[("ana-permit-ends", "worksheet")]
    assert saved["checked"] and saved["sheets"]["risk-assessment"]["individual-risk"] == "debt"
    find_button(app.main, "Next: Reflect").click()
    assert app.position["exercise"] == "reflect"
