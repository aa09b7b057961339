"""Waiting for a condition instead of sleeping a fixed time: fast when the machine is idle, patient when it
is loaded (the deadlines are generous; a passing test returns as soon as the condition holds)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# A deadline that holds on a loaded two-core machine; the condition usually holds within milliseconds.
PATIENT_SECONDS = 30.0


def wait_until(
    condition: Callable[[], T],
    timeout: float = PATIENT_SECONDS,
    interval: float = 0.05,
    message: str | Callable[[], str] = "the condition never held",
) -> T:
    """Call `condition` until it returns something truthy and return that; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            text = message() if callable(message) else message
            raise AssertionError(f"{text} (waited {timeout} s)")
        time.sleep(interval)
