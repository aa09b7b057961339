"""Registries that features fill in at app creation (app.py), so core and accounts call features without
importing them: account exporters and erasers, retention purgers, periodic maintenance tasks and shutdown
steps. Each lives in `app.extensions`, so two apps in one process (the tests) never share one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

EXPORTERS_KEY = "bryggan.account_exporters"
ERASERS_KEY = "bryggan.account_erasers"
PURGERS_KEY = "bryggan.retention_purgers"
PERIODIC_KEY = "bryggan.periodic_tasks"
SHUTDOWN_KEY = "bryggan.shutdown_steps"

# An exporter is called with the member and returns its part of the member's export (JSON-ready).
Exporter = Callable[..., object]
# An eraser is called with the member, whether they keep their texts, the "Tidigare medlem" pseudonym and the
# time, inside the deletion's transaction (it must not commit); it may return something to run once the
# deletion is committed, such as telling open pages (accounts/deletion.py).
Eraser = Callable[..., Callable[[], None] | None]
# A purger deletes what is past its retention period (reading its days from the app's config) and returns how
# many rows of each kind went; it must not commit partly: core/retention.py runs every purger in turn.
Purger = Callable[[], dict[str, int]]


@dataclass(frozen=True)
class PeriodicTask:
    """Work for the maintenance loop (core/upkeep.py): run with the app, inside an app context, every round
    or at most once per `every` seconds (a number, or a config key read each round, so tests can shorten
    it)."""

    name: str
    run: Callable[[Flask], None]
    every: str | float | None = None

    def interval(self, app: Flask) -> float:
        """Seconds between runs (0: every round)."""
        if self.every is None:
            return 0.0
        return float(app.config[self.every]) if isinstance(self.every, str) else float(self.every)


def register_exporter(app: Flask, key: str, exporter: Exporter) -> None:
    """Let a feature add its part of a member's export under `key` (called at app creation)."""
    app.extensions.setdefault(EXPORTERS_KEY, {})[key] = exporter


def exporters(app: Flask) -> dict[str, Exporter]:
    """Every registered exporter by the key of its part."""
    return app.extensions.get(EXPORTERS_KEY, {})


def register_eraser(app: Flask, eraser: Eraser) -> None:
    """Let a feature take part in every account deletion (called at app creation), in the order registered."""
    app.extensions.setdefault(ERASERS_KEY, []).append(eraser)


def erasers(app: Flask) -> list[Eraser]:
    """Every registered eraser, in order."""
    return app.extensions.get(ERASERS_KEY, [])


def register_purger(app: Flask, purger: Purger) -> None:
    """Let a feature delete what is past its retention period, hourly and on `flask maintenance purge`."""
    app.extensions.setdefault(PURGERS_KEY, []).append(purger)


def purgers(app: Flask) -> list[Purger]:
    """Every registered purger, in order."""
    return app.extensions.get(PURGERS_KEY, [])


def register_periodic(
    app: Flask, name: str, run: Callable[[Flask], None], every: str | float | None = None
) -> None:
    """Add work to each server process's maintenance loop, run in the order registered."""
    app.extensions.setdefault(PERIODIC_KEY, []).append(PeriodicTask(name, run, every))


def periodic_tasks(app: Flask) -> list[PeriodicTask]:
    """Every registered periodic task, in order."""
    return app.extensions.get(PERIODIC_KEY, [])


def register_shutdown(app: Flask, step: Callable[[Flask], None]) -> None:
    """Add a step a cleanly stopping server process runs after its maintenance loop has stopped."""
    app.extensions.setdefault(SHUTDOWN_KEY, []).append(step)


def shutdown_steps(app: Flask) -> list[Callable[[Flask], None]]:
    """Every registered shutdown step, in order."""
    return app.extensions.get(SHUTDOWN_KEY, [])
