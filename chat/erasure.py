"""A member's chat messages in their data export, and what deleting an account does to them (an exporter and
an eraser, see accounts/export.py and accounts/deletion.py).

Erased: the messages are deleted, and every open room drops them at once (`message_removed`, as when a
moderator removes one), instead of showing them until the page is reloaded. Kept: they stay, signed
"Tidigare medlem".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, select, update

from accounts.models import Pseudonym, User
from chat.models import ChatMessage, Room
from chat.naming import NAMESPACE, room_key
from core.extensions import db, socketio


def export_messages(user: User) -> list[dict]:
    """The member's chat messages still kept, with their room."""
    return [
        {
            "id": message.id,
            "room": message.room.slug,
            "body": message.body_source,
            "created_at": message.created_at.isoformat() if message.created_at else None,
            "removed_by_moderators": message.removed_at is not None,
        }
        for message in db.session.scalars(
            select(ChatMessage).where(ChatMessage.author_id == user.id).order_by(ChatMessage.id)
        )
    ]


def erase_member_messages(
    user: User, keep_posts: bool, former: Pseudonym, now: datetime
) -> Callable[[], None] | None:
    """Delete or re-sign the member's messages (no commit); returns the announcement to make after it."""
    if keep_posts:
        db.session.execute(
            update(ChatMessage).where(ChatMessage.author_id == user.id).values(author_pseudonym_id=former.id)
        )
        return None
    removed = db.session.execute(
        select(ChatMessage.id, ChatMessage.room_id, Room.slug)
        .join(Room, Room.id == ChatMessage.room_id)
        # A message a moderator already removed has left every room.
        .where(ChatMessage.author_id == user.id, ChatMessage.removed_at.is_(None))
        .order_by(ChatMessage.id)
    ).all()
    db.session.execute(delete(ChatMessage).where(ChatMessage.author_id == user.id))
    return lambda: announce_removed(removed)


def announce_removed(removed: list[tuple[int, int, str]]) -> None:
    """Every open room (in every process, through the message queue) drops these messages."""
    for message_id, room_id, slug in removed:
        socketio.emit(
            "message_removed", {"id": message_id, "room": slug}, to=room_key(room_id), namespace=NAMESPACE
        )
