"""Benchmark: one hostile device beside an honest room, on loopback only, bounded.

While 20 honest participants join (each from an address of its own, 127.0.0.10 and up, as phones
on a room's Wi-Fi), one client at 127.0.0.2 tries:

- 200 joins, each followed by a page load without scripts (a browser would close its kernel when
  the page goes; this client never does);
- 200 page loads of the first participant it managed to register;
- 20 oversized widget messages (2 MiB each) to its kernel.

It prints the kernels running (at most and at the end), the memory of the server and its kernels,
and the honest participants' join time (POST /join to the whole app sent by the kernel), p95.

``--no-limits`` runs the same room with the limits a trainer can set raised as far as they go
(joins per device, kernel memory ceiling); what the kit enforces regardless (one kernel per
participant, at most room size + pool kernels (44 here), 1 MiB per message) stays. A guard ends the hostile client once the
server's processes pass ``--max-rss`` MiB, so the run stays bounded either way.

Run: .venv/bin/python bench/abuse.py [--no-limits] [--max-rss 4096]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest  # noqa: E402

from bench.room import p95  # noqa: E402
from tests.support import mini_project  # noqa: E402
from tests.support.page_client import PageClient  # noqa: E402
from tests.support.workshop import kernel_pids, rss_mib, start_workshop  # noqa: E402

XSRF = re.compile(r'name="_xsrf" value="([^"]+)"')
HONEST, JOINS, LOADS, BIG = 20, 200, 200, 20
RELOADS: list[int] = []  # honest participants who had to reload their page


class Watch:
    """Kernels and memory of the server's process tree, sampled every half second."""

    def __init__(self, pid: int, max_rss: float):
        self.pid, self.max_rss = pid, max_rss
        self.kernels = self.rss = 0.0
        self.tripped = False

    def sample(self) -> None:
        kernels = kernel_pids(self.pid)
        rss = rss_mib(self.pid) + sum(_rss(k) for k in kernels)
        self.kernels, self.rss = max(self.kernels, len(kernels)), max(self.rss, rss)
        self.tripped = self.tripped or rss > self.max_rss

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            await asyncio.sleep(0.5)


def _rss(pid: int) -> float:
    try:
        return rss_mib(pid)
    except OSError:
        return 0.0


async def join(base: str, code: str, name: str, address: str) -> str | None:
    """POST /join from ``address``; the participant's token, or None when refused."""
    http = AsyncHTTPClient()
    form = await http.fetch(base + "join", network_interface=address, request_timeout=60)
    cookie = "; ".join(c.split(";")[0] for c in form.headers.get_list("Set-Cookie"))
    body = urllib.parse.urlencode(
        {"_xsrf": XSRF.search(form.body.decode()).group(1), "lang": "en", "s": code, "pseudonym": name}
    )
    try:
        resp = await http.fetch(
            HTTPRequest(
                base + "join",
                method="POST",
                body=body,
                headers={"Cookie": cookie},
                follow_redirects=False,
                network_interface=address,
                request_timeout=60,
            ),
            raise_error=False,
        )
    except HTTPClientError:
        return None
    found = re.search(r"p=([\w-]+)", resp.headers.get("Location", ""))
    return found.group(1) if resp.code == 302 and found else None


