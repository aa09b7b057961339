"""Live signals for visitors: that people are here, never what they wrote or who they are.

Features register readers at app creation (`register_signal`); the home page shows what they return. The
readers answer with counts and times only: no content, titles or pseudonyms ever reach this module. Every
reading is kept for `LIVE_SIGNALS_SECONDS` per process, so a busy home page costs a few small queries every
few seconds rather than per request. Counts under `SMALL_COUNT` are shown as "fewer than 5": a visitor who
knows that their sister uses Bryggan must not learn from a "1" that she is in the chat right now.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

EXTENSION_KEY = "bryggan.live_signals"
SMALL_COUNT = 5  # counts below this are shown as "färre än 5", zero included (see docs/DESIGN.md)


class LiveSignals:
    """The registered readers and the last reading of each, with the time it was taken."""

    def __init__(self) -> None:
        self.readers: dict[str, Callable[[], Any]] = {}
        self.cached: tuple[float, dict[str, Any]] | None = None
        self.lock = threading.Lock()

    def read(self, max_age: float) -> dict[str, Any]:
        """Every signal, from the cache while it is younger than `max_age` seconds."""
        now = time.monotonic()
        with self.lock:
            if self.cached is not None and now - self.cached[0] < max_age:
                return self.cached[1]
        values = {name: read() for name, read in self.readers.items()}
        with self.lock:
            self.cached = (time.monotonic(), values)
        return values


def store(app: Flask) -> LiveSignals:
    """This app's signals, made on first use."""
    return app.extensions.setdefault(EXTENSION_KEY, LiveSignals())


def register_signal(app: Flask, name: str, read: Callable[[], Any]) -> None:
    """Add a reader: a function of no arguments, run inside a request, that returns counts or times."""
    store(app).readers[name] = read


def live_signals() -> dict[str, Any]:
    """The template global: every signal, at most `LIVE_SIGNALS_SECONDS` old."""
    return store(current_app).read(current_app.config["LIVE_SIGNALS_SECONDS"])


def shown_count(count: int) -> int | None:
    """The count a visitor may see: None (shown as "fewer than 5") for a small one, else the count."""
    return count if count >= SMALL_COUNT else None
