"""OpenAPI description of the chat room endpoints (the Socket.IO protocol is in docs/CHAT.md)."""

from __future__ import annotations

from core.openapi import STRING, error_responses, json_content, obj, operation, path_parameter, ref

INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}

SCHEMAS = {
    "ChatRoom": obj(
        {
            "slug": STRING,
            "name": STRING,
            "description": STRING,
            "online": INTEGER,
            "closed": BOOLEAN,
            "slow_mode_seconds": INTEGER,
        },
        ["slug", "name", "online"],
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
        }
    ),
}


def paths() -> dict:
    """Every chat path."""
    room = {"200": {"description": "The room", "content": json_content(obj({"room": ref("ChatRoom")}))}}
    return {
        "/chat/rooms": {
            "get": operation(
                "Open rooms with the number of members in each right now",
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
                "Rename, close or reopen a room (admins); set its slow mode (moderators)",
                {**room, **error_responses(401, 403, 404, 422)},
                ref("ChatRoomChange"),
                changes_state=True,
                parameters=[path_parameter("slug", STRING)],
            )
        },
    }
