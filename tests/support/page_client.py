"""A participant's page without a browser: the same requests and kernel messages, no rendering.

For the room benchmark: 40 phones cannot run on the 2-core machine that also serves the room,
but the server's side of 40 joins can be reproduced exactly. A :class:`PageClient` does what the
Voilà page does in a phone's browser, in the same order:

1. GET the participant page (the server hands over a preheated kernel and tells it the query);
2. GET every script and style file the real page loads (recorded from a real Chromium visit,
   see :func:`record_assets`), six at a time like a browser;
3. GET ``/api/kernels/<id>``, open the kernel's websocket (binary ``v1.kernel.websocket.jupyter.org``
   protocol, compressed, as the page asks for), ``kernel_info_request``;
4. open the ``jupyter.widget.control`` comm and ask for ``request_states`` (what ipywidgets'
   manager does), then close it;
5. wait until the kernel has sent the app: every widget of it (``comm_open``) and the update
   that puts it into the page's root box (for a page whose widgets already exist, as in stock
   Voilà, the widget states it receives in step 4). From that moment a browser has all it needs
   to draw the first button; the time the phone then takes to draw is not measured here.

Before that it can open the join page (:meth:`PageClient.read_join_page`) and fetch ahead the
files that page lists for prefetching, as a browser does while the participant picks a name.

It keeps the websocket open until told to leave, as an open page does.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import time
import uuid
from urllib.parse import urlparse

from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

AsyncHTTPClient.configure(None, max_clients=400)

PREFETCH = re.compile(r'<link rel="prefetch" href="([^"]+)">')
V1 = "v1.kernel.websocket.jupyter.org"
KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]+)"')
ROOT_MODEL = re.compile(r'"model_id":\s*"([0-9a-f]{32})"')


def record_assets(requested: list[str], base: str) -> list[str]:
    """From the URLs a real browser requested while opening a page: the static files, as paths."""
    host = urlparse(base).netloc
    out = []
    for url in requested:
        u = urlparse(url)
        if u.netloc == host and u.path.startswith("/voila/") and not u.path.startswith("/voila/query"):
            path = u.path + (f"?{u.query}" if u.query else "")
            if path not in out:
                out.append(path)
    return out


class PageClient:
    """One page: ``url`` on the server at ``base`` (``/?p=<token>`` for a participant)."""

    def __init__(self, base: str, url: str, assets: list[str]):
        self.base, self.url, self.assets = base.rstrip("/"), url, assets
        self.times: dict[str, float] = {}
        self.error: str | None = None
        self._ws = None
        self._v1 = False
        self.protocol = ""  # the kernel websocket's, once open
        self.html = ""  # the page, once fetched
        self._session = uuid.uuid4().hex
        self._cache: dict[str, asyncio.Task] = {}  # what the join page had fetched ahead
        self.cookie = ""  # the kernel's credential, from the page
        self.kernel_id = ""

    async def read_join_page(self, join_url: str, timeout: float = 120.0) -> int:
        """Open the join page, as a participant does before pressing *Start*, and fetch the files
        it asks the browser to prefetch, six at a time, in the background. :meth:`join` then takes
        them from this "cache" (waiting for those still on their way) instead of asking again,
        as a browser does. Returns how many files it is fetching."""
        http = AsyncHTTPClient()
        page = await http.fetch(self.base + join_url, request_timeout=timeout)
        ahead = list(dict.fromkeys(html.unescape(u) for u in PREFETCH.findall(page.body.decode())))
        slots = asyncio.Semaphore(6)

        async def prefetch(path: str) -> None:
            async with slots:
                await http.fetch(self.base + path, request_timeout=timeout)

        for path in ahead:
            self._cache[path] = asyncio.ensure_future(prefetch(path))
        return len(ahead)

    async def _send(self, msg: dict) -> None:
        if self._v1:
            parts = [json.dumps(msg[k]).encode() for k in ("header", "parent_header", "metadata", "content")]
            await self._ws.write_message(serialize_msg_to_ws_v1(parts, msg["channel"]), binary=True)
        else:
            await self._ws.write_message(json.dumps(msg))

    def _decode(self, raw: str | bytes) -> dict:
        if isinstance(raw, str):  # the JSON protocol
            return json.loads(raw)
        channel, parts = deserialize_msg_from_ws_v1(raw)
        keys = ("header", "parent_header", "metadata", "content")
        return {"channel": channel, **{k: json.loads(part) for k, part in zip(keys, parts[:4], strict=False)}}

    def _msg(
        self, msg_type: str, content: dict, channel: str = "shell", metadata: dict | None = None
    ) -> dict:
        return {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": self._session,
                "username": "",
                "version": "5.3",
                "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }

    async def join(self, timeout: float = 120.0) -> float:
        """Open the page; seconds until the kernel has sent the whole app (raises on failure)."""
        http = AsyncHTTPClient()
        t0 = time.perf_counter()
        page = await http.fetch(self.base + self.url, request_timeout=timeout)
        html = self.html = page.body.decode()
        self.times["page"] = time.perf_counter() - t0
        found, root = KERNEL_ID.search(html), ROOT_MODEL.search(html)
        if not (found and root):
            raise RuntimeError(f"{self.url}: the page names no kernel or no widget ({len(html)} bytes)")
        kernel, root_model = found.group(1), root.group(1)
        # the kernel's credential, sent back to the kernel's routes as a browser does
        self.cookie = "; ".join(
            c.split(";")[0] for c in page.headers.get_list("Set-Cookie") if f"/api/kernels/{kernel}" in c
        )
        self.kernel_id = kernel

        queue = list(self.assets)

        async def fetch_assets() -> None:
            while queue:
                path = queue.pop(0)
                if path in self._cache:  # fetched ahead by the join page (or still on its way)
                    await self._cache[path]
                else:
                    await http.fetch(self.base + path, request_timeout=timeout)

        await asyncio.gather(*(fetch_assets() for _ in range(6)))
        self.times["assets"] = time.perf_counter() - t0

        headers = {"Cookie": self.cookie} if self.cookie else {}
        await http.fetch(f"{self.base}/api/kernels/{kernel}", headers=headers, request_timeout=timeout)
        host = urlparse(self.base).netloc
        self._ws = await websocket_connect(
            HTTPRequest(
                f"ws://{host}/api/kernels/{kernel}/channels?session_id={self._session}",
                headers=headers,
                request_timeout=timeout,
            ),
            max_message_size=64 * 1024 * 1024,
            compression_options={},  # offer permessage-deflate, as browsers do
            subprotocols=[V1],  # the binary protocol the Voilà page speaks
        )
        self.protocol = self._ws.selected_subprotocol or "json"
        self._v1 = self.protocol == V1
        self.times["socket"] = time.perf_counter() - t0
        await self._send(self._msg("kernel_info_request", {}))
        control = uuid.uuid4().hex
        await self._send(
            self._msg(
                "comm_open",
                {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                metadata={"version": "1.0.0"},
            )
        )
        await self._send(self._msg("comm_msg", {"comm_id": control, "data": {"method": "request_states"}}))

        opened: dict[str, dict] = {}  # model id -> state
        app_root: str | None = None
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the app did not arrive")
            raw = await asyncio.wait_for(self._ws.read_message(), left)
            if raw is None:
                raise ConnectionError("the kernel's websocket closed")
            msg = self._decode(raw)
            kind, content = msg["header"]["msg_type"], msg.get("content", {})
            if kind == "comm_msg" and content.get("comm_id") == control:
                data = content.get("data", {})
                if data.get("method") == "update_states":
                    self.times["states"] = time.perf_counter() - t0
                    await self._send(self._msg("comm_close", {"comm_id": control, "data": {}}))
                    for model, entry in data.get("states", {}).items():
                        opened[model] = dict(entry.get("state", {}), _model_name=entry.get("model_name"))
                    complete = root_model in opened and not self._missing(root_model, opened)
                    if complete and self._has_button(root_model, opened):  # its widgets all exist
                        self.times["app"] = self.times["states"]
                        return self.times["app"]
            elif kind == "comm_open" and content.get("target_name") == "jupyter.widget":
                state = content.get("data", {}).get("state", {})
                opened[content["comm_id"]] = state
            elif kind == "comm_msg" and content.get("comm_id") in opened:
                data = content.get("data", {})
                if data.get("method") == "update":
                    opened[content["comm_id"]].update(data.get("state", {}))
                children = data.get("state", {}).get("children") if data.get("method") == "update" else None
                if content["comm_id"] == root_model and children:
                    app_root = children[0].removeprefix("IPY_MODEL_")
                    missing = self._missing(app_root, opened)
                    if missing:
                        raise RuntimeError(f"the app refers to {len(missing)} widgets it never sent")
                    if not self._has_button(app_root, opened):
                        raise RuntimeError("the app arrived without a button")
                    self.times["app"] = time.perf_counter() - t0
                    return self.times["app"]

    @staticmethod
    def _refs(state: dict) -> list[str]:
        out = []
        for value in state.values():
            values = value if isinstance(value, list) else [value]
            out += [
                v.removeprefix("IPY_MODEL_")
                for v in values
                if isinstance(v, str) and v.startswith("IPY_MODEL_")
            ]
        return out

    def _missing(self, model: str, opened: dict) -> set[str]:
        missing, todo, seen = set(), [model], set()
        while todo:
            m = todo.pop()
            if m in seen:
                continue
            seen.add(m)
            if m not in opened:
                missing.add(m)
                continue
            todo += self._refs(opened[m])
        return missing

    def _has_button(self, model: str, opened: dict) -> bool:
        todo, seen = [model], set()
        while todo:
            m = todo.pop()
            if m in seen or m not in opened:
                continue
            seen.add(m)
            state = opened[m]
            if state.get("_model_name") == "ButtonModel":
                return True
            todo += self._refs(state)
        return False

    def leave(self) -> None:
        """Close the page (from within the event loop that joined)."""
        for task in self._cache.values():
            task.cancel()
        if self._ws is not None:
            self._ws.close()
            # the closing handshake would finish on this event loop, which may end right after:
            # close the connection's socket now rather than leave it to the garbage collector
            if self._ws.stream is not None:
                self._ws.stream.close()
