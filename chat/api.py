"""JSON API for chat rooms: the lobby list, and room management for admins (slow mode for moderators)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from accounts.session import require_member
from chat import presence, services, staff
from chat.banding import remove_outside_bands
from chat.schemas import ChatRoom, ChatRoomChange, ChatRooms, OneRoom
from core.schemas import body, documented

bp = Blueprint("rooms_api", __name__, url_prefix="/api/v1/chat")


@bp.get("/rooms")
@documented(responses={200: (ChatRooms, "Rooms")}, errors=(401,))
def list_rooms():
    """Open rooms with the number of members in each right now (age-banded ones listed to all)"""
    member = require_member()
    counts = presence.online_counts()
    rooms = [ChatRoom.of(room, counts.get(room.id, 0), member) for room in services.rooms()]
    return jsonify(ChatRooms(rooms=rooms, moderator_online=presence.moderator_online()).dump())


@bp.post("/rooms")
@documented(body=ChatRoomChange, responses={201: (OneRoom, "The room")}, errors=(401, 403, 422))
def create_room():
    """Add a room (admins)"""
    member = require_member()
    room = staff.create_room(member, body().model_dump(exclude_unset=True))
    return jsonify(OneRoom(room=ChatRoom.of(room, 0, member)).dump()), 201


@bp.patch("/rooms/<slug>")
@documented(body=ChatRoomChange, responses={200: (OneRoom, "The room")}, errors=(401, 403, 404, 422))
def update_room(slug: str):
    """Rename, close or reopen a room or set its age band (admins); set its slow mode (moderators)"""
    member = require_member()
    data = body().model_dump(exclude_unset=True)
    room = staff.update_room(member, services.get_room(slug), data)
    if "age_band" in data:
        remove_outside_bands()  # this process's sockets at once; the others' on their next sweep
    return jsonify(OneRoom(room=ChatRoom.of(room, presence.online_count(room.id), member)).dump())
