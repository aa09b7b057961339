"""Work each server process does on its own: heartbeat, cutting ended sessions, keeping age-banded rooms to
their band, crisis alerts to staff, purging old messages."""

from __future__ import annotations

import logging
import time

from flask import Flask

from chat import presence, services
from chat.banding import remove_outside_bands
from chat.events import announce_moderator_flip, kick_stale_sockets
from chat.moderating import drop_former_moderators as drop_former_room_moderators
from core.background import guarded
from core.extensions import socketio
from core.retention import purge_expired
from moderation.alerts import start_alert_check
from moderation.live import drop_former_moderators
from notify.live import kick_stale_member_sockets

log = logging.getLogger(__name__)
HEARTBEAT_INTERVAL = 10.0


def run_chat_maintenance(app: Flask) -> None:
    """Loop for the life of the process; every step is guarded so one failure does not stop the loop."""
    with app.app_context():
        process_id = services.state().process_id
    config = app.config
    # Due at once: the monotonic clock counts from the machine's boot, so 0.0 would put the first purge off
    # until the machine has been up an hour.
    last_heartbeat = last_purge = last_alert_check = float("-inf")
    while True:
        now = time.monotonic()
        with app.app_context(), guarded("chat maintenance"):
            if now - last_heartbeat >= HEARTBEAT_INTERVAL:
                presence.heartbeat(process_id)
                last_heartbeat = now
            kick_stale_sockets(process_id)
            kick_stale_member_sockets()
            remove_outside_bands()
            drop_former_moderators()
            drop_former_room_moderators()
            announce_moderator_flip()
            if now - last_alert_check >= config["CRISIS_ALERT_CHECK_SECONDS"]:
                last_alert_check = now
                start_alert_check(app)
            if now - last_purge >= config["CHAT_PURGE_INTERVAL_SECONDS"]:
                removed = {kind: count for kind, count in purge_expired().items() if count}
                if removed:
                    log.info("purged past retention: %s", removed)
                last_purge = now
            # Only reached when the round raised nothing: /metrics reports how long ago that was.
            app.extensions[LAST_ROUND_KEY] = time.time()
        socketio.sleep(config["CHAT_SWEEP_INTERVAL_SECONDS"])


MAINTENANCE_KEY = "bryggan.chat_maintenance"
LAST_ROUND_KEY = "bryggan.chat_maintenance_last_round"


def seconds_since_maintenance(app: Flask) -> float:
    """Seconds since the maintenance loop last finished a round cleanly; NaN before the first one."""
    last = app.extensions.get(LAST_ROUND_KEY)
    return float("nan") if last is None else time.time() - last


def start_chat_maintenance(app: Flask) -> None:
    """Start the loop as a Socket.IO background task (a greenlet under gevent)."""
    app.extensions[MAINTENANCE_KEY] = socketio.start_background_task(run_chat_maintenance, app)


def stop_chat_maintenance(app: Flask) -> None:
    """On a clean shutdown, this process's connections stop counting at once."""
    loop = app.extensions.pop(MAINTENANCE_KEY, None)
    if hasattr(loop, "kill"):  # a greenlet: stopped first, so no heartbeat brings the process row back
        loop.kill()
    with app.app_context(), guarded("unregistering the chat process"):
        presence.unregister_process(services.state().process_id)