async def hostile(base: str, code: str, watch: Watch) -> dict:
    http, tally = AsyncHTTPClient(), {"joined": 0, "pages": 0, "refused": 0, "closed": 0}
    tokens = []
    for i in range(JOINS):
        if watch.tripped:
            break
        token = await join(base, code, f"Flood {i}", "127.0.0.2")
        if token is None:
            tally["refused"] += 1
            continue
        tally["joined"] += 1
        tokens.append(token)
        resp = await http.fetch(f"{base}?p={token}", raise_error=False, request_timeout=120)
        tally["pages"] += resp.code == 200
    for _ in range(LOADS if tokens else 0):
        if watch.tripped:
            break
        resp = await http.fetch(f"{base}?p={tokens[0]}", raise_error=False, request_timeout=120)
        tally["pages"] += resp.code == 200
    if tokens and not watch.tripped:
        for _ in range(BIG):
            client = PageClient(base, f"/?p={tokens[0]}", [])
            try:
                await client.join(timeout=120)
                big = client._msg(
                    "comm_open",
                    {
                        "comm_id": "b" * 32,
                        "target_name": "jupyter.widget",
                        "data": {"state": {"v": "x" * 2**21}},
                    },
                )
                await client._send(big)
                while await asyncio.wait_for(client._ws.read_message(), 10) is not None:
                    pass
                tally["closed"] += 1
            except Exception:
                tally["closed"] += 0
            finally:
                client.leave()
    tally["tripped"] = watch.tripped
    return tally


async def honest(base: str, code: str, i: int) -> float:
    await asyncio.sleep(i * 0.5)  # the room arrives over ten seconds
    t0 = time.perf_counter()
    token = await join(base, code, f"Honest Person {i}", f"127.0.0.{10 + i}")
    if token is None:
        raise RuntimeError(f"honest participant {i} was refused")
    for attempt in range(3):  # a page that came without the app: the participant reloads
        client = PageClient(base, f"/?p={token}", [])
        try:
            await client.join(timeout=180)
            break
        except RuntimeError:
            RELOADS.append(i)
            if attempt == 2:
                raise
        finally:
            client.leave()
    return time.perf_counter() - t0


async def room(base: str, code: str, watch: Watch) -> tuple[dict, list[float]]:
    stop = asyncio.Event()
    watcher = asyncio.ensure_future(watch.run(stop))
    try:
        results = await asyncio.gather(
            hostile(base, code, watch), *(honest(base, code, i) for i in range(HONEST))
        )
    finally:
        stop.set()
        await watcher
    return results[0], list(results[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-limits", action="store_true", help="raise the trainer's limits as far as they go"
    )
    parser.add_argument("--max-rss", type=float, default=4096, help="MiB: the hostile client stops beyond it")
    args = parser.parse_args()
    AsyncHTTPClient.configure(None, max_clients=100)
    tmp = Path(tempfile.mkdtemp(prefix="sk-abuse-"))
    course = mini_project(ROOT, tmp / "course", ["girl-with-uncle-airport", "ana-permit-ends"])
    raised = ["--joins-per-device", "100000", "--kernel-memory", "0", "--page-opens-per-minute", "100000"]
    kit = ["--joins-per-device", "2", "--page-opens-per-minute", "6"]  # the kit's defaults
    extra = raised if args.no_limits else kit
    ws = start_workshop(course, tmp / "data", tmp / "server.log", 4, *extra)
    try:
        from safekit.sessions import Store

        with Store.for_session_dir(next(ws.data_dir.iterdir())) as store:
            code = store.session().code
        watch = Watch(ws.process.pid, args.max_rss)
        t0 = time.perf_counter()
        tally, times = asyncio.run(room(ws.base, code, watch))
        watch.sample()
        print(f"mode: {'limits raised (--no-limits)' if args.no_limits else 'default limits'}")
        print(f"run: {time.perf_counter() - t0:.0f} s")
        print(
            f"hostile client: {tally['joined']} joins accepted, {tally['refused']} refused, "
            f"{tally['pages']} pages served, {tally['closed']} of {BIG} oversized messages closed the connection"
            + (f", stopped by the {args.max_rss:.0f} MiB guard" if tally["tripped"] else "")
        )
        print(f"kernels: at most {watch.kernels:.0f}, at the end {len(ws.kernels())}")
        print(f"memory of server and kernels: at most {watch.rss:.0f} MiB")
        print(
            f"honest participants: {len(times)} joined, p95 join time {p95(times):.2f} s, "
            f"max {max(times):.2f} s, {len(RELOADS)} page(s) reloaded"
        )
    finally:
        ws.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
