"""Assess: which form(s) of exploitation, which Palermo elements the case evidences, and
whether the adult or the child rule applies."""

from __future__ import annotations

from collections import Counter
from typing import Any

import ipywidgets as w

from safekit.core.catalogue import Catalogue
from safekit.core.i18n import N_
from safekit.core.shapes import Answer, Case, Palermo, PalermoClaim
from safekit.core.vocab import AGE_GROUPS, FORMS, PALERMO
from safekit.exercises.base import Exercise
from safekit.exercises.kind import Context, Group, Kind, Result, bar
from safekit.exercises.whatnext import what_next
from safekit.ui import esc, heading, html_block, loc, status, t, toggle

RULES = {"adult": N_("Adult rule: act, means and purpose"), "child": N_("Child rule: act and purpose")}


def claim(palermo: Palermo, element: str) -> PalermoClaim:
    """What the case claims about one element of the definition (``act``, ``means`` or
    ``purpose``); a KeyError for any other."""
    if element == "act":
        return palermo["act"]
    if element == "means":
        return palermo["means"]
    if element == "purpose":
        return palermo["purpose"]
    raise KeyError(element)


def assess_result(case: Case, answer: Answer) -> Result:
    want_forms = set(case["forms"])
    also_forms = set(case.get("also_forms", []))  # secondary forms the feedback names: no cost
    got_forms = set(answer.get("forms", []))
    want_palermo = {k for k in case["palermo"] if claim(case["palermo"], k)["evidenced"]}
    got_palermo = set(answer.get("palermo", []))
    rule_ok = answer.get("rule") == case["person"]["age_group"]
    form_points = len(want_forms & got_forms) - len(got_forms - want_forms - also_forms)
    points = max(0, form_points) + len(PALERMO) - len(want_palermo ^ got_palermo) + (1 if rule_ok else 0)
    return {
        "forms_right": sorted(want_forms & got_forms),
        "forms_missed": sorted(want_forms - got_forms),
        "forms_extra": sorted(got_forms - want_forms - also_forms),
        "forms_also": sorted(got_forms & also_forms),
        "palermo_right": sorted(want_palermo & got_palermo),
        "palermo_wrong": sorted(want_palermo ^ got_palermo),
        "rule_ok": rule_ok,
        "points": points,
        "max": len(want_forms) + len(PALERMO) + 1,
    }


