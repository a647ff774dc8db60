"""Each hook into another library's private parts still takes effect, and the versions they were
written for are checked. (The workshop's own tests guard the hooks that need a running server:
tests/server/test_widget_protocol.py for the request reaching its kernel and the control channel,
tests/server/test_lifecycle.py for the kernel pool, tests/server/test_static.py for
compressed files.)"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from importlib.metadata import version

import pytest

from safekit import compat
from tests.support import run_apart, serving

# -- the versions ----------------------------------------------------------------------------


def test_the_installed_versions_are_the_tested_ones():
    compat.check_versions()
    compat.check_versions(compat.KERNEL_PACKAGES)


@pytest.mark.parametrize(
    ("installed", "inside"),
    [
        ("0.5.8", True),
        ("0.5.13", True),
        ("0.5.7", False),
        ("0.6.0", False),
        ("0.6.0rc1", False),
        ("1.0", False),
    ],
)
def test_a_version_is_inside_the_range_or_not(installed, inside):
    assert compat.in_range(installed, "0.5.8", "0.6") is inside


def test_a_version_outside_the_range_is_refused_with_what_to_install():
    ipywidgets = version("ipywidgets")
    with pytest.raises(compat.UntestedVersion) as refused:
        compat.check_versions(["ipywidgets"], tested={"ipywidgets": ("9", "10")})
    message = str(refused.value)
    assert f"ipywidgets {ipywidgets} is installed" in message
    assert "ipywidgets>=9,<10" in message
    with pytest.raises(compat.UntestedVersion, match=r"voila 0\.6\.1 is installed.*voila>=0\.5\.8,<0\.6"):
        compat.check_versions(["voila"], installed=lambda name: "0.6.1")


def test_the_refusal_is_translated(monkeypatch):
    monkeypatch.setenv("SAFEKIT_LANG", "nl")
    with pytest.raises(compat.UntestedVersion, match="is geïnstalleerd"):
        compat.check_versions(["tornado"], installed=lambda name: "7.0")


# -- ipywidgets: the page asks the kernel for the widget states -------------------------------


def test_the_request_for_widget_states_is_noticed_once_per_request():
    """Through ipywidgets' own control channel, over the comm package's comm (which, outside a
    kernel, sends its messages nowhere)."""
    from comm import create_comm
    from ipywidgets import Widget
    from ipywidgets.widgets.widget import __control_protocol_version__

    noticed = []

    def note() -> None:
        noticed.append(1)

    compat.on_widget_state_request(note)
    compat.on_widget_state_request(note)  # given again: still once per request
    control = create_comm(target_name="jupyter.widget.control")
    Widget.handle_control_comm_opened(control, {"metadata": {"version": __control_protocol_version__}})
    request = {"content": {"data": {"method": "request_states"}, "comm_id": control.comm_id}}
    control.handle_msg(request)
    assert noticed == [1]
    control.handle_msg(request)
    assert noticed == [1, 1]


# -- tornado and jupyter_server: static files --------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body; a redirect (to a login page) is not followed."""
    try:
        with urllib.request.build_opener(_NoRedirects).open(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.mark.slow
def test_a_file_found_once_is_sent_without_looking_for_it_again(tmp_path):
    import tornado.web

    from safekit.server.static import precompressed

    (tmp_path / "page.js").write_text("let x = 1;\n" * 200)
    looked = []

    class Counting(tornado.web.StaticFileHandler):
        def validate_absolute_path(self, root, absolute_path):
            looked.append(absolute_path)
            return super().validate_absolute_path(root, absolute_path)

    with serving([(r"/s/(.*)", precompressed(Counting), {"path": str(tmp_path)})]) as base:
        first = fetch(f"{base}/s/page.js")
        second = fetch(f"{base}/s/page.js")
    assert first == second == (200, (tmp_path / "page.js").read_bytes())
    assert len(looked) == 1  # the second time the file was sent as found the first time


@pytest.mark.slow
def test_files_anyone_may_fetch_stay_open_once_compressed(tmp_path):
    """jupyter_server refuses a request from nobody in particular unless the handler's method
    carries its mark; the compressed handler keeps the mark of the handler it is made from."""
    import tornado.web
    from jupyter_server.base.handlers import FileFindHandler, JupyterHandler
    from jupyter_server.serverapp import ServerApp

    from safekit.server.static import precompressed

    (tmp_path / "page.js").write_text("let x = 1;\n" * 200)

    class Private(JupyterHandler, tornado.web.StaticFileHandler):  # the same, without the mark
        pass

    server = ServerApp()  # its settings, as Voilà's application has them: nobody is logged in
    server.init_configurables()
    identity = server.identity_provider
    identity.token = "only-for-those-who-know-it"
    settings = {
        "allow_unauthenticated_access": False,
        "identity_provider": identity,
        "authorizer": server.authorizer,
        "cookie_secret": b"x" * 32,
        "base_url": "/",
        "login_url": "/login",
    }
    handlers = [
        (r"/open/(.*)", precompressed(FileFindHandler), {"path": [str(tmp_path)]}),
        (r"/closed/(.*)", precompressed(Private), {"path": str(tmp_path)}),
    ]
    with serving(handlers, **settings) as base:
        opened, closed = fetch(f"{base}/open/page.js"), fetch(f"{base}/closed/page.js")
    assert opened[0] == 200 and closed[0] == 302  # to the login page


# -- Voilà: the pool of preheated kernels --------------------------------------------------------


# a cancelled refill never starts the kernel it was given (Voilà's own, also when a server stops)
@pytest.mark.filterwarnings("ignore:coroutine .*_initialize' was never awaited:RuntimeWarning")
def test_the_pool_is_seen_capped_and_emptied(tmp_path):
    """Voilà's own pooling kernel manager; the refills wait a minute, so no kernel starts."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets import Unicode
    from traitlets.config import LoggingConfigurable
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    class Server(LoggingConfigurable):  # what the manager reads of its Voilà application
        root_dir = Unicode(str(tmp_path))
        notebook_path = None
        base_url = server_url = "/"
        port = 8866

    manager_class = voila_kernel_manager_factory(AsyncMappingKernelManager, True, 3)

    async def scenario() -> None:
        manager = manager_class(parent=Server())
        pool = compat.KernelPool(manager)
        pool.cap(0)  # no room for any kernel: the pool is not filled
        manager.fill_if_needed(delay=60, notebook_name="p.ipynb")
        assert manager.get_pool_size("p.ipynb") == 0 and pool.starting() == 0

        manager = manager_class(parent=Server())
        pool = compat.KernelPool(manager)
        pool.cap(5)
        manager.fill_if_needed(delay=60, notebook_name="p.ipynb")
        assert manager.get_pool_size("p.ipynb") == 3 and pool.starting() == 3 and not pool.ready()
        refills = asyncio.all_tasks() - {asyncio.current_task()}
        pool.cancel_pending()
        assert manager.get_pool_size("p.ipynb") == 0 and pool.starting() == 0
        await asyncio.sleep(0)
        assert len(refills) == 3 and all(task.cancelled() for task in refills)  # they end, not wait

    run_apart(scenario())
