"""What the kit's tests and benchmarks share: Debian's Chromium, small copies of the course,
notebooks run in a fresh kernel, joining from a phone and waiting for an answer to reach a
session's store. Beside it: a real workshop server (``workshop``), a participant's page without a
browser (``page_client``), answers by behaviour for grading (``matrix``), and the fixtures of the
server and end-to-end tests (``fixtures``).

The headless harness a course author may use too stays in :mod:`safekit.testing`."""

from __future__ import annotations

import asyncio
import shutil
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import nbformat
import tornado.httpserver
import tornado.web
from nbclient import NotebookClient
from ruamel.yaml import YAML

from safekit.sessions import Store

CHROMIUM = "/usr/bin/chromium"  # Debian's Chromium, never a downloaded browser
# Headless in a closed network: no background connections, no sandbox (root in CI).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def mini_project(source: Path, target: Path, case_ids: list[str]) -> Path:
    """A copy of ``source`` with only some cases (and a syllabus listing just those)."""
    target = Path(target)
    (target / "cases").mkdir(parents=True, exist_ok=True)
    for case_id in case_ids:
        shutil.copy(Path(source) / "cases" / f"{case_id}.yaml", target / "cases")
    if (Path(source) / "notebooks").is_dir():
        shutil.copytree(Path(source) / "notebooks", target / "notebooks", dirs_exist_ok=True)
    yaml = YAML(typ="rt")
    data = yaml.load((Path(source) / "syllabus.yaml").read_text(encoding="utf-8"))
    for module in data["modules"]:
        module["cases"] = [c for c in module["cases"] if c in case_ids]
    data["modules"] = [m for m in data["modules"] if m["cases"]]
    data["assessments"] = [a for a in data.get("assessments", []) if set(a["cases"]) <= set(case_ids)]
    for assessment in data["assessments"]:  # its built notebooks come along
        for folder in ("solutions", "exercises"):
            if (Path(source) / folder / assessment["id"]).is_dir():
                shutil.copytree(Path(source) / folder / assessment["id"], target / folder / assessment["id"])
    with (target / "syllabus.yaml").open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return target


def run_notebook(path: Path, cwd: Path) -> list[dict]:
    """Execute a notebook top to bottom in a fresh kernel (working folder ``cwd``); its outputs."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return [o for c in nb.cells for o in c.get("outputs", [])]


def wait_for_answer(
    workshop, token: str, case_id: str, exercise: str, until=bool, timeout: float = 10
) -> dict:
    """What participant ``token`` has saved for ``exercise`` of ``case_id`` in the workshop's session
    store, as soon as ``until(answer)`` holds; after ``timeout`` seconds, whatever is there
    (``{}`` for nothing). Pages save as they go, so a test waits for the store to catch up."""
    deadline = time.monotonic() + timeout
    while True:
        with Store.for_session_dir(next(workshop.data_dir.iterdir())) as store:
            answer = store.answers(token).get((case_id, exercise)) or {}
        if until(answer) or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)


def join_on_a_phone(browser, link: str):
    """A participant joins from a phone-sized page; returns the page and their token."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(link)
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app", timeout=60_000)
    return page, page.url.split("p=")[1]


def run_apart(coroutine):
    """Run ``coroutine`` to its end on an event loop of its own, in a thread of its own: the
    browser tests keep an event loop running in the main thread."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


@contextmanager
def serving(handlers, **settings):
    """A real Tornado server on a free port, in a thread, with these handlers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.setblocking(False)
    ready, stop = threading.Event(), {}

    def run() -> None:
        async def main() -> None:
            server = tornado.httpserver.HTTPServer(tornado.web.Application(handlers, **settings))
            server.add_sockets([sock])
            stop["event"], stop["loop"] = asyncio.Event(), asyncio.get_running_loop()
            ready.set()
            await stop["event"].wait()
            server.stop()

        asyncio.run(main())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        stop["loop"].call_soon_threadsafe(stop["event"].set)
        thread.join(10)
