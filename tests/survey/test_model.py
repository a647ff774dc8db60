"""The questionnaire files: every shipped one loads; broken ones say file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from safekit.authoring.survey import SurveyError, check_file, data_dir, load_questionnaires, survey_dicts
from safekit.survey.scoring import form_keys, is_correct, split_key

FILES = Path(__file__).parent / "files"


def test_the_shipped_questionnaires_load_in_english_and_dutch():
    found = load_questionnaires(languages=("en", "nl"))
    assert set(found) == {"training-needs", "knowledge", "evaluation"}
    assert {p.stem for p in data_dir().glob("*.yaml")} == set(found)
    kinds = {q.type for qn in found.values() for q in qn.questions}
    assert kinds == {"likert", "single", "multiple", "text"}


def test_the_training_needs_questionnaire_asks_who_and_where():
    q = load_questionnaires()["training-needs"]
    by_id = {x.id: x for x in q.questions}
    assert by_id["profession"].profile and by_id["country"].profile
    assert [o.id for o in by_id["profession"].options] == [
        "police", "asylum-reception", "guardian", "labour-inspector", "ngo-case-worker", "iom",
        "health", "border", "youth-work", "shelter-social", "lawyer", "municipality",
    ]  # fmt: skip
    assert [o.id for o in by_id["country"].options] == ["nl", "hu", "bg", "mk"]
    assert by_id["organisation-type"].profile  # sectors can be compared
    assert by_id["profession"].other and by_id["country"].other
    assert {"trends", "what-works", "what-works-future", "bottlenecks", "needs", "meet-frequency"} <= set(
        by_id
    )


def test_bottlenecks_cover_identification_and_a_safe_future():
    by_id = {x.id: x for x in load_questionnaires()["training-needs"].questions}
    ids = {o.id for o in by_id["bottlenecks"].options}
    assert {"no-return-partners", "reflection-period", "permit-ends", "no-reintegration-funding"} <= ids
    assert {"risk-not-joint", "support-conditional", "age-assessment", "cross-border-data"} <= ids


def test_the_evaluation_asks_the_before_items_again_word_for_word():
    surveys = load_questionnaires()
    repeated = {x.repeats: x for x in surveys["evaluation"].questions if x.repeats}
    assert set(repeated) == {
        "training-needs.confidence-identify",
        "training-needs.confidence-future",
        "training-needs.knows-referral",
    }
    before = {x.id: x for x in surveys["training-needs"].questions}
    for ref, item in repeated.items():
        original = before[ref.split(".")[1]]
        assert item.prompt == original.prompt and item.scale == original.scale


def test_the_knowledge_check_is_taken_twice_and_every_item_can_be_scored():
    q = load_questionnaires()["knowledge"]
    assert q.paired and q.scored and 8 <= len(q.questions) <= 10
    for item in q.questions:
        ids = [o.id for o in item.options]
        assert item.type == "single" and len(item.correct) == 1 and item.correct[0] in ids
        assert "dont-know" in ids and "dont-know" not in item.correct
        assert item.explanation and set(item.explanation) >= {"en", "nl"}
    assert form_keys(survey_dicts()["knowledge"]) == ["knowledge-pre", "knowledge-post"]


def test_knowledge_items_avoid_what_the_reference_leaves_open():
    items = load_questionnaires()["knowledge"].questions
    asked = " ".join(
        i.prompt["en"] + " " + " ".join(o.label["en"] for o in i.options)
        for i in items
        if i.id != "reintegration-dimensions"  # IOM's three dimensions of reintegration, not the ILO rule's
    )
    # national reflection periods differ and are not all known; the step-2 rule is reconstructed
    assert "month" not in asked and "Netherlands" not in asked and "dimensions" not in asked
    reflection = next(i for i in items if i.id == "reflection-period")
    assert "At least 30 days" in reflection.options[0].label["en"] and reflection.correct == ["thirty-days"]
    assert "differs by country" in reflection.explanation["en"]


def test_scoring_needs_exactly_the_right_options():
    item = {"correct": ["a", "b"]}
    assert is_correct(item, ["b", "a"])
    assert (
        not is_correct(item, ["a"]) and not is_correct(item, ["a", "b", "c"]) and not is_correct(item, None)
    )
    assert is_correct({"correct": ["x"]}, "x") and not is_correct({"correct": ["x"]}, "dont-know")
    surveys = survey_dicts()
    assert split_key("knowledge-post", surveys) == ("knowledge", "post")
    assert split_key("evaluation", surveys) == ("evaluation", "")
    assert split_key("knowledge", surveys) is None and split_key("spot", surveys) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "bad-type",
            "bad-type.yaml:8: questions[0].type: must be one of 'likert', 'single', 'multiple' or 'text'",
        ),
        (
            "extra-field",
            "extra-field.yaml:9: questions[0].colour: unknown field (not part of the questionnaire format)",
        ),
        ("missing-nl", "missing-nl.yaml:9: questions[0].prompt: missing text in language 'nl'"),
        ("no-scale", "no-scale.yaml:7: questions[0].scale: a likert question needs a scale from 'scales'"),
        (
            "old-version",
            "old-version.yaml:1: schema_version: schema version 0 is not supported; this safekit reads 1",
        ),
        (
            "syntax",
            "syntax.yaml:3: (file): a group in braces opened on this line is not closed properly: check the "
            "commas and the } [did not find expected ',' or '}' (while parsing a flow mapping that starts on line 3)]",
        ),
        ("wrong-key", "wrong-key.yaml:10: questions[0].correct[0]: no option with id 'maybe'"),
    ],
)
def test_a_broken_file_names_file_line_and_field(name, expected):
    q, problems = check_file(FILES / f"{name}.yaml")
    assert q is None
    assert any(str(p).endswith(expected) or expected in str(p) for p in problems), [str(p) for p in problems]
    assert all(str(p).startswith(str(FILES / name)) for p in problems)


def test_loading_a_folder_reports_every_broken_file_at_once():
    with pytest.raises(SurveyError) as info:
        load_questionnaires(FILES)
    assert {p.path.stem for p in info.value.problems} == {f.stem for f in FILES.glob("*.yaml")}


def test_a_third_language_is_only_more_keys(tmp_path):
    text = (
        (FILES / "missing-nl.yaml")
        .read_text(encoding="utf-8")
        .replace("{en: The pace was}", "{en: The pace was, nl: Het tempo was}")
    )
    (tmp_path / "missing-nl.yaml").write_text(text, encoding="utf-8")
    assert load_questionnaires(tmp_path)
    with pytest.raises(SurveyError, match="missing text in language 'fr'"):
        load_questionnaires(tmp_path, languages=("en", "nl", "fr"))
    french = text.replace("nl: Het tempo was}", "nl: Het tempo was, fr: Le rythme était}")
    for a, b in [("nl: Een titel}", "nl: Een titel, fr: Un titre}"), ("nl: Een inleiding}", "nl: Een inleiding, fr: Une intro}"),
                 ("nl: Langzaam}", "nl: Langzaam, fr: Lent}"), ("nl: Snel}", "nl: Snel, fr: Rapide}")]:  # fmt: skip
        french = french.replace(a, b)
    (tmp_path / "missing-nl.yaml").write_text(french, encoding="utf-8")
    assert load_questionnaires(tmp_path, languages=("en", "nl", "fr"))
