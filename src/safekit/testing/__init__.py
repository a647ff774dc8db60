"""Helpers for checking exercises and apps without a browser: the same ones the test suite
and the grading code use."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from safekit.authoring.compile import build_bundle
from safekit.core.bundle import Bundle, load_bundle

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


@cache
def _bundle_json(project: str) -> str:
    return json.dumps(build_bundle(Path(project)), ensure_ascii=False)


def bundle_for(project: Path, tmp_dir: Path) -> Bundle:
    """The compiled course bundle of ``project``, loaded the way a participant kernel does."""
    path = Path(tmp_dir) / "bundle.json"
    path.write_text(_bundle_json(str(Path(project).resolve())), encoding="utf-8")
    from safekit.apps.participant import use_bundle

    return use_bundle(load_bundle(path))


def find_button(widget, description: str):
    """The first button (depth first) whose label starts with ``description``."""
    import ipywidgets as w

    stack = [widget]
    while stack:
        node = stack.pop(0)
        if isinstance(node, w.Button) and node.description.startswith(description):
            return node
        stack.extend(getattr(node, "children", ()))
    raise LookupError(description)


def texts(widget) -> str:
    """All visible text of a widget tree (HTML values and labels), for assertions."""
    import re

    import ipywidgets as w

    out, stack = [], [widget]
    while stack:
        node = stack.pop(0)
        if isinstance(node, w.HTML):
            out.append(re.sub(r"<[^>]+>", " ", node.value))
        elif isinstance(node, (w.Button, w.ToggleButton)):
            out.append(node.description)
        elif isinstance(node, w.ToggleButtons):
            out.extend(str(label) for label in node._options_labels)
        stack.extend(getattr(node, "children", ()))
    return " ".join(" ".join(out).split())


def mini_project(source: Path, target: Path, case_ids: list[str]) -> Path:
    """A copy of ``source`` with only some cases (and a syllabus listing just those)."""
    import shutil

    from ruamel.yaml import YAML

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
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return [o for c in nb.cells for o in c.get("outputs", [])]
