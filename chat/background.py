"""Chat's part of each server process's maintenance loop (core/upkeep.py, registered in app.py): the
heartbeat, cutting sockets whose session ended, keeping age-banded rooms to their band; and on a clean
shutdown, unregistering the process so its connections stop counting at once."""

from __future__ import annotations

from flask import Flask

from chat import presence, services
from chat.events import kick_stale_sockets
from core.background import guarded

HEARTBEAT_INTERVAL = 10.0


def heartbeat(app: Flask) -> None:
    """Tell the other processes this one is alive (its sockets keep counting)."""
    presence.heartbeat(services.state().process_id)


def kick_this_process_stale_sockets(app: Flask) -> None:
    """Disconnect this process's sockets whose session ended."""
    kick_stale_sockets(services.state().process_id)


def stop_chat_maintenance(app: Flask) -> None:
    """On a clean shutdown, this process's connections stop counting at once."""
    with app.app_context(), guarded("unregistering the chat process"):
        presence.unregister_process(services.state().process_id)
