"""The analysis on a small synthetic session, written into a real SQLite store, against
aggregates computed by hand (in the comments); and ``safekit survey report`` end to end."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from safekit.authoring.survey import survey_dicts
from safekit.cli import main
from safekit.sessions import Store
from safekit.survey import render
from safekit.survey import report as r
from tests.survey.conftest import NEEDS, SESSION


def _csv(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def frame(session):
    df, surveys, session_id = r.load_session(session)
    assert session_id == SESSION
    return df, surveys


def test_forms_submitted_and_started(frame):
    df, surveys = frame
    table = r.forms_table(df, surveys, "en").set_index("form")
    assert table.loc["Your work, what works and what you need"].tolist() == [8, 1]
    assert table.loc["Knowledge check: before the workshop"].tolist() == [6, 0]  # P1-P5, P7
    assert table.loc["Knowledge check: after the workshop"].tolist() == [5, 1]  # P1-P4, P6; P7 started
    assert table.loc["How was this session?"].tolist() == [2, 0]


def test_counts_by_profession_and_country_merge_groups_under_three(frame):
    df, surveys = frame
    # police 3; guardian 2, labour inspector 1, NGO 1, not stated 1 -> merged 5. P9 did not submit.
    professions = r.group_counts(df, surveys, "profession", "en")
    assert professions.values.tolist() == [["Police officer", 3], ["Other or fewer than 3", 5]]
    # NL 4 (P1, P2, P4, P6), HU 3 (P3, P7, P8), BG 1 -> merged
    countries = r.group_counts(df, surveys, "country", "en")
    assert countries.values.tolist() == [["Netherlands", 4], ["Hungary", 3], ["Other or fewer than 3", 1]]


def test_a_likert_distribution(frame):
    df, surveys = frame
    table = r.likert_table(df, surveys, "en").set_index(["questionnaire", "question"])
    row = table.loc[
        (
            "Your work, what works and what you need",
            "How confident are you that you would notice the signals of trafficking?",
        )
    ]
    # 2, 4, 4, 5, 3, 4, 2 (P8 skipped it; P9's 1 was never submitted): mean 24 / 7
    assert [row[str(p)] for p in range(1, 6)] == [0, 2, 1, 3, 1]
    assert row["n"] == 7 and row["mean"] == 3.43 and row["note"] == ""
    useful = table.loc[
        ("How was this session?", "The session was useful for my work.")
    ]  # only two evaluations
    assert useful["n"] == 2 and pd.isna(useful["5"]) and pd.isna(useful["mean"])
    assert useful["note"] == "fewer than 3 respondents: not shown"


def test_knowledge_gain_per_question_over_paired_respondents(frame):
    df, surveys = frame
    table = r.knowledge_table(df, surveys, "en")
    assert len(table) == 10 and set(table["paired n"]) == {4}  # P1-P4 submitted both
    adult, child, consent = (table.iloc[i] for i in range(3))
    # adult elements: before P1, P4 right (2 of 4); after P1, P2, P3 right (3 of 4)
    assert [adult[c] for c in ["right before", "right after", "% before", "% after", "gain (points)"]] == [
        2, 3, 50.0, 75.0, 25.0,
    ]  # fmt: skip
    # child means: before only P4 (1 of 4); after all four
    assert [child[c] for c in ["right before", "right after", "% before", "% after", "gain (points)"]] == [
        1, 4, 25.0, 100.0, 75.0,
    ]  # fmt: skip
    # P7 answered consent right, but never submitted the check after: not paired, not counted
    assert [consent["right before"], consent["right after"], consent["gain (points)"]] == [0, 0, 0.0]


def test_knowledge_by_profession_hides_groups_under_three(frame):
    df, surveys = frame
    table = r.knowledge_by_group(df, surveys, "profession", "en").set_index("What is your work?")
    # police P1 (1/10 -> 2/10), P2 (0 -> 2/10), P3 (0 -> 2/10): before 10 / 3 = 3.3 %, after 20 %
    police = table.loc["Police officer"]
    assert police["n"] == 3 and police["% before"] == 3.3 and police["% after"] == 20.0
    assert police["gain (points)"] == 16.7
    merged = table.loc["Other or fewer than 3"]  # P4 alone
    assert merged["n"] == 1 and pd.isna(merged["% before"]) and pd.isna(merged["gain (points)"])
    assert merged["note"] == "fewer than 3 respondents: not shown"


def test_most_named_bottlenecks_first(frame):
    df, surveys = frame
    table = r.choice_table(df, surveys, "en")
    bottlenecks = table[table["question"] == "bottlenecks"]
    # 7 answered (P7 chose none): language 4, too little time 2, referral 2, cooperation 1, other 1
    top = bottlenecks[bottlenecks["count"] > 0][["option", "count", "% of respondents"]].values.tolist()
    assert top == [
        ["Language, or no independent interpreter", 4, 57.1],
        ["Too little time at first contact", 2, 28.6],
        ["Unclear whom to refer to and how", 2, 28.6],
        ["Little cooperation between organisations", 1, 14.3],
        ["Other", 1, 14.3],
    ]
    assert set(bottlenecks["n"]) == {7}
    needs = table[table["question"] == "needs"]  # only two answered
    assert needs["count"].isna().all() and set(needs["note"]) == {"fewer than 3 respondents: not shown"}


def test_free_text_only_where_three_wrote_and_without_names(frame):
    df, surveys = frame
    blocks = {b["question"]: b for b in r.free_texts(df, surveys, "en")}
    works = blocks["What works well where you work for noticing victims early?"]
    assert works["texts"] == ["a fixed police contact", "Case meetings", "Zebra meetings every week"]
    alone = blocks["Anything else you want the trainers or the organisers to know?"]
    assert alone["n"] == 1 and alone["texts"] == []
    other = blocks["Where do you get stuck? Choose all that apply."]  # P4's "other" text alone
    assert other["texts"] == [] and other["n"] == 1


def test_identifying_details_in_free_text_are_masked_and_named(frame):
    df, surveys = frame
    df = df.copy()
    df.loc[df["value"] == "Case meetings", "value"] = "Case meetings; call Marcus on 06 1234 5678"
    english = [b["question"] for b in r.free_texts(df, surveys, "en")]
    at = next(i for i, q in enumerate(english) if q.startswith("What works well where you work"))
    works = r.free_texts(df, surveys, "nl")[at]  # the report in Dutch
    assert "Case meetings; call […] on […]" in works["texts"]
    assert not [t for t in works["texts"] if "Marcus" in t or "5678" in t]
    assert works["masked"].startswith("Gegevens die iemand herkenbaar kunnen maken")
    assert "telefoonnummer" in works["masked"]
    untouched = {b["question"]: b for b in r.free_texts(frame[0], surveys, "en")}
    assert all(b["masked"] == "" for b in untouched.values())


def test_pseudonyms_never_reach_the_aggregates(frame):
    df, surveys = frame
    rep = render.build_report(df, surveys, "en", SESSION)
    everything = render.summary(rep) + render.to_html(rep) + "".join(rep.charts.values())
    everything += "".join(t.to_csv() for t in rep.tables.values())
    assert not [name for name in [*NEEDS, "P9 Late Owl"] if name in everything]
    assert "Only one person wrote this" not in everything and "Waiting lists" not in everything


def test_the_command_writes_tables_charts_and_a_self_contained_page(session, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["survey", "report", SESSION, "--data-dir", str(session.parent), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"Questionnaires of session {SESSION}: 8 respondent(s)" in result.output
    assert "Groups of fewer than 3 are not broken out." in result.output
    assert "Other or fewer than 3" in result.output and "P1 Calm Otter" not in result.output
    folder = out / f"{SESSION}-survey"
    names = {p.name for p in folder.iterdir()}
    assert {"responses.csv", "knowledge.csv", "likert.csv", "choices.csv", "respondents-country.csv",
            "survey-report.xlsx", "report.html", "knowledge.svg", "likert.svg", "choices-bottlenecks.svg"} <= names  # fmt: skip
    assert "choices-needs.svg" not in names  # two respondents: no chart
    rows = _csv(folder / "knowledge.csv")
    assert rows[1]["% before"] == "25.0" and rows[1]["% after"] == "100.0" and rows[1]["paired n"] == "4"
    raw = _csv(folder / "responses.csv")
    assert {"P1 Calm Otter", "P9 Late Owl"} <= {row["pseudonym"] for row in raw}
    assert not any("token" in key for key in raw[0])
    assert any(row["other"] == "Waiting lists" for row in raw)
    book = openpyxl.load_workbook(folder / "survey-report.xlsx", read_only=True)
    assert {"forms", "likert", "knowledge", "choices", "responses", "respondents-profession"} <= set(
        book.sheetnames
    )
    book.close()
    svg = ET.parse(folder / "knowledge.svg").getroot()
    assert svg.tag.endswith("svg") and "Knowledge check" in "".join(svg.itertext())
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= 4 and "Zebra meetings every week" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "<script" not in page and "<link" not in page


def test_the_report_in_dutch(session, tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "survey",
            "report",
            SESSION,
            "--data-dir",
            str(session.parent),
            "--out",
            str(tmp_path),
            "--lang",
            "nl",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Groepen kleiner dan 3 worden niet apart getoond." in result.output
    page = (tmp_path / f"{SESSION}-survey" / "report.html").read_text(encoding="utf-8")
    assert "Politieagent" in page and "Kennis voor en na de workshop" in page


def test_an_unknown_session_is_an_error(tmp_path):
    result = CliRunner().invoke(main, ["survey", "report", "nope", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "No session 'nope'" in result.output


def test_a_session_without_questionnaires(tmp_path):
    with Store.for_session_dir(tmp_path / "empty") as store:
        store.create_session("empty")
    rep, written = render.report_session(tmp_path / "empty", tmp_path / "out")
    assert rep.respondents == 0 and "No submitted questionnaires in this session yet." in render.summary(rep)
    assert (tmp_path / "out" / "report.html").is_file() and not rep.charts
    assert survey_dicts().keys() == {"training-needs", "knowledge", "evaluation"}


def test_an_unknown_language_is_refused(session):
    result = CliRunner().invoke(
        main, ["survey", "report", SESSION, "--data-dir", str(session.parent), "--lang", "xx"]
    )
    assert result.exit_code == 2 and "No translation for 'xx'" in result.output


def test_a_tampered_scale_value_is_not_counted(session):
    with Store.for_session_dir(session) as store:
        p = store.add_participant(SESSION, "P10 Odd Wren", "en")
        store.save_answer(
            p, "_survey", "training-needs", {"answers": {"confidence-identify": "9"}, "submitted": True}
        )
    df, surveys, _id = r.load_session(session)
    row = (
        r.likert_table(df, surveys, "en")
        .set_index(["questionnaire", "question"])
        .loc[
            (
                "Your work, what works and what you need",
                "How confident are you that you would notice the signals of trafficking?",
            )
        ]
    )
    assert row["n"] == 7 and row["mean"] == 3.43


def test_change_per_item_before_and_after_paired_by_pseudonym(session):
    """The evaluation asks three before-items again; the report pairs answers by pseudonym and
    shows the change per item only from three pairs."""
    after = {
        "P1 Calm Otter": 4,
        "P2 Kind Cedar": 4,
        "P3 Bold Aspen": 5,
        "P4 Warm Comet": 4,
        "P5 Blue Heron": None,
    }
    with Store.for_session_dir(session) as store:
        people = {p.pseudonym: p for p in store.participants(SESSION)}
        for name, value in list(after.items())[:2]:  # two pairs: not shown yet
            answers = {"useful": 5, "pace": "right", "confidence-identify-after": value}
            store.save_answer(people[name], "_survey", "evaluation", {"answers": answers, "submitted": True})
    df, surveys, _id = r.load_session(session)
    table = r.change_table(df, surveys, "en").set_index("question")
    row = table.loc["How confident are you that you would notice the signals of trafficking?"]
    assert (
        row["pairs"] == 2 and pd.isna(row["change"]) and row["note"] == "fewer than 3 respondents: not shown"
    )
    with Store.for_session_dir(session) as store:
        for name, value in list(after.items())[2:]:
            answers = {"confidence-identify-after": value} if value else {"useful": 3}
            store.save_answer(people[name], "_survey", "evaluation", {"answers": answers, "submitted": True})
    df, surveys, _id = r.load_session(session)
    table = r.change_table(df, surveys, "en").set_index("question")
    row = table.loc["How confident are you that you would notice the signals of trafficking?"]
    # before 2, 4, 4, 5 -> after 4, 4, 5, 4 (P5 answered before but not after: not paired)
    assert row["pairs"] == 4 and row["mean before"] == 3.75 and row["mean after"] == 4.25
    assert row["change"] == 0.5 and [row["up"], row["same"], row["down"]] == [2, 1, 1]
    assert row["note"] == ""
    assert set(table.index) == {
        "How confident are you that you would notice the signals of trafficking?",
        "How confident are you in talking with a victim about future options, including a safe return?",
        "When I suspect trafficking, I know whom to contact in my country.",
    }
    assert table.loc["When I suspect trafficking, I know whom to contact in my country."]["pairs"] == 0
