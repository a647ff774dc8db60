"""The shape every exercise shares: built from a case, restored from a saved answer, saving
its answer at every click through the ``save`` callback."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from safekit.core.catalogue import Catalogue
from safekit.core.shapes import Answer, Case
from safekit.exercises.context import Context
from safekit.ui import SaveFn, button, feedback_box


class Exercise:
    """Base class. Subclasses implement ``build`` (its widget becomes ``self.body``, above the
    feedback), ``answer`` and ``restore``."""

    kind = "exercise"
    title_msgid = ""
    checked: bool  # whether the participant has checked (set by the kinds that check)

    def __init__(
        self,
        case: Case,
        catalogue: Catalogue,
        lang: str,
        save: SaveFn | None = None,
        answer: Answer | None = None,
        feedback: bool = True,
        context: Context | None = None,
    ):
        self.case, self.catalogue, self.lang = case, catalogue, lang
        self.context = context or Context(catalogue=catalogue)
        self._save = save
        self.show_feedback = feedback
        self.feedback = feedback_box()
        self._restoring = False
        self.body = self.build()
        self.widget = w.VBox([self.body, self.feedback])
        self.widget.add_class(f"sk-exercise-{self.kind}")
        if answer:
            self._restoring = True
            try:
                self.restore(answer)
            finally:
                self._restoring = False

    # -- to implement ----------------------------------------------------------------------
    def build(self) -> w.Widget:
        raise NotImplementedError

    def answer(self) -> Answer:
        raise NotImplementedError

    def restore(self, answer: Answer) -> None:
        raise NotImplementedError

    def score(self) -> dict[str, Any]:
        """Points and maximum for this answer (used by grading and the trainer's summary)."""
        return {}

    def render_feedback(self) -> None:
        """Show feedback for the current answer (or only 'saved' when feedback is off)."""

    def check(self) -> None:
        """The participant asks to check: remember it, save, show feedback."""
        self.checked = True
        self.save()
        self.render_feedback()

    # -- shared ----------------------------------------------------------------------------
    def make_check_button(self, label: str) -> w.Button:
        """The button that checks the answer; hidden when there is no feedback to give (an
        assessment), as every choice is saved the moment it is made."""
        check = button(label, "sk-primary")
        check.on_click(lambda _b: self.check())
        if not self.show_feedback:
            check.layout.display = "none"
        return check

    def save(self) -> None:
        if self._save is not None and not self._restoring:
            self._save(self.answer())
