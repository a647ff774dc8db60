"""The app waits for the page to have its widget state; background work waits longer."""

from __future__ import annotations

import asyncio
import time

from safekit.apps import frontend


def test_drawing_waits_until_the_page_asked_for_its_state(monkeypatch):
    monkeypatch.setattr(frontend, "_states_sent_at", None)

    async def scenario():
        waiting = asyncio.ensure_future(frontend.loaded(timeout=5))
        await asyncio.sleep(0.2)
        assert not waiting.done()  # the page has not asked yet
        frontend._states_sent_at = time.monotonic()  # what the control channel notes
        await asyncio.wait_for(waiting, 1)

    asyncio.run(scenario())


def test_a_page_that_never_asks_still_gets_its_app(monkeypatch):
    monkeypatch.setattr(frontend, "_states_sent_at", None)
    started = time.monotonic()
    asyncio.run(frontend.loaded(timeout=0.3))
    assert 0.3 <= time.monotonic() - started < 2


def test_background_work_waits_for_the_page(monkeypatch):
    monkeypatch.setattr(frontend, "_installed", True)
    monkeypatch.setattr(frontend, "_states_sent_at", None)
    assert not frontend.settled()
    monkeypatch.setattr(frontend, "_states_sent_at", time.monotonic() - frontend.SETTLE_SECONDS - 0.1)
    assert frontend.settled()


def test_the_control_channel_is_watched_once(monkeypatch):
    from ipywidgets.widgets.widget import Widget

    frontend.install()
    frontend.install()
    handler = Widget.__dict__["_handle_control_comm_msg"]
    assert getattr(handler, "__safekit__", False)
    assert not getattr(handler.__func__.__closure__[0].cell_contents, "__safekit__", False)
