"""The page's scripts and styles: compressed for the room's Wi-Fi, unchanged, and cached well."""

from __future__ import annotations

import gzip
import json
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from safekit.server.layout import template_share
from tests.support import serving

pytestmark = [pytest.mark.slow]

LABEXT = Path(sys.prefix, "share", "jupyter", "labextensions", "@jupyter-widgets", "jupyterlab-manager")
OWN_CSS = "voila/templates/safekit/static/safekit.css"
STATIC = Path(sys.prefix, "share", "jupyter", "voila", "templates", "base", "static")  # Voilà's own files


def fetch(url: str, **headers: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, b""


def hashed_script() -> str:
    """A lab extension's script whose name carries a hash of its content."""
    entry = next((LABEXT / "static").glob("remoteEntry.*.js"))
    return f"voila/labextensions/@jupyter-widgets/jupyterlab-manager/static/{entry.name}"


@pytest.mark.parametrize("path", ["voila/static/voila.js", OWN_CSS, "hashed"])
def test_files_are_sent_gzipped_and_arrive_unchanged(workshop, path):
    path = hashed_script() if path == "hashed" else path
    status, plain_headers, plain = fetch(workshop.base + path)
    assert status == 200 and "content-encoding" not in plain_headers
    status, headers, body = fetch(workshop.base + path, **{"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert int(headers["content-length"]) == len(body) < len(plain) / 2
    assert gzip.decompress(body) == plain
    assert "Accept-Encoding" in headers["vary"]
    if path == OWN_CSS:
        on_disk = template_share() / "voila" / "templates" / "safekit" / "static" / "safekit.css"
        assert plain == on_disk.read_bytes()


def test_hashed_names_are_kept_and_others_for_ten_minutes(workshop):
    gz = {"Accept-Encoding": "gzip"}
    _, headers, _ = fetch(workshop.base + hashed_script(), **gz)
    assert "immutable" in headers["cache-control"] and "max-age=31536000" in headers["cache-control"]
    for path in ("voila/static/voila.js", OWN_CSS):
        _, headers, _ = fetch(workshop.base + path, **gz)
        assert headers["cache-control"] == "max-age=600"
        again = {**gz, "If-Modified-Since": headers["last-modified"]}
        if "etag" in headers:
            again["If-None-Match"] = headers["etag"]
        status, _, body = fetch(workshop.base + path, **again)
        assert (status, body) == (304, b"")  # unchanged: nothing is sent again


def test_a_range_is_cut_from_the_file_not_from_its_compressed_copy(workshop):
    _, _, plain = fetch(workshop.base + OWN_CSS)
    status, headers, body = fetch(
        workshop.base + OWN_CSS, **{"Accept-Encoding": "gzip", "Range": "bytes=0-99"}
    )
    assert status == 206 and "content-encoding" not in headers and body == plain[:100]


# -- the handler on its own, serving a folder of ours ------------------------------------------
@pytest.fixture
def folder_server(tmp_path):
    """A Tornado server with a precompressed StaticFileHandler over ``tmp_path/files``."""

    import tornado.httpserver
    import tornado.web

    from safekit.server.static import precompressed

    root = tmp_path / "files"
    root.mkdir()
    with serving([(r"/s/(.*)", precompressed(tornado.web.StaticFileHandler), {"path": str(root)})]) as base:
        yield root, f"{base}/s/"


def test_a_changed_or_removed_file_is_noticed(folder_server):
    root, base = folder_server
    gz = {"Accept-Encoding": "gzip"}
    page = root / "app.js"
    page.write_text("var first = 1;\n" * 200)
    for _ in range(2):  # the second time from what the handler remembers
        status, _, body = fetch(base + "app.js", **gz)
        assert status == 200 and gzip.decompress(body) == page.read_bytes()
    page.write_text("var second = 2;\n" * 300)
    status, _, body = fetch(base + "app.js", **gz)
    assert status == 200 and gzip.decompress(body).startswith(b"var second")
    page.unlink()
    assert fetch(base + "app.js", **gz)[0] == 404


def test_remembering_files_opens_nothing_outside_the_folder(folder_server):
    root, base = folder_server
    (root / "app.js").write_text("var ok = 1;\n" * 200)
    (root.parent / "secret.txt").write_text("not for participants\n" * 100)
    assert fetch(base + "app.js", **{"Accept-Encoding": "gzip"})[0] == 200
    for path in ("../secret.txt", "%2e%2e/secret.txt", "app.js/../../secret.txt"):
        for headers in ({}, {"Accept-Encoding": "gzip"}):
            status, _, body = fetch(base + path, **headers)
            assert status in (403, 404) and b"participants" not in body, (path, status)


# -- what the join page asks the browser to fetch ahead, kept across restarts --------------------
def prefetched(join_link: str) -> list[str]:
    import html
    import re

    _, _, body = fetch(join_link)
    return [html.unescape(u) for u in re.findall(r'<link rel="prefetch" href="([^"]+)">', body.decode())]


@pytest.mark.browser
def test_the_files_to_fetch_ahead_are_kept_for_the_next_workshop(course, tmp_path, monkeypatch, browser):
    from tests.support import join_on_a_phone
    from tests.support.workshop import start_workshop

    monkeypatch.setenv("SAFEKIT_CACHE_DIR", str(tmp_path / "cache"))
    first = start_workshop(course, tmp_path / "data", tmp_path / "first.log", 1)
    try:
        assert prefetched(first.link) == []  # nothing known yet on this laptop
        page, _token = join_on_a_phone(browser, first.link)
        page.wait_for_selector(".sk-app .sk-button", timeout=60_000)
        page.context.close()
        learnt = prefetched(first.link)
    finally:
        first.stop()
    kept = json.loads((tmp_path / "cache" / "page-files.json").read_text())
    assert len(learnt) > 50 and [u for u, _size in kept["files"]] == learnt
    assert all(u.startswith("/voila/") for u in learnt)
    assert 500_000 < sum(size for _u, size in kept["files"]) < 2_000_000  # as sent: compressed
    assert not [u for u in learnt if "?p=" in u or "join" in u]  # file names only, no one's link

    second = start_workshop(course, tmp_path / "data", tmp_path / "second.log", 1, "--new")
    try:
        assert prefetched(second.link) == learnt  # before anyone has opened a page
    finally:
        second.stop()


def test_files_kept_by_other_versions_are_set_aside(tmp_path):
    from safekit.server.static import _Seen

    path = tmp_path / "page-files.json"
    path.write_text(json.dumps({"versions": "voila=0.4.0", "files": [["/voila/static/old.js", 10]]}))
    seen = _Seen()
    seen.keep_in(path, "voila=0.5.13")
    assert seen.urls() == []
    seen.add("/voila/static/new.js", 10)
    seen.save()  # otherwise a moment later, in its own thread
    assert json.loads(path.read_text()) == {
        "versions": "voila=0.5.13",
        "files": [["/voila/static/new.js", 10]],
    }
    again = _Seen()
    again.keep_in(path, "voila=0.5.13")
    assert again.urls() == ["/voila/static/new.js"]
    again.add("/voila/static/later.js", 5)  # written by itself, a moment later
    deadline = time.monotonic() + 5
    while "later.js" not in path.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [u for u, _n in json.loads(path.read_text())["files"]] == [
        "/voila/static/new.js",
        "/voila/static/later.js",
    ]
    path.write_text("not json")
    broken = _Seen()
    broken.keep_in(path, "voila=0.5.13")  # a damaged file is no reason not to start
    assert broken.urls() == []


def test_what_the_join_page_lists_is_bounded(workshop):
    """Anyone on the room's network can ask for files: the list keeps paths and version tags
    only, and stops at a few megabytes however many files are asked for."""
    script = {"Sec-Fetch-Dest": "script", "Accept-Encoding": "gzip"}
    for i in range(30):
        fetch(workshop.base + f"voila/static/voila.js?junk={i}", **script)
        fetch(workshop.base + f"voila/static/voila.js?v=<b>{i}</b>", **script)
    listed = prefetched(workshop.link)
    assert not [u for u in listed if "junk" in u or "<b>" in u]
    assert listed.count("/voila/static/voila.js") <= 1
    for path in STATIC.iterdir():  # all 10 MB of Voilà's files, as if a page needed every one
        fetch(workshop.base + f"voila/static/{path.name}", **script)
    listed = prefetched(workshop.link)
    sent = sum(len(fetch(workshop.base + u.lstrip("/"), **{"Accept-Encoding": "gzip"})[2]) for u in listed)
    assert sent <= 3_000_000, f"{sent / 1e6:.1f} MB for every phone to fetch ahead"
