"""The chat room API's bodies as pydantic models (the Socket.IO protocol is in docs/CHAT.md; its message
shape is chat/shaping.py). Limits come from chat.services."""

from __future__ import annotations

from pydantic import Field

from accounts.permissions import can_enter
from chat import services
from chat.models import Room as RoomRow
from chat.services import ROOM_DESCRIPTION_MAX, ROOM_NAME_MAX, SLOW_MODE_MAX_SECONDS
from core.i18n import current_language
from core.schemas import AgeBand, Answer, Body, checked_by_service
from core.text import SLUG, SLUG_MAX

AGE_BAND_DESCRIPTION = (
    "null: open to every member; else only members inside the band (and moderators) may join, read or write "
    '(others: 403 `age_band`, socket ack `{ok: false, error: {code: "age_band"}}`). Only 16–25 can be set; a '
    "new band removes the sockets outside it at once."
)


class ChatRoom(Answer):
    """The contract's `{slug, name, online, age_band}` plus the room's state and whether the member may
    enter it."""

    slug: str
    name: str
    description: str | None = None
    online: int
    closed: bool | None = None
    slow_mode_seconds: int | None = None
    age_band: AgeBand | None = Field(description=AGE_BAND_DESCRIPTION)
    can_enter: bool | None = Field(None, description="Whether the signed-in member may join")

    @classmethod
    def of(cls, room: RoomRow, online: int, member=None) -> ChatRoom:
        """In the request's language."""
        language = current_language()
        return cls(
            slug=room.slug,
            name=services.room_name(room, language),
            description=room.description_en if language == "en" else room.description_sv,
            online=online,
            closed=room.closed,
            slow_mode_seconds=room.slow_mode_seconds,
            age_band=room.age_band_json(),
            can_enter=can_enter(member, room),
        )


class ChatRooms(Answer):
    """Open rooms, and whether a moderator is in the chat."""

    rooms: list[ChatRoom]
    moderator_online: bool | None = None


class OneRoom(Answer):
    """A room, created or changed."""

    room: ChatRoom


class ChatRoomChange(Body):
    """A new room, or the fields of one to change (admins; moderators only `slow_mode_seconds`)."""

    slug: checked_by_service({"type": "string", "pattern": f"^{SLUG.pattern}$", "maxLength": SLUG_MAX}) = None
    name_sv: checked_by_service({"type": "string", "maxLength": ROOM_NAME_MAX}) = None
    name_en: checked_by_service({"type": "string", "maxLength": ROOM_NAME_MAX}) = None
    description_sv: checked_by_service({"type": "string", "maxLength": ROOM_DESCRIPTION_MAX}) = None
    description_en: checked_by_service({"type": "string", "maxLength": ROOM_DESCRIPTION_MAX}) = None
    closed: checked_by_service({"type": "boolean"}) = None
    slow_mode_seconds: checked_by_service(
        {"type": "integer", "minimum": 0, "maximum": SLOW_MODE_MAX_SECONDS}
    ) = None
    age_band: checked_by_service(
        {
            "type": "object",
            "properties": {"min": {"type": "integer"}, "max": {"type": "integer"}},
            "required": ["min", "max"],
            "nullable": True,
            "description": AGE_BAND_DESCRIPTION,
        }
    ) = None
