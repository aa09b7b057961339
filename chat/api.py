"""JSON API for chat rooms: the lobby list, and room management for admins (slow mode for moderators)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from accounts.permissions import can_enter
from accounts.session import require_member
from chat import presence, services, staff
from chat.banding import remove_outside_bands
from chat.models import Room
from core.api import json_body
from core.i18n import current_language

bp = Blueprint("rooms_api", __name__, url_prefix="/api/v1/chat")


def room_json(room: Room, online: int, member=None) -> dict:
    """The contract's `{slug, name, online, age_band}` plus the room's state and whether the member may
    enter it."""
    english = current_language() == "en"
    return {
        "slug": room.slug,
        "name": services.room_name(room, current_language()),
        "description": room.description_en if english else room.description_sv,
        "online": online,
        "closed": room.closed,
        "slow_mode_seconds": room.slow_mode_seconds,
        "age_band": room.age_band_json(),
        "can_enter": can_enter(member, room),
    }


@bp.get("/rooms")
def list_rooms():
    """Open rooms with how many members are in each right now; age-banded rooms too, marked."""
    member = require_member()
    counts = presence.online_counts()
    return jsonify(
        rooms=[room_json(room, counts.get(room.id, 0), member) for room in services.rooms()],
        moderator_online=presence.moderator_online(),
    )


@bp.post("/rooms")
def create_room():
    """Admins add a room."""
    member = require_member()
    room = staff.create_room(member, json_body())
    return jsonify(room=room_json(room, 0, member)), 201


@bp.patch("/rooms/<slug>")
def update_room(slug: str):
    """Admins rename, close or reopen a room or set its age band; moderators set its slow mode."""
    member = require_member()
    data = json_body()
    room = staff.update_room(member, services.get_room(slug), data)
    if "age_band" in data:
        remove_outside_bands()  # this process's sockets at once; the others' on their next sweep
    return jsonify(room=room_json(room, presence.online_count(room.id), member))
