"""Benchmark: a room of 40 participants (issue targets in brackets).

- First the trainer tries the link on the idle server: one page in Chromium, timed to the first
  usable button, and the same page through a protocol client (tests/support/page_client.py), timed
  to the moment the kernel has sent the whole app. The difference is what a page's own drawing
  takes on this machine.
- Then 40 participants open their page within 10 s, through real Voilà kernels. Most pages are
  protocol clients: every request and kernel message of the real page (including the ~95
  script and style files), no rendering, so 40 of them fit on this 2-core machine beside the
  server; a phone would do that work on its own processor, here it costs the server's cores
  (the CPU line says how much). Some (--browsers) open the page in a real Chromium on this same
  machine, in a process of their own under SCHED_IDLE: they get only the cycles the server, its
  kernels and the protocol clients leave, which is pessimistic for them.
  Time to interactive [p95 <= 3 s] is reported as: the kernel's whole app sent; that plus the
  lone page's drawing (an estimate of a phone's time); the real browsers' time; and all 40
  together (the browsers' measured times with the others' estimates).
- with --wifi MBIT, every participant (browser or protocol client) reaches the server through
  one shared link of that speed (bench/wifi.py), as 40 phones share a room's access point; the
  bytes a join costs are counted (the lone visits stay on the laptop);
- with --typing S, every participant first opens the join link and presses Start after S/2 to
  3S/2 seconds (the join page lets the browser fetch the workshop page's files meanwhile); times
  then run from Start (default: they open their own link directly, nothing fetched ahead);
- the same room on stock Voilà (no pool) serving a pandas + ipywidgets notebook with a button,
  after the workshop has stopped (--no-stock skips it);
- an answer saved while 40 participants write at once (real store, one connection each),
  p95 [<= 50 ms];
- the room view's state while 40 participants have answered [refresh <= 1 s];
- total memory of the server and its kernels with 40 participants [<= 3 GiB].

Run: .venv/bin/python bench/room.py [--participants 40] [--room-size 40] [--browsers 4] [--wifi 50]
     [--typing 5] [--no-stock]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import multiprocessing
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

from bench.participant import settle  # noqa: E402
from bench.wifi import WifiLink  # noqa: E402
from safekit.sessions import Store  # noqa: E402
from tests.support import mini_project  # noqa: E402
from tests.support.page_client import PageClient, record_assets  # noqa: E402
from tests.support.workshop import cpu_seconds, kernel_pids, rss_mib, start_workshop  # noqa: E402

BIN = Path(sys.executable).parent
CASE = "girl-with-uncle-airport"


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


async def browser_arrivals(
    port: int,
    arrivals: list[tuple[float, str, float]],
    tti,
    hold,
    idle: bool = False,
    start_at: float = 0.0,
    join_page: str = "",
) -> None:
    """Participants who open their page in a real Chromium, each at its own moment: seconds from
    navigation to the app's first button being visible (the page is usable). ``arrivals``: (seconds
    after the start, participant token, seconds on the join page). With a ``join_page``, a
    participant who spends time on it opens that page, waits, and presses *Start* (the time runs
    from the press; the token is not used). The pages stay
    open (their kernels count in the memory figure) until ``hold`` is set.

    It runs in a process of its own (:func:`browser_process`): a thread would share the Python
    lock with the protocol clients, and wait for them, or they for it. ``tti`` is a queue.

    With ``idle``, Chromium runs under Linux's SCHED_IDLE policy (it inherits this thread's; it
    changes its threads' nice values itself, so a nice value would not hold): like phones, the
    browsers then do not take the server's cores away from it, and they get every cycle the server
    leaves (pessimistic for them: a phone never waits for the server's processor)."""
    from playwright.async_api import async_playwright

    from tests.support import CHROMIUM, CHROMIUM_ARGS

    if idle:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))  # this thread, and what it starts
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        async def arrive(delay: float, token: str, typing: float) -> None:
            await asyncio.sleep(max(0.0, start_at - time.time()) + delay)  # the room's clock
            context = await browser.new_context(viewport={"width": 390, "height": 844})
            page = await context.new_page()
            if join_page and typing:
                await page.goto(f"http://127.0.0.1:{port}{join_page}")
                await asyncio.sleep(typing)
                t0 = time.perf_counter()
                await page.locator("button[type=submit]").click()
            else:
                t0 = time.perf_counter()
                await page.goto(f"http://127.0.0.1:{port}/?p={token}")
            await page.wait_for_selector(".sk-app .sk-button", state="visible", timeout=120_000)
            tti.put(time.perf_counter() - t0)

        try:
            await asyncio.gather(*(arrive(*arrival) for arrival in arrivals))
            await asyncio.get_running_loop().run_in_executor(None, hold.wait)
        finally:
            await browser.close()


