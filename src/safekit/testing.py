"""Helpers for checking exercises and apps without a browser, as the kit's own tests do: find a
button and click it, read what a widget shows, load a course the way a participant kernel does."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import ipywidgets as w

from safekit.authoring.compile import build_bundle
from safekit.core.bundle import Bundle, load_bundle


@cache
def _bundle_json(project: str) -> str:
    return json.dumps(build_bundle(Path(project)), ensure_ascii=False)


def bundle_for(project: Path, tmp_dir: Path) -> Bundle:
    """The compiled course bundle of ``project``, loaded the way a participant kernel does."""
    path = Path(tmp_dir) / "bundle.json"
    path.write_text(_bundle_json(str(Path(project).resolve())), encoding="utf-8")
    return load_bundle(path)


def find_button(widget, description: str):
    """The first button (depth first) whose label starts with ``description``."""

    stack = [widget]
    while stack:
        node = stack.pop(0)
        if isinstance(node, w.Button) and node.description.startswith(description):
            return node
        stack.extend(getattr(node, "children", ()))
    raise LookupError(description)


def texts(widget) -> str:
    """All visible text of a widget tree (HTML values and labels), for assertions."""

    out, stack = [], [widget]
    while stack:
        node = stack.pop(0)
        if isinstance(node, w.HTML):
            out.append(re.sub(r"<[^>]+>", " ", node.value))
        elif isinstance(node, (w.Button, w.ToggleButton)):
            out.append(node.description)
        elif isinstance(node, w.ToggleButtons):
            out.extend(str(label) for label in node._options_labels)
        stack.extend(getattr(node, "children", ()))
    return " ".join(" ".join(out).split())
