"""Keeping age-banded rooms to their band while sockets are open: a member outside the band (after staff gave
the room a band, or from their 26th birthday on) leaves the room at once and is told why.

Each process removes its own sockets: at once in the process that changed the band, and in every process
on its maintenance sweep (twice a second), which also notices birthdays.
"""

from __future__ import annotations

from flask_socketio import leave_room

from accounts.services import today
from chat import presence, services
from chat.events import broadcast_presence
from chat.naming import NAMESPACE, room_key
from core.extensions import socketio


def remove_outside_bands() -> int:
    """Take this process's sockets out of age-banded rooms they no longer belong in; returns how many.

    The removed socket gets `room_state` with `removed: "age_band"` (and `reason`: `aged_out` or
    `outside`), so the page can say so kindly; nothing more of the room reaches it."""
    process_id = services.state().process_id
    removed = presence.sockets_outside_bands(process_id, today())
    for sid, room_id, slug, aged_out in removed:
        leave_room(room_key(room_id), sid=sid, namespace=NAMESPACE)
        services.remember_leave(sid, room_id)
        presence.leave(sid, room_id)
        socketio.emit(
            "room_state",
            {"room": slug, "removed": "age_band", "reason": "aged_out" if aged_out else "outside"},
            to=sid,
            namespace=NAMESPACE,
        )
    for room_id in {room_id for _sid, room_id, _slug, _aged_out in removed}:
        broadcast_presence(room_id)
    return len(removed)
