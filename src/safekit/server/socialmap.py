"""Serve the social map explorer with Voilà and the safekit page template, on this computer.

The explorer needs no session and no participant: it shows only the directory. It uses the
same template as the workshop (large type, nothing fetched from outside), found through
``JUPYTER_PATH`` like the workshop does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from safekit.core.i18n import _
from safekit.server.layout import DENIED_EXTENSIONS, template_share

NOTEBOOK = Path("notebooks") / "socialmap.ipynb"


def voila_command(notebook: Path, port: int, ip: str = "127.0.0.1") -> tuple[list[str], dict[str, str]]:
    """The command line and environment that serve ``notebook`` (the explorer)."""

    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join([str(template_share()), *filter(None, [env.get("JUPYTER_PATH")])])
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    voila = Path(sys.executable).parent / "voila"
    argv = [
        str(voila),
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--no-browser",
        "--template=safekit",
        "--theme=light",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.file_allowlist=^$",  # serve no files beside the notebook
        *(f"--VoilaConfiguration.extension_denylist={x}" for x in DENIED_EXTENSIONS),
    ]
    return argv, env


def course_notebook(project: Path, notebook: Path, folder: Path, code: str) -> Path:
    """The course's own ``notebook`` (a path inside the project) if it has one; otherwise a thin
    notebook that runs ``code``, written into ``folder``."""
    own = project / notebook
    if own.is_file():
        return own
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    thin = folder / notebook.name
    thin.write_text(nbformat.writes(nb), encoding="utf-8")
    return thin


def serve(project: Path, port: int = 8867, ip: str = "127.0.0.1") -> int:
    """Run the explorer until Ctrl+C."""

    with tempfile.TemporaryDirectory() as tmp:
        notebook = course_notebook(
            project, NOTEBOOK, Path(tmp), "from safekit.apps.socialmap import build\n\nbuild()"
        )
        argv, env = voila_command(notebook, port, ip)
        env["SAFEKIT_PROJECT"] = str(project)
        url = f"http://{ip}:{port}/"
        print(_("Social map: {url}", url=url), flush=True)
        try:
            return subprocess.call(argv, env=env, cwd=project)
        except KeyboardInterrupt:
            return 0
