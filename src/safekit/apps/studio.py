"""The case studio (``safekit studio``): a page in the author's browser in which a case of the
course is written and annotated, with the validator, the anonymisation check, the decision rule
and the participant's view of the case alongside, live. It saves the same YAML file, keeping its
comments and layout (:mod:`safekit.authoring.cases.roundtrip`).

The editing sections (story, signals, decisions) are in :mod:`safekit.apps.studio_sections`."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as w
from IPython.display import display

from safekit.apps.studio_sections import SECTIONS, Section
from safekit.authoring.cases.draft import Checked, Draft
from safekit.authoring.cases.roundtrip import SaveRefused
from safekit.authoring.catalogue import load_catalogue
from safekit.authoring.scaffold import ScaffoldError, new_case
from safekit.authoring.syllabus import course_languages, find_project, use_course_locales
from safekit.authoring.yamlio import YamlSyntaxError, load_file
from safekit.core.i18n import language_name
from safekit.core.vocab import MODULES
from safekit.exercises.spot import Spot
from safekit.ui import button, esc, heading, html_block, loc, status, t


class Studio:
    def __init__(self, project: Path, lang: str = "en", case: str | None = None):
        self.project, self.lang = Path(project), lang
        self.languages = course_languages(self.project)
        self.catalogue = load_catalogue()
        self.draft: Draft | None = None
        self.checked: Checked | None = None
        self.main = w.VBox()
        self.root = w.VBox([self.main])
        self.root.add_class("sk-app")
        self.root.add_class("sk-studio")
        if case and (self.project / "cases" / f"{case}.yaml").is_file():
            self.open(case)
        else:
            self.show_start()

    # -- the start page: a new case, or one of the course's cases ----------------------------
    def case_files(self) -> list[Path]:
        return sorted(p for p in (self.project / "cases").glob("*.yaml") if not p.name.startswith("."))

    def show_start(self, message: str = "") -> None:
        lang = self.lang
        self.new_id = w.Text(placeholder=t("e.g. market-stall-boy", lang), continuous_update=True)
        self.new_title = w.Text(placeholder=t("Title of the case", lang))
        self.new_module = w.Dropdown(options=[(t(label, lang), key) for key, label in MODULES.items()])
        for box in (self.new_id, self.new_title, self.new_module):
            box.add_class("sk-studio-field")
        create = button(t("Create the case", lang), "sk-primary")
        create.on_click(lambda _b: self._create())
        self.start_status = w.HTML(status(message, "warn") if message else "")
        new = w.VBox(
            [
                heading(t("New case", lang), 3),
                html_block(
                    "<p>"
                    + esc(
                        t(
                            "Give the case a short id: lower-case letters, digits and hyphens. It becomes "
                            "the file name in cases/ and starts from the template, which is valid straight away.",
                            lang,
                        )
                    )
                    + "</p>"
                ),
                _labelled(t("Case id", lang), self.new_id),
                _labelled(t("Title", lang), self.new_title),
                _labelled(t("Module", lang), self.new_module),
                create,
                self.start_status,
            ]
        )
        new.add_class("sk-studio-card")
        cards = []
        for path in self.case_files():
            try:
                title = loc(load_file(path).get("title") or {}, lang) or path.stem
            except (YamlSyntaxError, AttributeError):
                title = path.stem
            b = button(f"{title} — cases/{path.name}", "sk-case-card")
            b.on_click(lambda _b, cid=path.stem: self.open(cid))
            cards.append(b)
        start = w.VBox(
            [
                html_block(f"<h2>{esc(t('Case studio', lang))}</h2>"),
                new,
                heading(t("Cases of this course", lang), 3),
                *(cards or [html_block(f"<p>{esc(t('No cases yet.', lang))}</p>")]),
            ]
        )
        start.add_class("sk-studio-start")
        self.main.children = [start]

    def _create(self) -> None:
        case_id = self.new_id.value.strip()
        try:
            new_case(
                self.project,
                case_id,
                module=self.new_module.value,
                title=self.new_title.value.strip() or None,
            )
        except ScaffoldError as exc:
            self.start_status.value = status(str(exc), "warn")
            return
        self.open(case_id)

    # -- the editor ----------------------------------------------------------------------------
    def open(self, case_id: str) -> None:
        lang = self.lang
        path = self.project / "cases" / f"{case_id}.yaml"
        try:
            self.draft = Draft(path, self.languages)
        except (YamlSyntaxError, OSError) as exc:
            self.show_start(t("{path} cannot be opened: {msg}", lang, path=path.name, msg=str(exc)))
            return
        self.title = w.HTML()
        self.save_button = button(t("Save", lang), "sk-primary")
        self.save_button.on_click(lambda _b: self.save())
        back = button(t("All cases", lang), "sk-secondary")
        back.on_click(lambda _b: self.show_start())
        self.save_status = w.HTML()
        self.save_status.add_class("sk-studio-saved")
        tools = w.HBox([self.save_button, back, self.save_status])
        tools.add_class("sk-tools")
        header = w.VBox([self.title, tools])
        header.add_class("sk-header")
        header.add_class("sk-studio-header")
        self.tabs = w.ToggleButtons(options=[(t(s.title, lang), s.name) for s in SECTIONS], value=None)
        self.tabs.add_class("sk-tabs")
        self.tabs.observe(lambda ch: self.show_section(ch["new"]) if ch["new"] else None, "value")
        self.section_box = w.VBox()
        edit = w.VBox([self.tabs, self.section_box])
        edit.add_class("sk-studio-edit")
        self.rule_box, self.problem_box, self.anon_box = w.HTML(), w.HTML(), w.HTML()
        for box in (self.rule_box, self.problem_box, self.anon_box):
            box.add_class("sk-studio-panel")
        self.preview_lang = w.ToggleButtons(
            options=[(language_name(x), x) for x in self.languages], value=self.languages[0]
        )
        self.preview_lang.add_class("sk-language")
        self.preview_lang.observe(lambda _ch: self._preview(force=True), "value")
        self.phone = w.VBox()
        self.phone.add_class("sk-phone")
        self._previewed: dict | None = None
        live = w.VBox(
            [
                heading(t("Decision rule", lang), 3),
                self.rule_box,
                heading(t("Problems", lang), 3),
                self.problem_box,
                heading(t("Anonymisation", lang), 3),
                self.anon_box,
                heading(t("As participants see it", lang), 3),
                self.preview_lang,
                self.phone,
            ]
        )
        live.add_class("sk-studio-live")
        body = w.HBox([edit, live])
        body.add_class("sk-studio-body")
        self.main.children = [header, body]
        self.refresh()
        self.tabs.value = SECTIONS[0].name

    def show_section(self, name: str) -> None:
        section: Section = next(s for s in SECTIONS if s.name == name)
        self.section_box.children = [section.build(self)]

    def changed(self) -> None:
        """Called by the sections after every change to the draft."""
        self.refresh()

    def refresh(self) -> None:
        assert self.draft is not None
        lang, draft = self.lang, self.draft
        self.checked = checked = draft.check()
        title = loc(draft.get("title", default={}) or {}, lang) or draft.case_id
        self.title.value = (
            f"<h2>{esc(title)}</h2><p class='sk-course'>{esc(t('Case studio', lang))} · "
            f"cases/{esc(draft.path.name)}</p>"
        )
        self.save_status.value = (
            status(t("Unsaved changes", lang), "warn") if draft.changed else status(t("Saved", lang), "ok")
        )
        if checked.rule is None:
            self.rule_box.value = status(t("The rule runs once the case can be read.", lang), "warn")
        else:
            verdict = (
                status(t("The signals meet the decision rule.", lang), "ok")
                if checked.rule.indicative
                else status(t("The signals do not meet the decision rule.", lang), "warn")
            )
            lines = "".join(f"<li>{esc(x)}</li>" for x in checked.rule.explain(lang, self.catalogue))
            self.rule_box.value = f"{verdict}<ul class='sk-rule'>{lines}</ul>"
        anon = set(checked.anonymisation)
        problems = [p for p in checked.problems if p.message not in anon]
        if problems:
            items = "".join(
                f"<li><strong>{esc(t('line {n}', lang, n=p.line))} · {esc(p.field)}</strong>: {esc(p.message)}</li>"
                for p in problems
            )
            self.problem_box.value = (
                status(
                    t(
                        "Problems to fix before the case can be used in a workshop: {n}",
                        lang,
                        n=len(problems),
                    ),
                    "warn",
                )
                + f"<ul class='sk-studio-problems'>{items}</ul>"
            )
        else:
            self.problem_box.value = status(t("No problems: the case is valid.", lang), "ok")
        if checked.warnings:
            advice = "".join(f"<li>{esc(p.message)}</li>" for p in checked.warnings)
            self.problem_box.value += (
                f"<h4>{esc(t('Advice', lang))}</h4><ul class='sk-studio-problems'>{advice}</ul>"
            )
        if checked.anonymisation:
            items = "".join(f"<li>{esc(x)}</li>" for x in checked.anonymisation)
            self.anon_box.value = (
                status(t("Check these details: a real person must not be recognisable.", lang), "warn")
                + f"<ul class='sk-studio-problems'>{items}</ul>"
            )
        elif checked.case is not None:
            self.anon_box.value = status(t("No identifying details found.", lang), "ok")
        else:
            self.anon_box.value = ""
        self._preview()

    def _preview(self, force: bool = False) -> None:
        compiled = self.checked.compiled() if self.checked else None
        if compiled is None:
            self.phone.children = [
                html_block(status(t("The preview shows once the case can be read.", self.lang), "warn"))
            ]
            self._previewed = None
            return
        if compiled == self._previewed and not force:
            return
        self._previewed = compiled
        exercise = Spot(compiled, self.catalogue, self.preview_lang.value)
        app = w.VBox(
            [html_block(f"<h2>{esc(loc(compiled['title'], self.preview_lang.value))}</h2>"), exercise.widget]
        )
        app.add_class("sk-app")
        self.phone.children = [app]

    def save(self) -> None:
        assert self.draft is not None
        try:
            self.draft.save()
        except (SaveRefused, OSError) as exc:
            self.save_status.value = status(str(exc), "warn")
            return
        where = "cases/" + self.draft.path.name
        self.save_status.value = status(t("Saved to {path}", self.lang, path=where), "ok")


def _labelled(label: str, widget: w.Widget) -> w.VBox:
    box = w.VBox([w.HTML(f"<strong>{esc(label)}</strong>"), widget])
    box.add_class("sk-studio-labelled")
    return box


def run() -> w.VBox:
    """Entry point of ``notebooks/studio.ipynb`` (served by ``safekit studio``)."""
    project = Path(os.environ.get("SAFEKIT_PROJECT") or find_project() or Path.cwd())
    use_course_locales(project)
    query = {k: v[0] for k, v in parse_qs(os.environ.get("QUERY_STRING", "")).items()}
    case = query.get("case") or os.environ.get("SAFEKIT_STUDIO_CASE") or None
    studio = Studio(project, os.environ.get("SAFEKIT_LANG", "en"), case)
    display(studio.root)
    return studio.root
