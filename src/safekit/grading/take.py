"""Taking an assessment: the practice exercises without feedback, and a submit button.

The view works on the released, key-free data (``assessment.json``). Every change is saved
through ``save`` (the answers file beside the notebook in JupyterLab; the store in the
workshop); ``submit`` hands the answers to nbgrader's layout.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
from IPython.display import display

from safekit.authoring.catalogue import load_catalogue
from safekit.core.bundle import ENV_DATA_DIR
from safekit.exercises.assess import Assess
from safekit.exercises.spot import Spot
from safekit.grading.score import ANSWERS_FILE, DATA_FILE
from safekit.grading.submit import course_dir, submit_answers
from safekit.ui import button, esc, heading, html_block, loc, status, t, toggle


class FirstStep:
    """ "What do you do first?": one choice among the case's first options, no consequence shown.
    Large toggles (a phone's radio buttons are too small for long options); one at a time."""

    def __init__(self, data: dict, lang: str, save: Callable[[dict], None], answer: dict | None):
        self._save, self._busy = save, False
        self.toggles = {
            o["id"]: toggle(loc(o["label"], lang), False, "sk-option", "sk-choice") for o in data["options"]
        }
        if answer and answer.get("option") in self.toggles:
            self.toggles[answer["option"]].value = True
        for option_id, tg in self.toggles.items():
            tg.observe(lambda change, oid=option_id: self._picked(oid, change["new"]), "value")
        prompt = html_block(f"<p class='sk-prompt'>{esc(loc(data['prompt'], lang))}</p>")
        self.widget = w.VBox([prompt, *self.toggles.values()])

    def choose(self, option_id: str) -> None:
        self.toggles[option_id].value = True

    def _picked(self, option_id: str, on: bool) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            for other, tg in self.toggles.items():
                if on and other != option_id:
                    tg.value = False
        finally:
            self._busy = False
        self._save(self.answer())

    def answer(self) -> dict[str, Any]:
        return {"option": next((k for k, tg in self.toggles.items() if tg.value), None)}


class AssessmentView:
    def __init__(
        self,
        data: dict,
        catalogue,
        lang: str,
        answers: dict | None,
        save: Callable[[dict], None],
        submit: Callable[[dict], str] | None = None,
    ):
        self.data, self.lang = data, lang
        self.answers: dict[str, Any] = {"assessment": data["id"], "cases": {}, **(answers or {})}
        self.answers["lang"] = lang
        self._save, self._submit = save, submit
        self.parts: dict[tuple[str, str], Any] = {}
        children = [heading(loc(data["title"], lang))]
        intro = t(
            "Answer every question. You get no feedback now: your trainer grades the assessment "
            "after you submit it. Your answers are saved as you give them.",
            lang,
        )
        children.append(html_block(f"<p>{esc(intro)}</p>", "sk-instructions"))
        for n, case in enumerate(data["cases"], start=1):
            given = self.answers["cases"].get(case["id"], {})
            spot = Spot(
                case,
                catalogue,
                lang,
                save=self._saver(case["id"], "spot"),
                answer=given.get("spot"),
                feedback=False,
            )
            assess = Assess(
                case,
                catalogue,
                lang,
                save=self._saver(case["id"], "assess"),
                answer=given.get("assess"),
                feedback=False,
            )
            first = FirstStep(case["decide"], lang, self._saver(case["id"], "decide"), given.get("decide"))
            self.parts.update(
                {(case["id"], "spot"): spot, (case["id"], "assess"): assess, (case["id"], "decide"): first}
            )
            children += [
                heading(f"{n}. {loc(case['title'], lang)}"),
                heading(t("Spot the signals", lang), 3),
                spot.widget,
                heading(t("Assess", lang), 3),
                assess.widget,
                heading(t("Your first step", lang), 3),
                first.widget,
            ]
        self.submit_button = button(t("Submit my answers", lang), "sk-primary")
        self.submit_button.on_click(lambda _b: self.submit())
        self.state = w.HTML(self._state_text())
        self.root = w.VBox([*children, self.submit_button, self.state])
        self.root.add_class("sk-assessment")

    def _saver(self, case_id: str, question: str):
        def save(payload: dict) -> None:
            self.answers["cases"].setdefault(case_id, {})[question] = payload
            self.answers["saved_at"] = time.time()
            self._save(self.answers)

        return save

    def _state_text(self) -> str:
        at = self.answers.get("submitted_at")
        if not at:
            return ""
        when = time.strftime("%H:%M", time.localtime(at))
        return status(
            t("Submitted at {time}. You can change your answers and submit again.", self.lang, time=when),
            "ok",
        )

    def submit(self) -> None:
        self.answers["submitted_at"] = time.time()
        self._save(self.answers)
        note = self._submit(self.answers) if self._submit else ""
        self.state.value = self._state_text() + (status(note, "info") if note else "")


def show(folder: Path | str = ".", lang: str | None = None) -> AssessmentView:
    """The release notebook's app cell (JupyterLab or nbgrader): answers go to ``answers.json``
    beside the notebook. In nbgrader's kernel this only draws widgets nobody sees."""

    folder = Path(folder)
    data = json.loads((folder / DATA_FILE).read_text(encoding="utf-8"))
    path = folder / ANSWERS_FILE
    try:
        answers = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (OSError, ValueError):
        answers = None  # a damaged file is not read back; the next click writes a good one
    lang = lang or (answers or {}).get("lang") or next(iter(data["title"]))

    def save(payload: dict) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)

    def submit(_payload: dict) -> str:
        return t("Saved in {file}. Hand in this folder the way your course asks.", lang, file=ANSWERS_FILE)

    view = AssessmentView(data, load_catalogue(), lang, answers, save, submit)
    display(view.root)
    return view


def in_workshop(app, data: dict) -> AssessmentView:
    """The assessment inside the participant app: answers in the store at every click, and on
    submit a copy in the session's nbgrader folder (``submitted/<student>/<assessment>/``)."""

    key = (f"assessment:{data['id']}", "answers")

    def save(payload: dict) -> None:
        app.save_answer(*key, dict(payload))

    def submit(payload: dict) -> str:
        if not (app.participant and os.environ.get(ENV_DATA_DIR)):
            return t("Not in a workshop: your answers are kept only on this page.", app.lang)
        submit_answers(course_dir(os.environ[ENV_DATA_DIR]), data, app.participant, payload)
        return ""

    return AssessmentView(data, app.bundle.catalogue, app.lang, app.answers.get(key), save, submit)
