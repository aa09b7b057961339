"""OpenAPI description of the chat room endpoints (the Socket.IO protocol is in docs/CHAT.md)."""

from __future__ import annotations

from core.openapi import STRING, error_responses, json_content, obj, operation, path_parameter, ref

INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
AGE_BAND = {
    "allOf": [ref("AgeBand")],
    "nullable": True,
    "description": "null: open to every member; else only members inside the band (and moderators) may join, "
    'read or write (others: 403 `age_band`, socket ack `{ok: false, error: {code: "age_band"}}`). Only '
    "16–25 can be set; a new band removes the sockets outside it at once.",
}

SCHEMAS = {
    "ChatRoom": obj(
        {
            "slug": STRING,
            "name": STRING,
            "description": STRING,
            "online": INTEGER,
            "closed": BOOLEAN,
            "slow_mode_seconds": INTEGER,
            "age_band": AGE_BAND,
            "can_enter": {"type": "boolean", "description": "Whether the signed-in member may join"},
        },
        ["slug", "name", "online", "age_band"],
    ),
    "ChatRoomChange": obj(
        {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 60},
            "name_sv": {"type": "string", "maxLength": 100},
            "name_en": {"type": "string", "maxLength": 100},
            "description_sv": {"type": "string", "maxLength": 300},
            "description_en": {"type": "string", "maxLength": 300},
            "closed": BOOLEAN,
            "slow_mode_seconds": {"type": "integer", "minimum": 0, "maximum": 3600},
            "age_band": AGE_BAND,
        }
    ),
}


def paths() -> dict:
    """Every chat path."""
    room = {"200": {"description": "The room", "content": json_content(obj({"room": ref("ChatRoom")}))}}
    return {
        "/chat/rooms": {
            "get": operation(
                "Open rooms with the number of members in each right now (age-banded ones listed to all)",
                {
                    "200": {
                        "description": "Rooms",
                        "content": json_content(
                            obj(
                                {
                                    "rooms": {"type": "array", "items": ref("ChatRoom")},
                                    "moderator_online": BOOLEAN,
                                },
                                ["rooms"],
                            )
                        ),
                    },
                    **error_responses(401),
                },
            ),
            "post": operation(
                "Add a room (admins)",
                {"201": room["200"], **error_responses(401, 403, 422)},
                ref("ChatRoomChange"),
                changes_state=True,
            ),
        },
        "/chat/rooms/{slug}": {
            "patch": operation(
                "Rename, close or reopen a room or set its age band (admins); set its slow mode (moderators)",
                {**room, **error_responses(401, 403, 404, 422)},
                ref("ChatRoomChange"),
                changes_state=True,
                parameters=[path_parameter("slug", STRING)],
            )
        },
    }
