"""Benchmark: the participant app against stock Voilà, side by side in the same run.

Prints (medians over several page loads, Debian Chromium, this machine):
- time to interactive: stock Voilà rendering a one-cell widget notebook; the participant app
  with a cold kernel (no pool) and with a preheated kernel; stock and preheated also with the
  page's scripts slowed 4x (Chromium's CPU throttling), standing for a mid-range phone;
- memory (RSS) of one participant kernel, and of a stock kernel with pandas + ipywidgets;
- time to switch to the next exercise inside the app (click to content visible).

Run: .venv/bin/python bench/participant.py [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from safekit.sessions import Store  # noqa: E402
from tests.support import CHROMIUM, CHROMIUM_ARGS, mini_project  # noqa: E402
from tests.support.workshop import (  # noqa: E402
    cpu_seconds,
    free_port,
    kernel_pids,
    rss_mib,
    start_workshop,
)


def wait_http(url: str, timeout: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{url} not up")


PHONE_SLOWDOWN = 4  # Chromium's CPU throttling, as Lighthouse uses it to stand for a mid-range phone


def new_page(browser, slowdown: float = 1):
    """A page whose scripts run ``slowdown`` times slower than this machine's processor allows."""
    page = browser.new_page()
    if slowdown != 1:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    return page


@contextlib.contextmanager
def stock_server(tmp: Path):
    """Stock Voilà (no pool, no safekit) serving two notebooks with one button: ``one.ipynb``
    (ipywidgets only) and ``heavy.ipynb`` (pandas + ipywidgets). Yields (process, base URL)."""
    import nbformat

    nb_dir = tmp / "stock"
    nb_dir.mkdir()
    for name, imports in (("one", "import ipywidgets as w"), ("heavy", "import pandas, ipywidgets as w")):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(f'{imports}\nw.Button(description="ok")')]
        nbformat.write(nb, nb_dir / f"{name}.ipynb")
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp / "cfg")}
    proc = subprocess.Popen(
        [str(BIN / "voila"), "--no-browser", f"--port={port}", str(nb_dir)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/")
        yield proc, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def stock_voila(tmp: Path, runs: int, browser) -> tuple[list[float], list[float], float]:
    with stock_server(tmp) as (proc, base):
        times, phone = [], []
        for i in range(2 * runs):
            page = new_page(browser, PHONE_SLOWDOWN if i % 2 else 1)
            t0 = time.perf_counter()
            page.goto(f"{base}/voila/render/one.ipynb")
            page.get_by_role("button", name="ok").wait_for(timeout=60_000)
            (phone if i % 2 else times).append(time.perf_counter() - t0)
            page.close()
        page = browser.new_page()
        page.goto(f"{base}/voila/render/heavy.ipynb")
        page.get_by_role("button", name="ok").wait_for(timeout=60_000)
        heavy_rss = max(rss_mib(p) for p in kernel_pids(proc.pid))
        page.close()
        return times, phone, heavy_rss


def settle(pids: list[int], quiet: float = 0.5, timeout: float = 60) -> None:
    """Wait until these processes have used no CPU for ``quiet`` seconds: a kernel the pool has
    just started is still importing, and would otherwise be timed along with the page."""
    deadline = time.monotonic() + timeout
    before = sum(cpu_seconds(p) for p in pids)
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = sum(cpu_seconds(p) for p in pids)
        if now - before < 0.02:
            return
        before = now


def time_to_interactive(browser, port: int, session_dir: Path, runs: int, pool: int, proc, slowdown=1):
    times, rss = [], []
    with Store.for_session_dir(session_dir) as store:
        for i in range(runs):
            if pool:  # let the pool refill, as it would between arrivals in a room
                deadline = time.monotonic() + 60
                while len(kernel_pids(proc.pid)) < pool + i and time.monotonic() < deadline:
                    time.sleep(0.2)
                settle(kernel_pids(proc.pid))
            p = store.add_participant(session_dir.name, f"Bench {pool}-{slowdown}-{i}")
            page = new_page(browser, slowdown)
            before = set(kernel_pids(proc.pid))
            t0 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/?p={p.token}")
            page.get_by_role("button", name=re.compile("Overview")).wait_for(timeout=90_000)
            times.append(time.perf_counter() - t0)
            page.wait_for_timeout(500)
            mine = [k for k in kernel_pids(proc.pid) if k not in before] or sorted(kernel_pids(proc.pid))
            rss.append(max(rss_mib(k) for k in (mine if not pool else kernel_pids(proc.pid)[:1] + mine)))
            page.close()
    return times, rss


def switching(browser, port: int, session_dir: Path, runs: int) -> tuple[list[float], list[float]]:
    """Click to content visible, with a second of reading between clicks: first visits of
    each exercise, then return visits."""
    with Store.for_session_dir(session_dir) as store:
        p = store.add_participant(session_dir.name, "Bench switch")
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{port}/?p={p.token}")
    page.get_by_role("button", name=re.compile("Early identification")).first.click()
    page.get_by_role("button", name=re.compile("The uncle at passport control")).first.click()
    page.get_by_role("button", name=re.compile(r"^1\. Spot")).wait_for()
    first, again = [], []
    tabs = [
        ("2. Assess", "Which form or forms"),
        ("3. Decide", "The passports look valid"),
        ("4. Put the steps in order", "Put your first actions in order"),
        ("5. Reflect", "This note is private"),
        ("1. Spot", "Tap each sentence"),
    ]
    for i in range(runs * len(tabs)):
        name, text = tabs[i % len(tabs)]
        page.wait_for_timeout(1000)
        t0 = time.perf_counter()
        page.get_by_role("button", name=re.compile("^" + re.escape(name))).click()
        page.get_by_text(text).first.wait_for()
        (first if i < len(tabs) else again).append(time.perf_counter() - t0)
    page.close()
    return first, again


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="safekit-bench-"))
    project = mini_project(ROOT, tmp / "course", ["girl-with-uncle-airport", "ana-permit-ends"])
    results = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stock, stock_phone, heavy_rss = stock_voila(tmp, args.runs, browser)
        results["stock one-cell widget notebook, s"] = stock
        results[f"stock, phone-speed CPU ({PHONE_SLOWDOWN}x slower), s"] = stock_phone
        for pool in (0, 4):
            ws = start_workshop(project, tmp / f"data-{pool}", tmp / f"ws-{pool}.log", pool, "--new")
            proc, port, session_dir = ws.process, ws.port, next((tmp / f"data-{pool}").iterdir())
            try:
                times, rss = time_to_interactive(browser, port, session_dir, args.runs, pool, proc)
                label = "preheated" if pool else "cold"
                results[f"participant app, {label} kernel, s"] = times
                results[f"participant kernel RSS ({label}), MiB"] = rss
                if pool:
                    results[f"participant app, preheated, phone-speed CPU ({PHONE_SLOWDOWN}x), s"] = (
                        time_to_interactive(
                            browser, port, session_dir, args.runs, pool, proc, PHONE_SLOWDOWN
                        )[0]
                    )
                    first, again = switching(browser, port, session_dir, args.runs)
                    results["switch exercise, first visit, s"] = first
                    results["switch exercise, return visit, s"] = again
            finally:
                ws.stop()
        results["stock kernel with pandas + ipywidgets RSS, MiB"] = [heavy_rss]
        browser.close()
    stock_median = statistics.median(stock)
    print(f"machine: {os.cpu_count()} cores; runs per figure: {args.runs}")
    for name, values in ((k, v) for k, v in results.items() if v):  # --runs 1 has no return visits
        med = statistics.median(values)
        extra = ""
        if name.startswith("participant app"):
            base = stock_median if "phone" not in name else statistics.median(stock_phone)
            extra = f"  ({med / base:.2f}x stock; target <= 1.5x)"
        if name.startswith("participant kernel RSS"):
            extra = "  (target <= 70 MiB)"
        if name.startswith("switch"):
            extra = f"  (p95 {sorted(values)[int(0.95 * (len(values) - 1))]:.3f}; target <= 0.150)"
        print(f"{name:52s} median {med:8.3f}  min {min(values):8.3f}  max {max(values):8.3f}{extra}")
    (tmp / "results.json").write_text(json.dumps(results, indent=2))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
