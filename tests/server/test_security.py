"""What a participant's device can and cannot reach: trainer pages, files, other people's data."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from safekit.sessions import Store
from tests.support.workshop import start_workshop

pytestmark = [pytest.mark.slow]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def served(url: str, base: str, **headers: str) -> bool:
    """True when the URL answers with content (not an error, not a redirect to the join page)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as resp:
            return not resp.geturl().startswith(base + "join")
    except urllib.error.HTTPError:
        return False


@pytest.mark.parametrize(
    "path",
    [
        "voila/files/participant.ipynb",
        "voila/files/../cases/girl-with-uncle-airport.yaml",
        "voila/files/../syllabus.yaml",
        "voila/files/../workshops/",
        "participant.ipynb",
        "voila/render/participant.ipynb",
        "voila/tree",
        "api/contents/participant.ipynb",
        "api/kernels",
        "voila/static/../../store.sqlite",
        "cases/girl-with-uncle-airport.yaml",
        "notebooks/participant.ipynb",
        "voila/files/notebooks/participant.ipynb",
        "logout",
        "login",
        "api/me",
    ],
)
def test_no_source_key_or_store_can_be_downloaded(workshop, path):
    url = workshop.base + path
    code = status(url)
    if code == 200:  # only a redirect to the join page is acceptable
        with urllib.request.urlopen(url, timeout=30) as resp:
            body = resp.read().decode(errors="replace")
            assert resp.geturl().startswith(workshop.base + "join"), (path, resp.geturl())
            assert "schema_version" not in body and "evidence" not in body and "SQLite" not in body
    else:
        assert code in (301, 302, 403, 404, 405), (path, code)


def test_bundle_and_answers_are_not_served(workshop):
    session_dir = next(workshop.data_dir.iterdir())
    for path in ("runtime/bundle.json", "store.sqlite"):
        for prefix in ("voila/files/", "voila/static/", "voila/templates/safekit/static/", ""):
            for headers in ({}, {"Accept-Encoding": "gzip"}):  # compressed copies open nothing more
                assert not served(
                    workshop.base + prefix + str(session_dir / path).lstrip("/"), workshop.base, **headers
                )
                assert not served(workshop.base + prefix + path, workshop.base, **headers)


def test_trainer_pages_open_locally_only_with_the_server_started(workshop):
    assert status(workshop.base + "trainer") == 200
    assert status(workshop.base + "trainer/api/state") == 200


def _netns_available() -> bool:
    return os.geteuid() == 0 and shutil.which("ip") is not None


@pytest.fixture
def remote_host():
    """A second host: a network namespace of our own, joined to this one by a veth pair."""
    if not _netns_available():
        if os.environ.get("CI") or os.environ.get("SAFEKIT_REQUIRE_BROWSER"):
            pytest.fail("network namespaces need root and iproute2")
        pytest.skip("network namespaces need root and iproute2")
    tag = secrets.token_hex(3)
    ns, host_if, ns_if = f"sk{tag}", f"skh{tag}", f"skn{tag}"
    octet = int(tag[:2], 16) % 200 + 20
    host_ip, ns_ip = f"10.231.{octet}.1", f"10.231.{octet}.2"

    def sh(*cmd):
        subprocess.run(cmd, check=True, capture_output=True)

    sh("ip", "netns", "add", ns)
    try:
        sh("ip", "link", "add", host_if, "type", "veth", "peer", "name", ns_if)
        sh("ip", "link", "set", ns_if, "netns", ns)
        sh("ip", "addr", "add", f"{host_ip}/24", "dev", host_if)
        sh("ip", "link", "set", host_if, "up")
        sh("ip", "netns", "exec", ns, "ip", "addr", "add", f"{ns_ip}/24", "dev", ns_if)
        sh("ip", "netns", "exec", ns, "ip", "link", "set", ns_if, "up")
        sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")
        yield ns, host_ip
    finally:
        subprocess.run(["ip", "link", "del", host_if], capture_output=True)
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)


FETCH = """
import json, sys, urllib.request, urllib.error
out = {}
for url in sys.argv[1:]:
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            out[url] = [r.status, r.geturl()]
    except urllib.error.HTTPError as e:
        out[url] = [e.code, url]
print(json.dumps(out))
"""


def test_from_another_device_trainer_pages_are_refused(course, tmp_path, remote_host):
    ns, host_ip = remote_host
    ws = start_workshop(course, tmp_path / "data", tmp_path / "lan.log", 1, "--lan", "--address", host_ip)
    try:
        with Store.for_session_dir(next(ws.data_dir.iterdir())) as store:
            session = store.session()
            person = store.add_participant(session.id, "Remote Reed 12")
        base = f"http://{host_ip}:{ws.port}/"
        urls = [
            base + "trainer",
            base + "trainer/api/state",
            base + "trainer/qr.svg",
            base + f"trainer?t={session.trainer_secret}",
            base + f"join?s={session.secret}",
            base + "join",
            base + "?p=unknown-token",
            base + f"?p={person.token}",
        ]
        out = subprocess.run(
            ["ip", "netns", "exec", ns, sys.executable, "-c", FETCH, *urls],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        got = json.loads(out.stdout)
        assert got[base + "trainer"][0] == 403
        assert got[base + "trainer/api/state"][0] == 403
        assert got[base + "trainer/qr.svg"][0] == 403
        assert got[base + f"trainer?t={session.trainer_secret}"][0] == 200  # the trainer's own second device
        assert got[base + f"join?s={session.secret}"][0] == 200
        assert got[base + "?p=unknown-token"][1].startswith(base + "join")  # no page without a known link
        assert got[base + f"?p={person.token}"] == [200, base + f"?p={person.token}"]
        assert "Participant link: http://" in ws.log.read_text()
    finally:
        ws.stop()


@pytest.mark.browser
def test_markup_in_pseudonyms_and_reflections_is_shown_as_text(workshop, browser):
    session_dir = next(workshop.data_dir.iterdir())
    evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    with Store.for_session_dir(session_dir) as store:
        session = store.session()
        for i in range(3):
            p = store.add_participant(session.id, f"{evil} {i}")
            store.save_answer(p, "ana-permit-ends", "reflect", {"text": f"{evil} note {i}", "share": True})
            store.approve(p.token, "ana-permit-ends", f"{evil} note {i}")
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(workshop.base + "trainer")
    page.select_option("#exercise", "ana-permit-ends/reflect")
    expect(page.locator(".quote").first).to_contain_text("<script>window.__pwned=2</script> note")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main img").count() == 0 and dialogs == []
    assert re.search(r"Joined: \d+", page.locator("#joined").inner_text())
    page.context.close()


def test_no_one_can_ask_which_link_a_kernel_was_given(workshop):
    """Kernels read their request (with the participant's link) from a file in the session's
    folder; Voilà's websocket that would tell it to anyone naming a kernel is not served."""
    import asyncio
    import uuid
    from concurrent.futures import ThreadPoolExecutor

    from tornado.websocket import websocket_connect

    url = workshop.base.replace("http://", "ws://") + f"voila/query/{uuid.uuid4()}"

    async def connects() -> bool:
        try:
            conn = await asyncio.wait_for(websocket_connect(url), 30)
        except Exception:
            return False
        conn.close()
        return True

    with ThreadPoolExecutor(1) as thread:  # its own event loop: the browser tests' may be running here
        assert not thread.submit(lambda: asyncio.run(connects())).result()
