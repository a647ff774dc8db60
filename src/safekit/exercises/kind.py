"""What an exercise kind is: one object per kind that owns everything about it.

Each ``exercises/<kind>.py`` exports ``KIND = Kind(...)``; ``exercises/registry.py`` lists them
in teaching order. The participant app, the room view, the export, nbgrader grading and the
trainer page ask the kind; none of them names one.

The pure half (``applies``, ``answered``, ``result``, ``room``, ``points``, ``grade``) works on
plain case and answer dicts and builds no widgets.

Room aggregates are generic groups of bars, so the trainer page draws every kind the same way::

    [{"title": "Signals spotted",
      "bars": [{"label": "...", "count": 4, "pct": 67, "correct": True,
                "tag": "key signal", "tone": "key"}]}]

``correct`` is ``True`` (a right answer), ``False`` (a wrong one) or ``None`` (no right answer);
``tag`` and ``tone`` are optional: a short translated note after the label, and how to colour
it (``key``, ``good``, ``partly`` or ``unsafe``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from safekit.core.catalogue import Catalogue
from safekit.core.shapes import Answer, Case
from safekit.exercises.context import Context

if TYPE_CHECKING:
    from safekit.exercises.base import Exercise

Group = dict[str, Any]  # one group of bars in a room aggregate
Result = dict[str, Any]  # a kind's points, max and the data its feedback is built from


def checked(answer: Answer) -> bool:
    """Answered once the participant has checked (most kinds)."""
    return bool(answer.get("checked"))


def always(_case: Case) -> bool:
    return True


def pct(n: int, total: int) -> int:
    return round(100 * n / total) if total else 0


def bar(label: str, count: int, total: int, correct: bool | None = None, **extra: Any) -> dict[str, Any]:
    """One bar of a room aggregate: ``count`` of ``total`` participants."""
    return {"label": label, "count": count, "pct": pct(count, total), "correct": correct, **extra}


@dataclass(frozen=True)
class Kind:
    """One exercise kind.

    - ``name``: the id answers are saved under; ``title``: its msgid (English source).
    - ``widget``: the ``Exercise`` subclass participants use.
    - ``applies(case)``: whether a case offers it, from the case's data.
    - ``answered(answer)``: whether an answer counts as done (progress, room, export).
    - ``result(case, answer, context)``: points, max and the data feedback is built from;
      ``None`` for a kind without a result (reflections, worksheets).
    - ``room(case, answers, lang, context)``: the room aggregate as groups of bars; ``None`` when
      the room shows nothing of the answers.
    - ``personal``: answers are personal notes; the room counts who worked on them, no more.
    - ``shares_text``: answers are texts a participant may share; the room shows a text only
      after the trainer approves it (reflections).
    - ``redact(answer)``: the answer as the export may show it.
    - ``grade(case, answer, catalogue)``: points and max in an nbgrader assessment, from the
      assessment's answer key; ``None`` when the kind is not graded.
    """

    name: str
    title: str
    widget: type[Exercise]
    answered: Callable[[Answer], bool] = checked
    applies: Callable[[Case], bool] = always
    result: Callable[[Case, Answer, Context], Result] | None = None
    room: Callable[[Case, list[Answer], str, Context], list[Group]] | None = None
    personal: bool = False
    shares_text: bool = False
    redact: Callable[[Answer], Answer] = field(default=lambda answer: dict(answer))
    grade: Callable[[Case, Answer, Catalogue], Result] | None = None

    def points(self, case: Case, answer: Answer, context: Context) -> tuple[int | None, int | None]:
        """Points and maximum for the export; ``(None, None)`` when the kind gives no points."""
        if self.result is None:
            return None, None
        r = self.result(case, answer, context)
        if "points" not in r:
            return None, None
        return r["points"], r["max"]
