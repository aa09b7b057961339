"""Live updates for moderators: the /moderation Socket.IO namespace and the queue-changed announcement."""

from __future__ import annotations

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, Namespace
from sqlalchemy import func, select

from accounts.models import User
from accounts.permissions import can_moderate
from accounts.session import session_member
from core.background import refused_while_database_down
from core.database import utcnow
from core.extensions import db, socketio
from moderation.models import ReviewItem

NAMESPACE = "/moderation"
WATCHERS_KEY = "bryggan.moderation_watchers"


def watchers() -> dict[str, tuple[int, int]]:
    """This process's /moderation sockets: sid -> (member id, session version at connect)."""
    return current_app.extensions.setdefault(WATCHERS_KEY, {})


def drop_former_moderators() -> int:
    """Disconnect this process's /moderation sockets whose member is no longer a moderator, is suspended or
    has ended that session (the chat sweep calls this twice a second); returns how many."""
    current = dict(watchers())
    if not current:
        return 0
    ids = {member_id for member_id, _ in current.values()}
    members = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids)))}
    now = utcnow()
    dropped = 0
    for sid, (member_id, version) in current.items():
        member = members.get(member_id)
        if (
            member is None
            or not can_moderate(member)
            or member.session_version != version
            or member.is_suspended(now)
        ):
            watchers().pop(sid, None)
            socketio.server.disconnect(sid, namespace=NAMESPACE)
            dropped += 1
    return dropped


def pending_count() -> int:
    """Items waiting for a decision."""
    return db.session.scalar(
        select(func.count()).select_from(ReviewItem).where(ReviewItem.status == "pending")
    )


def announce_queue_change() -> None:
    """Every open moderation page refreshes its queue (through the message queue, on every process)."""
    socketio.emit("queue", {"pending": pending_count()}, namespace=NAMESPACE)


class ModerationNamespace(Namespace):
    """Only moderators and admins may listen."""
    @refused_while_database_down
    def on_connect(self, auth=None):

        member = session_member()
        if not can_moderate(member):
            raise ConnectionRefusedError("forbidden")
        # Checked again on every sweep: a demoted or suspended moderator stops hearing about the queue.
        watchers()[request.sid] = (member.id, member.session_version)

    def on_disconnect(self, reason=None):
        watchers().pop(request.sid, None)


def configure_moderation_events() -> None:
    """Register the namespace once."""
    if not any(handler.namespace == NAMESPACE for handler in socketio.namespace_handlers):
        socketio.on_namespace(ModerationNamespace(NAMESPACE))
