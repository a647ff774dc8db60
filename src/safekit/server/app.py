"""The workshop's Voilà application: the participant app behind a join page, with the trainer's
pages, compressed static files and a pool of preheated kernels sized for the room.

:class:`WorkshopServer` is configured like any Voilà application (traitlets), with three settings
of its own: the session's folder, the expected room size and whether it serves the room's
network. ``safekit.server.workshop`` builds that configuration and starts it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import html
import json
import os
import secrets
import signal
import ssl
import threading
import time
from pathlib import Path

import segno
from tornado.ioloop import IOLoop
from traitlets import Bool, Integer, Unicode
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler

from safekit import compat
from safekit.core.bundle import load_bundle
from safekit.core.i18n import N_, _, translate
from safekit.room.aggregate import room_state, warm_up
from safekit.server import trainer
from safekit.server.guard import (
    KERNEL_COOKIE,
    Attempts,
    Joins,
    Kernels,
    PageOpens,
    kernel_credential_required,
)
from safekit.server.join import JoinHandler
from safekit.server.layout import DENIED_EXTENSIONS, requests_dir, runtime_dir
from safekit.server.processes import STOP_SECONDS, end_children, stop_within
from safekit.server.static import SEEN, page_files_cache, page_versions, precompressed, prewarm
from safekit.sessions import Session, Store
from safekit.templating import render


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
        self.session, self.store, self.participant_link = session, store, participant_link
        self.port: int = 0  # where the server listens (see safekit.server.guard)
        self.lan_host: str | None = None
        self.fingerprint = ""  # of the certificate authority, with HTTPS
        self.bundle = load_bundle(bundle_path)
        self.language = session.language or self.bundle.languages[0]
        warm_up()  # at start, not during the first room view the trainer opens

    def state(self, lang: str) -> dict:
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
        return {
            **state,
            "code": self.session.code,
            "link": self.participant_link,
            "fingerprint": self.fingerprint,
        }


# What the page says while the app opens (English in the template; see index.html.j2).
LOADING_TEXTS = (
    N_("The workshop is opening. This takes a few seconds."),
    N_("This is taking longer than usual."),
    N_("Reload the page; your answers are kept."),
)


class ParticipantPage(compat.page_handler_telling_kernels(TornadoVoilaHandler)):
    """The Voilà page, opened only for a participant link of this session.

    A preheated kernel learns which participant it serves from a file named after it in the
    session's request folder (``safekit.apps.participant.run`` waits for it)."""

    def initialize(
        self, store: Store, requests: Path, kernels: Kernels, pool, languages, page_opens: PageOpens, **kwargs
    ) -> None:
        self.store, self.requests = store, Path(requests)
        self.kernels, self.pool, self.languages = kernels, pool, languages
        self.page_opens = page_opens
        self.language: str | None = None  # the participant's, once the page is asked for
        self.participant_token = ""
        super().initialize(**kwargs)

    async def get(self, path=None):
        token = self.get_argument("p", "")
        participant = self.store.participant(token) if token else None
        if path or participant is None:
            code = self.get_argument("s", "")
            self.redirect(f"{self.base_url}join" + (f"?s={code}" if code else ""))
            return
        self.xsrf_token  # noqa: B018 - sets the _xsrf cookie the page sends when it shuts its kernel down
        self.set_header("Referrer-Policy", "no-referrer")
        self.language, self.participant_token = participant.language, token
        wait = self.page_opens.wait(token)
        if wait:
            self.room_full(wait)
            return
        await self.end_earlier_kernel(token)
        if self.pool.full():
            self.room_full()
            return
        try:
            await super().get(path)
        except compat.RoomFull:
            self.room_full()

    async def end_earlier_kernel(self, token: str) -> None:
        """One kernel per participant: a new page of theirs ends the kernel of the one before."""
        manager = self.settings["kernel_manager"]
        live = set(manager.list_kernel_ids())
        self.kernels.forget(live)
        earlier = self.kernels.of(token)
        if earlier in live:
            with contextlib.suppress(Exception):  # ended meanwhile by the page going away
                await manager.shutdown_kernel(earlier)

    def room_full(self, wait: int = 0) -> None:
        """503 (the room is full) or 429 (this participant opened the page too often: wait
        ``wait`` seconds), on a page like the join page: no kernel is started."""
        self.clear()
        self.set_status(429 if wait else 503)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Retry-After", str(wait or 60))
        self.set_header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'")
        lang = self.language if self.language in self.languages else self.languages[0]
        self.finish(render(__package__, "full.html.j2", lang=lang, wait=wait))

    def write(self, chunk) -> None:
        """The page's first part carries the loading texts: in the participant's language."""
        if isinstance(chunk, str) and 'class="sk-loading"' in chunk:
            for msgid in LOADING_TEXTS:
                chunk = chunk.replace(msgid, html.escape(translate(msgid, self.language), quote=True))
        super().write(chunk)

    def kernel_got_request(self, kernel_id: str, query: str) -> None:
        tmp = self.requests / f"{kernel_id}.tmp"
        tmp.write_text(query, encoding="utf-8")
        tmp.replace(self.requests / f"{kernel_id}.query")
        # the kernel's credential, for its routes only (a cookie per path: a browser may hold a
        # page of another participant's at the same time)
        credential = self.kernels.give(self.participant_token, kernel_id)
        secure = "; Secure" if self.request.protocol == "https" else ""
        for route in (f"api/kernels/{kernel_id}", f"voila/api/shutdown/{kernel_id}"):
            self.add_header(
                "Set-Cookie",
                f"{KERNEL_COOKIE}={credential}; Path={self.base_url}{route}; HttpOnly; SameSite=Strict{secure}",
            )


