"""Benchmark: a room of 40 participants (issue targets in brackets).

- 40 participants open their page within 10 s, through real Voilà kernels: time until the
  page is delivered (HTTP); and, for some of them (--browsers) who open it in a real Chromium on
  this same machine, the time until the app is usable, p95 [TTI <= 3 s] (pessimistic: in a room
  each front end runs on the participant's own device, here they share the server's cores). A
  kernel draws the app once its page has connected (safekit.apps.frontend); for the HTTP-only
  participants, that is after its 10 s wait;
- an answer saved while 40 participants write at once (real store, one connection each),
  p95 [<= 50 ms];
- the room view's state while 40 participants have answered [refresh <= 1 s];
- total memory of the server and its kernels with 40 participants [<= 3 GiB].

Run: .venv/bin/python bench/room.py [--participants 40] [--pool 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.participant import rss_mib  # noqa: E402
from safekit.store import Store  # noqa: E402
from safekit.testing import mini_project  # noqa: E402
from tests.server.conftest import kernel_pids, start_workshop  # noqa: E402

BIN = Path(sys.executable).parent
CASE = "girl-with-uncle-airport"


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


async def browser_arrivals(
    port: int, arrivals: list[tuple[float, str]], tti: list[float], hold: threading.Event
) -> None:
    """Participants who open their page in a real Chromium, each at its own moment: seconds from
    navigation to the app's first button being visible (the page is usable). The pages stay
    open (their kernels count in the memory figure) until ``hold`` is set."""
    from playwright.async_api import async_playwright

    from safekit.testing import CHROMIUM, CHROMIUM_ARGS

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        async def arrive(delay: float, token: str) -> None:
            await asyncio.sleep(delay)
            context = await browser.new_context(viewport={"width": 390, "height": 844})
            page = await context.new_page()
            t0 = time.perf_counter()
            await page.goto(f"http://127.0.0.1:{port}/?p={token}")
            await page.wait_for_selector(".sk-app .sk-button", state="visible", timeout=120_000)
            tti.append(time.perf_counter() - t0)

        try:
            await asyncio.gather(*(arrive(d, tok) for d, tok in arrivals))
            await asyncio.get_running_loop().run_in_executor(None, hold.wait)
        finally:
            await browser.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=40)
    ap.add_argument("--pool", type=int, default=8)
    ap.add_argument("--room-size", type=int, default=None, help="pass --room-size to the workshop")
    ap.add_argument("--window", type=float, default=10.0)
    ap.add_argument(
        "--browsers", type=int, default=6, help="how many of the participants open their page in Chromium"
    )
    args = ap.parse_args()
    n = args.participants
    tmp = Path(tempfile.mkdtemp(prefix="safekit-room-"))
    project = mini_project(ROOT, tmp / "course", [CASE, "kim-permit-ends"])
    extra = ["--new", *(["--room-size", str(args.room_size)] if args.room_size else [])]
    ws = start_workshop(project, tmp / "data", tmp / "server.log", args.pool, *extra)
    proc, port = ws.process, ws.port
    try:
        deadline = time.monotonic() + 300
        while len(kernel_pids(proc.pid)) < (args.room_size or args.pool) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)
        session_dir = next((tmp / "data").iterdir())
        with Store.for_session_dir(session_dir) as store:
            people = [store.add_participant(session_dir.name, f"R{i}") for i in range(n)]

        # 1. everyone opens their page within the window
        page_times = [None] * n

        def open_page(i, delay):
            time.sleep(delay)
            t0 = time.perf_counter()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/?p={people[i].token}", timeout=300) as r:
                r.read()
            page_times[i] = time.perf_counter() - t0

        rng = random.Random(1)
        delays = [rng.uniform(0, args.window) for _ in range(n)]
        in_browser = set(range(0, n, max(1, n // max(1, args.browsers)))[: args.browsers])
        threads = [
            threading.Thread(target=open_page, args=(i, delays[i])) for i in range(n) if i not in in_browser
        ]
        tti: list[float] = []
        hold = threading.Event()
        arrivals = [(delays[i], people[i].token) for i in in_browser]
        browsers = threading.Thread(target=lambda: asyncio.run(browser_arrivals(port, arrivals, tti, hold)))
        t_all = time.perf_counter()
        browsers.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        while len(tti) < len(arrivals) and browsers.is_alive():
            time.sleep(0.1)
        page_times = [t for t in page_times if t is not None]
        all_done = time.perf_counter() - t_all
        time.sleep(3)
        kernels = kernel_pids(proc.pid)
        memory = rss_mib(proc.pid) + sum(rss_mib(k) for k in kernels)
        hold.set()
        browsers.join()

        # 2. answers saved while all 40 write at once
        save_times = []
        lock = threading.Lock()
        options = ["separate", "ask-the-man", "let-them-go"]

        def writer(p):
            with Store.for_session_dir(session_dir) as own:
                mine = []
                for k in range(10):
                    t0 = time.perf_counter()
                    own.save_answer(
                        p, CASE, "decide", {"path": [{"step": "at-the-desk", "option": options[k % 3]}]}
                    )
                    mine.append(time.perf_counter() - t0)
                    time.sleep(0.05)
            with lock:
                save_times.extend(mine)

        threads = [threading.Thread(target=writer, args=(p,)) for p in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        # 3. the room view's state with everyone answered and revealed
        with Store.for_session_dir(session_dir) as store:
            store.reveal(CASE, "decide")
        refresh = []
        for _ in range(20):
            t0 = time.perf_counter()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/trainer/api/state", timeout=60) as r:
                r.read()
            refresh.append(time.perf_counter() - t0)

        print(
            f"machine: {os.cpu_count()} cores; {n} participants; "
            + (f"room size {args.room_size}" if args.room_size else f"pool {args.pool}")
            + f"; arrivals over {args.window:.0f} s"
        )
        print(
            f"page delivered (HTTP), s          median {statistics.median(page_times):6.2f}  p95 {p95(page_times):6.2f}"
            f"  max {max(page_times):6.2f}  (all {n} done after {all_done:.1f} s)"
        )
        if tti:
            print(
                f"time to interactive in Chromium ({len(tti)} of the {n}), s  median {statistics.median(tti):5.2f}"
                f"  p95 {p95(tti):5.2f}  max {max(tti):5.2f}  (target p95 <= 3)"
            )
        print(
            f"answer saved, ms                  median {1000 * statistics.median(save_times):6.1f}  "
            f"p95 {1000 * p95(save_times):6.1f}  (target p95 <= 50)"
        )
        print(
            f"room view state, ms               median {1000 * statistics.median(refresh):6.1f}  "
            f"p95 {1000 * p95(refresh):6.1f}  (target <= 1000)"
        )
        print(f"memory, server + {len(kernels)} kernels, MiB   {memory:8.0f}  (target <= 3072)")
    finally:
        ws.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
