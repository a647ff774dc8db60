"""The questionnaire forms headless: in the participant app with a real store, saving at every
change, restoring after a reload, and kept out of the room view and the progress bar."""

from __future__ import annotations

from safekit.apps.participant import ParticipantApp
from safekit.room.aggregate import room_state
from safekit.survey.form import QuestionnaireForm, show_survey
from safekit.survey.scoring import OTHER, SURVEY_CASE
from safekit.testing import find_button, texts


def test_the_overview_lists_the_questionnaires_before_and_after(bundle, store):
    p = store.add_participant("session", "Calm Otter 11", "en")
    app = ParticipantApp(bundle, store, p)
    app.show_home()
    text = texts(app.main)
    assert "Before we start" in text and "After the workshop" in text
    labels = [c.description for c in app.main.children if hasattr(c, "description")]
    before = labels.index("Knowledge check: before the workshop")
    assert labels[before + 1] == "Your work, what works and what you need"
    assert labels[-2:] == ["Knowledge check: after the workshop", "How was this session?"]


def test_training_needs_saves_every_change_and_restores_after_a_reload(bundle, store):
    p = store.add_participant("session", "Kind Cedar 20", "en")
    app = ParticipantApp(bundle, store, p)
    app.show_home()
    find_button(app.main, "Your work, what works").click()
    form = app._survey_forms[("training-needs", "en")]
    form.inputs["profession"].value = "labour-inspector"
    form.inputs["country"].value = OTHER
    assert form.others["country"].layout.display is None  # the text field shows for "Other"
    form.others["country"].value = "Romania"
    form.inputs["confidence-identify"].value = 4
    form.inputs["bottlenecks"]["language"].value = True
    form.inputs["bottlenecks"]["disappear"].value = True
    form.inputs["what-works"].value = "A weekly case meeting with the shelter."
    saved = store.answers(p.token)[(SURVEY_CASE, "training-needs")]
    assert saved["answers"] == {
        "profession": "labour-inspector",
        "country": OTHER,
        "confidence-identify": 4,
        "bottlenecks": ["language", "disappear"],
        "what-works": "A weekly case meeting with the shelter.",
    }
    assert saved["other"] == {"country": "Romania"} and saved["submitted"] is False
    find_button(form.widget, "Submit").click()
    assert store.answers(p.token)[(SURVEY_CASE, "training-needs")]["submitted"] is True
    assert "Thank you" in texts(form.status)
    assert app.progress.value == 0  # the progress bar counts exercises only
    assert app.position == {"view": "survey", "survey": "training-needs"}

    # a reload: a new kernel, the same participant link, in Dutch
    again = ParticipantApp(bundle, store, store.participant(p.token), lang="nl")
    restored = again._survey_forms[("training-needs", "nl")]
    assert restored.inputs["profession"].value == "labour-inspector"
    assert restored.others["country"].value == "Romania"
    assert (
        restored.inputs["bottlenecks"]["disappear"].value
        and not restored.inputs["bottlenecks"]["no-time"].value
    )
    assert restored.submitted and "Je werk, wat werkt" in texts(again.main)
    again.show_home()
    assert "Je werk, wat werkt en wat je nodig hebt ✓" in texts(again.main)


def test_the_knowledge_check_gives_feedback_only_after_the_second_round(bundle, store):
    p = store.add_participant("session", "Bold Aspen 31", "en")
    app = ParticipantApp(bundle, store, p)
    q = bundle.surveys["knowledge"]
    pre = show_survey(app, "knowledge-pre")
    for item in q["questions"]:
        pre.inputs[item["id"]].value = "dont-know"
    pre.inputs["child-means"].value = "yes"
    find_button(pre.widget, "Submit").click()
    shown = texts(app.main)
    assert "Right answer" not in shown and "✓" not in shown and "✗" not in shown
    assert pre.inputs["adult-elements"].disabled  # closed once submitted
    post = show_survey(app, "knowledge-post")
    for item in q["questions"]:
        post.inputs[item["id"]].value = item["correct"][0]
    post.inputs["consent"].value = "dont-know"
    assert "Right answer" not in texts(app.main)
    find_button(post.widget, "Submit").click()
    result = texts(post.result)
    assert "Before the workshop: 1 of 10 right. After the workshop: 9 of 10 right." in result
    assert "Before: ✗ · After: ✓" in result and "Before: ✓ · After: ✓" in result
    assert "Before: ✗ · After: ✗" in result  # the consent item
    assert "no means need be shown" in result  # the explanation
    app.show_home()
    assert "Knowledge check: after the workshop ✓ done" in texts(app.main)


def test_the_check_before_closes_once_the_check_after_is_in(bundle, store):
    p = store.add_participant("session", "Warm Comet 44", "en")
    app = ParticipantApp(bundle, store, p)
    post = show_survey(app, "knowledge-post")
    post.submit()
    assert "Before the workshop" not in texts(post.result)
    app.show_home()
    card = find_button(app.main, "Knowledge check: before the workshop")
    assert card.disabled and "(closed)" in card.description


def test_the_room_view_ignores_questionnaires(bundle, store):
    people = [store.add_participant("session", f"Person {i}", "en") for i in range(4)]
    for p in people:
        store.save_answer(p, SURVEY_CASE, "evaluation", {"answers": {"useful": 5}, "submitted": True})
    state = room_state(bundle, "session", people, store.all_answers("session"), set(), {}, "en")
    assert all(item["case"] != SURVEY_CASE and item["answered"] == 0 for item in state["exercises"])


def test_a_form_alone_restores_what_it_saved():
    from safekit.authoring.survey import survey_dicts

    q = survey_dicts()["evaluation"]
    saved = []
    form = QuestionnaireForm(q, "evaluation", "en", save=saved.append)
    form.inputs["useful"].value = 5
    form.inputs["pace"].value = "right"
    form.inputs["improve"].value = "  "
    assert saved[-1]["answers"] == {"useful": 5, "pace": "right"}
    copy = QuestionnaireForm(q, "evaluation", "en", save=saved.append, answer=saved[-1])
    assert copy.answer() == saved[-1] and len(saved) == 3  # restoring does not save
    assert copy.inputs["useful"].value == 5 and copy.inputs["realistic"].value is None
