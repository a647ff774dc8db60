"""The page's scripts and styles: compressed for the room's Wi-Fi, unchanged, and cached well."""

from __future__ import annotations

import gzip
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from safekit.server.workshop import _template_share

pytestmark = [pytest.mark.slow]

LABEXT = Path(sys.prefix, "share", "jupyter", "labextensions", "@jupyter-widgets", "jupyterlab-manager")
OWN_CSS = "voila/templates/safekit/static/safekit.css"


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
        on_disk = _template_share() / "voila" / "templates" / "safekit" / "static" / "safekit.css"
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
