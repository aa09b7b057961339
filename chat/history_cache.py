"""The join history of each room, rendered once and served to every member who joins until it changes.

A reconnect storm is thousands of joins of the same few rooms within seconds, and each join used to load
its 50 messages as ORM objects and shape each one (docs/PERFORMANCE.md, "Reconnect storms"). The rendered
list is kept per process and per room, and checked on every join against one index-only query: the ids of
the room's last 50 shown messages and the pseudonym each is shown under. Any change that alters what a
joiner sees changes that key, in whichever process it happened: a new message (a new id), a message hidden
or removed (an id leaves the window), restored (one comes back), an erased account (its messages move to a
former pseudonym). A room whose age band is switched on or off is keyed separately (staff marks). Message
bodies are never edited in place. So the cache cannot serve a stale history, across processes too.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from chat.models import ChatMessage, Room
from chat.shaping import message_json
from core.extensions import db

CACHE_KEY = "bryggan.chat.history"


@dataclass(frozen=True)
class RenderedHistory:
    """A room's last messages as sent on the wire, and the key they were rendered for."""

    key: tuple
    messages: list[dict]


def shown(room_id: int):
    """The room's messages a member may see."""
    return (
        ChatMessage.room_id == room_id,
        ChatMessage.removed_at.is_(None),
        ChatMessage.hidden_at.is_(None),
    )


def window_key(room: Room, length: int) -> tuple:
    """What the latest history of a room depends on, read without loading a single message."""
    rows = db.session.execute(
        select(ChatMessage.id, ChatMessage.author_pseudonym_id)
        .where(*shown(room.id))
        .order_by(ChatMessage.id.desc())
        .limit(length)
    )
    return (room.age_band is not None, tuple(tuple(row) for row in rows))


def latest(room: Room, length: int) -> list[dict]:
    """The room's last `length` shown messages, oldest first, as `message` payloads (shared: never mutate)."""
    cache = current_app.extensions.setdefault(CACHE_KEY, {})
    key = window_key(room, length)
    cached = cache.get(room.id)
    if cached is not None and cached.key == key:
        return cached.messages
    ids = [message_id for message_id, _pseudonym in key[1]]
    loaded = db.session.scalars(
        select(ChatMessage).where(ChatMessage.id.in_(ids), *shown(room.id)).order_by(ChatMessage.id)
    )
    rendered = [message_json(message) for message in loaded]
    if len(rendered) == len(ids):  # a message removed between the two reads is not cached
        cache[room.id] = RenderedHistory(key, rendered)
    return rendered
