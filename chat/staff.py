"""What moderators and admins do to the chat's rooms and members: muting a member, slow mode, and adding or
changing rooms (audited where the contract says so)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from accounts.age_gate import parse_age_band
from accounts.models import User
from accounts.permissions import can_administer, can_moderate
from chat.models import Room
from chat.services import ROOM_DESCRIPTION_MAX, ROOM_NAME_MAX, SLOW_MODE_MAX_SECONDS, rooms
from core.database import utcnow
from core.exceptions import (
    Forbidden,
    InvalidInput,
    SlugTaken,
)
from core.extensions import db
from core.text import clean_line, clean_slug
from moderation.models import Sanction
from moderation.sanctions import sanctionable
from moderation.services import audit


def mute(moderator: User, pseudonym: object, minutes: object, reason: object) -> User:
    """Pause the chat writing of the member known by a pseudonym (current or former: moderators act on what
    they see) for some minutes, at most a week; refusals look like the forum's sanctions'."""
    if not can_moderate(moderator):
        raise Forbidden()
    member, found = sanctionable(moderator, pseudonym)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 7 * 24 * 60:
        raise InvalidInput(field="minutes")
    member.chat_muted_until = utcnow() + timedelta(minutes=minutes)
    db.session.add(
        Sanction(
            user_id=member.id,
            kind="mute",
            until=member.chat_muted_until,
            reason=reason.strip() if isinstance(reason, str) else "",
            created_by_id=moderator.id,
        )
    )
    audit(moderator, "sanction.mute", f"member {found.name}", reason, minutes=minutes)
    db.session.commit()
    return member


def set_slow_mode(moderator: User, room: Room, seconds: object) -> Room:
    """Moderators let each member write at most one message per N seconds (0 turns it off)."""
    if not can_moderate(moderator):
        raise Forbidden()
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= SLOW_MODE_MAX_SECONDS:
        raise InvalidInput(field="slow_mode_seconds")
    room.slow_mode_seconds = seconds
    audit(moderator, "room.slow_mode", f"room {room.slug}", "", seconds=seconds)
    db.session.commit()
    return room


def create_room(admin: User, data: dict) -> Room:
    """Admins add a room, for everyone or with an age band (`age_band: {min: 16, max: 25}`)."""
    if not can_administer(admin):
        raise Forbidden()
    room = Room(
        slug=clean_slug(data.get("slug")),
        name_sv=clean_line(data.get("name_sv"), "name_sv", ROOM_NAME_MAX),
        name_en=clean_line(data.get("name_en"), "name_en", ROOM_NAME_MAX),
        description_sv=clean_line(data.get("description_sv"), "description_sv", ROOM_DESCRIPTION_MAX, False)
        or "",
        description_en=clean_line(data.get("description_en"), "description_en", ROOM_DESCRIPTION_MAX, False)
        or "",
        position=len(rooms(include_closed=True)),
    )
    room.age_band = parse_age_band(data.get("age_band"))
    db.session.add(room)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise SlugTaken("room") from error
    return room


def update_room(member: User, room: Room, data: dict) -> Room:
    """Admins rename, close and reopen rooms and set their age band; moderators set slow mode.

    After a new band the caller removes the sockets outside it (chat/banding.py)."""
    if "slow_mode_seconds" in data:
        set_slow_mode(member, room, data["slow_mode_seconds"])
    admin_fields = {"name_sv", "name_en", "description_sv", "description_en", "closed", "age_band"}
    admin_fields &= set(data)
    if admin_fields and not can_administer(member):
        raise Forbidden()
    for field in ("name_sv", "name_en"):
        if field in data:
            setattr(room, field, clean_line(data[field], field, ROOM_NAME_MAX))
    for field in ("description_sv", "description_en"):
        if field in data:
            setattr(room, field, clean_line(data[field], field, ROOM_DESCRIPTION_MAX, False) or "")
    if "closed" in data:
        if not isinstance(data["closed"], bool):
            raise InvalidInput(field="closed")
        room.closed = data["closed"]
    if "age_band" in data:
        band = parse_age_band(data["age_band"])
        if band != room.age_band:
            room.age_band = band
            audit(member, "room.age_band", f"room {room.slug}", "", age_band=room.age_band_json())
    db.session.commit()
    return room
