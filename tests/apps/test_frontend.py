"""The app waits for the page to have its widget state; background work waits longer."""

from __future__ import annotations

import asyncio
import time

from safekit.apps import frontend
from tests.support import run_apart


def test_drawing_waits_until_the_page_asked_for_its_state(monkeypatch):
    monkeypatch.setattr(frontend, "_states_sent_at", None)

    async def scenario():
        waiting = asyncio.ensure_future(frontend.loaded(timeout=5))
        await asyncio.sleep(0.2)
        assert not waiting.done()  # the page has not asked yet
        frontend._states_sent_at = time.monotonic()  # what the control channel notes
        await asyncio.wait_for(waiting, 1)

    run_apart(scenario())


def test_a_page_that_never_asks_still_gets_its_app(monkeypatch):
    monkeypatch.setattr(frontend, "_states_sent_at", None)
    started = time.monotonic()
    run_apart(frontend.loaded(timeout=0.3))
    assert 0.3 <= time.monotonic() - started < 2


def test_background_work_waits_for_the_page(monkeypatch):
    monkeypatch.setattr(frontend, "_installed", True)
    monkeypatch.setattr(frontend, "_states_sent_at", None)
    assert not frontend.settled()
    monkeypatch.setattr(frontend, "_states_sent_at", time.monotonic() - frontend.SETTLE_SECONDS - 0.1)
    assert frontend.settled()


def test_the_page_asking_for_its_state_is_noted(monkeypatch):
    """Through ipywidgets' own control channel (safekit.compat), over the comm package's comm."""
    from comm import create_comm
    from ipywidgets import Widget
    from ipywidgets.widgets.widget import __control_protocol_version__

    monkeypatch.setattr(frontend, "_states_sent_at", None)
    frontend.install()
    frontend.install()
    control = create_comm(target_name="jupyter.widget.control")
    Widget.handle_control_comm_opened(control, {"metadata": {"version": __control_protocol_version__}})
    assert frontend._states_sent_at is None
    control.handle_msg({"content": {"data": {"method": "request_states"}, "comm_id": control.comm_id}})
    assert frontend._states_sent_at is not None and time.monotonic() - frontend._states_sent_at < 1
