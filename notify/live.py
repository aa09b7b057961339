"""The `/member` Socket.IO namespace: a signed-in member's pages hear `notifications` {unread,
staff_unread, latest: {kind, author, title, excerpt}} the moment something new arrives, in whichever
process holds their socket.

Why a room per member here, when chat/presence.py's `tell_member` looks sockets up in the database instead:
these events follow every reply to a followed thread, so they are not rare, and a database lookup per
recipient would cost more than the room. The room costs one entry in python-socketio's room table per
connection (about half a KiB); the socket itself is the tab's existing Engine.IO connection where the page
also chats (one WebSocket carries both namespaces), and nothing else is kept per connection. Emitting to
the room goes through the message queue (BRYGGAN_MESSAGE_QUEUE), so every process delivers to its own
sockets. docs/NOTIFICATIONS.md has the measurement.

A socket outlives nothing it was opened with: each process remembers which account and session version
opened its sockets (a few dozen bytes each), and `kick_stale_member_sockets` disconnects those whose session
has since ended (logout, quick exit in another tab, a password change) or whose account was suspended. It
runs before every announcement in the announcing process and on every round of each process's maintenance
loop (core/upkeep.py, every CHAT_SWEEP_INTERVAL_SECONDS), so a stale tab hears nothing more.
"""

from __future__ import annotations

import logging

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, Namespace, join_room
from sqlalchemy import select

from accounts.models import User
from accounts.session import (
    SESSION_SECRET_KEY,
    SESSION_VERSION_KEY,
    USER_ID_KEY,
    session_account,
    session_member,
)
from core.background import refused_while_database_down
from core.database import utcnow
from core.extensions import db, socketio
from core.notices import Notice
from forum.notices import latest_unread
from forum.personal import unread_notification_count, unread_notification_counts

log = logging.getLogger(__name__)
NAMESPACE = "/member"
# This process's /member sockets, per app: sid -> the session they were opened with ({uid, sv, ss}).
OPENED_WITH_KEY = "bryggan.member_sockets"


def opened_with() -> dict[str, dict]:
    """The app's record of its sockets' sessions (in app.extensions, so apps in one process stay apart)."""
    return current_app.extensions.setdefault(OPENED_WITH_KEY, {})


def member_room(user_id: int) -> str:
    """The Socket.IO room of one member's pages."""
    return f"member:{user_id}"


def counts(member: User) -> dict:
    """What the header shows: unread notifications and unread messages from the moderators."""
    return {"unread": unread_notification_count(member), "staff_unread": member.unread_staff_messages}


def kick_stale_member_sockets(members: list[User] | None = None) -> int:
    """Disconnect this process's sockets whose session has ended or whose account is now suspended (or
    gone); returns how many. One query for all of them; given the members about to be told (loaded just
    now), only their sockets are checked, with no query: the maintenance loop sweeps the rest."""
    opened = dict(opened_with())
    if members is not None:
        users = {member.id: member for member in members}
        opened = {sid: data for sid, data in opened.items() if data[USER_ID_KEY] in users}
    if not opened:
        return 0
    if members is None:
        ids = {data[USER_ID_KEY] for data in opened.values()}
        users = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids)))}
    now = utcnow()
    stale = []
    for sid, data in opened.items():
        user = users.get(data[USER_ID_KEY])
        # session_account finds the user in the session's identity map: loaded above, no query.
        if user is None or session_account(data) is None or user.is_suspended(now):
            stale.append(sid)
    for sid in stale:
        opened_with().pop(sid, None)
        socketio.server.disconnect(sid, namespace=NAMESPACE)
    return len(stale)


def tell_counts(notices: list[Notice]) -> None:
    """A notice listener: each member told gets their new counts and a line for the badge's tooltip
    (after this process's stale sockets are gone; other processes sweep theirs within a round).

    Two statements however many are told (the members, fresh, and everyone's unread count): a reply in
    a thread with many followers must not cost a query per follower, because a gevent process serves
    nothing else while SQLite answers (tests/notify/test_fanout.py holds the bound)."""
    latest = {notice.user_id: notice for notice in notices}
    # Fresh rows (the staff-message counter changes in SQL), without expiring what the request holds.
    members = db.session.scalars(
        select(User).where(User.id.in_(latest)).execution_options(populate_existing=True)
    ).all()
    kick_stale_member_sockets(members)
    unread = unread_notification_counts(members)
    for member in members:
        notice = latest[member.id]
        # The parts, not a sentence: the page words them in its own language (templates/base.html).
        parts = {
            "kind": notice.kind,
            "author": notice.author,
            "title": notice.title,
            "excerpt": notice.excerpt,
        }
        if notice.category is not None:  # a new thread in a followed category names it
            parts["category"] = notice.category
        payload = {"unread": unread[member.id], "staff_unread": member.unread_staff_messages, "latest": parts}
        socketio.emit("notifications", payload, to=member_room(member.id), namespace=NAMESPACE)


class MemberNamespace(Namespace):
    """Only signed-in, unsuspended members; the client sends nothing, it only listens."""

    @refused_while_database_down
    def on_connect(self, auth=None):
        member = session_member()
        if member is None:
            raise ConnectionRefusedError("not_signed_in")
        opened_with()[request.sid] = {
            USER_ID_KEY: member.id,
            SESSION_VERSION_KEY: member.session_version,
            SESSION_SECRET_KEY: member.session_secret,
        }
        join_room(member_room(member.id))
        # The page may be older than the last change (a reconnect after sleep): start from the truth.
        payload = counts(member)
        latest = latest_unread(member) if payload["unread"] else None
        if latest is not None:
            payload["latest"] = latest
        socketio.emit("notifications", payload, to=request.sid, namespace=NAMESPACE)

    def on_disconnect(self, reason=None):
        """Forget the socket's session (python-socketio drops the room entry with the socket)."""
        opened_with().pop(request.sid, None)


def configure_member_events() -> None:
    """Register the namespace once."""
    if not any(handler.namespace == NAMESPACE for handler in socketio.namespace_handlers):
        socketio.on_namespace(MemberNamespace(NAMESPACE))
