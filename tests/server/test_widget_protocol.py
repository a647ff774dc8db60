"""A page's kernel draws the app as soon as the page has asked for its widget state.

Through the kernel's websocket, with the messages ipywidgets' manager sends (tests.support.page_client,
the client the room benchmark uses for most of its 40 participants). If the control-channel hook
in safekit.apps.frontend stopped working (say, after an ipywidgets upgrade), the app would arrive
only after the 10 s fallback, and this test fails.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from safekit.apps.frontend import LOADED_SECONDS
from safekit.sessions import Store
from tests.support.page_client import PageClient

pytestmark = [pytest.mark.slow]


def test_the_app_follows_the_request_for_widget_state(workshop):
    session_dir = next(workshop.data_dir.iterdir())
    with Store.for_session_dir(session_dir) as store:
        participant = store.add_participant(session_dir.name, "Steady Otter 31")
    client = PageClient(workshop.base, f"/?p={participant.token}", assets=[])

    async def visit() -> None:
        try:
            await client.join(timeout=60)
        finally:
            client.leave()

    with ThreadPoolExecutor(1) as thread:  # its own event loop: the browser tests' may be running here
        thread.submit(lambda: asyncio.run(visit())).result()
    times = client.times
    assert client.protocol == "v1.kernel.websocket.jupyter.org"  # binary, as the real page speaks
    assert times["page"] < times["socket"] < times["states"] < times["app"]
    # drawn right after the page's request (plus the short wait for the page to build it), not
    # after the fallback; generous for a loaded CI machine, far below the 10 s fallback
    assert times["app"] - times["states"] < LOADED_SECONDS + 4
