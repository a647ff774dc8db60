"""A real workshop server for tests and benchmarks: ``safekit workshop`` on a free port, with
its preheated kernels, started as a trainer starts it."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from safekit.server.processes import child_pids, cpu_seconds, rss_mib  # noqa: F401 - for the benchmarks


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_command(argv: list[str], env: dict, cwd: Path, log: Path, ready: str, timeout: float = 120):
    """Run a server command in its own process group until its log says ``ready``; end the group
    (and every child) when the block is left."""
    with log.open("w") as fh:
        proc = subprocess.Popen(
            argv, env=env, cwd=cwd, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + timeout
        while ready not in log.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{argv[0]} did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def kernel_pids(server_pid: int) -> list[int]:
    """Kernel processes started by the server (ipykernel, under safekit's memory ceiling)."""
    out = []
    for pid in child_pids(server_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"ipykernel" in cmdline or b"safekit.server.kernel" in cmdline:
                out.append(pid)
        except OSError:  # ended meanwhile
            continue
    return out


@dataclass
class Workshop:
    process: subprocess.Popen
    port: int
    link: str
    data_dir: Path
    project: Path
    log: Path
    pool_size: int
    log_handle: object = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def kernels(self) -> list[int]:
        return kernel_pids(self.process.pid)

    def wait_for_kernels(self, n: int, timeout: float = 30) -> list[int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.kernels()) == n:
                time.sleep(0.5)
                if len(self.kernels()) == n:
                    return self.kernels()
            time.sleep(0.2)
        return self.kernels()

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        finally:
            if self.log_handle:
                self.log_handle.close()


def start_workshop(
    project: Path,
    data_dir: Path,
    log: Path,
    pool_size: int = 2,
    *extra: str,
    exe: Path | None = None,
    env: dict[str, str] | None = None,
) -> Workshop:
    """``safekit workshop`` (by default the one beside this interpreter, else ``exe``) serving
    ``project`` from that folder, with ``env`` (by default this process's environment)."""
    port = free_port()
    env = {**(os.environ if env is None else env), "SAFEKIT_PROJECT": str(project), "SAFEKIT_LANG": "en"}
    env["PYTHONUNBUFFERED"] = "1"
    exe = exe or Path(sys.executable).parent / "safekit"
    fh = log.open("w")
    proc = subprocess.Popen(
        [
            str(exe),
            "workshop",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            "--pool-size",
            str(pool_size),
            "--joins-per-device",  # tests join many participants from this one machine
            "1000",
            "--page-opens-per-minute",  # and reload pages as often as they need
            "1000",
            *extra,
        ],
        cwd=project,
        env=env,
        stdout=fh,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        text = log.read_text()
        m = re.search(r"Participant link: (\S+)", text)
        if m:
            return Workshop(proc, port, m.group(1), data_dir, project, log, pool_size, fh)
        if proc.poll() is not None:
            fh.close()
            raise RuntimeError(f"workshop exited:\n{text}")
        time.sleep(0.2)
    proc.kill()
    fh.close()
    raise RuntimeError(f"workshop not ready:\n{log.read_text()}")
