"""Worksheets: the safe-future worksheets (risk assessment, informed consent, reintegration plan)
filled in for one case, one worksheet at a time.

Nothing is prefilled from the case: the participant writes their own assessment. Text is saved
when a box loses focus (like the reflection note), a choice at once, and "Save worksheets"
marks the exercise done. There is no score; the feedback puts the participant's work next to
what the case shows, to discuss. A worksheet's form is built only when it is first opened, so a
phone gets a short page and the kernel builds few widgets up front.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from safekit.core.i18n import N_
from safekit.core.shapes import Answer, Case
from safekit.core.vocab import FACTOR_KINDS, RISK_LEVELS
from safekit.exercises.base import Exercise
from safekit.exercises.kind import Kind
from safekit.ui import button, esc, html_block, loc, status, t
from safekit.worksheets import CHECK_STATES, RATINGS, fields, filled_count, value_of


def _label(text: str, hint: str, level: int = 4) -> w.HTML:
    small = f'<p class="sk-hint">{esc(hint)}</p>' if hint else ""
    return html_block(f"<h{level}>{esc(text)}</h{level}>{small}", "sk-ws-label")


def _textarea(name: str, placeholder: str = "", rows: int = 3) -> w.Textarea:
    box = w.Textarea(value="", placeholder=placeholder, rows=rows, continuous_update=False, tooltip=name)
    box.layout.width = "100%"
    box.add_class("sk-ws-text")
    return box


def _choice(options: dict[str, str], lang: str) -> w.ToggleButtons:
    labels = [t(label, lang) for label in options.values()]
    box = w.ToggleButtons(options=list(zip(labels, options, strict=True)), value=None, tooltips=labels)
    box.add_class("sk-ws-choice")
    return box


Sheet = dict[str, Any]  # a worksheet's definition, as the course bundle carries it
SheetData = dict[str, Any]  # one worksheet's answer: field id -> text, or a dict of parts


class _SheetForm:
    """The widgets of one worksheet. Every change is written into ``data`` (the exercise's
    answer for this worksheet) and reported through ``changed``."""

    def __init__(self, sheet: Sheet, lang: str, data: SheetData, changed: Callable[[], None]) -> None:
        self.sheet, self.lang, self.data, self.changed = sheet, lang, data, changed
        self.inputs: dict[str, dict[str, w.Widget]] = {}
        self._loading = False
        children = [
            html_block(f"<h3>{esc(loc(sheet['title'], lang))}</h3><p>{esc(loc(sheet['intro'], lang))}</p>"),
        ]
        for section in sheet["sections"]:
            children.append(html_block(f"<h3>{esc(loc(section['title'], lang))}</h3>", "sk-ws-section"))
            if section.get("intro"):
                children.append(html_block(f"<p>{esc(loc(section['intro'], lang))}</p>"))
            rows = {r["id"]: loc(r["label"], lang) for r in section.get("rows", [])}
            cols = {c["id"]: loc(c["label"], lang) for c in section.get("columns", [])}
            current_row = None
            for field in section["fields"]:
                if field.get("row") and field["row"] != current_row:
                    current_row = field["row"]
                    children.append(html_block(f"<h4>{esc(rows[current_row])}</h4>", "sk-ws-row"))
                children.append(self._field(field, rows, cols))
        note = (
            f"<p><strong>{esc(t('About this worksheet', lang))}:</strong> {esc(loc(sheet['note'], lang))}</p>"
        )
        children.append(html_block(note, "sk-ws-note"))
        self.widget = w.VBox(children)
        self.widget.add_class("sk-ws-sheet")
        self.load()

    def _field(self, field: dict[str, Any], rows: dict[str, str], cols: dict[str, str]) -> w.Widget:
        lang, kind = self.lang, field.get("kind", "text")
        hint = loc(field.get("hint"), lang)
        if field.get("row"):
            name = f"{rows[field['row']]} — {cols[field['column']]}"
            parts: dict[str, w.Widget] = {"text": _textarea(name)}
            head = _label(cols[field["column"]], hint, 5)
        elif kind == "check":
            name = loc(field["label"], lang)
            parts = {"state": _choice(CHECK_STATES, lang), "note": _textarea(name, t("Note", lang), rows=2)}
            head = _label(name, hint, 5)
        elif kind == "risk":
            name = loc(field["label"], lang)
            parts = {
                "text": _textarea(name, t("What is the risk?", lang), rows=2),
                "likelihood": _choice(RATINGS, lang),
                "severity": _choice(RATINGS, lang),
                "mitigation": _textarea(name, t("What lowers it, and who does it?", lang), rows=2),
            }
            head = _label(name, hint, 5)
        else:
            name = loc(field["label"], lang)
            parts = {"text": _textarea(name)}
            head = _label(name, hint, 5)
        for key, widget in parts.items():
            widget.observe(lambda c, f=field["id"], k=key: self._on_change(f, k, c["new"]), "value")
        self.inputs[field["id"]] = parts
        children = [head]
        for key, widget in parts.items():
            if key in ("likelihood", "severity"):
                label = t("Likelihood", lang) if key == "likelihood" else t("Severity", lang)
                children.append(html_block(f'<p class="sk-ws-scale">{esc(label)}</p>'))
            children.append(widget)
        box = w.VBox(children)
        box.add_class("sk-ws-field")
        box.add_class(f"sk-ws-{field['id']}")
        return box

    def _on_change(self, field_id: str, key: str, value: Any) -> None:
        current = self.data.get(field_id)
        if isinstance(current, dict):
            current[key] = value
        else:
            self.data[field_id] = value
        if not self._loading:
            self.changed()

    def load(self) -> None:
        """Show what ``data`` holds (when built, and after a restore); saves nothing."""
        self._loading = True
        try:
            for _section, field in fields(self.sheet):
                value = copy.deepcopy(self.data.get(field["id"]))
                for key, widget in self.inputs[field["id"]].items():
                    widget.value = value[key] if isinstance(value, dict) else value
        finally:
            self._loading = False


class Worksheet(Exercise):
    kind = "worksheet"
    title_msgid = N_("Worksheets")

    def build(self) -> w.Widget:
        lang = self.lang
        self.checked = False
        self.sheets: dict[str, Sheet] = {s["id"]: s for s in self.context.worksheets}
        self.data: dict[str, SheetData] = {sid: self._values(sid, None) for sid in self.sheets}
        self.forms: dict[str, _SheetForm] = {}
        intro = t(
            "Three worksheets for this person's future. Write your own assessment: it is saved as "
            "you go and stays personal; the room view shows only how many worked on it.",
            lang,
        )
        self.picker = w.ToggleButtons(
            options=[
                (f"{i}. {loc(s['title'], lang)}", sid) for i, (sid, s) in enumerate(self.sheets.items(), 1)
            ],
            value=None,
            tooltips=[loc(s["title"], lang) for s in self.sheets.values()],
        )
        self.picker.add_class("sk-ws-picker")
        self.picker.observe(lambda c: self.show(c["new"]), "value")
        self.area = w.VBox()
        self.saved = w.HTML("")
        self.save_button = button(t("Save worksheets", lang), "sk-primary")
        self.save_button.on_click(lambda _b: self.check())
        self.picker.value = next(iter(self.sheets))
        body = w.VBox([html_block(f"<p>{esc(intro)}</p>", "sk-ws-intro"), self.picker, self.area])
        tail = w.VBox([self.save_button, self.saved])
        tail.add_class("sk-ws-actions")
        box = w.VBox([body, tail])
        box.add_class("sk-ws")
        return box

    def _values(self, sheet_id: str, answer: Answer | None) -> SheetData:
        return {f["id"]: value_of(answer, sheet_id, f) for _s, f in fields(self.sheets[sheet_id])}

    def form(self, sheet_id: str) -> _SheetForm:
        if sheet_id not in self.forms:
            self.forms[sheet_id] = _SheetForm(
                self.sheets[sheet_id], self.lang, self.data[sheet_id], self._changed
            )
        return self.forms[sheet_id]

    def show(self, sheet_id: str | None) -> None:
        if sheet_id:
            self.area.children = (self.form(sheet_id).widget,)
            if self.picker.value != sheet_id:
                self.picker.value = sheet_id

    def _changed(self) -> None:
        if self._restoring:
            return
        self.save()
        n = filled_count(self.answer(), self.context.worksheets)
        self.saved.value = status(t("Saved. Parts filled in: {n}.", self.lang, n=n), "ok")

    def answer(self) -> Answer:
        return {"sheets": copy.deepcopy(self.data), "checked": self.checked}

    def restore(self, answer: Answer) -> None:
        for sid in self.sheets:
            self.data[sid].clear()
            self.data[sid].update(self._values(sid, answer))
        for form in self.forms.values():
            form.load()
        self.checked = bool(answer.get("checked"))
        if self.checked:
            self.render_feedback()

    def render_feedback(self) -> None:
        lang = self.lang
        self.saved.value = ""  # the feedback below says it
        n = filled_count(self.answer(), self.context.worksheets)
        parts = [
            status(t("Saved. Parts filled in: {n}. You can come back and change them.", lang, n=n), "ok")
        ]
        if self.show_feedback:
            parts.append(self._compare())
        self.feedback.value = "".join(parts)

    def _compare(self) -> str:
        """What the case shows, to hold the worksheets against: a prompt for discussion, not a key."""
        lang, q = self.lang, self.case["questions"]
        factors = [f for f in q.get("risk_factors", []) if f.get("present", True)]
        plan = [p for p in q.get("plan_items", []) if p.get("appropriate")]
        if not factors and not plan:
            return ""
        out = [f"<h3>{esc(t('To discuss', lang))}</h3>"]
        ask = t("The case shows these. Did your worksheets cover them, and what did you add?", lang)
        out.append(f"<p>{esc(ask)}</p>")
        items = [
            "{} ({}, {})".format(
                loc(f["label"], lang), t(FACTOR_KINDS[f["kind"]], lang), t(RISK_LEVELS[f["level"]], lang)
            )
            for f in factors
        ]
        items += [loc(p["label"], lang) for p in plan]
        out.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>")
        return "".join(out)


# -- the kind ------------------------------------------------------------------------------


def applies(case: Case) -> bool:
    """Offered when the case asks for a reintegration plan: the worksheets plan a safe future."""
    return bool(case["questions"].get("plan_items"))


# Personal notes: the room view counts who worked on them and never shows or aggregates them.
KIND = Kind(name="worksheet", title=Worksheet.title_msgid, widget=Worksheet, applies=applies, personal=True)
