"""Room aggregates from real concurrent store writers; export and purge."""

from __future__ import annotations

import csv
import random
import threading

import pytest

from safekit.room.aggregate import MIN_GROUP, room_state
from safekit.room.export import export_session
from safekit.sessions import Store
from safekit.sessions.folders import list_sessions, purge_session
from safekit.testing import bundle_for
from tests.support import mini_project

CASE = "girl-with-uncle-airport"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    from tests.conftest import ROOT

    project = mini_project(ROOT, tmp_path_factory.mktemp("p"), [CASE, "ana-permit-ends"])
    bundle = bundle_for(project, tmp_path_factory.mktemp("b"))
    bundle.path = next(p for p in tmp_path_factory.getbasetemp().rglob("bundle.json"))
    return bundle


def simulate(folder, bundle, n=40, seed=7):
    """n participants answering concurrently, each through their own store connection."""
    with Store.for_session_dir(folder) as store:
        session = store.create_session(folder.name)
        people = [store.add_participant(session.id, f"P{i}") for i in range(n)]
    rng = random.Random(seed)
    options = [o["id"] for o in bundle.cases[CASE]["questions"]["decide"][0]["options"]]
    plan = {
        p.token: (rng.choice(options), rng.sample(["labour", "sexual", "begging"], rng.randint(1, 2)))
        for p in people
    }

    def participant(p):
        with Store.for_session_dir(folder) as own:
            choice, forms = plan[p.token]
            own.save_answer(p, CASE, "decide", {"path": [{"step": "at-the-desk", "option": choice}]})
            for k in range(1, len(forms) + 1):  # several clicks: each saved
                own.save_answer(
                    p,
                    CASE,
                    "assess",
                    {"forms": forms[:k], "palermo": [], "rule": "child", "checked": k == len(forms)},
                )

    threads = [threading.Thread(target=participant, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return session, people, plan


def test_forty_concurrent_participants_are_counted_exactly(tmp_path, bundle):
    folder = tmp_path / "s"
    session, people, plan = simulate(folder, bundle)
    with Store.for_session_dir(folder) as store:
        assert store.count("answer") == 2 * len(people)
        assert store.count("event") == sum(1 + len(forms) for _c, forms in plan.values())
        store.reveal(CASE, "decide")
        store.reveal(CASE, "assess")
        state = room_state(
            bundle,
            session.id,
            store.participants(session.id),
            store.all_answers(session.id),
            store.revealed(),
            store.approvals(),
            "en",
        )
    assert state["joined"] == 40
    decide = next(x for x in state["exercises"] if x["case"] == CASE and x["exercise"] == "decide")
    assert decide["data"][0]["title"] == bundle.cases[CASE]["questions"]["decide"][0]["prompt"]["en"]
    counts = {o["label"]: o["count"] for o in decide["data"][0]["bars"]}
    want = {}
    for choice, _forms in plan.values():
        label = next(
            o["label"]["en"]
            for o in bundle.cases[CASE]["questions"]["decide"][0]["options"]
            if o["id"] == choice
        )
        want[label] = want.get(label, 0) + 1
    assert {k: v for k, v in counts.items() if v} == want
    assess = next(x for x in state["exercises"] if x["case"] == CASE and x["exercise"] == "assess")
    forms = next(g["bars"] for g in assess["data"] if g["title"] == "Forms of exploitation chosen")
    labour = next(f for f in forms if f["label"] == "Forced labour or services")
    assert labour["count"] == sum("labour" in forms for _c, forms in plan.values())
    assert labour["correct"] is True
    assert "P1" not in str(state)  # never a pseudonym


def test_hidden_until_revealed_and_not_below_the_minimum_group(tmp_path, bundle):
    folder = tmp_path / "small"
    session, people, _plan = simulate(folder, bundle, n=MIN_GROUP - 1)
    with Store.for_session_dir(folder) as store:

        def decide():
            state = room_state(
                bundle,
                session.id,
                store.participants(session.id),
                store.all_answers(session.id),
                store.revealed(),
                store.approvals(),
                "en",
            )
            return next(x for x in state["exercises"] if x["case"] == CASE and x["exercise"] == "decide")

        assert decide()["data"] is None and not decide()["revealed"]
        store.reveal(CASE, "decide")
        assert decide()["revealed"] and not decide()["enough"] and decide()["data"] is None
        extra = store.add_participant(session.id, "late")
        store.save_answer(extra, CASE, "decide", {"path": [{"step": "at-the-desk", "option": "separate"}]})
        assert decide()["enough"] and decide()["data"] is not None


def test_reflections_need_opt_in_and_approval(tmp_path, bundle):
    folder = tmp_path / "r"
    with Store.for_session_dir(folder) as store:
        session = store.create_session("r")
        a, b = store.add_participant("r", "A"), store.add_participant("r", "B")
        store.save_answer(a, CASE, "reflect", {"text": "private thought", "share": False})
        store.save_answer(b, CASE, "reflect", {"text": "shared thought", "share": True})

        def reflect():
            state = room_state(
                bundle,
                session.id,
                store.participants("r"),
                store.all_answers("r"),
                store.revealed(),
                store.approvals(),
                "en",
            )
            return next(x for x in state["exercises"] if x["case"] == CASE and x["exercise"] == "reflect")

        assert [(s["text"], s["warning"]) for s in reflect()["shared"]] == [("shared thought", "")]
        assert reflect()["approved"] == []
        store.approve(b.token, CASE, "shared thought")
        assert reflect()["approved"] == ["shared thought"]
        store.save_answer(b, CASE, "reflect", {"text": "shared thought", "share": False})  # changed her mind
        assert reflect()["approved"] == []


def test_a_shared_reflection_that_could_identify_someone_carries_a_warning(tmp_path, bundle):
    with Store.for_session_dir(tmp_path / "w") as store:
        session = store.create_session("w")
        a = store.add_participant("w", "A")
        text = "Like my client Marcus, who still calls me on 06 1234 5678."
        store.save_answer(a, CASE, "reflect", {"text": text, "share": True})
        args = (bundle, session.id, store.participants("w"), store.all_answers("w"), set(), {})
        for lang, warning in (
            ("en", "person name not declared as fictional, phone number"),
            ("nl", "persoonsnaam die niet als fictief is opgegeven, telefoonnummer"),
        ):
            state = room_state(*args, lang)
            item = next(x for x in state["exercises"] if x["case"] == CASE and x["exercise"] == "reflect")
            assert item["shared"] == [
                {"key": item["shared"][0]["key"], "text": text, "approved": False, "warning": warning}
            ]


def test_export_has_pseudonyms_only_and_purge_deletes(tmp_path, bundle):
    folder = tmp_path / "data" / "s1"
    session, people, _plan = simulate(folder, bundle, n=5)
    (folder / "runtime").mkdir()
    (folder / "runtime" / "bundle.json").write_text(bundle.path.read_text())
    paths = export_session(folder, tmp_path / "out")
    with paths[0].open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 10 and {r["pseudonym"] for r in rows} == {f"P{i}" for i in range(5)}
    text = paths[0].read_text() + str(paths[1].stat().st_size)
    assert all(p.token not in text for p in people)
    with Store.for_session_dir(folder) as store:
        assert store.session().secret not in text
    assert [s.id for s in list_sessions(tmp_path / "data")] == ["s1"]
    counts = purge_session(folder)
    assert counts["participant"] == 5 and counts["answer"] == 10 and counts["files"] >= 1
    assert not folder.exists() and list_sessions(tmp_path / "data") == []
