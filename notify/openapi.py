"""What the generated document cannot say about notifications (assembled by core.openapi): the live badge is
the Socket.IO namespace `/member` (server → client `notifications`), described in docs/NOTIFICATIONS.md and
under `x-socketio` beside the settings path. The HTTP operations are written from notify/schemas.py.
"""

from __future__ import annotations

SCHEMAS: dict = {}

SOCKET_EVENT = {
    "namespace": "/member",
    "server_to_client": {
        "notifications": "{unread, staff_unread, latest?: {kind: reply|mention|staff_message, author, title, "
        "excerpt}} on connect and whenever the member is told something"
    },
}


def paths() -> dict:
    """The socket protocol beside the settings path (its operations come from notify/api.py)."""
    return {"/me/notification-settings": {"x-socketio": SOCKET_EVENT}}
