"""Helpers shared by the exercise widgets: text per language, escaping, big touch targets."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from safekit.i18n import translate

SaveFn = Callable[[Any], None]


def loc(text: dict[str, str] | None, lang: str) -> str:
    """The text in ``lang``, falling back to English, then to any language."""
    if not text:
        return ""
    return text.get(lang) or text.get("en") or next(iter(text.values()))


def esc(text: object) -> str:
    """``text`` as HTML text or attribute value: the one escape of the kit's HTML snippets
    (pages and documents come from templates, which escape by themselves)."""
    return html.escape(str(text), quote=True)


def paragraphs(text: str) -> str:
    """Plain case text as HTML paragraphs (escaped; a blank line starts a new paragraph)."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(f"<p>{esc(' '.join(p.split()))}</p>" for p in parts)


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


def vbox(children, *classes: str) -> w.VBox:
    box = w.VBox(list(children))
    for cls in classes:
        box.add_class(cls)
    return box


def heading(text: str, level: int = 2) -> w.HTML:
    return html_block(f"<h{level}>{esc(text)}</h{level}>", "sk-heading")


def feedback_box() -> w.HTML:
    box = w.HTML("")
    box.add_class("sk-feedback")
    return box


def status(text: str, kind: str = "info") -> str:
    return f'<div class="sk-status sk-{kind}" role="status">{esc(text)}</div>'
