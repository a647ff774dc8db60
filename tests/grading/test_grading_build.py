"""``safekit build``: generated, stable, and the key stays on the trainer's side."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from safekit.authoring.compile import build_bundle
from safekit.grading.build import assessment_cases, build
from safekit.grading.notebook import participant_view

ASSESSMENT = "early-identification-check"


def _cells(path: Path) -> list[tuple]:
    nb = nbformat.read(str(path), as_version=4)
    return [(c.cell_type, c.source, json.dumps(c.metadata, sort_keys=True)) for c in nb.cells]


@pytest.fixture(scope="module")
def built(tmp_path_factory, request):
    root = Path(request.config.rootpath)
    out = tmp_path_factory.mktemp("built")
    build(root, out=out)
    return root, out


@pytest.mark.slow
def test_committed_notebooks_are_what_build_makes(built):
    root, out = built
    for folder in ("solutions", "exercises"):
        made = sorted(p.relative_to(out / folder) for p in (out / folder).rglob("*") if p.is_file())
        have = sorted(
            p.relative_to(root / folder)
            for p in (root / folder).rglob("*")
            if p.is_file() and p.name != "README.md"
        )
        assert made == have, f"{folder}/ differs from what `safekit build` makes: run it and commit"
        for rel in made:
            if rel.suffix == ".ipynb":
                assert _cells(out / folder / rel) == _cells(root / folder / rel), rel
            else:
                assert (out / folder / rel).read_bytes() == (root / folder / rel).read_bytes(), rel
    assert (out / "nbgrader_config.py").read_text() == (root / "nbgrader_config.py").read_text()


@pytest.mark.slow
def test_building_twice_changes_nothing(built, tmp_path):
    root, out = built
    build(root, out=tmp_path)
    for path in out.rglob("*"):
        if path.is_file():
            assert (tmp_path / path.relative_to(out)).read_bytes() == path.read_bytes(), path


def test_source_has_hidden_tests_and_release_does_not(root):
    source = (root / "solutions" / ASSESSMENT / f"{ASSESSMENT}.ipynb").read_text()
    release = (root / "exercises" / ASSESSMENT / f"{ASSESSMENT}.ipynb").read_text()
    assert source.count("BEGIN HIDDEN TESTS") == 3
    assert "HIDDEN TESTS" not in release and "grade(" not in release


def test_the_key_is_nowhere_on_the_participants_side(root):
    _assessments, cases = assessment_cases(root)
    case = cases["injured-builder-emergency-room"]
    release = "".join(
        p.read_text(encoding="utf-8") for p in (root / "exercises" / ASSESSMENT).iterdir() if p.is_file()
    )
    bundle = build_bundle(root)
    served_bundle = json.dumps(bundle, ensure_ascii=False)
    for served in (release, served_bundle):
        for e in case["evidence"]:
            assert e["explanation"]["en"][:60] not in served
        for option in case["questions"]["decide"][0]["options"]:
            assert option["feedback"]["en"][:60] not in served
        assert case["palermo"]["means"]["note"]["en"][:60] not in served
    # the kernels' bundle carries the case only as released: story and choices, no signals
    assert "injured-builder-emergency-room" not in bundle["cases"]
    view = bundle["assessments"][0]["cases"][0]
    assert view == json.loads(json.dumps(participant_view(case)))
    assert (
        view["evidence"] == [] and "verdict" not in json.dumps(view) and "indicator" not in json.dumps(view)
    )


def test_grade_cells_award_what_the_key_allows(root):
    nb = nbformat.read(str(root / "solutions" / ASSESSMENT / f"{ASSESSMENT}.ipynb"), as_version=4)
    points = {
        c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
        for c in nb.cells
        if c.metadata.nbgrader["grade"]
    }
    # 18 signals, three of them strong (2 points); 3 forms/elements + form + rule; best first step 3
    assert points == {
        "injured-builder-emergency-room-spot": 21,
        "injured-builder-emergency-room-assess": 5,
        "injured-builder-emergency-room-decide": 3,
    }
    assert all(c.metadata.nbgrader["locked"] for c in nb.cells)
    assert not re.search(r"solution\": true", nbformat.writes(nb))
