"""The workshop server's processes: the kernels it started, ending them, stopping in time, and
this machine's address on the room's network.

Reading processes uses Linux's ``/proc``; elsewhere (macOS, Windows) there is nothing to read,
so leftover kernels are not ended on stop and the figures the benchmarks read are empty.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

STOP_SECONDS = 30.0  # how long shutting the kernels down may take before they are ended


def child_pids(pid: int) -> list[int]:
    """Direct child processes (Linux /proc; elsewhere nothing to add)."""
    out = []
    proc = Path("/proc")
    if not proc.is_dir():
        return out
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def cpu_seconds(pid: int) -> float:
    """Processor time (user + system) a process has used so far; 0 once it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    """Resident memory of a process, MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def end_children(timeout: float = 5.0) -> list[int]:
    """Terminate (then kill) any process this server started that is still running."""
    pids = child_pids(os.getpid())
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        for p in pids:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(p, os.WNOHANG)
        time.sleep(0.05)
    for pid in pids:
        if Path(f"/proc/{pid}").exists():
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
    return pids


def stop_within(seconds: float, stop, force) -> None:
    """Run ``stop``; if it has not returned after ``seconds``, call ``force`` from another thread.

    Jupyter's shutdown of all kernels can wait for ever on a kernel that never finished starting;
    a trainer's Ctrl+C must still end the workshop."""
    timer = threading.Timer(seconds, force)
    timer.daemon = True
    timer.start()
    try:
        stop()
    finally:
        timer.cancel()


def lan_address() -> str:
    """This machine's address on the room's network (no traffic is sent to find it)."""

    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout.split()
        for addr in out:
            if "." in addr and not addr.startswith("127."):
                return addr
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        addr = socket.gethostbyname(socket.gethostname())
        if not addr.startswith("127."):
            return addr
    except OSError:
        pass
    return "127.0.0.1"
