"""OpenAPI description of notification settings and Web Push subscriptions (assembled by core.openapi).

The live badge is the Socket.IO namespace `/member` (server → client `notifications`), described in
docs/NOTIFICATIONS.md and under `x-socketio` in the settings path below.
"""

from __future__ import annotations

from core.openapi import STRING, error_responses, obj, operation, path_parameter, ref

BOOLEAN = {"type": "boolean"}
INTEGER = {"type": "integer"}
DATETIME = {"type": "string", "format": "date-time"}

SCHEMAS = {
    "NotificationSettings": obj(
        {
            "follow_on_reply": {
                **BOOLEAN,
                "description": 'Follow a thread when replying in it ("Följ trådar som jag svarar i"); '
                "default true",
            },
            "push_details": {
                **BOOLEAN,
                "description": "Push texts name the writer and quote the post; default false (discreet: "
                '"Något nytt på Bryggan")',
            },
            "neutral_app": {
                **BOOLEAN,
                "description": 'The installed app is called "Anteckningar" with a plain icon; default false',
            },
        },
        ["follow_on_reply", "push_details", "neutral_app"],
    ),
    "PushSubscription": obj(
        {
            "id": INTEGER,
            "endpoint": {**STRING, "description": "Shown only to its member, to recognise this browser"},
            "service": {**STRING, "description": "The push service's host"},
            "created_at": DATETIME,
            "last_sent_at": {**DATETIME, "nullable": True},
        },
        ["id", "endpoint", "service", "created_at", "last_sent_at"],
    ),
}

SOCKET_EVENT = {
    "namespace": "/member",
    "server_to_client": {
        "notifications": "{unread, staff_unread, latest?: {kind: reply|mention|staff_message, author, title, "
        "excerpt}} on connect and whenever the member is told something"
    },
}


def ok(description: str, schema: dict | None = None, status: str = "200") -> dict:
    """A success response."""
    response: dict = {"description": description}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    return {status: response}


def paths() -> dict:
    """Every notification path."""
    members_only = error_responses(401, 403)
    settings = obj({"settings": ref("NotificationSettings")}, ["settings"])
    return {
        "/me/notification-settings": {
            "x-socketio": SOCKET_EVENT,
            "get": operation(
                "The member's notification settings", {**ok("Settings", settings), **members_only}
            ),
            "patch": operation(
                "Change notification settings (any subset; 422 naming a field that is not true or false)",
                {**ok("Settings", settings), **members_only, **error_responses(422)},
                obj(
                    {"follow_on_reply": BOOLEAN, "push_details": BOOLEAN, "neutral_app": BOOLEAN},
                    additional=False,
                ),
                changes_state=True,
            ),
        },
        "/me/push": {
            "get": operation(
                "Web Push: whether it is available, the VAPID public key, the member's browsers",
                {
                    **ok(
                        "Push state",
                        obj(
                            {
                                "available": BOOLEAN,
                                "public_key": {
                                    **STRING,
                                    "nullable": True,
                                    "description": "applicationServerKey (base64url P-256 point)",
                                },
                                "subscriptions": {"type": "array", "items": ref("PushSubscription")},
                            },
                            ["available", "public_key", "subscriptions"],
                        ),
                    ),
                    **members_only,
                },
            )
        },
        "/me/push/subscriptions": {
            "post": operation(
                "Register this browser for push (idempotent per endpoint); only known push services "
                "(`push_service_not_allowed`), at most PUSH_SUBSCRIPTIONS_MAX browsers (`too_many_devices`)",
                {
                    **ok("Registered", obj({"subscription": ref("PushSubscription")}), "201"),
                    **members_only,
                    **error_responses(422),
                },
                obj(
                    {
                        "endpoint": STRING,
                        "expirationTime": {"type": "number", "nullable": True},
                        "keys": obj({"p256dh": STRING, "auth": STRING}, ["p256dh", "auth"]),
                    },
                    ["endpoint", "keys"],
                ),
                changes_state=True,
            )
        },
        "/me/push/subscriptions/{subscription_id}": {
            "delete": operation(
                "Stop pushing to one of the member's browsers",
                {"204": {"description": "Removed"}, **members_only},
                changes_state=True,
                parameters=[path_parameter("subscription_id")],
            )
        },
    }
