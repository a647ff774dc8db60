"""A real workshop server (Voilà, preheated kernels) on a free port, and Debian's Chromium."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from safekit.testing import CHROMIUM, CHROMIUM_ARGS, mini_project

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kernel_pids(server_pid: int) -> list[int]:
    """ipykernel processes started by the server."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == server_pid and "ipykernel" in cmd:
            out.append(int(entry.name))
    return out


@dataclass
class Workshop:
    process: subprocess.Popen
    port: int
    link: str
    data_dir: Path
    project: Path
    log: Path
    pool_size: int
    log_handle: object = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def kernels(self) -> list[int]:
        return kernel_pids(self.process.pid)

    def wait_for_kernels(self, n: int, timeout: float = 30) -> list[int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.kernels()) == n:
                time.sleep(0.5)
                if len(self.kernels()) == n:
                    return self.kernels()
            time.sleep(0.2)
        return self.kernels()

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        finally:
            if self.log_handle:
                self.log_handle.close()


def start_workshop(project: Path, data_dir: Path, log: Path, pool_size: int = 2, *extra: str) -> Workshop:
    port = free_port()
    env = {**os.environ, "SAFEKIT_PROJECT": str(project), "SAFEKIT_LANG": "en", "PYTHONUNBUFFERED": "1"}
    exe = Path(sys.executable).parent / "safekit"
    fh = log.open("w")
    proc = subprocess.Popen(
        [
            str(exe),
            "workshop",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            "--pool-size",
            str(pool_size),
            *extra,
        ],
        cwd=project,
        env=env,
        stdout=fh,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        text = log.read_text()
        m = re.search(r"Participant link: (\S+)", text)
        if m:
            return Workshop(proc, port, m.group(1), data_dir, project, log, pool_size, fh)
        if proc.poll() is not None:
            fh.close()
            raise RuntimeError(f"workshop exited:\n{text}")
        time.sleep(0.2)
    proc.kill()
    fh.close()
    raise RuntimeError(f"workshop not ready:\n{log.read_text()}")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    from tests.conftest import ROOT

    project = mini_project(
        ROOT, tmp_path_factory.mktemp("course"), ["girl-with-uncle-airport", "kim-permit-ends"]
    )
    yield project
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture(scope="module")
def workshop(course, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("workshop")
    ws = start_workshop(course, tmp / "data", tmp / "server.log")
    yield ws
    if ws.process.poll() is None:
        ws.stop()


# -- the browser: Debian's Chromium, never a downloaded one ----------------------------------
def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("SAFEKIT_REQUIRE_BROWSER") or os.environ.get("CI"):
        return  # in CI a missing browser fails the browser tests loudly, it never skips them
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} not installed (make test installs it)"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def shots(request):
    """Save screenshots as test artifacts: test-artifacts/<test>-<name>.png"""
    ARTIFACTS.mkdir(exist_ok=True)

    def shot(page, name: str, **options) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), **options)
        return path

    return shot


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
