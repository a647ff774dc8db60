from __future__ import annotations

import shutil

import pytest

from safekit.testing import bundle_for, mini_project


@pytest.fixture(scope="session")
def bundle(tmp_path_factory):
    from tests.conftest import ROOT

    project = mini_project(
        ROOT, tmp_path_factory.mktemp("project"), ["girl-with-uncle-airport", "kim-permit-ends"]
    )
    yield bundle_for(project, tmp_path_factory.mktemp("bundle"))
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture
def girl(bundle):
    return bundle.cases["girl-with-uncle-airport"]


@pytest.fixture
def kim(bundle):
    return bundle.cases["kim-permit-ends"]
