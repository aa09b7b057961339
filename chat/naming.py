"""The chat's Socket.IO names: its namespace and each room's key, shared by the handlers and by what sends
to rooms from outside a handler (queue replay, erasure, banding), so none of those imports the handlers."""

NAMESPACE = "/chat"


def room_key(room_id: int) -> str:
    """The Socket.IO room of a chat room."""
    return f"room:{room_id}"
