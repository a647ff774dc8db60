"""The participant app: one page that moves between modules, cases and exercises without a
page load, in the participant's language, saving every answer as it is given.

In the workshop it runs inside Voilà (``run()``); in JupyterLab a notebook can call
``build_local()`` to try it without a server.
"""

from __future__ import annotations

import time
from typing import Any

import ipywidgets as w

from safekit.exercises import EXERCISES, exercises_for
from safekit.exercises.common import button, esc, heading, html_block, loc, paragraphs, status, t
from safekit.i18n import language_name_static
from safekit.store import Participant, Store


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
        self.lang = lang or (participant.language if participant else bundle.languages[0])
        self.modules = [m for m in bundle.modules() if modules is None or m["id"] in modules]
        self.answers: dict[tuple[str, str], Any] = (
            store.answers(participant.token) if store and participant else {}
        )
        self.position: dict = dict(participant.position) if participant else {}
        self._exercises: dict[tuple[str, str, str], Any] = {}

        self.title = w.HTML()
        self.title.add_class("sk-title")
        self.progress = w.IntProgress(min=0, max=1, value=0, description="")
        self.progress_label = w.HTML()
        self.language = w.ToggleButtons(
            options=[(language_name_static(x), x) for x in bundle.languages],
            value=self.lang,
            tooltips=[language_name_static(x) for x in bundle.languages],
        )
        self.language.add_class("sk-language")
        self.language.observe(self._on_language, "value")
        self.home_button = button("", "sk-secondary")
        self.home_button.on_click(lambda _b: self.show_home())
        self.progress.add_class("sk-progress-bar")
        progress = w.VBox([self.progress_label, self.progress])
        progress.add_class("sk-progress")
        tools = w.HBox([self.home_button, self.language])
        tools.add_class("sk-tools")
        header = w.VBox([self.title, tools, progress])
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
        if not a:
            return False
        return bool(a.get("checked") or a.get("path") or (a.get("text") or "").strip())

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
        name = esc(self.participant.pseudonym) if self.participant else ""
        self.title.value = f"<h1>{esc(loc(self.bundle.syllabus['title'], self.lang))}</h1>" + (
            f"<span class='sk-who'>{esc(t('You are: {name}', self.lang, name=name))}</span>" if name else ""
        )
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
        elif len(self.modules) == 1:
            self.show_module(self.modules[0]["id"])
        else:
            self.show_home()

    def show_home(self) -> None:
        self._chrome()
        lang = self.lang
        children = [heading(t("Overview", lang))]
        for module in self.modules:
            cases = self.cases_in(module)
            done = sum(all(self.is_done(c["id"], ex) for ex in exercises_for(c)) for c in cases)
            b = button(
                f"{loc(module['title'], lang)} — {t('{done} of {total} cases done', lang, done=done, total=len(cases))}",
                "sk-case-card",
            )
            b.on_click(lambda _b, mid=module["id"]: self.show_module(mid))
            children.append(b)
        self.main.children = children
        self._save_position(view="home")

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

    def exercise(self, case_id: str, kind: str):
        key = (case_id, kind, self.lang)
        if key not in self._exercises:
            cls = EXERCISES[kind]
            self._exercises[key] = cls(
                self.bundle.cases[case_id],
                self.bundle.catalogue,
                self.lang,
                save=lambda payload, c=case_id, k=kind: self.save_answer(c, k, payload),
                answer=self.answers.get((case_id, kind)),
            )
        return self._exercises[key]

    def show_case(self, case_id: str, kind: str | None = None) -> None:
        started = time.perf_counter()
        self._chrome()
        lang = self.lang
        case = self.bundle.cases[case_id]
        kinds = exercises_for(case)
        kind = kind if kind in kinds else next((k for k in kinds if not self.is_done(case_id, k)), kinds[0])
        tabs = w.ToggleButtons(
            options=[
                (
                    f"{i + 1}. {t(EXERCISES[k].title_msgid, lang)}"
                    + (" ✓" if self.is_done(case_id, k) else ""),
                    k,
                )
                for i, k in enumerate(kinds)
            ],
            value=kind,
            tooltips=[t(EXERCISES[k].title_msgid, lang) for k in kinds],
        )
        tabs.add_class("sk-tabs")
        tabs.observe(lambda ch: self.show_case(case_id, ch["new"]), "value")
        order = [c for m in self.modules for c in m["cases"]]
        idx = kinds.index(kind)
        nav = []
        if idx + 1 < len(kinds):
            nxt = button(
                t("Next: {name}", lang, name=t(EXERCISES[kinds[idx + 1]].title_msgid, lang)), "sk-primary"
            )
            nxt.on_click(lambda _b: self.show_case(case_id, kinds[idx + 1]))
            nav.append(nxt)
        elif case_id in order and order.index(case_id) + 1 < len(order):
            following = order[order.index(case_id) + 1]
            nxt = button(
                t("Next case: {title}", lang, title=loc(self.bundle.cases[following]["title"], lang)),
                "sk-primary",
            )
            nxt.on_click(lambda _b: self.show_case(following))
            nav.append(nxt)
        back = button(t("All cases of this module", lang), "sk-secondary")
        back.on_click(lambda _b: self.show_module(self._module_of(case_id)))
        nav.append(back)
        nav_box = w.HBox(nav)
        nav_box.add_class("sk-nav")
        note = html_block(f"<p class='sk-content-note'>{esc(loc(case['title'], lang))}</p>")
        note.value = f"<h2>{esc(loc(case['title'], lang))}</h2>"
        self.main.children = [note, tabs, self.exercise(case_id, kind).widget, nav_box]
        self._save_position(view="case", case=case_id, exercise=kind)
        self.last_switch_ms = (time.perf_counter() - started) * 1000

    def _module_of(self, case_id: str) -> str:
        return next(m["id"] for m in self.modules if case_id in m["cases"])


