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
    patched.
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

    class TellingKernels(handler):
        @property
        def kernel_manager(self):
            return _ManagerForOneRequest(super().kernel_manager, self)

        def kernel_got_request(self, kernel_id: str, query: str) -> None:
            raise NotImplementedError

    return TellingKernels


# -- Voilà: the pool of preheated kernels --------------------------------------------------------


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

    def cap(self, total: int) -> None:
        """Refill the pool only while running and starting kernels number fewer than ``total``."""
        manager = self.manager
        refill = manager.fill_if_needed

        def fill_if_needed(*args, **kwargs):
            if len(manager.list_kernel_ids()) + self.starting() < total:
                refill(*args, **kwargs)

        manager.fill_if_needed = fill_if_needed

    def cancel_pending(self) -> None:
        """Cancel refills still waiting or starting, and forget them (their processes are the
        caller's to end); ready kernels stay in the pool for Voilà to shut down."""
        pools = getattr(self.manager, "_pools", {})
        for name, pool in list(pools.items()):
            for task in pool:
                if not task.done():
                    task.cancel()
            pools[name] = [task for task in pool if task.done() and not task.cancelled()]


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
