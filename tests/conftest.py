"""Shared fixtures: the project root and a hermetic environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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


def pytest_report_header(config):
    return f"safekit project: {ROOT}; chromium: {os.path.exists('/usr/bin/chromium')}"
