"""A small synthetic session written into a real SQLite store, shared by the report, command
and notebook tests. The aggregates it must give are computed by hand in test_report.py."""

from __future__ import annotations

import pytest

from safekit.sessions import Store
from safekit.survey.scoring import SURVEY_CASE

SESSION = "20260101-090000"
# pseudonym: (profession, country, confidence-identify, bottlenecks, what-works)
NEEDS = {
    "P1 Calm Otter": ("police", "nl", 2, ["language", "no-time"], "Zebra meetings every week"),
    "P2 Kind Cedar": ("police", "nl", 4, ["language"], "a fixed police contact"),
    "P3 Bold Aspen": ("police", "hu", 4, ["language", "referral-unclear"], "Case meetings"),
    "P4 Warm Comet": ("guardian", "nl", 5, ["referral-unclear", "other"], None),
    "P5 Blue Heron": ("guardian", "bg", 3, ["no-time"], None),
    "P6 Tall Birch": ("labour-inspector", "nl", 4, ["language"], None),
    "P7 Quiet Lark": ("ngo-case-worker", "hu", 2, [], None),
    "P8 Swift Fox": (None, "hu", None, ["cooperation"], None),
}
# knowledge check: (adult-elements, child-means) per phase; None = not taken
KNOWLEDGE = {
    "P1 Calm Otter": {"pre": ("act-means-purpose", "no"), "post": ("act-means-purpose", "yes")},
    "P2 Kind Cedar": {"pre": ("act-only", "no"), "post": ("act-means-purpose", "yes")},
    "P3 Bold Aspen": {"pre": ("dont-know", "no"), "post": ("act-means-purpose", "yes")},
    "P4 Warm Comet": {"pre": ("act-means-purpose", "yes"), "post": ("act-purpose", "yes")},
    "P5 Blue Heron": {"pre": ("act-means-purpose", "yes")},  # before only: not paired
    "P6 Tall Birch": {"post": ("act-means-purpose", "yes")},  # after only: not paired
}


def _payload(answers: dict, submitted: bool = True, other: dict | None = None) -> dict:
    return {"answers": {k: v for k, v in answers.items() if v not in (None, [])}, "other": other or {},
            "submitted": submitted, "lang": "en"}  # fmt: skip


@pytest.fixture
def session(tmp_path):
    """8 respondents submitted the training-needs form, a 9th only started it."""
    folder = tmp_path / "data" / SESSION
    with Store.for_session_dir(folder) as store:
        store.create_session(SESSION)
        people = {name: store.add_participant(SESSION, name, "en") for name in [*NEEDS, "P9 Late Owl"]}
        for name, (profession, country, confidence, bottlenecks, works) in NEEDS.items():
            answers = {"profession": profession, "country": country, "confidence-identify": confidence,
                       "bottlenecks": bottlenecks, "what-works": works}  # fmt: skip
            other = {"bottlenecks": "Waiting lists"} if "other" in bottlenecks else {}
            store.save_answer(people[name], SURVEY_CASE, "training-needs", _payload(answers, other=other))
        store.save_answer(people["P1 Calm Otter"], SURVEY_CASE, "training-needs",
                          _payload({**dict(zip(["profession", "country", "confidence-identify", "bottlenecks", "what-works"], NEEDS["P1 Calm Otter"], strict=True)),
                                    "needs": ["children"], "anything-else": "Only one person wrote this"}))  # fmt: skip
        store.save_answer(people["P2 Kind Cedar"], SURVEY_CASE, "training-needs",
                          _payload({**dict(zip(["profession", "country", "confidence-identify", "bottlenecks", "what-works"], NEEDS["P2 Kind Cedar"], strict=True)),
                                    "needs": ["children", "referral"]}))  # fmt: skip
        store.save_answer(people["P9 Late Owl"], SURVEY_CASE, "training-needs",
                          _payload({"profession": "police", "country": "nl", "confidence-identify": 1}, submitted=False))  # fmt: skip
        for name, phases in KNOWLEDGE.items():
            for phase, (adult, child) in phases.items():
                answer = _payload({"adult-elements": adult, "child-means": child})
                store.save_answer(people[name], SURVEY_CASE, f"knowledge-{phase}", answer)
        # P7 submitted the check before, and only started the one after
        store.save_answer(
            people["P7 Quiet Lark"], SURVEY_CASE, "knowledge-pre", _payload({"consent": "irrelevant"})
        )
        store.save_answer(people["P7 Quiet Lark"], SURVEY_CASE, "knowledge-post",
                          _payload({"consent": "irrelevant"}, submitted=False))  # fmt: skip
        for name in ["P1 Calm Otter", "P2 Kind Cedar"]:  # only two evaluations: too few to show
            store.save_answer(
                people[name], SURVEY_CASE, "evaluation", _payload({"useful": 5, "pace": "right"})
            )
        store.save_answer(
            people["P3 Bold Aspen"], "girl-with-uncle-airport", "reflect", {"text": "not a survey"}
        )
    return folder
