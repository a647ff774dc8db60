"""``safekit workshop``: Voilà serving the participant app, with

- preheated kernels, idle-kernel culling and an execution timeout;
- a join page (``/join``) that registers pseudonyms, and a participant page (``/``) that only
  opens for a known participant link;
- no leaked kernels: the page shuts its kernel down with the CSRF token when it goes away,
  idle kernels are culled, and on stop every kernel process the server started is ended.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from safekit.authoring.compile import write_bundle
from safekit.core.bundle import ENV_BUNDLE, ENV_DATA_DIR
from safekit.core.i18n import _
from safekit.sessions import Session, Store
from safekit.sessions.folders import open_session

ENV_REQUEST_DIR = "SAFEKIT_REQUEST_DIR"
APP_NOTEBOOK = "participant.ipynb"
# lab extensions that participants do not need: they fail to load in Voilà, or (pygments)
# colour code, which the participant page never shows
DENIED_EXTENSIONS = (
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
    "jupyterlab_pygments",
)


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


class SessionIndex:
    """Finds the session a join code (or the secret in a join link) belongs to."""

    def __init__(self, session: Session, store: Store):
        self.session, self.store = session, store

    def find(self, code: str):
        code = code.strip()
        if code and (code.upper().replace("-", "") == self.session.code or code == self.session.secret):
            return self.session, self.store
        return None


class Room:
    """What the trainer's pages read: the session, its store and the course."""

    def __init__(self, session: Session, store: Store, bundle_path: Path, participant_link: str):
        from safekit.core.bundle import load_bundle

        self.session, self.store, self.participant_link = session, store, participant_link
        self.bundle = load_bundle(bundle_path)
        self.language = session.language or self.bundle.languages[0]

    def state(self, lang: str) -> dict:
        from safekit.room.aggregate import room_state

        lang = lang if lang in self.bundle.languages else self.language
        state = room_state(
            self.bundle,
            self.session.id,
            self.store.participants(self.session.id),
            self.store.all_answers(self.session.id),
            self.store.revealed(),
            self.store.approvals(),
            lang,
        )
        return {**state, "code": self.session.code, "link": self.participant_link}


def lan_address() -> str:
    """This machine's address on the room's network (no traffic is sent to find it)."""
    import socket
    import subprocess

    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout.split()
        for addr in out:
            if "." in addr and not addr.startswith("127."):
                return addr
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        addr = socket.gethostbyname(socket.gethostname())
        if not addr.startswith("127."):
            return addr
    except OSError:
        pass
    return "127.0.0.1"


def _template_share() -> Path:
    return Path(str(resources.files("safekit").joinpath("server", "share")))


def child_pids(pid: int) -> list[int]:
    """Direct child processes (Linux /proc; elsewhere nothing to add)."""
    out = []
    proc = Path("/proc")
    if not proc.is_dir():
        return out
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def end_children(timeout: float = 5.0) -> list[int]:
    """Terminate (then kill) any process this server started that is still running."""
    pids = child_pids(os.getpid())
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        for p in pids:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(p, os.WNOHANG)
        time.sleep(0.05)
    for pid in pids:
        if Path(f"/proc/{pid}").exists():
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
    return pids


STOP_SECONDS = 30.0  # how long shutting the kernels down may take before they are ended


def stop_within(seconds: float, stop, force) -> None:
    """Run ``stop``; if it has not returned after ``seconds``, call ``force`` from another thread.

    Jupyter's shutdown of all kernels can wait for ever on a kernel that never finished starting;
    a trainer's Ctrl+C must still end the workshop."""
    timer = threading.Timer(seconds, force)
    timer.daemon = True
    timer.start()
    try:
        stop()
    finally:
        timer.cancel()


def prepare(options: WorkshopOptions) -> tuple[Path, Session, bool, Path]:
    """Open the session, compile the course bundle and lay out what the kernels need."""
    folder, session, resumed = open_session(options.data_dir, options.session, options.new)
    runtime = folder / "runtime"
    (runtime / "requests").mkdir(parents=True, exist_ok=True)
    write_bundle(options.project, runtime / "bundle.json")
    os.environ[ENV_BUNDLE] = str(runtime / "bundle.json")
    os.environ[ENV_DATA_DIR] = str(folder)
    os.environ[ENV_REQUEST_DIR] = str(runtime / "requests")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(_template_share()), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    )
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return folder, session, resumed, runtime


def app_notebook(options: WorkshopOptions, runtime: Path) -> Path:
    """The notebook that builds the participant app: the course's own in ``notebooks/``, else the
    same one-cell notebook written into the session's runtime folder, so that a course (and a kit
    installed from its wheel) needs no notebooks of its own to run a workshop."""
    own = options.project / "notebooks" / options.notebook
    if own.is_file():
        return own
    import nbformat

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


