"""Put the steps in order: the first actions after a disclosure, in the order a professional
takes them.

Each step is a row with large up and down buttons (no dragging, which is hard on a phone); the
order is saved at every tap. The score counts how far each step is from its right place:
``points = max - sum(|place - right place|)``, never below zero, where ``max`` is the number of
steps. The feedback walks through the right order, step by step, with the author's reason for
each step's place.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import ipywidgets as w

from safekit.core.i18n import N_
from safekit.core.shapes import Answer, Case, OrderQuestion, OrderStep
from safekit.exercises.base import Exercise
from safekit.exercises.kind import Context, Group, Kind, Result, bar
from safekit.ui import button, esc, html_block, loc, status, t


def order_question(case: Case) -> OrderQuestion:
    """The case's steps to order; a ValueError for a case without them (the kind does not
    apply to it)."""
    question = case["questions"].get("order")
    if question is None:
        raise ValueError(f"case {case['id']!r} has no steps to order")
    return question


def right_order(case: Case) -> list[str]:
    """The step ids in the author's (right) order."""
    return [s["id"] for s in order_question(case)["steps"]]


def start_order(case: Case) -> list[str]:
    """The order a participant starts from: shuffled the same way for everyone (seeded by the
    case id), and never already right."""
    ids = right_order(case)
    shuffled = list(ids)
    random.Random(case["id"]).shuffle(shuffled)
    if shuffled == ids:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


def valid_order(case: Case, order: Any) -> list[str] | None:
    """``order`` if it holds each of the case's steps exactly once, else ``None``."""
    ids = right_order(case)
    if isinstance(order, list) and sorted(map(str, order)) == sorted(ids) and len(order) == len(ids):
        return [str(x) for x in order]
    return None


def order_result(case: Case, answer: Answer) -> Result:
    """Score an order: each step loses a point per place it is away from its right place."""
    ids = right_order(case)
    given = valid_order(case, answer.get("order")) or start_order(case)
    off = {sid: abs(given.index(sid) - ids.index(sid)) for sid in ids}
    return {
        "order": given,
        "off": off,
        "right_place": [sid for sid in ids if off[sid] == 0],
        "points": max(0, len(ids) - sum(off.values())),
        "max": len(ids),
    }


class Order(Exercise):
    kind = "order"
    title_msgid = N_("Put the steps in order")

    def build(self) -> w.Widget:
        lang, q = self.lang, order_question(self.case)
        self.checked = False
        self.steps: dict[str, OrderStep] = {s["id"]: s for s in q["steps"]}
        self.order = start_order(self.case)
        self.rows: dict[str, _Row] = {sid: _Row(self, sid) for sid in self.steps}
        self.list = w.VBox()
        self.list.add_class("sk-order-list")
        how = t("Use the arrows to move each step up or down until the order is right, then check.", lang)
        self.check_button = self.make_check_button(t("Check my order", lang))
        self._render()
        return w.VBox(
            [
                html_block(f"<p class='sk-prompt'><strong>{esc(loc(q['prompt'], lang))}</strong></p>"),
                html_block(f"<p>{esc(how)}</p>", "sk-instructions"),
                self.list,
                self.check_button,
            ]
        )

    def move(self, step_id: str, by: int) -> None:
        """Move a step ``by`` places (-1: up, +1: down); what a tap on its arrow does."""
        at = self.order.index(step_id)
        to = min(max(at + by, 0), len(self.order) - 1)
        if to == at:
            return
        self.order.insert(to, self.order.pop(at))
        self._render()
        self.save()
        if self.checked:
            self.render_feedback()

    def _render(self) -> None:
        for n, sid in enumerate(self.order):
            self.rows[sid].show(n, len(self.order))
        self.list.children = tuple(self.rows[sid].widget for sid in self.order)

    def answer(self) -> Answer:
        return {"order": list(self.order), "checked": self.checked}

    def restore(self, answer: Answer) -> None:
        self.order = valid_order(self.case, answer.get("order")) or start_order(self.case)
        self._render()
        self.checked = bool(answer.get("checked"))
        if self.checked:
            self.render_feedback()

    def score(self) -> dict[str, Any]:
        r = order_result(self.case, self.answer())
        return {"points": r["points"], "max": r["max"]}

    def render_feedback(self) -> None:
        if not self.show_feedback:
            self.feedback.value = status(t("Your answer is saved.", self.lang), "ok")
            return
        self.feedback.value = order_feedback_html(
            self.case, order_result(self.case, self.answer()), self.lang
        )


