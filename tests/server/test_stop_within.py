"""A workshop's stop cannot hang: what does not stop in time is ended."""

from __future__ import annotations

import threading
import time

from safekit.server.processes import stop_within


def test_a_stop_that_hangs_is_forced():
    forced = threading.Event()
    release = threading.Event()

    def hanging_stop():  # like a kernel shutdown waiting for a kernel that never started
        release.wait(5)

    def force():
        forced.set()
        release.set()  # in the server: end the kernels and exit

    started = time.monotonic()
    stop_within(0.2, hanging_stop, force)
    assert forced.is_set() and time.monotonic() - started < 2


def test_a_stop_in_time_is_left_alone():
    forced = threading.Event()
    stop_within(0.5, lambda: None, forced.set)
    time.sleep(0.7)
    assert not forced.is_set()
