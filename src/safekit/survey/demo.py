"""Made-up questionnaire answers in a real session store, for trying the report before a
workshop (the notebook uses them when there is no session yet). Seeded: always the same."""

from __future__ import annotations

import random
from pathlib import Path

from safekit.sessions import Store
from safekit.survey.scoring import OTHER, SURVEY_CASE, form_keys

DEMO_SESSION = "demo-questionnaires"


def _answer(item: dict, rng: random.Random, phase: str) -> object:
    kind = item["type"]
    if kind == "likert":
        return rng.choice([2, 3, 3, 4, 4, 4, 5])
    if kind == "text":
        return rng.choice(
            ["", "", "Regular case meetings with the local shelter.", "A fixed contact person at the police."]
        )
    ids = [o["id"] for o in item["options"]]
    if item.get("correct"):  # after the workshop, more people know
        p = 0.8 if phase == "post" else 0.45
        return item["correct"][0] if rng.random() < p else rng.choice(ids)
    if kind == "single":
        return rng.choice(ids[:4] if item.get("profile") else ids)
    picked = [i for i in ids if rng.random() < 0.3]
    return picked or [ids[0]]


def write_demo_session(data_dir: Path, surveys: dict[str, dict], people: int = 14) -> Path:
    """A session ``demo-questionnaires`` in ``data_dir`` with ``people`` made-up respondents."""
    rng = random.Random(7)
    folder = Path(data_dir) / DEMO_SESSION
    with Store.for_session_dir(folder) as store:
        if store.session() is None:
            store.create_session(DEMO_SESSION, title="Demo")
        for n in range(people):
            p = store.add_participant(DEMO_SESSION, f"Demo Person {n + 1}", "en")
            for q in surveys.values():
                for key in form_keys(q):
                    phase = key.rpartition("-")[2] if q.get("paired") else ""
                    answers = {i["id"]: _answer(i, rng, phase) for i in q["questions"]}
                    answers = {k: v for k, v in answers.items() if v not in ("", [])}
                    other = {k: "Social work" for k, v in answers.items() if v == OTHER}
                    payload = {"answers": answers, "other": other, "submitted": True, "lang": "en"}
                    store.save_answer(p, SURVEY_CASE, key, payload)
    return folder
