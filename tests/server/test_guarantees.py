"""What one device on the room's network can no longer do to the workshop server.

One server for the module, as a trainer starts it for a small room (``--room-size 3``: at most
3 + 3 kernels), with the default joins per device and a short cull timeout. The tests run in file
order: those that fill the room or lock this machine's address out of the join page come last.
"""

from __future__ import annotations

import asyncio
import http.client
import http.cookiejar
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from safekit.sessions import Store
from tests.support import run_apart
from tests.support.page_client import PageClient
from tests.support.workshop import start_workshop

# a websocket handshake the server refuses leaves its client socket to the garbage collector
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::ResourceWarning")]

CULL_SECONDS, CULL_INTERVAL = 20, 2
FULL = "The workshop is full; ask your trainer."


@pytest.fixture(scope="module")
def room(course, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("room")
    ws = start_workshop(
        course,
        tmp / "data",
        tmp / "server.log",
        2,
        "--joins-per-device",
        "2",
        "--cull-idle-timeout",
        str(CULL_SECONDS),
        "--cull-interval",
        str(CULL_INTERVAL),
    )
    yield ws
    if ws.process.poll() is None:
        ws.stop()


def session_dir(ws) -> Path:
    return next(ws.data_dir.iterdir())


def new_participant(ws, name: str):
    with Store.for_session_dir(session_dir(ws)) as store:
        return store.add_participant(session_dir(ws).name, name)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(url: str, method: str = "GET", headers: dict | None = None, data: bytes | None = None):
    """(status, headers, body) of one request, without following redirects."""
    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with opener.open(req, timeout=120) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, exc.read()


def kernel_cookie(headers, kernel_id: str) -> str:
    for cookie in headers.get_all("Set-Cookie") or []:
        if f"Path=/api/kernels/{kernel_id}" in cookie:
            return cookie.split(";")[0]
    return ""


def open_page(ws, token: str) -> tuple[int, str, str]:
    """A participant page opened without scripts: (status, kernel id, its credential cookie)."""
    code, headers, body = request(f"{ws.base}?p={token}")
    found = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', body.decode())
    kernel = found.group(1) if found else ""
    return code, kernel, kernel_cookie(headers, kernel) if kernel else ""


def kernel_alive(ws, kernel: str, cookie: str) -> bool:
    code, _, _ = request(f"{ws.base}api/kernels/{kernel}", headers={"Cookie": cookie})
    assert code in (200, 403, 404), code  # a kernel gone: not found, or its credential forgotten
    return code == 200


def test_one_kernel_per_participant(room):
    person = new_participant(room, "Kind Comet 11")
    pages = [open_page(room, person.token) for _ in range(8)]
    assert all(code == 200 and kernel and cookie for code, kernel, cookie in pages)
    assert len({kernel for _, kernel, _ in pages}) == 8  # each page a kernel of its own...
    alive = [kernel for _, kernel, cookie in pages if kernel_alive(room, kernel, cookie)]
    assert alive == [pages[-1][1]]  # ...and only the last still runs
    assert len(room.kernels()) <= 1 + 2  # with the pool


def test_kernel_operations_need_the_kernels_own_credential(room):
    person = new_participant(room, "Bold Cedar 12")
    other = new_participant(room, "Calm Aspen 13")
    _, kernel, cookie = open_page(room, person.token)
    _, _, others_cookie = open_page(room, other.token)
    url = f"{room.base}api/kernels/{kernel}"
    xsrf = {"Cookie": "_xsrf=a", "X-XSRFToken": "a"}  # a pair anyone can make
    for headers in ({}, xsrf, {**xsrf, "Cookie": f"_xsrf=a; {others_cookie}"}):
        assert request(url, headers=headers)[0] == 403
        assert request(url, "DELETE", headers)[0] == 403
        assert request(f"{room.base}voila/api/shutdown/{kernel}", "POST", headers, b"")[0] == 403

    async def connects(cookie_header: str) -> bool:
        ws_url = url.replace("http://", "ws://") + "/channels"
        try:
            conn = await websocket_connect(HTTPRequest(ws_url, headers={"Cookie": cookie_header}))
        except Exception:
            return False
        conn.close()
        return True

    assert not run_apart(connects("_xsrf=a"))
    assert not run_apart(connects(others_cookie))
    assert run_apart(connects(cookie))  # the page's own credential still works
    assert request(url, headers={"Cookie": cookie})[0] == 200
    assert request(url, "DELETE", {**xsrf, "Cookie": f"_xsrf=a; {cookie}"})[0] == 204


def _page_with_socket(ws, name: str):
    person = new_participant(ws, name)
    client = PageClient(ws.base, f"/?p={person.token}", assets=[])
    return person, client


def test_kernel_memory_ceiling(room):
    _, client = _page_with_socket(room, "Brave Otter 14")

    async def visit() -> bool:
        await client.join(timeout=60)
        big = "x" * (5 * 1024 * 1024)
        comm = client._msg(
            "comm_open",
            {"comm_id": "f" * 32, "target_name": "jupyter.widget", "data": {"state": {"value": big}}},
        )
        try:
            await client._send(comm)
            closed = await asyncio.wait_for(client._ws.read_message(), 30) is None
            while not closed:  # replies still on their way
                closed = await asyncio.wait_for(client._ws.read_message(), 30) is None
        finally:
            client.leave()
        return closed

    assert run_apart(visit())  # the server closed the connection: the message was too big
    for pid in room.kernels():
        limits = Path(f"/proc/{pid}/limits").read_text()
        assert re.search(r"Max address space\s+536870912\s+536870912", limits), limits
        rss_kib = int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))
        assert rss_kib < 512 * 1024


