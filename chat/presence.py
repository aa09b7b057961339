"""Who is connected and in which room, shared by every server process through the database.

Each process registers itself and keeps a heartbeat; connections of a process whose heartbeat is older than
PROCESS_TIMEOUT no longer count, so a crashed process cannot leave members "online" for ever.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from accounts.models import User
from accounts.permissions import MODERATOR_ROLES
from chat.models import ChatConnection, ChatProcess, ChatRoomMember, Room
from core.database import utcnow
from core.extensions import db, socketio
from moderation.models import ModeratorDuty

PROCESS_TIMEOUT = timedelta(seconds=30)
CHAT_NAMESPACE = "/chat"


def new_process_id() -> str:
    """A unique id for this server process."""
    return uuid.uuid4().hex


# Processes known to be registered: each connect used to look its own process up first. The heartbeat
# adds the row again should it ever be missing.
registered: set[str] = set()


def register_process(process_id: str) -> None:
    """Announce a process (idempotent)."""
    if process_id in registered:
        return
    if db.session.get(ChatProcess, process_id) is None:
        db.session.add(ChatProcess(id=process_id, heartbeat_at=utcnow()))
        db.session.commit()
    registered.add(process_id)


def heartbeat(process_id: str) -> None:
    """Keep this process's connections counted, and forget processes that stopped beating."""
    now = utcnow()
    updated = db.session.execute(
        update(ChatProcess).where(ChatProcess.id == process_id).values(heartbeat_at=now)
    ).rowcount
    if not updated:
        db.session.add(ChatProcess(id=process_id, heartbeat_at=now))
    dead = select(ChatProcess.id).where(ChatProcess.heartbeat_at < now - PROCESS_TIMEOUT * 4)
    db.session.execute(delete(ChatConnection).where(ChatConnection.process_id.in_(dead)))
    db.session.execute(delete(ChatProcess).where(ChatProcess.heartbeat_at < now - PROCESS_TIMEOUT * 4))
    db.session.commit()


def unregister_process(process_id: str) -> None:
    """A clean shutdown: this process's connections end with it."""
    db.session.execute(
        delete(ChatRoomMember).where(
            ChatRoomMember.sid.in_(select(ChatConnection.sid).where(ChatConnection.process_id == process_id))
        )
    )
    db.session.execute(delete(ChatConnection).where(ChatConnection.process_id == process_id))
    db.session.execute(delete(ChatProcess).where(ChatProcess.id == process_id))
    db.session.commit()
    registered.discard(process_id)


def connect(sid: str, process_id: str, user: User, is_moderator: bool) -> None:
    """Record a new socket."""
    for attempt in range(2):
        register_process(process_id)
        db.session.add(
            ChatConnection(
                sid=sid,
                process_id=process_id,
                user_id=user.id,
                session_version=user.session_version,
                is_moderator=is_moderator,
            )
        )
        try:
            db.session.commit()
            return
        except IntegrityError:
            # Our process row was swept as dead while this process stalled: register again, once.
            db.session.rollback()
            registered.discard(process_id)
            if attempt:
                raise


def disconnect(sid: str) -> list[int]:
    """Forget a socket; returns the rooms it was in."""
    rooms = list(db.session.scalars(select(ChatRoomMember.room_id).where(ChatRoomMember.sid == sid)))
    db.session.execute(delete(ChatRoomMember).where(ChatRoomMember.sid == sid))
    db.session.execute(delete(ChatConnection).where(ChatConnection.sid == sid))
    db.session.commit()
    return rooms


def join(sid: str, room_id: int) -> bool:
    """The socket enters a room; False when it was there already."""
    if db.session.get(ChatRoomMember, (sid, room_id)) is not None:
        return False
    db.session.add(ChatRoomMember(sid=sid, room_id=room_id))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def leave(sid: str, room_id: int) -> bool:
    """The socket leaves a room; False when it was not in it."""
    removed = db.session.execute(
        delete(ChatRoomMember).where(ChatRoomMember.sid == sid, ChatRoomMember.room_id == room_id)
    ).rowcount
    db.session.commit()
    return bool(removed)


def recorded_sids(process_id: str) -> set[str]:
    """The sockets the database knows for this process."""
    return set(db.session.scalars(select(ChatConnection.sid).where(ChatConnection.process_id == process_id)))


def in_room(sid: str, room_id: int) -> bool:
    """Whether the socket has joined the room."""
    return db.session.get(ChatRoomMember, (sid, room_id)) is not None


def live_connections():
    """Connections of processes that are alive."""
    fresh = select(ChatProcess.id).where(ChatProcess.heartbeat_at >= utcnow() - PROCESS_TIMEOUT)
    return ChatConnection.process_id.in_(fresh)


