"""The participant app: one page that moves between modules, cases and exercises without a
page load, in the participant's language, saving every answer as it is given.

In the workshop it runs inside Voilà (``run()``); in JupyterLab a notebook can call
``build_local()`` to try it without a server.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import ipywidgets as w
from IPython.display import display

from safekit import compat
from safekit.apps import frontend
from safekit.core.bundle import ENV_BUNDLE, ENV_DATA_DIR, Bundle, load_bundle
from safekit.core.i18n import DRAFT_NOTE, language_name
from safekit.exercises import registry
from safekit.exercises.registry import exercises_for
from safekit.sessions import Participant, Store
from safekit.survey.form import home_section as survey_section  # the questionnaires
from safekit.survey.form import show_survey, survey_keys
from safekit.ui import button, esc, heading, html_block, loc, paragraphs, status, t


class ParticipantApp:
    def __init__(
        self,
        bundle,
        store: Store | None,
        participant: Participant | None,
        lang: str | None = None,
        modules: list[str] | None = None,
    ):
        self.bundle, self.store, self.participant = bundle, store, participant
        self.context = registry.context_for(bundle)
        self.lang = lang or (participant.language if participant else bundle.languages[0])
        self.modules = [m for m in bundle.modules() if modules is None or m["id"] in modules]
        self.answers: dict[tuple[str, str], Any] = (
            store.answers(participant.token) if store and participant else {}
        )
        self.position: dict = dict(participant.position) if participant else {}
        self._exercises: dict[tuple[str, str, str], Any] = {}
        self._views: dict[tuple[str, str], _CaseView] = {}

        self.title = w.HTML()
        self.title.add_class("sk-title")
        self.progress = w.IntProgress(min=0, max=1, value=0, description="")
        self.progress_label = w.HTML()
        names = [(language_name(x), x) for x in bundle.languages]
        # two languages side by side; more in a list, which a phone shows in its own large picker
        self.language = (
            w.ToggleButtons(options=names, value=self.lang, tooltips=[n for n, _x in names])
            if len(names) <= 2
            else w.Dropdown(options=names, value=self.lang)
        )
        self.language.add_class("sk-language")
        self.draft_note = w.HTML()
        self.draft_note.add_class("sk-draft-note")
        self.language.observe(self._on_language, "value")
        self.home_button = button("", "sk-secondary")
        self.home_button.on_click(lambda _b: self.show_home())
        self.progress.add_class("sk-progress-bar")
        progress = w.VBox([self.progress_label, self.progress])
        progress.add_class("sk-progress")
        tools = w.HBox([self.home_button, self.language])
        tools.add_class("sk-tools")
        header = w.VBox([self.title, tools, self.draft_note, progress])
        header.add_class("sk-header")
        self.main = w.VBox()
        self.main.add_class("sk-main")
        self.root = w.VBox([header, self.main])
        self.root.add_class("sk-app")
        self.restore_position()

    # -- state -----------------------------------------------------------------------------
    def cases_in(self, module: dict) -> list[dict]:
        return [self.bundle.cases[c] for c in module["cases"] if c in self.bundle.cases]

    def all_steps(self) -> list[tuple[str, str]]:
        return [(c["id"], ex) for m in self.modules for c in self.cases_in(m) for ex in exercises_for(c)]

    def is_done(self, case_id: str, exercise: str) -> bool:
        a = self.answers.get((case_id, exercise))
        return bool(a) and registry.kind(exercise).answered(a)

    def save_answer(self, case_id: str, exercise: str, payload: Any) -> None:
        self.answers[(case_id, exercise)] = payload
        if self.store and self.participant:
            self.store.save_answer(self.participant, case_id, exercise, payload)
        self._update_progress()

    def _save_position(self, **position) -> None:
        self.position = position
        if self.store and self.participant:
            self.store.save_position(self.participant.token, position, self.lang)

    def _update_progress(self) -> None:
        steps = self.all_steps()
        done = sum(self.is_done(*s) for s in steps)
        self.progress.max = max(1, len(steps))
        self.progress.value = done
        self.progress_label.value = esc(
            t("{done} of {total} exercises done", self.lang, done=done, total=len(steps))
        )

    def _chrome(self) -> None:
        name = self.participant.pseudonym if self.participant else ""  # escaped once, below
        course = esc(loc(self.bundle.syllabus["title"], self.lang))
        who = esc(t("You are: {name}", self.lang, name=name)) if name else ""
        self.title.value = f"<p class='sk-course'>{course}</p>" + (
            f"<p class='sk-who'>{who}</p>" if who else ""
        )
        draft = self.lang in self.bundle.drafts
        self.draft_note.value = f"<p lang='{self.lang}'>{esc(t(DRAFT_NOTE, self.lang))}</p>" if draft else ""
        self.home_button.description = t("Overview", self.lang)
        self.home_button.tooltip = t("Back to the overview of all cases", self.lang)
        self._update_progress()

    def _on_language(self, change) -> None:
        self.lang = change["new"]
        self._chrome()
        self.restore_position()

    # -- views -----------------------------------------------------------------------------
    def restore_position(self) -> None:
        pos = self.position
        if pos.get("view") == "case" and pos.get("case") in self.bundle.cases:
            self.show_case(pos["case"], pos.get("exercise"))
        elif pos.get("view") == "module" and any(m["id"] == pos.get("module") for m in self.modules):
            self.show_module(pos["module"])
        elif pos.get("view") == "assessment" and any(
            a["id"] == pos.get("assessment") for a in self.bundle.assessments
        ):
            self.show_assessment(pos["assessment"])
        elif pos.get("view") == "survey" and pos.get("survey") in survey_keys(self):
            show_survey(self, pos["survey"])
        elif len(self.modules) == 1:
            self.show_module(self.modules[0]["id"])
        else:
            self.show_home()

    def show_home(self) -> None:
        self._chrome()
        lang = self.lang
        children = [heading(t("Overview", lang)), *survey_section(self, "before")]
        for module in self.modules:
            cases = self.cases_in(module)
            done = sum(all(self.is_done(c["id"], ex) for ex in exercises_for(c)) for c in cases)
            b = button(
                f"{loc(module['title'], lang)} — {t('{done} of {total} cases done', lang, done=done, total=len(cases))}",
                "sk-case-card",
            )
            b.on_click(lambda _b, mid=module["id"]: self.show_module(mid))
            children.append(b)
        if self.bundle.assessments:
            children.append(heading(t("Assessment", lang), 3))
        for assessment in self.bundle.assessments:
            b = button(loc(assessment["title"], lang), "sk-case-card")
            b.on_click(lambda _b, aid=assessment["id"]: self.show_assessment(aid))
            children.append(b)
        children += survey_section(self, "after")
        self.main.children = children
        self._save_position(view="home")

    def show_assessment(self, assessment_id: str) -> None:
        """An assessment: the exercises without feedback, and a submit button."""
        from safekit.grading.take import (
            in_workshop,  # lazy: keeps YAML and the catalogue loader out of the kernel
        )

        self._chrome()
        data = next(a for a in self.bundle.assessments if a["id"] == assessment_id)
        back = button(t("Overview", self.lang), "sk-secondary")
        back.on_click(lambda _b: self.show_home())
        self.main.children = [in_workshop(self, data).root, back]
        self._save_position(view="assessment", assessment=assessment_id)

    def show_module(self, module_id: str) -> None:
        self._chrome()
        lang = self.lang
        module = next(m for m in self.modules if m["id"] == module_id)
        children = [heading(loc(module["title"], lang)), html_block(paragraphs(loc(module["intro"], lang)))]
        children.append(heading(t("Cases", lang), 3))
        for case in self.cases_in(module):
            finished = all(self.is_done(case["id"], ex) for ex in exercises_for(case))
            label = loc(case["title"], lang) + (f" ✓ {t('done', lang)}" if finished else "")
            b = button(label, "sk-case-card", *(["sk-done"] if finished else []))
            b.on_click(lambda _b, cid=case["id"]: self.show_case(cid))
            children.append(b)
        self.main.children = children
        self._save_position(view="module", module=module_id)

    def exercise(self, case_id: str, name: str):
        key = (case_id, name, self.lang)
        if key not in self._exercises:
            cls = registry.kind(name).widget
            self._exercises[key] = cls(
                self.bundle.cases[case_id],
                self.bundle.catalogue,
                self.lang,
                save=lambda payload, c=case_id, k=name: self.save_answer(c, k, payload),
                answer=self.answers.get((case_id, name)),
                context=self.context,
            )
        return self._exercises[key]

    def show_case(self, case_id: str, kind: str | None = None) -> None:
        """Show a case at one exercise. The case's frame (title, tabs, navigation) is built once
        per language and reused, so moving between exercises only swaps the exercise."""
        started = time.perf_counter()
        case = self.bundle.cases[case_id]
        kinds = exercises_for(case)
        kind = kind if kind in kinds else next((k for k in kinds if not self.is_done(case_id, k)), kinds[0])
        view = self._views.get((case_id, self.lang))
        if view is None:
            self._chrome()
            view = self._views[(case_id, self.lang)] = _CaseView(self, case_id)
        view.show(kind)
        if self.main.children != (view.root,):
            self.main.children = (view.root,)
        self._save_position(view="case", case=case_id, exercise=kind)
        self.last_switch_ms = (time.perf_counter() - started) * 1000
        self._prefetch(case_id, kinds)

    def _prefetch(self, case_id: str, kinds: list[str]) -> None:
        """Build the case's other exercises, one by one, while the participant reads."""

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return

        if not frontend.settled():  # the page is still building what it has: come back later
            loop.call_later(0.5, lambda: self._prefetch(case_id, kinds))
            return
        todo = [k for k in kinds if (case_id, k, self.lang) not in self._exercises]
        for n, kind in enumerate(todo, start=1):
            loop.call_later(0.25 * n, lambda k=kind: self.exercise(case_id, k))

    def next_step(self, case_id: str, kind: str) -> tuple[str, str | None] | None:
        """Where "next" leads from an exercise: the next exercise, else the next case."""
        kinds = exercises_for(self.bundle.cases[case_id])
        if kinds.index(kind) + 1 < len(kinds):
            return case_id, kinds[kinds.index(kind) + 1]
        order = [c for m in self.modules for c in m["cases"]]
        if case_id in order and order.index(case_id) + 1 < len(order):
            return order[order.index(case_id) + 1], None
        return None

    def _module_of(self, case_id: str) -> str:
        return next(m["id"] for m in self.modules if case_id in m["cases"])


