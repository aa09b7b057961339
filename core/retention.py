"""Every retention rule in one call, run hourly by each server process's maintenance loop and by
`flask maintenance purge`. The rules belong to their features, which register them at app creation
(app.py: chat messages, resolved moderation, staff messages, stale search rows, `users.young_until`,
unfinished library uploads); config/defaults.py holds their periods."""

from __future__ import annotations

import logging

from flask import Flask, current_app

from core.registry import purgers

log = logging.getLogger(__name__)


def purge_expired() -> dict[str, int]:
    """Delete what is past its retention period; returns how many rows of each kind went."""
    removed: dict[str, int] = {}
    for purger in purgers(current_app):
        removed.update(purger())
    return removed


def purge_periodically(app: Flask) -> None:
    """The maintenance loop's hourly purge, logged when it removed anything."""
    removed = {kind: count for kind, count in purge_expired().items() if count}
    if removed:
        log.info("purged past retention: %s", removed)
