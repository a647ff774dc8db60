"""When the page's widget manager asks the kernel for all widget states.

A page that connects to its kernel first asks for the state of every widget, then builds them
in the browser. Widgets the kernel creates before or while that happens can reach the browser
in pieces (Voilà passes on what a preheated kernel said before the page connected) and reference
models the browser has not made yet: "widget model not found", a broken exercise after some
reloads, when the app was drawn as soon as the page was asked for. So:

- a preheated kernel draws the app once the page has asked for, and built, its state (then only
  an empty box): every widget of the app reaches the browser the ordinary way (:func:`loaded`);
- work that creates widgets in the background (prefetching the next exercises) waits until the
  page has settled (:func:`settled`).
"""

from __future__ import annotations

import asyncio
import time

from safekit import compat

SETTLE_SECONDS = 1.5  # before background work: time the browser gets to build what it has
LOADED_SECONDS = 0.05  # before drawing: time the browser needs for the empty page's few widgets

_states_sent_at: float | None = None
_installed = False


def install() -> None:
    """Note the moment the page asks for the widget states (ipywidgets' control channel)."""
    global _installed

    compat.check_versions(compat.KERNEL_PACKAGES)
    _installed = True
    compat.on_widget_state_request(_note_states_sent)


def _note_states_sent() -> None:
    global _states_sent_at
    _states_sent_at = time.monotonic()


def settled() -> bool:
    """True once the page has received the widget states and had time to build them (always
    True where nothing is watched, e.g. in JupyterLab)."""
    if not _installed:
        return True
    return _states_sent_at is not None and time.monotonic() - _states_sent_at >= SETTLE_SECONDS


async def loaded(timeout: float = 10.0) -> None:
    """Wait until the page has asked for the widget states and had a moment to build them (or
    ``timeout`` passed: a page that never asks still gets its app)."""

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _states_sent_at is not None and time.monotonic() - _states_sent_at >= LOADED_SECONDS:
            return
        await asyncio.sleep(0.02)
