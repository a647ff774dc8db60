"""On the room's network: the server listens on the room address and loopback only, and with
``--tls`` it speaks HTTPS with a certificate the project's own authority signs."""

from __future__ import annotations

import json
import socket
import ssl
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from cryptography import x509

from safekit.server.processes import lan_address
from safekit.server.tls import fingerprint
from tests.support.workshop import start_workshop

pytestmark = [pytest.mark.slow]


def listening(port: int) -> set[str]:
    """Local addresses with a TCP socket listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            if width == 4:
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


@pytest.fixture(scope="module")
def room_address():
    address = lan_address()
    if address.startswith("127."):
        pytest.skip("this machine has no network address besides loopback")
    return address


def test_lan_bind_on_the_room_address_and_loopback_only_with_tls(course, tmp_path, room_address):
    ws = start_workshop(course, tmp_path / "data", tmp_path / "server.log", 0, "--lan", "--tls")
    try:
        assert listening(ws.port) == {room_address, "127.0.0.1"}
        assert ws.link.startswith(f"https://{room_address}:{ws.port}/join?s=")

        ca = tmp_path / "data" / "tls" / "ca.pem"
        for name in ("ca.pem", "ca-key.pem", "server.pem", "server-key.pem"):
            assert (tmp_path / "data" / "tls" / name).stat().st_mode & 0o777 == 0o600
        context = ssl.create_default_context(cafile=str(ca))  # verified with the project's authority
        for host in (room_address, "127.0.0.1", "localhost"):
            with urllib.request.urlopen(
                f"https://{host}:{ws.port}/join", context=context, timeout=30
            ) as resp:
                assert resp.status == 200
                cookies = resp.headers.get_all("Set-Cookie") or []
        assert cookies and all("Secure" in c for c in cookies)
        with urllib.request.urlopen(
            f"https://127.0.0.1:{ws.port}/trainer/api/state", context=context
        ) as resp:
            shown = json.load(resp)["fingerprint"]  # on the room view's join screen
        assert shown == fingerprint(x509.load_pem_x509_certificate(ca.read_bytes()))
        with pytest.raises((urllib.error.URLError, ConnectionError)):  # plain HTTP is not served
            urllib.request.urlopen(f"http://127.0.0.1:{ws.port}/join", timeout=10)
    finally:
        ws.stop()