class _CaseView:
    """The frame of one case in one language: title, exercise tabs, the exercise, navigation."""

    def __init__(self, app: ParticipantApp, case_id: str):
        self.app, self.case_id = app, case_id
        lang = app.lang
        case = app.bundle.cases[case_id]
        self.kinds = exercises_for(case)
        self.title = html_block(f"<h2>{esc(loc(case['title'], lang))}</h2>")
        self.tabs = w.ToggleButtons(
            options=self._tab_options(),
            value=None,
            tooltips=[t(registry.kind(k).title, lang) for k in self.kinds],
        )
        self.tabs.add_class("sk-tabs")
        self.tabs.observe(self._on_tab, "value")
        self.area = w.VBox()
        self.next_button = button("", "sk-primary")
        self.next_button.on_click(lambda _b: self._go_next())
        back = button(t("All cases of this module", lang), "sk-secondary")
        back.on_click(lambda _b: app.show_module(app._module_of(case_id)))
        self.nav = w.HBox([self.next_button, back])
        self.nav.add_class("sk-nav")
        self.root = w.VBox([self.title, self.tabs, self.area, self.nav])
        self.kind: str | None = None

    def _tab_options(self):
        lang = self.app.lang
        return [
            (
                f"{i + 1}. {t(registry.kind(k).title, lang)}"
                + (" ✓" if self.app.is_done(self.case_id, k) else ""),
                k,
            )
            for i, k in enumerate(self.kinds)
        ]

    def _on_tab(self, change) -> None:
        if change["new"] and change["new"] != self.kind:
            self.app.show_case(self.case_id, change["new"])

    def _go_next(self) -> None:
        target = self.app.next_step(self.case_id, self.kind)
        if target:
            self.app.show_case(*target)

    def show(self, kind: str) -> None:
        lang = self.app.lang
        self.kind = kind
        options = self._tab_options()
        if list(self.tabs.options) != options:
            self.tabs.options = options
        self.tabs.value = kind
        self.area.children = (self.app.exercise(self.case_id, kind).widget,)
        target = self.app.next_step(self.case_id, kind)
        if target is None:
            self.next_button.layout.display = "none"
        else:
            self.next_button.layout.display = None
            case_id, next_kind = target
            self.next_button.description = (
                t("Next: {name}", lang, name=t(registry.kind(next_kind).title, lang))
                if case_id == self.case_id
                else t("Next case: {title}", lang, title=loc(self.app.bundle.cases[case_id]["title"], lang))
            )
            self.next_button.tooltip = self.next_button.description


