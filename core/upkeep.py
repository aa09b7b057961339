"""The one maintenance loop of each server process: it runs the periodic tasks features registered
(core/registry.py) in order, each when due, and records when a round last finished cleanly (for /metrics).
One guarded round at a time: a failure is logged and the loop goes on with the next round."""

from __future__ import annotations

import time

from flask import Flask

from core.background import guarded
from core.extensions import socketio
from core.registry import periodic_tasks, shutdown_steps

MAINTENANCE_KEY = "bryggan.maintenance"
LAST_ROUND_KEY = "bryggan.maintenance_last_round"


def run_maintenance(app: Flask) -> None:
    """Loop for the life of the process; every round is guarded so one failure does not stop the loop."""
    # Due at once: the monotonic clock counts from the machine's boot, so 0.0 would put an hourly task off
    # until the machine has been up an hour.
    last_run: dict[str, float] = {}
    while True:
        now = time.monotonic()
        with app.app_context(), guarded("maintenance"):
            for task in periodic_tasks(app):
                if now - last_run.get(task.name, float("-inf")) >= task.interval(app):
                    task.run(app)
                    last_run[task.name] = now
            # Only reached when the round raised nothing: /metrics reports how long ago that was.
            app.extensions[LAST_ROUND_KEY] = time.time()
        socketio.sleep(app.config["CHAT_SWEEP_INTERVAL_SECONDS"])


def seconds_since_maintenance(app: Flask) -> float:
    """Seconds since the maintenance loop last finished a round cleanly; NaN before the first one."""
    last = app.extensions.get(LAST_ROUND_KEY)
    return float("nan") if last is None else time.time() - last


def start_maintenance(app: Flask) -> None:
    """Start the loop as a Socket.IO background task (a greenlet under gevent)."""
    app.extensions[MAINTENANCE_KEY] = socketio.start_background_task(run_maintenance, app)


def stop_maintenance(app: Flask) -> None:
    """On a clean shutdown: stop the loop first (so no round undoes a step), then run the shutdown steps."""
    loop = app.extensions.pop(MAINTENANCE_KEY, None)
    if hasattr(loop, "kill"):  # a greenlet
        loop.kill()
    for step in shutdown_steps(app):
        step(app)
