"""The participant page's scripts and styles, sent compressed and cached sensibly.

A Voilà page loads about 95 script and style files, 4.9 MB as they are on disk. Forty phones
joining over the room's Wi-Fi would pull 200 MB through one access point in a few seconds.
Compressed with gzip they are about a quarter of that, so every static file is compressed once,
kept in memory, and sent compressed to every browser that accepts it (all of them do).

The join page asks the browser to fetch the same files while the participant chooses a name
(``<link rel="prefetch">``): it lists what participant pages have loaded so far (:data:`SEEN`,
learnt from the first page opened, usually the trainer's own try of the link, and kept for the
next workshop on this laptop). Pressing *Start*
then finds them in the phone's cache, and the room's Wi-Fi carries them spread over the minute
people take to join rather than in the seconds after they press *Start*.

Files whose names carry a hash of their content (the lab extensions' ``*.<hash>.js``) never
change under the same name: browsers may keep them for a year. Voilà's own chunks
(``7155.voila.js``) and the template's files keep their names across versions: browsers may use
them for ten minutes without asking, long enough for a phone to go from the join page to the
workshop page, or to reload it, without a round trip per file, and short enough that a phone
never mixes files from before and after an upgrade of the kit for longer than that.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import tempfile
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jupyter_server.auth.decorator import allow_unauthenticated
from tornado.web import HTTPError, StaticFileHandler

from safekit import compat

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
MIN_SIZE = 1024  # smaller files are not worth a compressed copy
MAX_SIZE = 16 * 1024 * 1024  # nor are large ones kept in memory
HASHED = re.compile(r"/static/[^/]*\.[0-9a-f]{16,}\.js$")
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "max-age=600"
SAVE_AFTER = 1.0  # seconds: the files of one page are written to the cache together
VERSION_TAG = re.compile(r"[0-9a-f]{8,128}")  # ?v=: a lab extension's hash, or a template file's sha512


class _Compressed:
    """Compressed copies of files, keyed by path, modification time and size."""

    def __init__(self) -> None:
        self._copies: dict[str, tuple[tuple[int, int], bytes]] = {}
        self._lock = threading.Lock()

    def get(self, path: str) -> bytes | None:
        stat = os.stat(path)
        key = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            found = self._copies.get(path)
        if found and found[0] == key:
            return found[1]
        if not MIN_SIZE <= stat.st_size <= MAX_SIZE:
            return None
        with open(path, "rb") as f:
            data = gzip.compress(f.read(), compresslevel=9, mtime=0)
        with self._lock:
            self._copies[path] = (key, data)
        return data


COPIES = _Compressed()


class _Seen:
    """The scripts and styles participant pages have asked for, in the order they first did.

    Kept in a small file in the user's cache folder (:meth:`keep_in`), so that after a restart
    the join page can list them before anyone has opened a workshop page; the file is set aside
    when the versions of the page's software differ from those that wrote it. It holds file
    names only, nothing about anyone.

    Anyone on the room's network can ask for files, so what a join page lists is bounded: file
    paths with at most a version tag (never an arbitrary query), and no more than
    :attr:`LIMIT_BYTES` in all, about twice the page itself."""

    LIMIT = 400
    LIMIT_BYTES = 3_000_000  # as sent; the participant page needs about 1.4 MB

    def __init__(self) -> None:
        self._urls: dict[str, int] = {}  # URL -> bytes sent for it
        self._bytes = 0
        self._lock = threading.Lock()
        self._file: Path | None = None
        self._key = ""
        self._pending: threading.Timer | None = None

    def keep_in(self, path: Path, key: str) -> None:
        self._file, self._key = path, key
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            kept = json.loads(path.read_text(encoding="utf-8"))
            if kept.get("versions") == key:
                for url, size in kept.get("files", []):
                    if isinstance(url, str) and url.startswith("/") and isinstance(size, int):
                        self._take(url, size)

    def _take(self, url: str, size: int) -> bool:
        size = max(0, size)
        with self._lock:
            if url in self._urls or len(self._urls) >= self.LIMIT or self._bytes + size > self.LIMIT_BYTES:
                return False
            self._urls[url] = size
            self._bytes += size
            return True

    def add(self, url: str, size: int) -> None:
        """Note a file a page asked for; the cache file is written a moment later, once for all
        the files of that page, outside the thread that serves them."""
        if not self._take(url, size) or self._file is None:
            return
        with self._lock:
            if self._pending is None:
                self._pending = threading.Timer(SAVE_AFTER, self.save)
                self._pending.daemon = True
                self._pending.start()

    def save(self) -> None:
        with self._lock:
            if self._pending is not None:
                self._pending.cancel()  # saved now: the timer has nothing left to do
            self._pending = None
            files = [[u, n] for u, n in self._urls.items()]
        if self._file is None:
            return
        with contextlib.suppress(OSError):
            # a temporary file of its own: two servers on one machine never mix their writes
            fd, tmp = tempfile.mkstemp(prefix=self._file.name, suffix=".tmp", dir=self._file.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps({"versions": self._key, "files": files}))
            os.replace(tmp, self._file)

    def urls(self) -> list[str]:
        with self._lock:
            return list(self._urls)


def page_files_cache() -> Path:
    """Where :data:`SEEN` is kept: ``$SAFEKIT_CACHE_DIR`` or ``$XDG_CACHE_HOME/safekit`` (``~/.cache``)."""
    folder = os.environ.get("SAFEKIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "safekit"
    )
    with contextlib.suppress(OSError):
        os.makedirs(folder, exist_ok=True)
    return Path(folder) / "page-files.json"


def page_versions() -> str:
    """What the participant page's files depend on: when one of these changes, so may they."""

    found = []
    for name in ("safekit", "voila", "jupyterlab_widgets", "ipywidgets"):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=?")
    return " ".join(found)


