"""``safekit build``: the syllabus's assessments become nbgrader source notebooks in
``solutions/`` and, through ``nbgrader generate_assignment``, release notebooks in ``exercises/``.

Both folders are generated and committed; building twice changes nothing. The gradebook that
``generate_assignment`` needs is a throwaway one, so the project never holds grading data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from safekit.authoring.cases.validate import check_paths
from safekit.authoring.syllabus import check_course, load_syllabus
from safekit.core.errors import CourseError
from safekit.grading.notebook import DATA_FILE, participant_view, source_notebook

SOURCE = "solutions"
RELEASE = "exercises"
CONFIG_FILE = "nbgrader_config.py"
KEEP = {"README.md"}

CONFIG = """\
# nbgrader for this course: safekit writes the source notebooks to solutions/ and releases them
# to exercises/ (`safekit build`); participants' answers live in answers.json beside the
# notebook, which grading must never overwrite with a file from solutions/.
c = get_config()  # noqa: F821
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.Autograde.exclude_overwriting = {{{exclude}}}
c.Execute.timeout = 60
"""


class BuildError(RuntimeError):
    pass


def config_text(assessment_ids: list[str]) -> str:
    exclude = ", ".join(f'"{a}": ["answers.json"]' for a in assessment_ids)
    return CONFIG.format(exclude=exclude)


def nbgrader_env() -> dict[str, str]:
    """nbgrader runs ``alembic`` as a subprocess: the interpreter's bin folder must be on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def nbgrader(*args: str, cwd: Path, db: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={cwd}"]
    if db is not None:
        cmd.append(f"--CourseDirectory.db_url=sqlite:///{db}")
    return subprocess.run(cmd, cwd=cwd, env=nbgrader_env(), capture_output=True, text=True)


def assessment_cases(project: Path) -> tuple[list[dict], dict[str, dict]]:
    """The syllabus's assessments and the full cases they use (validated)."""

    syllabus = load_syllabus(project)
    cases, problems = check_paths([project / "cases"], tuple(syllabus.languages))
    problems += check_course(project, {c.id: c.module for c in cases})
    if problems:
        raise CourseError("\n".join(str(p) for p in problems))
    by_id = {c.id: {**c.model_dump(mode="json"), "delphi_set": c.delphi_set} for c in cases}
    return [a.model_dump(mode="json") for a in syllabus.assessments], by_id


def write_source(project: Path, assessment: dict, cases: dict[str, dict], folder: Path | None = None) -> Path:
    """solutions/<id>/<id>.ipynb and the participant's view of the cases beside it."""
    folder = folder or project / SOURCE / assessment["id"]
    folder.mkdir(parents=True, exist_ok=True)
    used = [cases[c] for c in assessment["cases"]]
    nb = source_notebook(assessment, used)
    path = folder / f"{assessment['id']}.ipynb"
    nbformat.write(nb, str(path))
    data = {
        "id": assessment["id"],
        "title": assessment["title"],
        "cases": [participant_view(c) for c in used],
    }
    (folder / DATA_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return path


def build(project: Path, out: Path | None = None) -> list[Path]:
    """Regenerate ``solutions/`` and ``exercises/`` (under ``out`` instead of the project when
    given, e.g. to compare with what is committed). Returns the release notebooks."""
    assessments, cases = assessment_cases(project)
    root = out or project
    ids = [a["id"] for a in assessments]
    for name in (SOURCE, RELEASE):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for child in folder.iterdir():  # assessments no longer in the syllabus go
            if child.name not in KEEP and child.name not in ids:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    (root / CONFIG_FILE).write_text(config_text(ids), encoding="utf-8")
    released = []
    with tempfile.TemporaryDirectory() as tmp:
        for assessment in assessments:
            write_source(project, assessment, cases, root / SOURCE / assessment["id"])
            done = nbgrader(
                "generate_assignment", assessment["id"], "--force", cwd=root, db=Path(tmp) / "gb.db"
            )
            if done.returncode != 0:
                raise BuildError(done.stdout + done.stderr)
            release = root / RELEASE / assessment["id"] / f"{assessment['id']}.ipynb"
            _normalise(release)
            released.append(release)
    return released


def _normalise(path: Path) -> None:
    """Stable output: the same notebook text every time it is built."""
    nb = nbformat.read(str(path), as_version=4)
    nbformat.write(nb, str(path))