def test_no_tracebacks_to_participants_and_404_for_bad_static_paths(room):
    _, client = _page_with_socket(room, "Wise Maple 15")

    async def visit() -> list[dict]:
        await client.join(timeout=60)
        root = re.search(r'"model_id":\s*"([0-9a-f]{32})"', client.html).group(1)
        for state in ({"children": 12345}, {"layout": None}, {"box_style": ["x"]}):
            await client._send(
                client._msg("comm_msg", {"comm_id": root, "data": {"method": "update", "state": state}})
            )
        await client._send(
            client._msg("comm_open", {"comm_id": "e" * 32, "target_name": "jupyter.widget", "data": {}})
        )
        got = []
        deadline = time.monotonic() + 4
        while (left := deadline - time.monotonic()) > 0:
            try:
                raw = await asyncio.wait_for(client._ws.read_message(), left)
            except TimeoutError:
                break
            if raw is None:
                break
            got.append(client._decode(raw))
        client.leave()
        return got

    messages = run_apart(visit())
    assert messages  # the kernel answered (status messages at least)
    assert not [m for m in messages if m["header"]["msg_type"] == "error"]
    assert "Traceback" not in json.dumps([m.get("content") for m in messages])
    assert "TraitError" in (session_dir(room) / "runtime" / "kernels.log").read_text()  # kept here

    for path in (
        "voila/templates/safekit/static/../../../../README.md",
        "voila/templates/safekit/../../README.md",
        "voila/templates/x",
        "voila/templates/safekit/nostatic/x.js",
    ):
        conn = http.client.HTTPConnection("127.0.0.1", room.port, timeout=30)
        conn.request("GET", "/" + path)  # sent as written: no client-side clean-up of ../
        assert conn.getresponse().status == 404, path
        conn.close()


def test_connected_kernels_are_still_culled(room):
    _, client = _page_with_socket(room, "Swift Heron 16")

    async def hold() -> bool:
        await client.join(timeout=60)
        kernel = client.kernel_id
        deadline = time.monotonic() + CULL_SECONDS + 3 * CULL_INTERVAL + 20
        try:
            while time.monotonic() < deadline:  # the page stays connected, sending nothing
                code, _, _ = request(f"{room.base}api/kernels/{kernel}", headers={"Cookie": client.cookie})
                if code in (403, 404):
                    return True
                await asyncio.sleep(1)
            return False
        finally:
            client.leave()

    assert run_apart(hold())


def test_a_page_opened_too_often_waits_without_a_kernel(course, tmp_path):
    ws = start_workshop(course, tmp_path / "data", tmp_path / "server.log", 1, "--page-opens-per-minute", "3")
    try:
        person, other = new_participant(ws, "Quick Otter 31"), new_participant(ws, "Calm Cedar 32")
        assert [open_page(ws, person.token)[0] for _ in range(3)] == [200, 200, 200]
        kernels = len(ws.kernels())
        code, headers, body = request(f"{ws.base}?p={person.token}")
        assert code == 429 and 1 <= int(headers["Retry-After"]) <= 60
        assert "Please wait a moment" in body.decode() and "kernelId" not in body.decode()
        assert len(ws.kernels()) <= kernels  # no kernel started for it
        assert open_page(ws, other.token)[0] == 200  # the others are not held up
    finally:
        ws.stop()


def test_total_cap_with_a_clear_refusal(course, tmp_path):
    small = start_workshop(course, tmp_path / "data", tmp_path / "server.log", 3, "--room-size", "3")
    try:
        people = [new_participant(small, f"Green Falcon {20 + i}") for i in range(20)]
        answers = []
        for person in people:
            code, _, body = request(f"{small.base}?p={person.token}")
            answers.append((code, body.decode()))
            assert len(small.kernels()) <= 3 + 3
        assert answers[0][0] == 200
        code, body = answers[-1]
        assert code == 503 and FULL in body and "kernelId" not in body
    finally:
        small.stop()


