"""JSON API for chat rooms: the lobby list, and room management for admins (slow mode for moderators)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from chat import presence, services
from chat.models import Room
from core.api import json_body
from core.i18n import current_language
from forum.accounts.session import require_member

bp = Blueprint("rooms_api", __name__, url_prefix="/api/v1/chat")


def room_json(room: Room, online: int) -> dict:
    """The contract's `{slug, name, online}` plus the room's state."""
    english = current_language() == "en"
    return {
        "slug": room.slug,
        "name": services.room_name(room, current_language()),
        "description": room.description_en if english else room.description_sv,
        "online": online,
        "closed": room.closed,
        "slow_mode_seconds": room.slow_mode_seconds,
    }


@bp.get("/rooms")
def list_rooms():
    """Open rooms with how many members are in each right now."""
    require_member()
    counts = presence.online_counts()
    return jsonify(
        rooms=[room_json(room, counts.get(room.id, 0)) for room in services.rooms()],
        moderator_online=presence.moderator_online(),
    )


@bp.post("/rooms")
def create_room():
    """Admins add a room."""
    room = services.create_room(require_member(), json_body())
    return jsonify(room=room_json(room, 0)), 201


@bp.patch("/rooms/<slug>")
def update_room(slug: str):
    """Admins rename, close or reopen a room; moderators set its slow mode."""
    member = require_member()
    room = services.update_room(member, services.get_room(slug), json_body())
    return jsonify(room=room_json(room, presence.online_count(room.id)))
