"""``safekit workshop``: Voilà serving the participant app (:mod:`safekit.server.app`), with

- preheated kernels, idle-kernel culling and an execution timeout;
- a join page (``/join``) that registers pseudonyms, and a participant page (``/``) that only
  opens for a known participant link;
- no leaked kernels: the page shuts its kernel down with the CSRF token when it goes away,
  idle kernels are culled, and on stop every kernel process the server started is ended
  (:mod:`safekit.server.processes`).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from traitlets.config import Config

from safekit import compat
from safekit.authoring.compile import write_bundle
from safekit.core.bundle import ENV_BUNDLE, ENV_DATA_DIR
from safekit.core.i18n import _
from safekit.server.app import WorkshopServer
from safekit.server.kernel import DEFAULT_MEMORY_MIB
from safekit.server.layout import (
    DENIED_EXTENSIONS,
    ENV_REQUEST_DIR,
    requests_dir,
    runtime_dir,
    template_share,
)
from safekit.server.processes import lan_address
from safekit.server.tls import server_certificate
from safekit.sessions import Session
from safekit.sessions.folders import open_session, served, serving_pid
from safekit.sessions.store import Store

APP_NOTEBOOK = "participant.ipynb"
DEFAULT_ROOM_SIZE = 40  # participants a workshop serves when the trainer gives no --room-size
MAX_MESSAGE_BYTES = 1024 * 1024  # a page's message to its kernel, at most


@dataclass
class WorkshopOptions:
    project: Path
    data_dir: Path
    port: int = 8866
    ip: str = "127.0.0.1"
    pool_size: int = 4
    cull_idle_timeout: int = 1800
    cull_interval: int = 60
    execution_timeout: int = 60
    session: str | None = None
    new: bool = False
    lan: bool = False
    room_size: int | None = None  # expected participants: preheat that many, cap the total
    notebook: str = APP_NOTEBOOK
    joins_per_device: int = 2  # participants one network address may register
    page_opens_per_minute: int = 6  # a participant's page openings (each starts a kernel)
    kernel_memory_mib: int = DEFAULT_MEMORY_MIB  # each kernel's ceiling (0: none)
    tls: bool = False  # HTTPS with a certificate made for the session (see safekit.server.tls)
    tls_cert: Path | None = None  # or the trainer's own certificate and key
    tls_key: Path | None = None
    address: str | None = None  # with lan: the room address to serve (default: found)
    languages: list[str] | None = None  # offered to participants (None: as before, or all)
    country: str | None = None  # the country the session is taught for (None: as before)
    trainer_language: str | None = None  # of the trainer's pages (None: as before)

    @property
    def max_kernels(self) -> int:
        """The room's kernels and the pool's, at most."""
        pool = self.room_size or self.pool_size
        return (self.room_size or DEFAULT_ROOM_SIZE) + pool


def prepare(options: WorkshopOptions) -> tuple[Path, Session, bool, Path]:
    """Open the session, compile the course bundle and lay out what the kernels need."""
    folder, session, resumed = open_session(options.data_dir, options.session, options.new)
    with Store.for_session_dir(folder) as store:  # a resumed session keeps what it offered
        session = store.set_offer(options.languages, options.country, options.trainer_language) or session
    runtime = runtime_dir(folder)
    requests_dir(folder).mkdir(parents=True, exist_ok=True)
    write_bundle(options.project, runtime / "bundle.json", session.languages.split(","), session.country)
    os.environ[ENV_BUNDLE] = str(runtime / "bundle.json")
    os.environ[ENV_DATA_DIR] = str(folder)
    os.environ[ENV_REQUEST_DIR] = str(requests_dir(folder))
    share = write_kernel_spec(runtime, options.kernel_memory_mib)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(share), str(template_share()), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    )
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return folder, session, resumed, runtime


def write_kernel_spec(runtime: Path, memory_mib: int) -> Path:
    """The kernel spec of participants' kernels (``python3``, which the notebooks name): this
    Python, under a memory ceiling (:mod:`safekit.server.kernel`). Returns the folder to put on
    ``JUPYTER_PATH``."""
    share = runtime / "share"
    folder = share / "kernels" / "python3"
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [
            sys.executable,
            "-m",
            "safekit.server.kernel",
            "--memory-mib",
            str(memory_mib),
            "-f",
            "{connection_file}",
        ],
        "display_name": "Python 3 (safekit)",
        "language": "python",
        "env": {"MALLOC_ARENA_MAX": "2"},  # threads' memory arenas would count against the ceiling
        "metadata": {"debugger": False},
    }
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return share


def app_notebook(options: WorkshopOptions, runtime: Path) -> Path:
    """The notebook that builds the participant app: the course's own in ``notebooks/``, else the
    same one-cell notebook written into the session's runtime folder, so that a course (and a kit
    installed from its wheel) needs no notebooks of its own to run a workshop."""
    own = options.project / "notebooks" / options.notebook
    if own.is_file():
        return own

    module = options.notebook.removesuffix(".ipynb")
    call = "run()" if options.notebook == APP_NOTEBOOK else f"run(modules=[{json.dumps(module)}])"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f"from safekit.apps.participant import run\n\n{call};")]
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["title"] = "safekit"
    path = runtime / "notebooks" / options.notebook
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def server_config(options: WorkshopOptions, folder: Path, notebooks: Path | None = None):
    """The traitlets configuration of :class:`safekit.server.app.WorkshopServer` for ``options``,
    serving the participant app from the folder ``notebooks`` (default: the course's
    ``notebooks/``)."""

    c = Config()
    c.WorkshopServer.session_dir = str(folder)
    c.WorkshopServer.room_size = options.room_size or 0
    c.WorkshopServer.lan = options.lan
    c.WorkshopServer.max_kernels = options.max_kernels
    c.WorkshopServer.joins_per_device = options.joins_per_device
    c.WorkshopServer.page_opens_per_minute = options.page_opens_per_minute
    if options.tls:
        c.WorkshopServer.tls_cert, c.WorkshopServer.tls_key, c.WorkshopServer.tls_fingerprint = certificate(
            options
        )
    # with --lan: the room's address only (and loopback, see WorkshopServer.listen)
    c.Voila.ip = (options.address or lan_address()) if options.lan else options.ip
    c.Voila.port = options.port
    c.Voila.port_retries = 0
    c.Voila.open_browser = False
    c.Voila.root_dir = str(notebooks or options.project / "notebooks")
    # the widgets' messages to a page (150 kB of JSON when it opens) are compressed too
    c.Voila.tornado_settings = {
        "xsrf_cookies": True,
        "websocket_compression_options": {},
        "websocket_max_message_size": MAX_MESSAGE_BYTES,
    }
    c.VoilaConfiguration.template = "safekit"
    c.VoilaConfiguration.theme = "light"
    c.VoilaConfiguration.show_tracebacks = False
    pool_size = options.room_size or options.pool_size
    c.VoilaConfiguration.preheat_kernel = pool_size > 0
    c.VoilaConfiguration.default_pool_size = pool_size
    if options.room_size:  # the room arrives in a burst: refill the pool after it, not during it
        c.VoilaKernelManager.fill_delay = 20.0
    c.VoilaConfiguration.file_allowlist = []
    c.VoilaConfiguration.extension_denylist = list(DENIED_EXTENSIONS)
    c.VoilaExecutor.timeout = options.execution_timeout
    # Kernels talk to the server over Unix sockets in the session's runtime folder, not TCP ports:
    # 40 kernels starting at once could otherwise pick the same free port ("Address already in
    # use"), and that kernel would never start. No kernel listens on the network either.
    c.KernelManager.transport = "ipc"
    c.MappingKernelManager.cull_idle_timeout = options.cull_idle_timeout
    c.MappingKernelManager.cull_interval = options.cull_interval
    # a page left open (or a connection held by a script) does not keep its kernel for ever
    c.MappingKernelManager.cull_connected = True
    return c


def certificate(options: WorkshopOptions) -> tuple[str, str, str]:
    """HTTPS: the trainer's certificate and key, else one the project's own authority signs for
    the room address (see :mod:`safekit.server.tls`)."""
    if options.tls_cert:
        return str(options.tls_cert), str(options.tls_key or options.tls_cert), ""
    address = (options.address or lan_address()) if options.lan else options.ip
    cert, key, fingerprint = server_certificate(options.data_dir / "tls", [address])
    return str(cert), str(key), fingerprint


def serve(options: WorkshopOptions) -> int:
    try:
        compat.check_versions()
    except compat.UntestedVersion as exc:
        print(exc, file=sys.stderr, flush=True)
        return 2

    os.umask(0o077)  # answers, submissions and logs of the session: for this user only
    folder, session, resumed, runtime = prepare(options)
    if serving_pid(folder) is not None:
        print(_("Session {id} is already being served by another workshop.", id=session.id), file=sys.stderr)
        return 1
    notebook = app_notebook(options, runtime)
    print((_("Resumed session {id}") if resumed else _("New session {id}")).format(id=session.id), flush=True)
    app = WorkshopServer(config=server_config(options, folder, notebook.parent))
    app.initialize([str(notebook)])
    app.stop_on_interrupt()
    with served(folder):
        app.start()
    print(_("Workshop stopped; all answers are in {path}", path=folder), flush=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(WorkshopOptions(Path.cwd(), Path.cwd() / "workshops")))
