"""Where a workshop keeps its files, and what the participant page leaves out: shared by the
server, its command and the social map explorer."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

ENV_REQUEST_DIR = "SAFEKIT_REQUEST_DIR"
# lab extensions that participants do not need: they fail to load in Voilà, or (pygments)
# colour code, which the participant page never shows
DENIED_EXTENSIONS = (
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
    "jupyterlab_pygments",
)


def template_share() -> Path:
    """The folder added to ``JUPYTER_PATH``: the participant page's Voilà template."""
    return Path(str(resources.files("safekit").joinpath("server", "share")))


def runtime_dir(session_dir: Path) -> Path:
    """What the server and the kernels of a session share: the course bundle, the request files."""
    return Path(session_dir) / "runtime"


def requests_dir(session_dir: Path) -> Path:
    """Where a preheated kernel finds the query string of the request it was given."""
    return runtime_dir(session_dir) / "requests"
