"""Fixtures for the server and end-to-end tests (a plugin of tests/conftest.py): a small course,
a real workshop server for each test module (see tests.support.workshop), Debian's Chromium,
and screenshots kept as artifacts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support import CHROMIUM, CHROMIUM_ARGS, mini_project
from tests.support.workshop import start_workshop

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    project = mini_project(
        ROOT, tmp_path_factory.mktemp("course"), ["girl-with-uncle-airport", "ana-permit-ends"]
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


# Fixtures that start a workshop server or Chromium: a test using one is left out of make test-fast.
SERVER_OR_BROWSER = {"workshop", "browser", "context", "page"}


# -- the browser: Debian's Chromium, never a downloaded one ----------------------------------
def pytest_collection_modifyitems(config, items):
    for item in items:
        uses = SERVER_OR_BROWSER & set(getattr(item, "fixturenames", ()))
        if uses and not (item.get_closest_marker("slow") or item.get_closest_marker("browser")):
            raise pytest.UsageError(f"{item.nodeid} uses {', '.join(sorted(uses))}: mark it slow or browser")
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