class _Row:
    """One step: its place, its text, and large buttons to move it up or down."""

    def __init__(self, exercise: Order, step_id: str) -> None:
        lang = exercise.lang
        label = loc(exercise.steps[step_id]["label"], lang)
        self.text = w.HTML()
        self.text.add_class("sk-order-text")
        self.up = button("▲", "sk-secondary", "sk-order-up", tooltip=t("Move up: {step}", lang, step=label))
        self.down = button(
            "▼", "sk-secondary", "sk-order-down", tooltip=t("Move down: {step}", lang, step=label)
        )
        self.up.on_click(lambda _b: exercise.move(step_id, -1))
        self.down.on_click(lambda _b: exercise.move(step_id, +1))
        for arrow in (self.up, self.down):  # square touch targets beside the text, on a phone too
            arrow.layout = w.Layout(width="56px", min_width="56px", height="56px", flex="0 0 56px")
        self.text.layout = w.Layout(flex="1 1 auto", width="auto", margin="0 0 0 8px")
        self.label = label
        self.widget = w.HBox([self.up, self.down, self.text])
        self.widget.layout = w.Layout(align_items="center", width="100%", border_bottom="1px solid #dcdcd6")
        self.widget.add_class("sk-order-row")
        self.widget.add_class(f"sk-order-{step_id}")

    def show(self, place: int, count: int) -> None:
        self.text.value = f"<p><strong>{place + 1}.</strong> {esc(self.label)}</p>"
        self.up.disabled = place == 0
        self.down.disabled = place == count - 1


def order_feedback_html(case: Case, result: Result, lang: str) -> str:
    """The right order, step by step, with where the participant put each step and why it
    belongs where it does."""
    steps = order_question(case)["steps"]
    given = result["order"]
    parts = [
        f"<h3>{esc(t('The order, step by step', lang))}</h3>",
        f"<p class='sk-score'>{esc(t('{n} of {total} steps in their right place', lang, n=len(result['right_place']), total=len(steps)))}</p>",
        "<ol class='sk-order-feedback'>",
    ]
    for step in steps:
        place = given.index(step["id"]) + 1
        if result["off"][step["id"]] == 0:
            where = "✓ " + t("You put it here too.", lang)
        else:
            where = "✗ " + t("You put it at place {n}.", lang, n=place)
        parts.append(
            f"<li><strong>{esc(loc(step['label'], lang))}</strong> <span class='sk-order-where'>{esc(where)}</span>"
            f"<br>{esc(loc(step['why'], lang))}</li>"
        )
    parts.append("</ol>")
    parts.append(
        status(t("{points} of {max} points.", lang, points=result["points"], max=result["max"]), "ok")
    )
    return "".join(parts)


# -- the kind ------------------------------------------------------------------------------


def applies(case: Case) -> bool:
    """Offered when the case has steps to order (``questions.order``)."""
    return bool(case["questions"].get("order"))


def result(case: Case, answer: Answer, _context: Context) -> Result:
    return order_result(case, answer)


def room(case: Case, answers: list[Answer], lang: str, _context: Context) -> list[Group]:
    """Per step, how many put it in its right place."""
    placed = Counter(sid for a in answers for sid in order_result(case, a)["right_place"])
    return [
        {
            "title": t("Steps in their right place", lang),
            "bars": [
                bar(f"{n}. {loc(s['label'], lang)}", placed[s["id"]], len(answers), True)
                for n, s in enumerate(order_question(case)["steps"], start=1)
            ],
        }
    ]


KIND = Kind(name="order", title=Order.title_msgid, widget=Order, applies=applies, result=result, room=room)
