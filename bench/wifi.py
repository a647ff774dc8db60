"""The room's Wi-Fi, for the benchmarks: one link of a given speed, shared by every phone.

In a training room, 40 phones reach the trainer's laptop through one access point. Whatever
one phone downloads, the others wait for: the air is shared. :class:`WifiLink` stands between
the participants and the workshop server as a TCP proxy that passes every connection's bytes,
in both directions, through one link of ``mbit`` megabits per second (first come, first served,
in chunks of 16 KiB, so that pages share it as they would share the air), and adds ``latency_ms``
each way. It counts the bytes it carried.

It runs in a process of its own, so that it neither waits for the benchmark's clients nor they
for it: ``with WifiLink(target_port, mbit=50) as link: ... link.port ... link.bytes()``.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import socket

CHUNK = 16 * 1024


class _Air:
    """One shared medium: each chunk waits until the chunks before it have been sent."""

    def __init__(self, mbit: float):
        self.rate = mbit * 1e6 / 8  # bytes per second
        self.free_at = 0.0

    async def send(self, n: int) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        self.free_at = max(now, self.free_at) + n / self.rate
        await asyncio.sleep(self.free_at - now)


async def _serve(listener: socket.socket, target: int, mbit: float, latency: float, carried) -> None:
    air = _Air(mbit)
    loop = asyncio.get_running_loop()

    async def pipe(reader, writer, count: bool) -> None:
        try:
            while data := await reader.read(CHUNK):
                await air.send(len(data))
                if count:
                    with carried.get_lock():
                        carried.value += len(data)
                loop.call_later(latency, writer.write, data)
        except (ConnectionError, OSError):
            pass
        finally:
            loop.call_later(latency, writer.close)

    async def connection(reader, writer) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            writer.close()
            return
        await asyncio.gather(pipe(reader, up_writer, False), pipe(up_reader, writer, True))

    server = await asyncio.start_server(connection, sock=listener, limit=CHUNK)
    async with server:
        await server.serve_forever()


def _run(listener: socket.socket, target: int, mbit: float, latency: float, carried) -> None:
    asyncio.run(_serve(listener, target, mbit, latency, carried))


class WifiLink:
    """A shared link of ``mbit`` Mbit/s in front of ``127.0.0.1:target``, on :attr:`port`."""

    def __init__(self, target: int, mbit: float = 50.0, latency_ms: float = 5.0):
        self.target, self.mbit, self.latency = target, mbit, latency_ms / 1000
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(512)
        self.port = self._listener.getsockname()[1]
        spawn = multiprocessing.get_context("spawn")
        self._carried = spawn.Value("q", 0)
        self._process = spawn.Process(
            target=_run, args=(self._listener, target, mbit, self.latency, self._carried), daemon=True
        )

    def bytes(self) -> int:
        """Bytes carried from the server to the phones so far."""
        return self._carried.value

    def __enter__(self) -> WifiLink:
        self._process.start()
        return self

    def __exit__(self, *exc) -> None:
        self._process.terminate()
        self._process.join(5)
        self._listener.close()
