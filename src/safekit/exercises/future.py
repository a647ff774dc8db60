"""Safe future: name the risk and protective factors the case shows, and pick what belongs in
the reintegration plan."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, NamedTuple

import ipywidgets as w

from safekit.core.i18n import N_
from safekit.core.shapes import Answer, Case, Localized, PlanItem, RiskFactor
from safekit.core.vocab import FACTOR_KINDS, PLAN_AREAS, RISK_LEVELS
from safekit.exercises.base import Exercise
from safekit.exercises.kind import Context, Group, Kind, Result, bar
from safekit.ui import button, esc, heading, html_block, loc, status, t, toggle


class _Choice(NamedTuple):
    """A risk factor or plan item as a choice: ``group`` is a factor's level or a plan item's
    area, ``kind`` a factor's kind (``None`` for a plan item), ``right`` whether choosing it is
    right (a factor the case shows, an item that belongs in the plan)."""

    id: str
    label: Localized
    group: str
    right: bool
    kind: str | None = None


def _factor(f: RiskFactor) -> _Choice:
    return _Choice(f["id"], f["label"], f["level"], f["present"], f["kind"])


def _plan_item(p: PlanItem) -> _Choice:
    return _Choice(p["id"], p["label"], p["area"], p["appropriate"])


def future_result(case: Case, answer: Answer) -> Result:
    q = case["questions"]
    factors = {f["id"]: f for f in q["risk_factors"]}
    items = {p["id"]: p for p in q["plan_items"]}
    got_f, got_p = set(answer.get("factors", [])), set(answer.get("plan", []))
    want_f = {i for i, f in factors.items() if f["present"]}
    want_p = {i for i, p in items.items() if p["appropriate"]}
    right = len(want_f & got_f) + len(want_p & got_p)
    wrong = len(got_f - want_f) + len(got_p - want_p)
    return {
        "factors_missed": sorted(want_f - got_f),
        "factors_extra": sorted(got_f - want_f),
        "plan_missed": sorted(want_p - got_p),
        "plan_extra": sorted(got_p - want_p),
        "points": max(0, right - wrong),
        "max": len(want_f) + len(want_p),
    }


class Future(Exercise):
    kind = "future"
    title_msgid = N_("Plan a safe future")

    def build(self) -> w.Widget:
        lang, q = self.lang, self.case["questions"]
        self.checked = False
        sections = [heading(t("Which risk and protective factors does the case show?", lang), 3)]
        self.factor_toggles = self._toggle_groups(map(_factor, q["risk_factors"]), RISK_LEVELS, sections)
        sections.append(heading(t("What belongs in the reintegration plan?", lang), 3))
        self.plan_toggles = self._toggle_groups(map(_plan_item, q["plan_items"]), PLAN_AREAS, sections)
        check = button(t("Check my plan", lang), "sk-primary")
        check.on_click(lambda _b: self.check())
        return w.VBox([*sections, check])

    def _toggle_groups(
        self, choices: Iterable[_Choice], groups: dict[str, str], sections: list[w.Widget]
    ) -> dict[str, w.ToggleButton]:
        """One heading and a wrapping row of toggles per group (level or area); saves on change."""
        lang, items = self.lang, list(choices)
        toggles: dict[str, w.ToggleButton] = {}
        for group, group_label in groups.items():
            members = [item for item in items if item.group == group]
            if not members:
                continue
            sections.append(html_block(f"<h4>{esc(t(group_label, lang))}</h4>"))
            row = []
            for item in members:
                label = loc(item.label, lang)
                kind = [f"sk-{item.kind}"] if item.kind is not None else []
                tg = toggle(label, False, "sk-choice", *kind)
                if item.kind is not None:
                    tg.tooltip = f"{t(FACTOR_KINDS[item.kind], lang)}: {label}"
                tg.observe(lambda _c: self.save(), "value")
                toggles[item.id] = tg
                row.append(tg)
            box = w.Box(row)
            box.add_class("sk-wrap")
            sections.append(box)
        return toggles

    def answer(self) -> Answer:
        return {
            "factors": [k for k, tg in self.factor_toggles.items() if tg.value],
            "plan": [k for k, tg in self.plan_toggles.items() if tg.value],
            "checked": self.checked,
        }

    def restore(self, answer: Answer) -> None:
        for k, tg in self.factor_toggles.items():
            tg.value = k in answer.get("factors", [])
        for k, tg in self.plan_toggles.items():
            tg.value = k in answer.get("plan", [])
        self.checked = bool(answer.get("checked"))
        if self.checked:
            self.render_feedback()

    def score(self) -> dict[str, Any]:
        r = future_result(self.case, self.answer())
        return {"points": r["points"], "max": r["max"]}

    def render_feedback(self) -> None:
        lang, q = self.lang, self.case["questions"]
        if not self.show_feedback:
            self.feedback.value = status(t("Your answer is saved.", lang), "ok")
            return
        r = future_result(self.case, self.answer())
        parts = [f"<h3>{esc(t('Risk and protective factors', lang))}</h3><ul>"]
        chosen = set(self.answer()["factors"])
        for f in q["risk_factors"]:
            if f["present"] or f["id"] in chosen:
                mark = "✓" if (f["id"] in chosen) == f["present"] else "✗"
                parts.append(
                    f"<li>{mark} <strong>{esc(loc(f['label'], lang))}</strong> "
                    f"({esc(t(FACTOR_KINDS[f['kind']], lang))}, {esc(t(RISK_LEVELS[f['level']], lang))})"
                    f"<br>{esc(loc(f['explanation'], lang))}</li>"
                )
        parts.append(f"</ul><h3>{esc(t('Reintegration plan', lang))}</h3><ul>")
        chosen = set(self.answer()["plan"])
        for p in q["plan_items"]:
            if p["appropriate"] or p["id"] in chosen:
                mark = "✓" if (p["id"] in chosen) == p["appropriate"] else "✗"
                parts.append(
                    f"<li>{mark} <strong>{esc(loc(p['label'], lang))}</strong>"
                    f"<br>{esc(loc(p['feedback'], lang))}</li>"
                )
        parts.append("</ul>")
        parts.append(status(t("{points} of {max} points.", lang, points=r["points"], max=r["max"]), "ok"))
        self.feedback.value = "".join(parts)


# -- the kind ------------------------------------------------------------------------------


def applies(case: Case) -> bool:
    """Offered when the case names risk and protective factors or reintegration plan items."""
    return bool(case["questions"].get("risk_factors") or case["questions"].get("plan_items"))


def result(case: Case, answer: Answer, _context: Context) -> Result:
    return future_result(case, answer)


def _bars(choices: Iterable[_Choice], answers: list[Answer], field: str, lang: str) -> list[Group]:
    """How many participants chose each item of a multiple choice (``field`` in the answer)."""
    counts = Counter(x for p in answers for x in p.get(field, []))
    return [bar(loc(c.label, lang), counts[c.id], len(answers), c.right) for c in choices]


def room(case: Case, answers: list[Answer], lang: str, _context: Context) -> list[Group]:
    q = case["questions"]
    return [
        {
            "title": t("Risk and protective factors named", lang),
            "bars": _bars(map(_factor, q["risk_factors"]), answers, "factors", lang),
        },
        {
            "title": t("Reintegration plan", lang),
            "bars": _bars(map(_plan_item, q["plan_items"]), answers, "plan", lang),
        },
    ]


KIND = Kind(
    name="future",
    title=Future.title_msgid,
    widget=Future,
    applies=applies,
    result=result,
    room=room,
)
