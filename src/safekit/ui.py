"""The participant app's widget kit: big touch targets, headings, status lines, feedback boxes.

Text helpers (``loc``, ``esc``, ``paragraphs``) live in :mod:`safekit.core.text` and are
re-exported here for the widgets' convenience."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from safekit.core.i18n import translate
from safekit.core.text import esc, loc, paragraphs

__all__ = [
    "SaveFn",
    "button",
    "esc",
    "feedback_box",
    "heading",
    "html_block",
    "loc",
    "paragraphs",
    "status",
    "t",
    "toggle",
]

SaveFn = Callable[[Any], None]


def t(msgid: str, lang: str, **params: Any) -> str:
    return translate(msgid, lang, **params)


def html_block(content: str, *classes: str) -> w.HTML:
    box = w.HTML(content)
    for cls in ("sk-text", *classes):
        box.add_class(cls)
    return box


def button(label: str, *classes: str, tooltip: str | None = None, **kwargs) -> w.Button:
    """A large button; ``tooltip`` doubles as the accessible name."""
    b = w.Button(description=label, tooltip=tooltip or label, **kwargs)
    b.add_class("sk-button")
    for cls in classes:
        b.add_class(cls)
    return b


def toggle(label: str, value: bool = False, *classes: str) -> w.ToggleButton:
    b = w.ToggleButton(description=label, value=value, tooltip=label)
    b.add_class("sk-toggle")
    for cls in classes:
        b.add_class(cls)
    return b


def heading(text: str, level: int = 2) -> w.HTML:
    return html_block(f"<h{level}>{esc(text)}</h{level}>", "sk-heading")


def feedback_box() -> w.HTML:
    box = w.HTML("")
    box.add_class("sk-feedback")
    return box


def status(text: str, kind: str = "info") -> str:
    return f'<div class="sk-status sk-{kind}" role="status">{esc(text)}</div>'
