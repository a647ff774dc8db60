"""Shared fixtures: the project root and a hermetic environment."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from safekit.testing import bundle_for
from tests.support import mini_project

ROOT = Path(__file__).resolve().parents[1]

# a small course, a real workshop server, Debian's Chromium: for tests/server/ and tests/e2e/
pytest_plugins = ["tests.support.fixtures"]


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory):
    """Workshops started by any test (module fixtures too) keep their cache here, not in ~/.cache."""
    before = os.environ.get("SAFEKIT_CACHE_DIR")
    os.environ["SAFEKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("SAFEKIT_CACHE_DIR", None)
    else:
        os.environ["SAFEKIT_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch, tmp_path_factory):
    """No dependence on the user's Jupyter config, language or working directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(home / ".jupyter"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(home / ".local-jupyter"))
    monkeypatch.setenv("SAFEKIT_LANG", "en")
    monkeypatch.delenv("SAFEKIT_PROJECT", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    yield


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def store(tmp_path):
    """A real SQLite store with one session, "session"."""
    from safekit.sessions import Store

    s = Store.for_session_dir(tmp_path / "session")
    s.create_session("session")
    yield s
    s.close()


def pytest_report_header(config):
    return f"safekit project: {ROOT}; chromium: {os.path.exists('/usr/bin/chromium')}"


# -- a small course (two cases) compiled the way a participant kernel loads it ----------------


@pytest.fixture(scope="session")
def bundle(tmp_path_factory):
    project = mini_project(
        ROOT, tmp_path_factory.mktemp("project"), ["girl-with-uncle-airport", "ana-permit-ends"]
    )
    yield bundle_for(project, tmp_path_factory.mktemp("bundle"))
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture
def girl(bundle):
    return bundle.cases["girl-with-uncle-airport"]


@pytest.fixture
def kim(bundle):
    return bundle.cases["ana-permit-ends"]
