"""What keeps one device on the room's network from taking the workshop down or over.

- :class:`Kernels`: which participant each kernel serves, the credential (a cookie) that alone
  lets a browser use that kernel, and the room's total of kernels.
- :class:`Attempts`: wrong session codes per address, slowed down after a few.
- :class:`Joins`: how many participants one address has registered.
- :func:`kernel_credential_required`: Voilà's kernel routes, answering 403 without the credential.
- :func:`host_allowed`: the addresses the trainer's pages may be asked for by (no DNS rebinding).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections import defaultdict, deque
from collections.abc import Callable

import tornado.web

KERNEL_COOKIE = "safekit_kernel"


class Kernels:
    """Kernels given to participants' pages: one per participant, with a credential for each.

    The credential is an HMAC, with the server's cookie secret, of the participant's token and the
    kernel's id. The page that got the kernel receives it as a cookie (HttpOnly, SameSite=Strict)
    scoped to that kernel's routes; the kernel's REST routes, its websocket and Voilà's shutdown
    route refuse requests without it."""

    def __init__(self, secret: bytes, limit: int) -> None:
        self.secret, self.limit = secret, limit
        self._owner: dict[str, str] = {}  # kernel id -> token
        self._kernel: dict[str, str] = {}  # token -> kernel id

    def credential(self, token: str, kernel_id: str) -> str:
        return hmac.new(self.secret, f"{token}\n{kernel_id}".encode(), hashlib.sha256).hexdigest()

    def give(self, token: str, kernel_id: str) -> str:
        """Record that ``kernel_id`` serves ``token``; its credential."""
        self._owner[kernel_id] = token
        self._kernel[token] = kernel_id
        return self.credential(token, kernel_id)

    def of(self, token: str) -> str | None:
        """The kernel last given to the participant ``token``."""
        return self._kernel.get(token)

    def allows(self, kernel_id: str, credential: str | None) -> bool:
        token = self._owner.get(kernel_id)
        return bool(token and credential) and hmac.compare_digest(
            self.credential(token, kernel_id), str(credential)
        )

    def forget(self, live: set[str]) -> None:
        """Drop the records of kernels no longer running."""
        for kernel_id in [k for k in self._owner if k not in live]:
            token = self._owner.pop(kernel_id)
            if self._kernel.get(token) == kernel_id:
                del self._kernel[token]


def kernel_credential_required(handler: type, kernels: Kernels) -> type:
    """``handler`` (a kernel route) answering 403 unless the request carries the credential
    :class:`Kernels` issued with the page of the kernel the route names (its ``kernel_id``
    argument, or its first)."""

    def check(self, args: tuple, kwargs: dict) -> None:
        kernel_id = kwargs.get("kernel_id") or (args[0] if args else "")
        if not kernels.allows(kernel_id, self.get_cookie(KERNEL_COOKIE)):
            raise tornado.web.HTTPError(403)

    body: dict = {}
    for method in ("get", "post", "delete", "patch"):
        original = getattr(handler, method, None)
        if original is None or original is getattr(tornado.web.RequestHandler, method, None):
            continue

        def guarded(self, *args, _original=original, **kwargs):
            check(self, args, kwargs)
            return _original(self, *args, **kwargs)

        guarded.__name__ = method
        body[method] = guarded
    return type(f"Guarded{handler.__name__}", (handler,), body)


class Attempts:
    """Wrong session codes per address: after ``allowed`` within ``window`` seconds, the address
    is refused for ``lock`` seconds, twice as long for each further lock within the hour."""

    def __init__(
        self,
        allowed: int = 10,
        window: float = 60.0,
        lock: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.allowed, self.window, self.lock, self.clock = allowed, window, lock, clock
        self._wrong: dict[str, deque[float]] = defaultdict(deque)
        self._locks: dict[str, deque[float]] = defaultdict(deque)  # when each lock began
        self._until: dict[str, float] = {}

    def locked(self, address: str) -> float:
        """Seconds ``address`` must still wait (0: it may try)."""
        return max(0.0, self._until.get(address, 0.0) - self.clock())

    def wrong(self, address: str) -> None:
        now = self.clock()
        wrong = self._wrong[address]
        wrong.append(now)
        while wrong and wrong[0] <= now - self.window:
            wrong.popleft()
        if len(wrong) >= self.allowed:
            locks = self._locks[address]
            while locks and locks[0] <= now - 3600:
                locks.popleft()
            self._until[address] = now + self.lock * 2 ** min(len(locks), 4)
            locks.append(now)
            wrong.clear()


class PageOpens:
    """How often each participant opens the workshop page: every opening starts a kernel (and
    ends the one before), so after ``allowed`` openings within ``window`` seconds the next waits
    until the oldest of them is ``window`` seconds old. A participant who reloads now and then
    never notices; a script that reloads in a loop costs one kernel start every few seconds."""

    def __init__(
        self, allowed: int = 6, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.allowed, self.window, self.clock = allowed, window, clock
        self._opens: dict[str, deque[float]] = defaultdict(deque)

    def wait(self, token: str) -> int:
        """Seconds the participant must wait (0: the page may open now, and is counted)."""
        now = self.clock()
        opens = self._opens[token]
        while opens and opens[0] <= now - self.window:
            opens.popleft()
        if len(opens) >= self.allowed:
            return max(1, math.ceil(opens[0] + self.window - now))
        opens.append(now)
        return 0


class Joins:
    """Participants registered per address, up to ``allowed`` each."""

    def __init__(self, allowed: int) -> None:
        self.allowed = allowed
        self._count: dict[str, int] = defaultdict(int)

    def full(self, address: str) -> bool:
        return self._count[address] >= self.allowed

    def add(self, address: str) -> None:
        self._count[address] += 1


def host_allowed(host: str, port: int, lan_host: str | None) -> bool:
    """Whether a request's ``Host`` header names this server: loopback or the room address it
    printed, with its port. Anything else is a name that resolved here by a trick."""
    names = {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
    if lan_host:
        names.add(f"{lan_host}:{port}")
    return host.lower() in names