def session_cookie_secret(session_dir: Path) -> bytes:
    """Per session, kept across restarts so that trainer cookies stay valid."""

    path = runtime_dir(session_dir) / "cookie_secret"
    if not path.exists():
        path.write_bytes(secrets.token_bytes(32))
        path.chmod(0o600)
    return path.read_bytes()


class WorkshopServer(Voila):
    """Voilà serving one workshop session: join page, participant page and trainer's pages."""

    session_dir = Unicode(help="The session's folder: its answers, course bundle and request files.").tag(
        config=True
    )
    room_size = Integer(
        0, help="Participants expected: refill the pool only while the room's kernels fit (0: no cap)."
    ).tag(config=True)
    lan = Bool(False, help="Serve the room's network: links carry this machine's LAN address.").tag(
        config=True
    )
    max_kernels = Integer(
        44, help="Kernels running at most (the room's and the pool's); a page beyond it gets 503."
    ).tag(config=True)
    joins_per_device = Integer(2, help="Participants one network address may register.").tag(config=True)
    page_opens_per_minute = Integer(6, help="Times a participant may open the page within a minute.").tag(
        config=True
    )
    tls_cert = Unicode("", help="HTTPS: the certificate file (with its chain); empty: plain HTTP.").tag(
        config=True
    )
    tls_key = Unicode("", help="HTTPS: the certificate's key file.").tag(config=True)
    tls_fingerprint = Unicode("", help="SHA-256 of the authority that signed the certificate, to show.").tag(
        config=True
    )

    def initialize(self, argv=None):
        super().initialize(argv)

        SEEN.keep_in(page_files_cache(), page_versions())
        folder = Path(self.session_dir)
        self.store = Store.for_session_dir(folder)
        self.session = self.store.session()  # with its trainer secret
        self.host = self.ip if self.lan else "127.0.0.1"  # the room address it listens on
        self.scheme = "https" if self.tls_cert else "http"
        self.participant_link = f"{self.scheme}://{self.host}:{self.port}/join?s={self.session.secret}"
        bundle = runtime_dir(folder) / "bundle.json"
        self.room = Room(self.session, self.store, bundle, self.participant_link)
        self.languages = json.loads(bundle.read_text(encoding="utf-8"))["syllabus"]["languages"]
        self.cookie_secret = session_cookie_secret(folder)
        self.kernels = Kernels(self.cookie_secret, self.max_kernels)
        self.page_opens = PageOpens(self.page_opens_per_minute)
        self.room.port, self.room.lan_host = self.port, (self.host if self.lan else None)
        self.room.fingerprint = self.tls_fingerprint

    def init_handlers(self):
        handlers = []
        kernel_routes = compat.kernel_routes()
        for spec in super().init_handlers():
            if spec[1] is TornadoVoilaHandler:
                requests = requests_dir(Path(self.session_dir))
                page = {
                    "store": self.store,
                    "requests": requests,
                    "kernels": self.kernels,
                    "page_opens": self.page_opens,
                }
                spec = (
                    spec[0],
                    ParticipantPage,
                    {**spec[2], **page, "pool": self.pool, "languages": self.languages},
                )
            elif spec[1] in kernel_routes:  # only with the credential of the kernel's page
                spec = (spec[0], kernel_credential_required(spec[1], self.kernels), *spec[2:])
            elif spec[1] is RequestInfoSocketHandler:
                continue  # kernels read their request from a file; nobody else may ask for it
            elif spec[0].rstrip("/$").endswith(("/login", "/logout")):
                continue  # no accounts here: participants hold a link, the trainer the laptop
            else:  # scripts and styles: compressed, and cached where their names allow
                spec = (spec[0], precompressed(spec[1]), *spec[2:])
            handlers.append(spec)
        index = SessionIndex(self.session, self.store)
        join = {"attempts": Attempts(), "joins": Joins(self.joins_per_device)}
        ours = [
            (
                r"/join",
                JoinHandler,
                {"sessions": index, "languages": self.languages, "drafts": self.room.bundle.drafts, **join},
            ),
            *trainer.handlers(self.room),
        ]
        return ours + handlers

    def init_settings(self):
        settings = super().init_settings()
        self.pool = compat.KernelPool(self.kernel_manager)
        self.pool.cap(self.max_kernels)  # what the room's memory holds, whoever asks
        if self.tls_cert:  # cookies only ever travel encrypted
            settings["xsrf_cookie_kwargs"] = {**settings.get("xsrf_cookie_kwargs", {}), "secure": True}
        return settings

    def stop_on_interrupt(self) -> None:
        """Ctrl+C stops the server as Voilà's own stop signal does (then :meth:`stop` runs)."""

        loop = IOLoop.current()
        loop.asyncio_loop.add_signal_handler(signal.SIGINT, loop.stop)

    def listen(self):
        if self.tls_cert:  # every address Voilà and this method listen on speaks HTTPS only
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.tls_cert, self.tls_key)
            self.app.listen = functools.partial(self.app.listen, ssl_options=context)
        if self.lan and self.ip != "127.0.0.1":  # the room's address (Voilà's ip) and this machine
            self.app.listen(self.port, "127.0.0.1")
        IOLoop.current().add_callback(self.announce)
        roots = [*self.static_paths, *self.labextensions_path]
        threading.Thread(target=prewarm, args=(roots, DENIED_EXTENSIONS), daemon=True).start()
        super().listen()

    async def announce(self):
        """Print the links and the QR code once the first preheated kernel is ready."""

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.voila_configuration.preheat_kernel:
            if self.pool.ready():
                break
            await asyncio.sleep(0.1)
        print(f"Participant link: {self.participant_link}", flush=True)
        print(f"Trainer view: {self.scheme}://127.0.0.1:{self.port}/trainer", flush=True)
        if self.tls_fingerprint:
            print(
                _("Certificate authority (SHA-256): {fingerprint}", fingerprint=self.tls_fingerprint),
                flush=True,
            )
        if self.lan:
            remote = f"{self.scheme}://{self.host}:{self.port}/trainer?t={self.session.trainer_secret}"
            print(_("Trainer view from another device: {url}", url=remote), flush=True)
        print(_("Session code: {code}", code=self.session.code), flush=True)
        print_qr(self.participant_link)

    def stop(self):
        SEEN.save()  # what pages loaded in the last second, too
        # Pool refills still waiting or starting would hold up the stop (and a refill
        # delayed for a room can wait 20 s): cancel them; their processes are ended below.
        self.pool.cancel_pending()
        folder = self.session_dir

        def force() -> None:  # the answers are in the store already: end what is left
            end_children()
            print(_("Some kernels did not stop in time; they were ended."), flush=True)
            print(_("Workshop stopped; all answers are in {path}", path=folder), flush=True)
            os._exit(0)

        try:
            stop_within(STOP_SECONDS, super().stop, force)
        finally:
            end_children()


def print_qr(link: str) -> None:
    with contextlib.suppress(Exception):  # a terminal that cannot show it: the link above is enough
        segno.make(link, error="m").terminal(compact=True)