def browser_process(
    port: int,
    arrivals: list[tuple[float, str, float]],
    tti,
    hold,
    idle: bool,
    start_at: float,
    join_page: str,
) -> None:
    asyncio.run(browser_arrivals(port, arrivals, tti, hold, idle, start_at, join_page))


def lone_visit(url: str, ready: str = ".sk-app .sk-button") -> tuple[float, list[str]]:
    """One page opened in Chromium on the idle server (the trainer trying the link): its time to
    interactive (``ready`` visible), and the URLs it requested (the files every phone downloads)."""
    from playwright.sync_api import sync_playwright

    from tests.support import CHROMIUM, CHROMIUM_ARGS

    urls: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.on("request", lambda r: urls.append(r.url))
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(ready, state="visible", timeout=120_000)
        tti = time.perf_counter() - t0
        browser.close()
    return tti, urls


async def protocol_arrivals(
    base: str,
    arrivals: list[tuple[float, str]],
    assets: list[str],
    times: list[dict],
    hold: threading.Event | None = None,
    join_page: str = "",
    typing: dict[str, float] | None = None,
) -> None:
    """Participants whose page is a :class:`PageClient`: every request and kernel message of the
    real page, no rendering. ``arrivals``: (seconds after the start, page URL on ``base``). With a
    ``join_page``, each first opens it and stays ``typing[url]`` seconds (fetching ahead what it
    lists) before opening their page. The pages stay open until ``hold`` is set (without one,
    they leave once all have joined)."""
    clients = []

    async def arrive(delay: float, url: str) -> None:
        await asyncio.sleep(delay)
        client = PageClient(base, url, assets)
        clients.append(client)
        try:
            if join_page and typing and typing.get(url):
                await client.read_join_page(join_page)
                await asyncio.sleep(typing[url])
            await client.join(timeout=300)
        except Exception as e:  # a page that never becomes usable is a result, not a crash
            client.times["error"] = f"{type(e).__name__}: {e}"
        times.append(client.times)

    try:
        await asyncio.gather(*(arrive(d, tok) for d, tok in arrivals))
        if hold is not None:
            await asyncio.get_running_loop().run_in_executor(None, hold.wait)
    finally:
        for client in clients:
            client.leave()


def stock_room(tmp: Path, delays: list[float], wifi: float = 0, latency: float = 5) -> dict:
    """Stock Voilà (no pool) serving a pandas + ipywidgets notebook with one button, opened by
    the same protocol clients at the same moments as the room (through the same Wi-Fi)."""
    from bench.participant import stock_server

    url = "/voila/render/heavy.ipynb"
    with stock_server(tmp) as (proc, base), contextlib.ExitStack() as stack:
        lone_tti, urls = lone_visit(base + url, ".widget-button")
        assets = record_assets(urls, base)
        probe: list[dict] = []
        asyncio.run(protocol_arrivals(base, [(0, url)], assets, probe))
        link = None
        if wifi:
            link = stack.enter_context(WifiLink(int(base.rsplit(":", 1)[1]), wifi, latency))
        room_base = f"http://127.0.0.1:{link.port}" if link else base
        times: list[dict] = []
        hold = threading.Event()
        t0 = time.perf_counter()
        clients = threading.Thread(
            target=lambda: asyncio.run(
                protocol_arrivals(room_base, [(d, url) for d in delays], assets, times, hold)
            )
        )
        clients.start()
        while len(times) < len(delays) and clients.is_alive():
            time.sleep(0.1)
        all_done = time.perf_counter() - t0
        carried = link.bytes() if link else 0
        time.sleep(1)
        kernels = kernel_pids(proc.pid)
        memory = rss_mib(proc.pid) + sum(rss_mib(k) for k in kernels)
        hold.set()
        clients.join()
        return {
            "lone_tti": lone_tti,
            "lone_app": probe[0].get("app", math.nan),
            "times": times,
            "all_done": all_done,
            "memory": memory,
            "kernels": len(kernels),
            "carried": carried,
        }


def failed(times: list[dict]) -> None:
    errors = [d["error"] for d in times if "error" in d]
    if errors:
        print(f"  NEVER USABLE: {len(errors)} of {len(times)} pages (counted as inf), e.g. {errors[0]}")


