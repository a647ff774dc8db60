"""Starting, stopping and restarting a workshop: no kernel is left behind, no answer is lost."""

from __future__ import annotations

import json
import re
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from safekit.sessions import Store
from tests.support.workshop import kernel_pids, start_workshop

pytestmark = [pytest.mark.slow]


def test_stop_leaves_no_kernel_even_while_the_pool_refills(course, tmp_path):
    ws = start_workshop(course, tmp_path / "data", tmp_path / "server.log", 3)
    assert len(ws.wait_for_kernels(3)) == 3
    # opening a participant page takes a kernel from the pool and the server starts a new one;
    # stop right then, while the pool refills
    session_dir = next(ws.data_dir.iterdir())
    with Store.for_session_dir(session_dir) as store:
        participant = store.add_participant(session_dir.name, "Quiet Heron 10")
    with urllib.request.urlopen(f"{ws.base}?p={participant.token}") as resp:
        assert resp.status == 200
    time.sleep(0.2)
    pid = ws.process.pid
    assert len(kernel_pids(pid)) >= 3
    assert ws.stop() == 0
    assert kernel_pids(pid) == []
    assert "Workshop stopped" in ws.log.read_text()


def test_ctrl_c_stops_the_workshop_and_its_kernels(course, tmp_path):
    import signal

    ws = start_workshop(course, tmp_path / "data", tmp_path / "server.log", 2)
    assert len(ws.wait_for_kernels(2)) == 2
    ws.process.send_signal(signal.SIGINT)  # what a trainer's Ctrl+C sends
    try:
        assert ws.process.wait(timeout=60) == 0
    finally:
        ws.log_handle.close()
    assert kernel_pids(ws.process.pid) == []
    assert "Workshop stopped" in ws.log.read_text()


def test_join_page_refuses_an_unknown_code(workshop):
    with urllib.request.urlopen(f"{workshop.base}join?s=NOPE42") as resp:
        html = resp.read().decode()
    assert 'name="s"' in html and "Session found" not in html


def test_the_page_says_it_is_opening_in_the_participants_language(workshop):
    session_dir = next(workshop.data_dir.iterdir())
    pages = {}
    for lang in ("en", "nl"):
        with Store.for_session_dir(session_dir) as store:
            participant = store.add_participant(session_dir.name, f"Loading Heron {lang}", lang)
        with urllib.request.urlopen(f"{workshop.base}?p={participant.token}") as resp:
            pages[lang] = resp.read().decode()
    assert "De workshop wordt geopend. Dit duurt een paar seconden." in pages["nl"]
    assert 'data-sk-reload="Laad de pagina opnieuw; je antwoorden blijven bewaard."' in pages["nl"]
    assert "The workshop is opening" not in pages["nl"] and "The workshop is opening" in pages["en"]


def test_participant_page_without_a_known_link_goes_to_join(workshop):
    with urllib.request.urlopen(f"{workshop.base}?p=not-a-participant") as resp:
        assert resp.geturl().startswith(f"{workshop.base}join")


@pytest.mark.browser
def test_server_restart_resumes_where_the_participant_was(course, tmp_path, browser):
    ws = start_workshop(course, tmp_path / "data", tmp_path / "one.log", 1)
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(ws.link)
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app", timeout=60_000)
    link = page.url
    page.get_by_role("button", name=re.compile("A safe future")).click()
    page.get_by_role("button", name=re.compile("When the permit ends")).click()
    page.get_by_role("button", name=re.compile(r"^3\. Decide")).click()
    expect(page.locator(".sk-main")).to_contain_text("3. Decide")
    first_option = page.locator(".sk-option").first
    first_option.click()
    expect(page.locator(".sk-step-done")).to_have_count(1)
    ws.stop()

    again = start_workshop(course, tmp_path / "data", tmp_path / "two.log", 1)
    assert "Resumed session" in again.log.read_text()
    page.goto(link.replace(f":{ws.port}/", f":{again.port}/"))
    page.wait_for_selector(".sk-app", timeout=60_000)
    expect(page.locator(".sk-step-done")).to_have_count(1)
    expect(page.get_by_role("button", name=re.compile(r"^3\. Decide"))).to_have_class(
        re.compile("mod-active")
    )
    page.context.close()
    again.stop()


def test_room_size_keeps_the_room_warm_but_caps_the_kernels(course, tmp_path):
    ws = start_workshop(course, tmp_path / "data", tmp_path / "room.log", 1, "--room-size", "2")
    try:
        assert len(ws.wait_for_kernels(2)) == 2  # the room's kernels are warm before anyone joins
        session_dir = next(ws.data_dir.iterdir())
        with Store.for_session_dir(session_dir) as store:
            people = [store.add_participant(session_dir.name, f"Cap {i}") for i in range(4)]
        peak = 0
        for p in people:
            with urllib.request.urlopen(f"{ws.base}?p={p.token}", timeout=120) as resp:
                assert resp.status == 200
            peak = max(peak, len(ws.kernels()))
        time.sleep(3)
        peak = max(peak, len(ws.kernels()))
        # every participant got a kernel, and during the arrivals the pool is not refilled
        # (a room's refills wait until the burst is over, and stop at room size + 4)
        assert peak == 4
        started = time.monotonic()
        assert ws.stop() == 0
        assert time.monotonic() - started < 15  # delayed refills do not hold up the stop
        assert kernel_pids(ws.process.pid) == []
    finally:
        if ws.process.poll() is None:
            ws.stop()


def test_kernels_talk_over_unix_sockets_not_tcp_ports(workshop):
    # 40 kernels starting at once over TCP can pick the same free port, and that kernel then never
    # starts; over Unix sockets in the runtime folder they cannot collide, and none listens on a port
    pids = workshop.wait_for_kernels(workshop.pool_size, timeout=60)
    assert pids
    for pid in pids:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        info = json.loads(Path(args[args.index(b"-f") + 1].decode()).read_text())
        assert info["transport"] == "ipc"
        assert Path(info["ip"]).is_absolute()
