"""Every place the kit relies on a private part of Voilà, ipywidgets, tornado or jupyter_server.

Where these libraries offer no public way to do what the workshop needs, the hook is here, and
only here: one function (or one small adapter) per hook, saying what it touches, why no public
extension point serves, and the versions it was written for (:data:`TESTED`). The workshop
server and each participant kernel call :func:`check_versions` when they start, so an upgrade
outside those versions stops with a clear message instead of breaking a page in the room.

Each hook has a test that fails when it no longer takes effect (``tests/test_compat.py`` and
the workshop's own tests under ``tests/server/``).

Participant kernels import this module too: it imports nothing beyond the standard library at
the top, and each hook imports what it touches inside the function.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib.metadata import version

from safekit.core.i18n import _

# package -> (lowest version tested, first version not tested)
TESTED: dict[str, tuple[str, str]] = {
    "voila": ("0.5.8", "0.6"),
    "ipywidgets": ("8.1", "9"),
    "tornado": ("6.4", "7"),
    "jupyter_server": ("2.13", "3"),
}
SERVER_PACKAGES = ("voila", "tornado", "jupyter_server", "ipywidgets")
KERNEL_PACKAGES = ("ipywidgets",)


class UntestedVersion(RuntimeError):
    """A library the kit hooks into is installed in a version its hooks were not written for."""


def _release(text: str) -> tuple[int, ...]:
    """The numeric release of a version string (``8.1.9`` -> (8, 1, 9); ``9.0.0rc1`` -> (9, 0, 0))."""
    match = re.match(r"\d+(?:\.\d+)*", text.strip())
    return tuple(int(part) for part in match.group(0).split(".")) if match else ()


def _pad(release: tuple[int, ...], n: int) -> tuple[int, ...]:
    return release + (0,) * (n - len(release))


def in_range(installed: str, lowest: str, below: str) -> bool:
    """``lowest <= installed < below``, comparing release numbers (a pre-release of ``below``,
    such as ``9.0.0rc1``, counts as ``below`` and so is outside)."""
    found, low, high = _release(installed), _release(lowest), _release(below)
    n = max(len(found), len(low), len(high))
    return _pad(low, n) <= _pad(found, n) < _pad(high, n)


def check_versions(
    packages: Iterable[str] = SERVER_PACKAGES,
    tested: dict[str, tuple[str, str]] | None = None,
    installed: Callable[[str], str] | None = None,
) -> None:
    """Raise :class:`UntestedVersion` naming the package, its installed version and the tested
    range, if one of ``packages`` is installed outside the range its hooks were written for.

    ``tested`` (default :data:`TESTED`) and ``installed`` (default: the installed version, from
    the package's metadata) can be given to check other versions."""
    if installed is None:
        installed = version
    tested = TESTED if tested is None else tested
    for name in packages:
        lowest, below = tested[name]
        found = installed(name)
        if not in_range(found, lowest, below):
            raise UntestedVersion(
                _(
                    "{package} {version} is installed, but this version of safekit was tested "
                    "with {package}>={lowest},<{below}. Install a version in that range "
                    "(pip install '{package}>={lowest},<{below}').",
                    package=name,
                    version=found,
                    lowest=lowest,
                    below=below,
                )
            )


# -- Voilà: which preheated kernel serves which request ------------------------------------------


def page_handler_telling_kernels(handler: type) -> type:
    """A subclass of Voilà's page handler ``handler`` whose method
    ``kernel_got_request(kernel_id, query_string)`` (to be defined by a subclass) is called as
    soon as a preheated kernel is given to a request.

    Touches (voila>=0.5.8,<0.6): ``VoilaHandler.get_generator`` takes a preheated kernel with
    ``self.kernel_manager.get_rendered_notebook(...)``, which returns ``(task, cells,
    kernel_id)``, and then tells the kernel its request through
    ``RequestInfoSocketHandler.send_updates``, a class method it names directly, for a kernel
    that connects back to ``/voila/query/<kernel_id>`` over a websocket
    (``voila.utils.wait_for_request``). No public extension point says which kernel a request
    got, and the websocket would cost every pooled kernel a client and a connection. So the
    subclass gives each request a view of the kernel manager whose ``get_rendered_notebook``
    also calls ``kernel_got_request``: local to the handlers of one app, nothing in Voilà is
    patched. When the pool is empty, Voilà starts a kernel for the request with
    ``self.kernel_manager.start_kernel(...)`` (returning its id); that view calls
    ``kernel_got_request`` then too. Both happen before the page's first byte is written, so
    ``kernel_got_request`` may still set headers.
    """

    class _ManagerForOneRequest:
        def __init__(self, manager, page):
            self.manager, self.page = manager, page

        def __getattr__(self, name: str):
            return getattr(self.manager, name)

        async def get_rendered_notebook(self, *args, **kwargs):
            result = await self.manager.get_rendered_notebook(*args, **kwargs)
            self.page.kernel_got_request(result[2], str(self.page.request.query))
            return result

        async def start_kernel(self, *args, **kwargs):
            from jupyter_core.utils import ensure_async

            kernel_id = await ensure_async(self.manager.start_kernel(*args, **kwargs))
            self.page.kernel_got_request(kernel_id, str(self.page.request.query))
            return kernel_id

    class TellingKernels(handler):
        @property
        def kernel_manager(self):
            return _ManagerForOneRequest(super().kernel_manager, self)

        def kernel_got_request(self, kernel_id: str, query: str) -> None:
            raise NotImplementedError

    return TellingKernels


# -- Voilà: the pool of preheated kernels --------------------------------------------------------


class RoomFull(RuntimeError):
    """No kernel is started: the workshop runs as many as it may."""


class KernelPool:
    """Voilà's pool of preheated kernels, as far as the workshop needs to see and steer it.

    Touches (voila>=0.5.8,<0.6): ``VoilaKernelManager._pools`` (notebook -> list of asyncio tasks,
    each starting one kernel) and its method ``fill_if_needed``, which starts a refill after a
    kernel is taken. Voilà has no public view of the pool (``get_pool_size`` counts tasks still
    starting as kernels) and no setting that bounds the total number of kernels; its kernel
    manager class is built by a factory at start, so it cannot be subclassed by configuration.
    """

    def __init__(self, manager) -> None:
        self.manager = manager

    def _tasks(self) -> list:
        return [task for pool in getattr(self.manager, "_pools", {}).values() for task in pool]

    def starting(self) -> int:
        """Kernels of the pool still starting (or waiting to start)."""
        return sum(not task.done() for task in self._tasks())

    def ready(self) -> bool:
        """True once a preheated kernel is ready for a page."""
        return any(task.done() for task in self._tasks())

    def full(self) -> bool:
        """True when a page would have to start a kernel and ``total`` (see :meth:`cap`) run or
        start already. A page takes a kernel of the pool when there is one, ready or starting
        (Voilà waits for it), which adds none."""
        return not self._tasks() and self.total is not None and self._running() >= self.total

    total: int | None = None
    _launching = 0  # kernels whose start_kernel has not returned yet

    def _running(self) -> int:
        return len(self.manager.list_kernel_ids()) + max(self._launching, self.starting())

    def cap(self, total: int) -> None:
        """Never run more than ``total`` kernels: refill the pool only while running and
        starting kernels number fewer, and refuse any other start beyond it (:class:`RoomFull`).

        Also touches (jupyter_server>=2.13,<3): the manager's ``start_kernel``, by which Voilà
        starts pool kernels and, when the pool is empty, a page's kernel; it is wrapped on this
        manager instance. jupyter_server has no setting for the most kernels it runs."""
        manager = self.manager
        refill, start = getattr(manager, "fill_if_needed", None), manager.start_kernel
        self.total = total

        def fill_if_needed(*args, **kwargs):
            if refill is not None and len(manager.list_kernel_ids()) + self.starting() < total:
                refill(*args, **kwargs)

        async def start_kernel(*args, **kwargs):
            if len(manager.list_kernel_ids()) + self._launching >= total:
                raise RoomFull(total)
            self._launching += 1
            try:
                return await start(*args, **kwargs)
            finally:
                self._launching -= 1

        if refill is not None:  # no pool without preheated kernels
            manager.fill_if_needed = fill_if_needed
        manager.start_kernel = start_kernel

    def cancel_pending(self) -> None:
        """Cancel refills still waiting or starting, and forget them (their processes are the
        caller's to end); ready kernels stay in the pool for Voilà to shut down."""
        pools = getattr(self.manager, "_pools", {})
        for name, pool in list(pools.items()):
            for task in pool:
                if not task.done():
                    task.cancel()
            pools[name] = [task for task in pool if task.done() and not task.cancelled()]


# -- Voilà and jupyter_server: the routes that act on a kernel named in the URL -------------------


def kernel_routes() -> tuple[type, ...]:
    """Touches (voila>=0.5.8,<0.6): the handler classes Voilà registers for ``/api/kernels/<id>``
    (jupyter_server's ``KernelHandler``), ``/api/kernels/<id>/channels`` (its websocket) and
    ``/voila/api/shutdown/<id>``; each takes the kernel id as its first URL argument. Voilà
    offers no setting to authorise them per kernel."""
    try:
        from jupyter_server.services.kernels.handlers import KernelHandler
        from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
        from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler
    except ImportError:  # a participant kernel: no server here
        return ()
    return (KernelHandler, VoilaKernelWebsocketHandler, VoilaShutdownKernelHandler)


# -- jupyter_server: files anyone may fetch ------------------------------------------------------


def allows_unauthenticated(method) -> bool:
    """Whether a handler method carries jupyter_server's mark for pages anyone may fetch.

    Touches (jupyter_server>=2.13,<3): the ``__allow_unauthenticated`` attribute that
    ``jupyter_server.auth.decorator.allow_unauthenticated`` sets and ``JupyterHandler.prepare``
    reads. The decorator is public, but there is no public way to ask whether a method has it,
    which a handler made from Voilà's (adding compression) must know to keep it."""
    return bool(getattr(method, "__allow_unauthenticated", False))


# -- tornado: sending a static file already found ------------------------------------------------


async def send_found_file(handler, path: str, absolute_path: str, include_body: bool) -> bool:
    """Send the file ``absolute_path`` that ``handler`` (a ``StaticFileHandler``) found for the
    URL path ``path`` earlier, skipping the search; False (nothing sent) if it has gone since.

    Touches (tornado>=6.4,<7): the steps of ``StaticFileHandler.get`` after the file is found and
    checked (the ``path``, ``absolute_path`` and ``modified`` attributes, ``set_headers``, 304,
    ``Content-Length``, the body from ``get_content``), without ranges. Tornado offers no way to
    skip finding the file, which is most of what sending it costs (see safekit.server.static)."""
    handler.path, handler.absolute_path = handler.parse_url_path(path), absolute_path
    try:
        handler.modified = handler.get_modified_time()
    except OSError:
        return False
    handler.set_headers()
    if handler.should_return_304():
        handler.set_status(304)
        return True
    handler.set_header("Content-Length", handler.get_content_size())
    if include_body:
        content = handler.get_content(handler.absolute_path)
        for chunk in [content] if isinstance(content, bytes) else content:
            handler.write(chunk)
            await handler.flush()
    return True


# -- ipywidgets (kernel side): when the page asks for the widget states --------------------------


_state_request_listeners: list[Callable[[], None]] = []


def on_widget_state_request(note: Callable[[], None]) -> None:
    """Call ``note()`` each time the page's widget manager asks this kernel for all widget states
    (after ipywidgets has answered). Giving the same ``note`` again changes nothing.

    Touches (ipywidgets>=8.1,<9): the class method ``Widget._handle_control_comm_msg``, which
    answers the ``request_states`` message on the ``jupyter.widget.control`` comm; it is wrapped,
    once per kernel. ipywidgets has no public signal for this request, and registering a second
    handler for the control comm would replace ipywidgets' own."""
    from ipywidgets.widgets.widget import Widget  # in the kernel: imported only when installed

    if note not in _state_request_listeners:
        _state_request_listeners.append(note)
    original = Widget.__dict__["_handle_control_comm_msg"]
    if getattr(original, "__safekit__", False):
        return
    handle = original.__func__

    def noting(cls, msg):
        handle(cls, msg)
        if msg.get("content", {}).get("data", {}).get("method") == "request_states":
            for listener in list(_state_request_listeners):
                listener()

    wrapped = classmethod(noting)
    wrapped.__safekit__ = True
    Widget._handle_control_comm_msg = wrapped


# -- IPython and comm (kernel side): errors in a widget's messages -------------------------------


def errors_to_log(path) -> None:
    """Send what goes wrong while this kernel handles a page's widget messages to the log file
    ``path`` (on the trainer's computer), never to the page.

    Touches (ipywidgets>=8.1,<9): ipywidgets reports an exception in a widget's message or
    callback with ``get_ipython().showtraceback()``, which publishes the whole traceback (with
    the server's paths) to the page; this kernel's shell gets its own ``showtraceback``. The
    ``comm`` and ``ipykernel.comm`` packages log a failed ``comm_open`` or ``comm_msg`` to their
    loggers (``Comm``, ``ipykernel.comm``), whose output would reach the page through the
    kernel's captured stderr; they log to the file instead. The notebook's own cells never fail
    in a workshop, and Voilà refuses code from the page, so nothing else uses ``showtraceback``.
    """
    import logging

    from IPython import get_ipython

    logger = logging.getLogger("safekit.kernel")
    if not logger.handlers:
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
        for name in ("Comm", "ipykernel.comm"):
            quiet = logging.getLogger(name)
            quiet.handlers, quiet.propagate = [handler], False
    shell = get_ipython()
    if shell is not None:

        def showtraceback(*args, **kwargs) -> None:
            logger.error("a widget message failed", exc_info=True)

        shell.showtraceback = showtraceback