def line(label: str, values: list[float], extra: str = "") -> str:
    return (
        f"{label:<52} median {statistics.median(values):5.2f}  p95 {p95(values):5.2f}"
        f"  max {max(values):5.2f}{extra}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=40)
    ap.add_argument("--pool", type=int, default=8, help="with --room-size 0: the workshop's default pool")
    ap.add_argument(
        "--room-size", type=int, default=None, help="the workshop's --room-size (default: --participants)"
    )
    ap.add_argument("--window", type=float, default=10.0)
    ap.add_argument(
        "--browsers", type=int, default=4, help="how many of the participants open their page in Chromium"
    )
    ap.add_argument(
        "--browsers-compete",
        dest="browsers_idle",
        action="store_false",
        help="run the browsers at the server's CPU priority (default: only on cycles the server leaves)",
    )
    ap.add_argument(
        "--no-stock", dest="stock", action="store_false", help="skip the same room on stock Voilà"
    )
    ap.add_argument(
        "--wifi", type=float, default=0, help="the room's Wi-Fi, Mbit/s shared by all (default: none)"
    )
    ap.add_argument("--latency", type=float, default=5, help="with --wifi: ms each way")
    ap.add_argument(
        "--typing",
        type=float,
        default=0,
        help="seconds each participant spends on the join page before pressing Start (each between"
        " half and one and a half times this; default 0: they open their own link directly)",
    )
    args = ap.parse_args()
    if args.room_size is None:
        args.room_size = args.participants
    n = args.participants
    tmp = Path(tempfile.mkdtemp(prefix="safekit-room-"))
    project = mini_project(ROOT, tmp / "course", [CASE, "ana-permit-ends"])
    extra = ["--new", *(["--room-size", str(args.room_size)] if args.room_size else [])]
    ws = start_workshop(project, tmp / "data", tmp / "server.log", args.pool, *extra)
    proc, port = ws.process, ws.port
    try:
        deadline = time.monotonic() + 300
        while len(kernel_pids(proc.pid)) < (args.room_size or args.pool) and time.monotonic() < deadline:
            time.sleep(0.2)
        settle(kernel_pids(proc.pid), timeout=300)  # every pool kernel has finished starting
        session_dir = next((tmp / "data").iterdir())
        with Store.for_session_dir(session_dir) as store:
            people = [store.add_participant(session_dir.name, f"R{i}") for i in range(n + 2)]
            join_page = f"/join?s={store.session().secret}"

        # 0. the trainer tries the link on the idle server: a lone page's time to interactive, and
        #    the files a page downloads; then the same page, opened by a protocol client
        base = f"http://127.0.0.1:{port}"
        lone_tti, urls = lone_visit(f"{base}/?p={people[0].token}")
        assets = record_assets(urls, base)
        probe: list[dict] = []
        asyncio.run(protocol_arrivals(base, [(0, f"/?p={people[1].token}")], assets, probe))
        lone_app = probe[0].get("app", math.nan)
        pool = args.room_size or args.pool
        deadline = time.monotonic() + 120  # the pool refills after the trainer's tries, as it would
        while len(kernel_pids(proc.pid)) < pool + 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        settle(kernel_pids(proc.pid), timeout=120)

        # 1. everyone else opens their page within the window, all at once: most through a
        #    protocol client, some (--browsers) in a real Chromium on this same machine; with
        #    --wifi, all of them through the room's shared link
        link = WifiLink(port, args.wifi, args.latency).__enter__() if args.wifi else None
        room_port = link.port if link else port
        room = list(range(2, n + 2))
        rng = random.Random(1)
        delays = {i: rng.uniform(0, args.window) for i in room}
        typing = {i: rng.uniform(0.5, 1.5) * args.typing for i in room}
        in_browser = set(room[:: max(1, len(room) // max(1, args.browsers))][: args.browsers])
        tti: list[float] = []
        delivered: list[dict] = []
        hold = threading.Event()
        spawn = multiprocessing.get_context("spawn")
        browser_tti, browser_hold = spawn.Queue(), spawn.Event()
        browsers = spawn.Process(
            target=browser_process,
            args=(
                room_port,
                [(delays[i], people[i].token, typing[i]) for i in in_browser],
                browser_tti,
                browser_hold,
                args.browsers_idle,
                start_at := time.time() + 8,  # time for that process to start its Chromium
                join_page,
            ),
        )
        clients = threading.Thread(
            target=lambda: asyncio.run(
                protocol_arrivals(
                    f"http://127.0.0.1:{room_port}",
                    [(delays[i], f"/?p={people[i].token}") for i in room if i not in in_browser],
                    assets,
                    delivered,
                    hold,
                    join_page,
                    {f"/?p={people[i].token}": typing[i] for i in room},
                )
            )
        )
        browsers.start()
        time.sleep(max(0.0, start_at - time.time()))
        cpu_before = cpu_seconds(proc.pid), {k: cpu_seconds(k) for k in kernel_pids(proc.pid)}
        clients_cpu = cpu_seconds(os.getpid())
        t_all = time.perf_counter()
        clients.start()
        expected = len(room)
        deadline = time.monotonic() + 300
        while len(tti) + len(delivered) < expected and time.monotonic() < deadline:
            while not browser_tti.empty():
                tti.append(browser_tti.get())
            if not (browsers.is_alive() and clients.is_alive()):
                break
            time.sleep(0.1)
        all_done = time.perf_counter() - t_all
        carried = link.bytes() if link else 0
        if len(tti) + len(delivered) < expected:
            hold.set()
            browser_hold.set()
            raise SystemExit(f"only {len(tti) + len(delivered)} of {expected} pages became usable")
        server_cpu = cpu_seconds(proc.pid) - cpu_before[0]
        clients_cpu = cpu_seconds(os.getpid()) - clients_cpu
        kernel_cpu = sum(cpu_seconds(k) - cpu_before[1].get(k, 0.0) for k in kernel_pids(proc.pid))
        time.sleep(3)
        kernels = kernel_pids(proc.pid)
        memory = rss_mib(proc.pid) + sum(rss_mib(k) for k in kernels)
        hold.set()
        browser_hold.set()
        browsers.join()
        clients.join()
        if link:
            link.__exit__(None, None, None)

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

        threads = [threading.Thread(target=writer, args=(people[i],)) for i in room]
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
        app = [d.get("app", math.inf) for d in delivered]  # a page that never became usable: inf
        print(
            f"one page on the idle server: usable in Chromium after {lone_tti:.2f} s; the kernel had sent"
            f" the whole app after {lone_app:.2f} s (so a page's own drawing took {lone_tti - lone_app:.2f} s)"
        )
        print(f"{n} joins within {args.window:.0f} s, all usable after {all_done:.1f} s:")
        if args.typing:
            print(
                f"  each opened the join link, stayed {0.5 * args.typing:g}-{1.5 * args.typing:g} s on it and"
                " pressed Start; times below run from Start"
            )
        if link:
            print(
                f"  through the room's Wi-Fi ({args.wifi:g} Mbit/s shared, {args.latency:g} ms each way):"
                f" {carried / 1e6:.1f} MB to the phones, {carried / 1e6 / len(room):.2f} MB a join"
            )
        failed(delivered)
        print(
            line(
                f"  page delivered (HTTP), s ({len(delivered)})", [d.get("page", math.inf) for d in delivered]
            )
        )
        print(
            f"  CPU used while they joined: Voilà server {server_cpu:.1f} s, kernels {kernel_cpu:.1f} s,"
            f" the protocol clients (standing in for {len(delivered)} phones) {clients_cpu:.1f} s"
            f" (of {2 * all_done:.0f} s on 2 cores)"
        )
        print(line(f"  whole app sent by the kernel, s ({len(app)})", app))
        print(
            line(
                f"  same + the lone page's drawing, s ({len(app)})",
                [a + lone_tti - lone_app for a in app],
                "  (target p95 <= 3)",
            )
        )
        if tti:
            print(
                line(
                    f"  all {n} (browsers measured, the others estimated), s",
                    tti + [a + lone_tti - lone_app for a in app],
                    "  (target p95 <= 3)",
                )
            )
            print(
                line(
                    f"  usable in Chromium on this machine, s ({len(tti)})",
                    tti,
                    "  (target p95 <= 3; the browsers "
                    + ("use what the server leaves" if args.browsers_idle else "compete with the server")
                    + " of the 2 cores)",
                )
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
        ws.stop()

        if args.stock:  # 4. stock Voilà, the same arrivals, after the workshop has stopped
            stock = stock_room(tmp, [delays[i] for i in room], args.wifi, args.latency)
            app = [d.get("app", math.inf) for d in stock["times"]]
            draw = stock["lone_tti"] - stock["lone_app"]
            print(
                f"stock Voilà (no pool), a pandas + ipywidgets notebook: one page usable in Chromium after"
                f" {stock['lone_tti']:.2f} s (its drawing {draw:.2f} s)"
            )
            print(f"{n} joins within {args.window:.0f} s, all usable after {stock['all_done']:.1f} s:")
            if args.wifi:
                print(
                    f"  through the same Wi-Fi: {stock['carried'] / 1e6:.1f} MB to the phones,"
                    f" {stock['carried'] / 1e6 / len(room):.2f} MB a join"
                )
            failed(stock["times"])
            print(
                line(
                    f"  page delivered (HTTP), s ({len(app)})",
                    [d.get("page", math.inf) for d in stock["times"]],
                )
            )
            print(line(f"  whole app sent by the kernel, s ({len(app)})", app))
            print(line(f"  same + the lone page's drawing, s ({len(app)})", [a + draw for a in app]))
            print(f"memory, server + {stock['kernels']} kernels, MiB   {stock['memory']:8.0f}")
    finally:
        if ws.process.poll() is None:
            ws.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