def _request_file():
    import os
    from pathlib import Path

    return Path(os.environ["SAFEKIT_REQUEST_DIR"]) / f"{os.environ.get('VOILA_KERNEL_ID', '')}.query"


def _params(query: str) -> dict[str, str]:
    from urllib.parse import parse_qs

    return {k: v[0] for k, v in parse_qs(query).items()}


def run(modules: list[str] | None = None) -> w.VBox:
    """Entry point of the participant notebooks in the workshop (Voilà); ``modules`` limits the
    app to some modules. Opened outside a workshop (JupyterLab), it shows the course locally.

    With preheated kernels the page is rendered before anyone asks for it; the server then
    writes the request's query string to a file named after this kernel. A task on the
    kernel's own event loop waits for it and draws the app, so no cell blocks (the execution
    timeout stays meaningful) and the kernel needs no websocket or server imports.
    """
    import asyncio
    import os

    from IPython.display import display

    from safekit.runtime.bundle import ENV_BUNDLE, ENV_DATA_DIR, load_bundle

    if ENV_BUNDLE not in os.environ:
        app = build_local(modules=modules)
        display(app.root)
        return app.root
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

    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        start(os.environ.get("QUERY_STRING", ""))
        return root

    async def wait_for_request() -> None:
        path = _request_file()
        while not path.exists():
            await asyncio.sleep(0.01)
        query = path.read_text(encoding="utf-8")
        path.unlink(missing_ok=True)
        start(query)

    asyncio.ensure_future(wait_for_request())
    return root


def build_local(project=None, modules: list[str] | None = None, lang: str | None = None) -> ParticipantApp:
    """The app without a workshop server or store, for JupyterLab (answers are not saved)."""
    import json
    import tempfile
    from pathlib import Path

    from safekit.course import find_project
    from safekit.runtime.bundle import Bundle, build_bundle, load_bundle

    root = Path(project) if project else find_project()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bundle.json"
        path.write_text(json.dumps(build_bundle(root)), encoding="utf-8")
        bundle: Bundle = load_bundle(path)
    return ParticipantApp(bundle, None, None, lang=lang, modules=modules)
