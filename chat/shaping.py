"""How chat objects look on the wire (Socket.IO events and JSON)."""

from __future__ import annotations

from chat.models import ChatMessage


def message_json(message: ChatMessage) -> dict:
    """The contract's `message` event."""
    return {
        "id": message.id,
        "room": message.room.slug,
        "author": {"pseudonym": message.author_pseudonym.name},
        "body_html": message.body_html,
        "created_at": message.created_at.isoformat(),
    }