SEEN = _Seen()
SUFFIXES = (".js", ".css", ".svg", ".json")


def prewarm(roots: list[str], skip: tuple[str, ...] = ()) -> int:
    """Compress every script and style under ``roots`` ahead of the room (a third of a second for
    all of them, in a thread: zlib does not hold Python's lock), so that no participant's request
    waits for it. Folders whose path contains one of ``skip`` are left out. Returns how many."""
    done = 0
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            if any(name in folder for name in skip):
                continue
            for name in files:
                if name.endswith(SUFFIXES):
                    with contextlib.suppress(OSError):
                        done += COPIES.get(os.path.join(folder, name)) is not None
    return done


_RESOLVED: dict[tuple[type, str], str] = {}  # (handler, URL path) -> the file it was found to be


class Precompressed:
    """Mixed into a :class:`tornado.web.StaticFileHandler`: gzip from memory, and cache headers.

    Finding a file is most of what serving it costs Tornado and Voilà (looking through the
    template folders, resolving links, checking it stays inside them): about half a millisecond,
    for each of the ~95 files of each of 40 pages, on the one thread that also carries the
    kernels' messages. Once a URL has been found and checked, it is remembered; a file that has
    gone since is looked for again. (This suits handlers whose checks depend on the path alone,
    as all of Voilà's file handlers do; the trainer's pages are not served by them.)"""

    compressed_copy: bytes | None = None

    async def get(self, path: str, include_body: bool = True) -> None:
        known = _RESOLVED.get((type(self), path))
        if known is not None and "Range" not in self.request.headers:
            if await compat.send_found_file(self, path, known, include_body):
                return
            _RESOLVED.pop((type(self), path), None)  # removed or replaced since: find it again
        try:
            await super().get(path, include_body)
        except (AssertionError, ValueError) as exc:  # a path no handler can parse, such as ``../``
            raise HTTPError(404) from exc
        except HTTPError as exc:  # outside the folders served: as good as not there
            raise HTTPError(404 if exc.status_code == 403 else exc.status_code) from exc
        if self.absolute_path and self.get_status() in (200, 304):  # found, and checked
            _RESOLVED[(type(self), path)] = self.absolute_path

    def set_headers(self) -> None:
        self.compressed_copy = None
        if (
            "gzip" in self.request.headers.get("Accept-Encoding", "")
            and "Range" not in self.request.headers
            and (self.get_content_type() or "").startswith(COMPRESSIBLE)
        ):
            self.compressed_copy = COPIES.get(self.absolute_path)
        super().set_headers()
        if self.request.headers.get("Sec-Fetch-Dest") in ("script", "style"):  # a page loading it
            version = self.get_query_argument("v", "")
            tag = f"?v={version}" if VERSION_TAG.fullmatch(version) else ""
            SEEN.add(self.request.path + tag, self.get_content_size())
        self.add_header("Vary", "Accept-Encoding")
        if self.compressed_copy is not None:
            gzipped = self.compressed_copy
            # get() asks the handler for the body; the class method stays for tornado's hashing
            self.get_content = lambda abspath, start=None, end=None: gzipped[start:end]
            self.set_header("Content-Encoding", "gzip")
            self.clear_header("Accept-Ranges")
        self.set_header("Cache-Control", IMMUTABLE if HASHED.search(self.request.path) else SHORT)

    def compute_etag(self) -> str | None:
        etag = super().compute_etag()
        if etag and self.compressed_copy is not None:  # a different representation: its own tag
            return etag[:-1] + '-gzip"'
        return etag

    def get_content_size(self) -> int:
        if self.compressed_copy is not None:
            return len(self.compressed_copy)
        return super().get_content_size()


def precompressed(handler: type) -> type:
    """``handler`` with :class:`Precompressed` mixed in (other handlers are returned as they are)."""
    if not (isinstance(handler, type) and issubclass(handler, StaticFileHandler)):
        return handler
    body = {}
    if compat.allows_unauthenticated(handler.get):  # Jupyter's mark for files anyone may fetch
        body["get"] = allow_unauthenticated(Precompressed.get)
    return type(f"Precompressed{handler.__name__}", (Precompressed, handler), body)