def test_text_limits_and_bounded_history(room):
    folder = session_dir(room)
    huge = "y" * (1024 * 1024)
    with Store.for_session_dir(folder) as store:
        for i in range(30):
            person = store.add_participant(folder.name, f"Quiet Meadow {40 + i}")
            store.save_answer(person, "ana-permit-ends", "reflect", {"text": huge, "share": True})
            store.approve(person.token, "ana-permit-ends", huge)
            store.reveal("ana-permit-ends", "reflect")
    _, _, body = request(f"{room.base}trainer/api/state?lang=en")
    assert len(body) < 1_000_000
    assert "y" * 5000 in body.decode() and "y" * 5001 not in body.decode()


TRAINER_ROUTES = [
    ("GET", "trainer"),
    ("GET", "trainer/trainer.js"),
    ("GET", "trainer/api/state?lang=en"),
    ("POST", "trainer/api/reveal"),
    ("POST", "trainer/api/approve"),
    ("GET", "trainer/qr.svg"),
]


def test_trainer_routes_check_host(room):
    forged = {"Host": "evil.example", "Cookie": "_xsrf=a", "X-XSRFToken": "a"}
    for method, path in TRAINER_ROUTES:
        data = b'{"case": "ana-permit-ends", "exercise": "reflect", "key": "x"}' if method == "POST" else None
        code, _, body = request(room.base + path, method, forged, data)
        assert code == 403, path
        assert (
            request(room.base + path, method, {**forged, "Host": f"evil.example:{room.port}"}, data)[0] == 403
        )
    for host in (f"127.0.0.1:{room.port}", f"localhost:{room.port}"):
        assert request(room.base + "trainer/api/state?lang=en", headers={"Host": host})[0] == 200


def test_purge_refuses_a_running_session(room):
    folder = session_dir(room)
    new_participant(room, "Still Here 77")
    before = (folder / "store.sqlite").stat().st_size
    out = subprocess.run(
        [
            str(Path(sys.executable).parent / "safekit"),
            "purge",
            folder.name,
            "--data-dir",
            str(room.data_dir),
            "--yes",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=room.project,
    )
    assert out.returncode != 0 and "running workshop" in out.stderr
    assert (folder / "store.sqlite").stat().st_size == before
    with Store.for_session_dir(folder) as store:
        assert store.count("participant") > 0


def test_private_files(room):
    folder = session_dir(room)
    assert folder.stat().st_mode & 0o777 == 0o700
    for name in ("store.sqlite", "store.sqlite-wal", "runtime/bundle.json", "runtime/kernels.log"):
        assert (folder / name).stat().st_mode & 0o777 == 0o600, name
    loose = [p for p in folder.rglob("*") if p.stat().st_mode & 0o077]
    assert loose == []


def _join_form(base: str, opener) -> str:
    with opener.open(base + "join", timeout=30) as resp:
        return re.search(r'name="_xsrf" value="([^"]+)"', resp.read().decode()).group(1)


def _post_join(base: str, code: str, pseudonym: str, opener) -> tuple[int, str]:
    data = urllib.parse.urlencode(
        {"_xsrf": _join_form(base, opener), "lang": "en", "s": code, "pseudonym": pseudonym}
    ).encode()
    try:
        with opener.open(urllib.request.Request(base + "join", data=data), timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode()


def _browser():
    return urllib.request.build_opener(
        NoRedirect, urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def test_joins_per_device(room):
    with Store.for_session_dir(session_dir(room)) as store:
        code = store.session().code
    opener = _browser()
    payload = "Ann\x00\x1b\u202egnirts\u200b Payload"
    first = _post_join(room.base, code, payload, opener)
    assert first[0] == 302
    assert _post_join(room.base, code, "Second Device Name", opener)[0] == 302
    status, page = _post_join(room.base, code, "Third Device Name", opener)
    assert status == 429 and "This device has already joined the workshop" in page
    with Store.for_session_dir(session_dir(room)) as store:
        names = [p.pseudonym for p in store.participants(session_dir(room).name)]
    # clean text: no override or zero-width space (tornado turned NUL and ESC into spaces)
    assert "Ann gnirts Payload" in names
    assert "Third Device Name" not in names


def test_code_guessing_is_slowed(room):
    with Store.for_session_dir(session_dir(room)) as store:
        session = store.session()
    opener = _browser()
    for i in range(5):  # a wrong code by the join link counts as much as one typed in
        with opener.open(f"{room.base}join?s=WRONG{i}", timeout=30) as resp:
            assert "Session found" not in resp.read().decode()
    for i in range(5):
        assert _post_join(room.base, f"BAD{i:03d}", "Guess Er", opener)[0] == 403
    status, page = _post_join(room.base, session.code, "Right Code", opener)
    assert status == 429 and "Too many wrong session codes" in page  # even the right code, for now
    with opener.open(f"{room.base}join?s={session.secret}", timeout=30) as resp:
        assert "Session found" not in resp.read().decode()  # the link is no oracle meanwhile
