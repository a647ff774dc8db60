"""Serve the case studio (:mod:`safekit.apps.studio`) with Voilà on this computer only, and open
it in the author's browser. Like the social map explorer it needs no session: one author, one
kernel, the course folder on disk."""

from __future__ import annotations

import signal
import socket
import subprocess
import tempfile
import time
import webbrowser
from pathlib import Path

from safekit.core.i18n import _
from safekit.server.socialmap import course_notebook, voila_command

NOTEBOOK = Path("notebooks") / "studio.ipynb"
HOST = "127.0.0.1"  # the studio writes the course's files: never on the network


def _wait_for(port: int, proc: subprocess.Popen, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        with socket.socket() as s:
            if s.connect_ex((HOST, port)) == 0:
                return True
        time.sleep(0.2)
    return False


def serve(project: Path, case: str | None = None, port: int = 8868, open_browser: bool = True) -> int:
    """Run the studio until Ctrl+C."""
    with tempfile.TemporaryDirectory() as tmp:
        notebook = course_notebook(
            project, NOTEBOOK, Path(tmp), "from safekit.apps.studio import run\n\nrun();"
        )
        argv, env = voila_command(notebook, port, HOST)
        env["SAFEKIT_PROJECT"] = str(project)
        if case:
            env["SAFEKIT_STUDIO_CASE"] = case
        url = f"http://{HOST}:{port}/"
        proc = subprocess.Popen(argv, env=env, cwd=project)
        signal.signal(signal.SIGTERM, lambda *_: proc.terminate())  # never leave Voilà behind
        try:
            if _wait_for(port, proc):
                print(_("Case studio: {url}", url=url), flush=True)
                if open_browser:
                    webbrowser.open(url)
            return proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            proc.wait()
            return 0
