"""Every notebook in notebooks/ runs top to bottom in a fresh kernel."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.support import run_notebook

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {
        "participant.ipynb",
        "early-identification.ipynb",
        "safe-future.ipynb",
    }


@pytest.mark.slow  # a kernel for each
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch):
    monkeypatch.setenv("SAFEKIT_PROJECT", str(ROOT))
    outputs = run_notebook(path, ROOT)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