def _request_file():
    return Path(os.environ["SAFEKIT_REQUEST_DIR"]) / f"{os.environ.get('VOILA_KERNEL_ID', '')}.query"


def _params(query: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(query).items()}


def run(modules: list[str] | None = None) -> w.VBox:
    """Entry point of the participant notebooks in the workshop (Voilà); ``modules`` limits the
    app to some modules. Opened outside a workshop (JupyterLab), it shows the course locally.

    With preheated kernels the page is rendered before anyone asks for it; the server then
    writes the request's query string to a file named after this kernel. A task on the
    kernel's own event loop waits for it, and for the page to have loaded its widget state
    (``safekit.apps.frontend``), and draws the app, so no cell blocks (the execution timeout
    stays meaningful) and the kernel needs no websocket or server imports.
    """

    if ENV_BUNDLE not in os.environ:
        app = build_local(modules=modules)
        display(app.root)
        return app.root
    compat.errors_to_log(Path(os.environ[ENV_DATA_DIR]) / "runtime" / "kernels.log")  # not to the page
    bundle = load_bundle()
    store = Store.for_session_dir(os.environ[ENV_DATA_DIR])
    root = w.VBox([])
    root.add_class("sk-app-root")
    display(root)

    def start(query: str) -> None:
        participant = store.participant(_params(query).get("p", ""))
        if participant is None:
            msg = t(
                "This link is not known in this workshop. Ask your trainer for the join link.",
                bundle.languages[0],
            )
            box = w.HTML(status(msg, "warn"))
            box.add_class("sk-app")
            root.children = [box]
            return
        root.children = [ParticipantApp(bundle, store, participant, modules=modules).root]

    frontend.install()
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        start(os.environ.get("QUERY_STRING", ""))
        return root

    async def wait_for_request() -> None:
        # A kernel may wait in the pool for a long time: poll rarely (a room keeps 40 of them
        # warm); a quarter of a second is well within the time the page takes to load.
        path, pause = _request_file(), 0.02
        while not path.exists():
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.25)
        query = path.read_text(encoding="utf-8")
        path.unlink(missing_ok=True)
        await frontend.loaded()  # drawn once the page has its (empty) state, never while it loads it
        start(query)

    asyncio.ensure_future(wait_for_request())
    return root


def build_local(project=None, modules: list[str] | None = None, lang: str | None = None) -> ParticipantApp:
    """The app without a workshop server or store, for JupyterLab (answers are not saved)."""
    # lazy: JupyterLab only; a workshop kernel never needs the authoring side (pydantic, YAML)
    from safekit.authoring.compile import build_bundle
    from safekit.authoring.syllabus import find_project

    root = Path(project) if project else find_project()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bundle.json"
        path.write_text(json.dumps(build_bundle(root)), encoding="utf-8")
        bundle: Bundle = load_bundle(path)
    return ParticipantApp(bundle, None, None, lang=lang, modules=modules)
