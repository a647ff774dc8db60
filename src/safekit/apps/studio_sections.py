"""The case studio's editing sections: the story (stages side by side per language), the signals
(tap a sentence to make it a signal or a distractor), the decisions (steps and options) and the
notes for trainers (title, content note, objectives, key points, debrief, discussion).

Each section builds its widgets from the draft and writes every change straight into it, then
asks the studio to refresh what it shows live."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from safekit.core.i18n import N_, language_name
from safekit.core.vocab import VERDICTS
from safekit.exercises.spot import Sentence, covered_items, item_spans, sentences
from safekit.ui import button, esc, heading, html_block, loc, status, t

# The studio (safekit.apps.studio.Studio) these sections edit for: its draft, languages,
# catalogue, last check and ``changed()``/``show_section()``. Not imported: it imports this module.
Studio = Any


def _text_area(value: str, rows: int, on_change: Callable[[str], None]) -> w.Textarea:
    box = w.Textarea(value=str(value or ""), rows=rows, continuous_update=False)
    box.observe(lambda ch: on_change(ch["new"]), "value")
    return box


def _per_language(studio: Studio, label: str, values: dict, rows: int, on_change) -> w.Box:
    """One text per course language, side by side (stacked on a phone)."""
    columns = []
    for lang in studio.languages:
        area = _text_area(values.get(lang, ""), rows, lambda v, lg=lang: on_change(lg, v))
        area.add_class(f"sk-lang-{lang}")
        col = w.VBox([w.HTML(f"<strong>{esc(label)} · {esc(language_name(lang))}</strong>"), area])
        columns.append(col)
    row = w.HBox(columns)
    row.add_class("sk-studio-langs")
    return row


def _card(*children: w.Widget) -> w.VBox:
    box = w.VBox(list(children))
    box.add_class("sk-studio-card")
    return box


# -- the story ----------------------------------------------------------------------------------
def story(studio: Studio) -> w.Widget:
    draft, lang = studio.draft, studio.lang
    assert draft is not None
    cards = []
    for i, stage in enumerate(draft.stages()):

        def set_text(field: str, i: int = i) -> Callable[[str, str], None]:
            def write(lg: str, value: str) -> None:
                draft.set_text("stages", i, field, lg, value=value)
                studio.changed()

            return write

        cards.append(
            _card(
                heading(t("Stage {n}: {title}", lang, n=i + 1, title=loc(stage.get("title", {}), lang)), 3),
                _per_language(studio, t("Title", lang), stage.get("title", {}), 1, set_text("title")),
                _per_language(studio, t("Text", lang), stage.get("text", {}), 9, set_text("text")),
            )
        )
    add = button(t("Add a stage", lang), "sk-secondary")

    def add_stage(_b) -> None:
        draft.add_stage()
        studio.changed()
        studio.show_section("story")

    add.on_click(add_stage)
    intro = t(
        "Write what a professional sees and hears, stage by stage, in every language of the course. "
        "Then mark the signals under Signals.",
        lang,
    )
    return w.VBox([html_block(f"<p>{esc(intro)}</p>"), *cards, add])


# -- the signals --------------------------------------------------------------------------------
_END = re.compile(r"[.!?]+[\"'”’)]*$")


def _passage_of(sentence: Sentence) -> str:
    return _END.sub("", sentence.text).strip()


class _Signals:
    def __init__(self, studio: Studio):
        self.studio = studio
        self.lang = studio.lang
        self.first = studio.languages[0]
        self.options = self._indicator_options()
        self.rows: dict[tuple[str, int], w.VBox] = {}

    def _indicator_options(self) -> dict[str, str]:
        """The catalogue's indicators of the case's set, searchable as the Spot exercise offers them."""
        checked, cat, lang = self.studio.checked, self.studio.catalogue, self.lang
        set_id = checked.case.delphi_set if checked and checked.case else None
        return {
            f"{cat.label(dim, lang)} · {cat.label(ind.id, lang)}": ind.id
            for dim in cat.dimensions
            for ind in cat.in_dimension(dim)
            if set_id is None or set_id in ind.weights
        }

    def build(self) -> w.Widget:
        lang, checked = self.lang, self.studio.checked
        compiled = checked.compiled() if checked else None
        if compiled is None:
            return html_block(
                status(
                    t("Fix the problems listed beside the editor first: the case cannot be read.", lang),
                    "warn",
                )
            )
        self.case = compiled
        self.spans = item_spans(compiled, self.first)
        kinds = {e["id"]: "signal" for e in compiled["evidence"]}
        kinds |= {d["id"]: "distractor" for d in compiled.get("distractors", [])}
        intro = t(
            "Tap a sentence to mark it as a signal (with its indicator) or as a distractor (with the reason). "
            "Every other sentence is neutral: marking it never costs a participant a point.",
            lang,
        )
        legend = (
            f"<p><span class='sk-tag sk-exact'>{esc(t('signal', lang))}</span> "
            f"<span class='sk-tag sk-over'>{esc(t('distractor', lang))}</span> "
            f"<span class='sk-tag'>{esc(t('neutral', lang))}</span></p>"
        )
        stages = []
        for stage in compiled["stages"]:
            rows = []
            for s in (s for s in sentences(compiled, self.first) if s.stage == stage["id"]):
                items = covered_items(compiled, self.first, s, self.spans)
                kind = next((kinds[i] for i in items if kinds.get(i) == "signal"), None) or next(
                    (kinds[i] for i in items if i in kinds), "neutral"
                )
                b = button(s.text, "sk-passage", f"sk-kind-{kind}", tooltip=f"{t(kind, lang)}: {s.text}")
                b.on_click(lambda _b, s=s: self.open(s))
                row = w.VBox([b])
                self.rows[(s.stage, s.index)] = row
                rows.append(row)
            box = w.VBox([heading(loc(stage["title"], lang), 3), *rows])
            box.add_class("sk-stage")
            stages.append(box)
        return w.VBox([html_block(f"<p>{esc(intro)}</p>{legend}"), *stages])

    def open(self, s: Sentence) -> None:
        """The annotation panel under a tapped sentence."""
        for row in self.rows.values():
            row.children = row.children[:1]
        lang, draft, case = self.lang, self.studio.draft, self.case
        assert draft is not None
        items = covered_items(case, self.first, s, self.spans)
        ev = next((i for i in items if draft.item("evidence", i) is not None), None)
        dis = next((i for i in items if draft.item("distractors", i) is not None), None)
        item_id = ev or dis
        group = "evidence" if ev else "distractors" if dis else None
        node: Any = draft.item(group, item_id) if group and item_id else None
        kind = w.ToggleButtons(
            options=[
                (t("Signal", lang), "evidence"),
                (t("Distractor", lang), "distractors"),
                (t("Neutral", lang), ""),
            ],
            value=group or "",
        )
        kind.add_class("sk-studio-kind")
        names = list(self.options)
        current = node.get("indicator" if group == "evidence" else "looks_like") if node else None
        indicator = w.Combobox(
            options=names,
            placeholder=t("Type to search a signal…", lang),
            ensure_option=True,
            value=next((k for k, v in self.options.items() if v == current), ""),
            description=t("Signal", lang),
        )
        indicator.add_class("sk-tagger")
        key = w.Checkbox(
            value=bool(node and node.get("key")),
            description=t("Key signal: not to be missed", lang),
            indent=False,
        )
        key.add_class("sk-studio-key")
        passages: dict[str, w.Dropdown] = {}
        for other in self.studio.languages[1:]:
            in_stage = [x for x in sentences(case, other) if x.stage == s.stage]
            choices = [_passage_of(x) for x in in_stage]
            given = str(node["passage"].get(other, "")) if node else ""
            if given and given not in choices:
                choices.insert(0, given)
            aligned = _passage_of(in_stage[min(s.index, len(in_stage) - 1)]) if in_stage else ""
            passages[other] = w.Dropdown(options=choices or [""], value=given or aligned or None)
            passages[other].add_class("sk-studio-field")
        explanation = {
            lg: str(node["explanation"].get(lg, "")) if node else "" for lg in self.studio.languages
        }
        why = _per_language(self.studio, t("Explanation", lang), explanation, 3, explanation.__setitem__)
        apply = button(t("Apply", lang), "sk-primary")
        cancel = button(t("Cancel", lang), "sk-secondary")
        message = w.HTML()
        signal_only = w.VBox([indicator, key])
        fields = w.VBox(
            [
                signal_only,
                *(
                    w.VBox(
                        [
                            w.HTML(
                                f"<strong>{esc(t('The same words in {language}', lang, language=language_name(o)))}</strong>"
                            ),
                            d,
                        ]
                    )
                    for o, d in passages.items()
                ),
                why,
            ]
        )

        def show_fields(_ch=None) -> None:
            fields.layout.display = None if kind.value else "none"
            key.layout.display = None if kind.value == "evidence" else "none"
            indicator.description = t("Signal", lang) if kind.value == "evidence" else t("Looks like", lang)

        kind.observe(show_fields, "value")
        show_fields()

        def do_apply(_b) -> None:
            chosen = self.options.get(indicator.value)
            if kind.value == "evidence" and not chosen:
                message.value = status(t("Choose the indicator this sentence shows.", lang), "warn")
                return
            if not kind.value:
                for group_name in ("evidence", "distractors"):
                    for i in items:
                        draft.remove(group_name, i)
            else:
                first = str(node["passage"].get(self.first, "")) if node else _passage_of(s)
                draft.annotate(
                    kind.value,
                    s.stage,
                    {self.first: first, **{o: d.value or "" for o, d in passages.items()}},
                    explanation,
                    indicator=chosen,
                    key=key.value,
                    item_id=item_id,
                )
            self.studio.changed()
            self.studio.show_section("signals")

        apply.on_click(do_apply)
        cancel.on_click(
            lambda _b: self.rows[(s.stage, s.index)].__setattr__(
                "children", self.rows[(s.stage, s.index)].children[:1]
            )
        )
        actions = w.HBox([apply, cancel])
        actions.add_class("sk-actions")
        panel = w.VBox([kind, fields, message, actions])
        panel.add_class("sk-studio-annotate")
        row = self.rows[(s.stage, s.index)]
        row.children = (row.children[0], panel)


def signals(studio: Studio) -> w.Widget:
    return _Signals(studio).build()


# -- the decisions ------------------------------------------------------------------------------
def decisions(studio: Studio) -> w.Widget:
    draft, lang = studio.draft, studio.lang
    assert draft is not None
    steps = draft.steps()
    cards = []

    def writer(*loc_: Any) -> Callable[[str, str], None]:
        def write(lg: str, value: str) -> None:
            draft.set_text(*loc_, lg, value=value)
            studio.changed()

        return write

    def setter(*loc_: Any) -> Callable[[dict], None]:
        def write(change: dict) -> None:
            draft.set_value(*loc_, value=change["new"])
            studio.changed()

        return write

    for si, step in enumerate(steps):
        base = ("questions", "decide", si)
        options = []
        for oi, option in enumerate(step.get("options", [])):
            at = (*base, "options", oi)
            verdict = w.Dropdown(
                options=[(t(label, lang), key) for key, label in VERDICTS.items()],
                value=option.get("verdict"),
            )
            verdict.observe(setter(*at, "verdict"), "value")
            points = w.BoundedIntText(value=int(option.get("points", 0)), min=0, max=5)
            points.observe(setter(*at, "points"), "value")
            follow = w.Dropdown(
                options=[
                    (t("— the scenario ends —", lang), None),
                    *((s["id"], s["id"]) for s in steps if s is not step),
                ],
                value=option.get("next"),
            )
            follow.observe(setter(*at, "next"), "value")
            for box in (verdict, points, follow):
                box.add_class("sk-studio-field")
            facts = w.HBox(
                [
                    w.VBox([w.HTML(f"<strong>{esc(t('Verdict', lang))}</strong>"), verdict]),
                    w.VBox([w.HTML(f"<strong>{esc(t('Points', lang))}</strong>"), points]),
                    w.VBox([w.HTML(f"<strong>{esc(t('Then', lang))}</strong>"), follow]),
                ]
            )
            facts.add_class("sk-studio-langs")
            options.append(
                _card(
                    heading(t("Option {n}", lang, n=oi + 1), 4),
                    _per_language(
                        studio, t("Choice", lang), option.get("label", {}), 2, writer(*at, "label")
                    ),
                    _per_language(
                        studio,
                        t("What happens next", lang),
                        option.get("consequence", {}),
                        2,
                        writer(*at, "consequence"),
                    ),
                    _per_language(
                        studio, t("Feedback", lang), option.get("feedback", {}), 2, writer(*at, "feedback")
                    ),
                    facts,
                )
            )
        add_option = button(t("Add an option", lang), "sk-secondary")
        add_option.on_click(
            lambda _b, si=si: (draft.add_option(si), studio.changed(), studio.show_section("decisions"))
        )
        card = _card(
            heading(t("Step {n}", lang, n=si + 1), 3),
            _per_language(studio, t("Question", lang), step.get("prompt", {}), 2, writer(*base, "prompt")),
            *options,
            add_option,
        )
        card.add_class("sk-studio-step")
        cards.append(card)
    add_step = button(t("Add a step", lang), "sk-secondary")
    add_step.on_click(lambda _b: (draft.add_step(), studio.changed(), studio.show_section("decisions")))
    intro = t(
        "A decision is a short branching scenario: each option has a consequence, feedback, a verdict and points.",
        lang,
    )
    return w.VBox([html_block(f"<p>{esc(intro)}</p>"), *cards, add_step])


# -- the notes for trainers ---------------------------------------------------------------------
NOTE_TEXTS = (
    ("title", N_("Title")),
    ("content_note", N_("Content note for trainers")),
    ("debrief", N_("Debrief")),
)
NOTE_LISTS = (
    ("objectives", N_("Objective")),
    ("key_points", N_("Key point")),
    ("discussion", N_("Discussion question")),
)


def notes(studio: Studio) -> w.Widget:
    draft, lang = studio.draft, studio.lang
    assert draft is not None

    def writer(*loc_: Any) -> Callable[[str, str], None]:
        def write(lg: str, value: str) -> None:
            draft.set_text(*loc_, lg, value=value)
            studio.changed()

        return write

    parts: list[w.Widget] = []
    for name, label in NOTE_TEXTS:
        parts.append(
            _per_language(studio, t(label, lang), draft.get(name, default={}) or {}, 3, writer(name))
        )
    for name, label in NOTE_LISTS:
        items = list(draft.get(name, default=[]) or [])
        boxes = [
            _per_language(studio, t(label, lang) + f" {i + 1}", item, 2, writer(name, i))
            for i, item in enumerate(items)
        ]
        add = button(t("Add: {what}", lang, what=t(label, lang)), "sk-secondary")

        def add_item(_b, name: str = name) -> None:
            draft.add_text_item(name)
            studio.changed()
            studio.show_section("notes")

        add.on_click(add_item)
        parts.append(_card(heading(t(label, lang), 3), *boxes, add))
    checked_by = w.Text(value=str(draft.get("anonymisation", "checked_by")), continuous_update=False)
    checked_by.add_class("sk-studio-field")
    checked_by.add_class("sk-studio-signed")

    def sign(change: dict) -> None:
        draft.sign_anonymisation(change["new"])
        studio.changed()

    checked_by.observe(sign, "value")
    anon = t(
        "Who checked that no real person can be recognised (a role, not a name)? Saving the role also "
        "sets the date of the check to today.",
        lang,
    )
    parts.append(_card(heading(t("Anonymisation", lang), 3), html_block(f"<p>{esc(anon)}</p>"), checked_by))
    return w.VBox(parts)


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    build: Callable[[Studio], w.Widget]


SECTIONS = (
    Section("story", N_("Story"), story),
    Section("signals", N_("Signals"), signals),
    Section("decisions", N_("Decisions"), decisions),
    Section("notes", N_("Notes"), notes),
)
