"""The project set-up: conda and pip install the same packages; notebooks are committed clean."""

from __future__ import annotations

import json
import re
import tomllib

from safekit.authoring.yamlio import load_data


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def test_environment_yml_matches_pyproject(root):
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = load_data(root / "environment.yml")
    have = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert wanted == have


def test_ipykernel_is_a_runtime_dependency(root):
    deps = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(_name(d) == "ipykernel" for d in deps)


def test_notebooks_are_committed_clean(root):
    dirty = []
    for folder in ("notebooks", "solutions", "exercises"):
        for path in (root / folder).rglob("*.ipynb"):
            if ".ipynb_checkpoints" in path.parts:
                continue
            nb = json.loads(path.read_text(encoding="utf-8"))
            if any(c.get("outputs") or c.get("execution_count") for c in nb["cells"]):
                dirty.append(str(path.relative_to(root)))
    assert dirty == []
