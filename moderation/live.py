"""Live updates for moderators: the /moderation Socket.IO namespace and the queue-changed announcement."""

from __future__ import annotations

from flask_socketio import ConnectionRefusedError, Namespace
from sqlalchemy import func, select

from core.extensions import db, socketio
from forum.permissions import can_moderate
from moderation.models import ReviewItem

NAMESPACE = "/moderation"


def pending_count() -> int:
    """Items waiting for a decision."""
    return db.session.scalar(
        select(func.count()).select_from(ReviewItem).where(ReviewItem.status == "pending")
    )


def announce_queue_change() -> None:
    """Every open moderation page refreshes its queue (through the message queue, on every process)."""
    socketio.emit("queue", {"pending": pending_count()}, namespace=NAMESPACE)


def announce_hidden_chat_message(message) -> None:
    """Everyone in the room stops seeing a chat message the moment it is hidden."""
    socketio.emit(
        "message_removed",
        {"id": message.id, "room": message.room.slug},
        to=f"room:{message.room_id}",
        namespace="/chat",
    )


class ModerationNamespace(Namespace):
    """Only moderators and admins may listen."""

    def on_connect(self, auth=None):
        from chat.events import session_member

        if not can_moderate(session_member()):
            raise ConnectionRefusedError("forbidden")


def configure_moderation_events() -> None:
    """Register the namespace once."""
    if not any(handler.namespace == NAMESPACE for handler in socketio.namespace_handlers):
        socketio.on_namespace(ModerationNamespace(NAMESPACE))