def online_counts() -> dict[int, int]:
    """Distinct members online per room, for the lobby."""
    rows = db.session.execute(
        select(ChatRoomMember.room_id, func.count(func.distinct(ChatConnection.user_id)))
        .join(ChatConnection, ChatConnection.sid == ChatRoomMember.sid)
        .where(live_connections())
        .group_by(ChatRoomMember.room_id)
    )
    return dict(rows.all())


def members_in_chat() -> int:
    """Distinct members in any room now, for the home page's live signal (a count, nothing more)."""
    return db.session.scalar(
        select(func.count(func.distinct(ChatConnection.user_id)))
        .select_from(ChatRoomMember)
        .join(ChatConnection, ChatConnection.sid == ChatRoomMember.sid)
        .where(live_connections())
    )


def online_count(room_id: int) -> int:
    """Distinct members online in one room."""
    return db.session.scalar(
        select(func.count(func.distinct(ChatConnection.user_id)))
        .select_from(ChatRoomMember)
        .join(ChatConnection, ChatConnection.sid == ChatRoomMember.sid)
        .where(ChatRoomMember.room_id == room_id, live_connections())
    )


def moderator_online() -> bool:
    """Whether any moderator or admin who is on duty ("I tjänst", moderation/duty.py) has the chat open.

    The role and the duty are read now, not only as they were at connect: a moderator demoted with `flask
    users set-role` (in another process), or whose duty ended, stops counting at the next read, though their
    socket stays open for reading."""
    return (
        db.session.scalar(
            select(ChatConnection.sid)
            .join(User, User.id == ChatConnection.user_id)
            .join(ModeratorDuty, ModeratorDuty.user_id == ChatConnection.user_id)
            .where(
                ChatConnection.is_moderator.is_(True),
                User.role.in_(MODERATOR_ROLES),
                ModeratorDuty.active_until > utcnow(),
                live_connections(),
            )
            .limit(1)
        )
        is not None
    )


def stale_sids(process_id: str) -> list[str]:
    """This process's sockets whose member logged out, changed password, was deleted or suspended.

    Filtered in SQL: the sweep runs twice a second, and a busy process has thousands of sockets, nearly all
    of them fine.
    """
    now = utcnow()
    return list(
        db.session.scalars(
            select(ChatConnection.sid)
            .outerjoin(User, User.id == ChatConnection.user_id)
            .where(
                ChatConnection.process_id == process_id,
                or_(
                    User.id.is_(None),
                    User.session_version != ChatConnection.session_version,
                    User.banned.is_(True),
                    and_(User.suspended_until.is_not(None), User.suspended_until > now),
                ),
            )
        )
    )


def sids_of(user_id: int) -> list[str]:
    """Every live socket of a member, in any process."""
    return list(db.session.scalars(select(ChatConnection.sid).where(ChatConnection.user_id == user_id)))


def tell_member(user_id: int, event: str, payload: dict) -> None:
    """Send an event to each of a member's chat sockets, in whichever process holds it.

    Looked up here rather than kept as a Socket.IO room per member: such a room costs every connection
    about half a KiB for the life of the socket, and these events (sanctions) are rare."""
    for sid in sids_of(user_id):
        socketio.emit(event, payload, to=sid, namespace=CHAT_NAMESPACE)


def sockets_outside_bands(process_id: str, on: date) -> list[tuple[str, int, str, bool]]:
    """This process's sockets in age-banded rooms whose member is outside the band on that day: (sid, room
    id, room slug, whether the member has just turned 26). Moderators stay.

    In SQL, for the sweep: every supported band is 16–25 (accounts/age_gate.py), so "outside" is a
    `young_until` that is NULL or not after today."""
    rows = db.session.execute(
        select(ChatRoomMember.sid, ChatRoomMember.room_id, Room.slug, User.young_until)
        .join(ChatConnection, ChatConnection.sid == ChatRoomMember.sid)
        .join(Room, Room.id == ChatRoomMember.room_id)
        .join(User, User.id == ChatConnection.user_id)
        .where(
            ChatConnection.process_id == process_id,
            Room.age_max.is_not(None),
            User.role.not_in(("moderator", "admin")),
            or_(User.young_until.is_(None), User.young_until <= on),
        )
    )
    return [(sid, room_id, slug, young_until is not None) for sid, room_id, slug, young_until in rows]


def moderators_online() -> int:
    """How many moderators and admins have the chat open (for /metrics), with their role as it is now."""
    return db.session.scalar(
        select(func.count(func.distinct(ChatConnection.user_id)))
        .join(User, User.id == ChatConnection.user_id)
        .where(
            ChatConnection.is_moderator.is_(True),
            User.role.in_(MODERATOR_ROLES),
            live_connections(),
        )
    )
