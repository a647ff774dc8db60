"""Reflect: a private note. Sharing it (anonymously) with the room is the participant's choice."""

from __future__ import annotations

import ipywidgets as w

from safekit.core.i18n import N_
from safekit.core.shapes import Answer
from safekit.exercises.base import Exercise
from safekit.exercises.kind import Kind
from safekit.ui import button, esc, html_block, loc, status, t, toggle


class Reflect(Exercise):
    kind = "reflect"
    title_msgid = N_("Reflect")

    def build(self) -> w.Widget:
        lang = self.lang
        questions = "".join(f"<li>{esc(loc(q, lang))}</li>" for q in self.case.get("discussion", []))
        self.text = w.Textarea(
            placeholder=t("Your thoughts: what struck you, what would you do differently?", lang),
            continuous_update=False,
            description=t("My note", lang),
            rows=6,
        )
        self.text.add_class("sk-note")
        self.share = toggle(t("Share my note with the room, without my name", lang), False, "sk-share")
        self.saved = w.HTML("")
        self.save_button = button(t("Save my note", lang), "sk-primary")
        self.save_button.on_click(lambda _b: self._saved())
        self.text.observe(lambda _c: self._saved(), "value")
        self.share.observe(lambda _c: self._saved(), "value")
        return w.VBox(
            [
                html_block(
                    f"<p>{esc(t('This note is private. Questions to think about:', lang))}</p><ul>{questions}</ul>"
                ),
                self.text,
                self.share,
                self.save_button,
                self.saved,
            ]
        )

    def _saved(self) -> None:
        self.save()
        if not self._restoring:
            msg = (
                t("Saved. Your trainer may show it to the room without your name.", self.lang)
                if self.share.value
                else t("Saved. Only you can see this note.", self.lang)
            )
            self.saved.value = status(msg, "ok")

    def answer(self) -> Answer:
        return {"text": self.text.value, "share": bool(self.share.value)}

    def restore(self, answer: Answer) -> None:
        self.text.value = answer.get("text", "")
        self.share.value = bool(answer.get("share"))


# -- the kind ------------------------------------------------------------------------------


def answered(answer: Answer) -> bool:
    return bool((answer.get("text") or "").strip())


def redact(answer: Answer) -> Answer:
    """A note not shared with the room stays private in the export too."""
    return dict(answer) if answer.get("share") else {**answer, "text": "(private)"}


# The room shows a shared note only after the trainer approves it.
KIND = Kind(
    name="reflect",
    title=Reflect.title_msgid,
    widget=Reflect,
    answered=answered,
    shares_text=True,
    redact=redact,
)
