"""How chat objects look on the wire (Socket.IO events and JSON)."""

from __future__ import annotations

from chat.models import ChatMessage


def message_json(message: ChatMessage) -> dict:
    """The contract's `message` event; in an age-banded room the author of a moderator's message has
    `staff: true`, so young members know who is staff."""
    author = {"pseudonym": message.author_pseudonym.name}
    if message.by_staff and message.room.age_band is not None:
        author["staff"] = True
    return {
        "id": message.id,
        "room": message.room.slug,
        "author": author,
        "body_html": message.body_html,
        "created_at": message.created_at.isoformat(),
    }