class Assess(Exercise):
    kind = "assess"
    title_msgid = N_("Assess")

    def build(self) -> w.Widget:
        lang = self.lang
        self.checked = False
        self.form_toggles = {f: toggle(t(label, lang), False, "sk-choice") for f, label in FORMS.items()}
        self.palermo_toggles = {p: toggle(t(label, lang), False, "sk-choice") for p, label in PALERMO.items()}
        self.rule = w.ToggleButtons(
            options=[(t(label, lang), key) for key, label in RULES.items()],
            value=None,
            tooltips=[t(label, lang) for label in RULES.values()],
        )
        self.rule.add_class("sk-toggles")
        for tg in [*self.form_toggles.values(), *self.palermo_toggles.values()]:
            tg.observe(lambda _c: self.save(), "value")
        self.rule.observe(lambda _c: self.save(), "value")
        self.check_button = self.make_check_button(t("Check my assessment", lang))
        hint = t(
            "Act: recruiting, transporting, transferring, harbouring or receiving. "
            "Means: coercion, deception, abuse of vulnerability. Purpose: exploitation.",
            lang,
        )
        forms = w.Box(list(self.form_toggles.values()))
        forms.add_class("sk-wrap")
        palermo = w.Box(list(self.palermo_toggles.values()))
        palermo.add_class("sk-wrap")
        return w.VBox(
            [
                heading(t("Which form or forms of exploitation?", lang), 3),
                forms,
                heading(t("Which elements of the definition does the case show?", lang), 3),
                html_block(f"<p>{esc(hint)}</p>", "sk-hint"),
                palermo,
                heading(t("Which rule applies?", lang), 3),
                self.rule,
                self.check_button,
            ]
        )

    def answer(self) -> Answer:
        return {
            "forms": [f for f, tg in self.form_toggles.items() if tg.value],
            "palermo": [p for p, tg in self.palermo_toggles.items() if tg.value],
            "rule": self.rule.value,
            "checked": self.checked,
        }

    def restore(self, answer: Answer) -> None:
        for f, tg in self.form_toggles.items():
            tg.value = f in answer.get("forms", [])
        for p, tg in self.palermo_toggles.items():
            tg.value = p in answer.get("palermo", [])
        self.rule.value = answer.get("rule")
        self.checked = bool(answer.get("checked"))
        if self.checked:
            self.render_feedback()

    def score(self) -> dict[str, Any]:
        r = assess_result(self.case, self.answer())
        return {"points": r["points"], "max": r["max"]}

    def render_feedback(self) -> None:
        lang = self.lang
        if not self.show_feedback:
            self.feedback.value = status(t("Your answer is saved.", lang), "ok")
            return
        r = assess_result(self.case, self.answer())
        forms = ", ".join(t(FORMS[f], lang) for f in self.case["forms"])
        age = t(AGE_GROUPS[self.case["person"]["age_group"]], lang)
        parts = [
            f"<h3>{esc(t('Assessment', lang))}</h3>",
            f"<p><strong>{esc(t('Forms of exploitation in this case:', lang))}</strong> {esc(forms)}</p>",
        ]
        if r["forms_also"]:
            also = ", ".join(t(FORMS[f], lang) for f in r["forms_also"])
            parts.append(f"<p>{esc(t('Also right, as a secondary form: {forms}', lang, forms=also))}</p>")
        if r["forms_extra"]:
            extra = ", ".join(t(FORMS[f], lang) for f in r["forms_extra"])
            parts.append(f"<p>{esc(t('Not shown by this case: {forms}', lang, forms=extra))}</p>")
        parts.append(f"<p>{esc(loc(self.case['questions']['forms_feedback'], lang))}</p><ul>")
        for key, label in PALERMO.items():
            shown = claim(self.case["palermo"], key)
            mark = "✓" if key not in r["palermo_wrong"] else "✗"
            state = t("shown", lang) if shown["evidenced"] else t("not shown", lang)
            parts.append(
                f"<li>{mark} <strong>{esc(t(label, lang))}</strong> ({esc(state)}): "
                f"{esc(loc(shown['note'], lang))}</li>"
            )
        parts.append("</ul>")
        rule_text = t("The person is: {age}. ", lang, age=age) + (
            t("For a child, act and purpose are enough; no means need be shown.", lang)
            if self.case["person"]["age_group"] == "child"
            else t("For an adult, act, means and purpose must all be present.", lang)
        )
        parts.append(f"<p>{'✓' if r['rule_ok'] else '✗'} {esc(rule_text)}</p>")
        parts.append(what_next(self.context.route, lang))
        self.feedback.value = "".join(parts)


# -- the kind ------------------------------------------------------------------------------


def result(case: Case, answer: Answer, _context: Context) -> Result:
    return assess_result(case, answer)


def room(case: Case, answers: list[Answer], lang: str, _context: Context) -> list[Group]:
    """How many chose each form, each rule and each element of the definition."""
    total = len(answers)
    forms = Counter(f for p in answers for f in p.get("forms", []))
    rules = Counter(p.get("rule") for p in answers)
    palermo = Counter(x for p in answers for x in p.get("palermo", []))
    return [
        {
            "title": t("Forms of exploitation chosen", lang),
            "bars": [
                bar(t(label, lang), forms[f], total, f in case["forms"] or f in case.get("also_forms", []))
                for f, label in FORMS.items()
                if forms[f] or f in case["forms"]
            ],
        },
        {
            "title": t("Which rule applies", lang),
            "bars": [
                bar(t(label, lang), rules[k], total, k == case["person"]["age_group"])
                for k, label in RULES.items()
            ],
        },
        {
            "title": t("Elements of the definition", lang),
            "bars": [
                bar(t(label, lang), palermo[k], total, claim(case["palermo"], k)["evidenced"])
                for k, label in PALERMO.items()
            ],
        },
    ]


def grade_points(case: Case, answer: Answer, _catalogue: Catalogue | None = None) -> Result:
    """An assessment's score: the practice exercise's scoring (forms, the three elements of the
    definition, the rule), on the answer's well-formed parts."""
    clean = {
        "forms": [f for f in answer.get("forms", []) if isinstance(f, str)],
        "palermo": [p for p in answer.get("palermo", []) if isinstance(p, str)],
        "rule": answer.get("rule"),
    }
    r = assess_result(case, clean)
    return {"points": r["points"], "max": r["max"]}


KIND = Kind(
    name="assess",
    title=Assess.title_msgid,
    widget=Assess,
    result=result,
    room=room,
    grade=grade_points,
)
