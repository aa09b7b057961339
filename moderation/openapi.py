"""What the generated document cannot say about the moderators' API (assembled by core.openapi): the live
queue is the Socket.IO namespace `/moderation` (moderators and admins only; server → client `queue`),
described under `x-socketio` beside the queue's path. The HTTP operations are written from
moderation/schemas.py and moderation/queue_schemas.py."""

from __future__ import annotations

SCHEMAS: dict = {}

SOCKET_EVENT = {
    "namespace": "/moderation",
    "connect": "Refused (`forbidden`) unless the session is a moderator's or an admin's; a moderator who is "
    "demoted or suspended is disconnected at the next sweep",
    "server_to_client": {
        "queue": "{pending}: the number of pending items, whenever the queue changes; open moderation pages "
        "fetch the queue again"
    },
}


def paths() -> dict:
    """The socket protocol beside the queue's path (its operations come from moderation/api.py)."""
    return {"/moderation/queue": {"x-socketio": SOCKET_EVENT}}