def make_server(options: WorkshopOptions, session: Session, folder: Path, notebooks: Path | None = None):
    """A configured Voilà application serving the participant app from the folder ``notebooks``
    (default: the course's ``notebooks/``), not started."""
    from traitlets.config import Config
    from voila.app import Voila
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.tornado.handler import TornadoVoilaHandler

    from safekit.server import trainer
    from safekit.server.join import JoinHandler
    from safekit.server.static import SEEN, page_files_cache, page_versions, precompressed

    request_dir = Path(os.environ[ENV_REQUEST_DIR])
    SEEN.keep_in(page_files_cache(), page_versions())
    store = Store.for_session_dir(folder)
    session = store.session()  # with its trainer secret
    index = SessionIndex(session, store)
    host = lan_address() if options.lan else "127.0.0.1"
    participant_link = f"http://{host}:{options.port}/join?s={session.secret}"
    room = Room(session, store, Path(os.environ[ENV_BUNDLE]), participant_link)
    languages = json.loads(Path(os.environ[ENV_BUNDLE]).read_text(encoding="utf-8"))["syllabus"]["languages"]

    class ParticipantPage(TornadoVoilaHandler):
        """The Voilà page, opened only for a participant link of this session."""

        async def get(self, path=None):
            token = self.get_argument("p", "")
            if path or not token or store.participant(token) is None:
                code = self.get_argument("s", "")
                self.redirect(f"{self.base_url}join" + (f"?s={code}" if code else ""))
                return
            self.xsrf_token  # noqa: B018 - sets the _xsrf cookie the page sends when it shuts its kernel down
            self.set_header("Referrer-Policy", "no-referrer")
            await super().get(path)

    def send_updates(cls, msg):  # the preheated kernel learns its request through a file
        tmp = request_dir / f"{msg['kernel_id']}.tmp"
        tmp.write_text(msg["payload"].get("QUERY_STRING", ""), encoding="utf-8")
        tmp.replace(request_dir / f"{msg['kernel_id']}.query")

    RequestInfoSocketHandler.send_updates = classmethod(send_updates)

    class WorkshopServer(Voila):
        def init_handlers(self):
            handlers = []
            for spec in super().init_handlers():
                if spec[1] is TornadoVoilaHandler:
                    spec = (spec[0], ParticipantPage, *spec[2:])
                else:  # scripts and styles: compressed, and cached where their names allow
                    spec = (spec[0], precompressed(spec[1]), *spec[2:])
                handlers.append(spec)
            ours = [
                (r"/join", JoinHandler, {"sessions": index, "languages": languages}),
                *trainer.handlers(room),
            ]
            return ours + handlers

        def init_settings(self):
            settings = super().init_settings()
            if options.room_size:  # refill the pool only while the room's kernels fit in memory
                manager = self.kernel_manager
                refill = manager.fill_if_needed
                cap = options.room_size + 4

                def fill_if_needed(*args, **kwargs):
                    starting = sum(not t.done() for pool in manager._pools.values() for t in pool)
                    if len(manager.list_kernel_ids()) + starting < cap:
                        refill(*args, **kwargs)

                manager.fill_if_needed = fill_if_needed
            return settings

        def listen(self):
            from tornado.ioloop import IOLoop

            from safekit.server.static import prewarm

            IOLoop.current().add_callback(self._announce)
            roots = [*self.static_paths, *self.labextensions_path]
            threading.Thread(target=prewarm, args=(roots, DENIED_EXTENSIONS), daemon=True).start()
            super().listen()

        async def _announce(self):
            import asyncio

            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:  # ready once the first preheated kernel is
                pools = getattr(self.kernel_manager, "_pools", {})
                if any(t.done() for pool in pools.values() for t in pool) or not options.pool_size:
                    break
                await asyncio.sleep(0.1)
            print(f"Participant link: {participant_link}", flush=True)
            print(f"Trainer view: http://127.0.0.1:{self.port}/trainer", flush=True)
            if options.lan:
                remote = f"http://{host}:{self.port}/trainer?t={session.trainer_secret}"
                print(_("Trainer view from another device: {url}", url=remote), flush=True)
            print(_("Session code: {code}", code=session.code), flush=True)
            _print_qr(participant_link)

        def stop(self):
            SEEN.save()  # what pages loaded in the last second, too
            # Pool refills still waiting or starting would hold up the stop (and a refill
            # delayed for a room can wait 20 s): cancel them; their processes are ended below.
            pools = getattr(self.kernel_manager, "_pools", {})
            for name, pool in list(pools.items()):
                for task in pool:
                    if not task.done():
                        task.cancel()
                pools[name] = [task for task in pool if task.done() and not task.cancelled()]

            def force() -> None:  # the answers are in the store already: end what is left
                end_children()
                print(_("Some kernels did not stop in time; they were ended."), flush=True)
                print(_("Workshop stopped; all answers are in {path}", path=folder), flush=True)
                os._exit(0)

            try:
                stop_within(STOP_SECONDS, super().stop, force)
            finally:
                end_children()

    c = Config()
    c.Voila.ip = "0.0.0.0" if options.lan else options.ip
    c.Voila.port = options.port
    c.Voila.port_retries = 0
    c.Voila.open_browser = False
    c.Voila.root_dir = str(notebooks or options.project / "notebooks")
    # the widgets' messages to a page (150 kB of JSON when it opens) are compressed too
    c.Voila.tornado_settings = {"xsrf_cookies": True, "websocket_compression_options": {}}
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
    c.MappingKernelManager.cull_connected = False
    app = WorkshopServer(config=c)
    app.cookie_secret = _cookie_secret(folder)
    return app, store


def _cookie_secret(folder: Path) -> bytes:
    """Per session, kept across restarts so that trainer cookies stay valid."""
    import secrets

    path = folder / "runtime" / "cookie_secret"
    if not path.exists():
        path.write_bytes(secrets.token_bytes(32))
        path.chmod(0o600)
    return path.read_bytes()


def _print_qr(link: str) -> None:
    try:
        import segno

        segno.make(link, error="m").terminal(compact=True)
    except Exception:  # a terminal that cannot show it: the link above is enough
        pass


def serve(options: WorkshopOptions) -> int:
    folder, session, resumed, runtime = prepare(options)
    notebook = app_notebook(options, runtime)
    print((_("Resumed session {id}") if resumed else _("New session {id}")).format(id=session.id), flush=True)
    app, _store = make_server(options, session, folder, notebook.parent)
    app.initialize([str(notebook)])
    signal.signal(signal.SIGINT, app._handle_signal_stop)
    app.start()
    print(_("Workshop stopped; all answers are in {path}", path=folder), flush=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(WorkshopOptions(Path.cwd(), Path.cwd() / "workshops")))
