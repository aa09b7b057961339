"""Chat services: rooms, history, sending, removal, mutes and slow mode. Shared by socket events and pages."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from accounts.models import User
from accounts.permissions import can_moderate, ensure_can_enter
from chat import history_cache, presence
from chat.errors import Muted, NotInRoom, RoomClosed
from chat.models import ChatMessage, Room
from chat.rules import TokenBucket, clean_message, effective_slow_mode, slow_mode_wait
from chat.shaping import message_json
from core.database import utcnow
from core.exceptions import ClientIdReused, InvalidInput, NotFound, RateLimited
from core.extensions import db
from core.markdown import render_markdown
from core.text import clean_client_id
from moderation.live import announce_queue_change
from moderation.safety_net import is_automatic_mute
from moderation.screening import (
    MUTED_CRISIS,
    confirmed_screening,
    needs_review,
    refusal_after_storing,
    release_confirmed,
    report,
    screen,
    superseded,
)

HISTORY_LENGTH = 50
ROOM_NAME_MAX = 100
ROOM_DESCRIPTION_MAX = 300
SLOW_MODE_MAX_SECONDS = 3600
REPLAY_LIMIT = 500
STATE_KEY = "bryggan.chat"


@dataclass
class ChatState:
    """Per-process chat state kept on the app: the process id and each member's flood buckets."""

    process_id: str
    buckets: dict
    typing: dict
    last_sent: dict
    # Live sockets without a row at the last sweep, with when each was first seen so.
    unrecorded: dict = dataclass_field(default_factory=dict)
    unlive: set = dataclass_field(default_factory=set)  # rows without a live socket at the last sweep
    # Presence coalescing: when each room's count last went out, and rooms with a count still to send.
    presence_sent: dict = dataclass_field(default_factory=dict)
    presence_pending: set = dataclass_field(default_factory=set)
    # The rooms each of this process's sockets has joined (the database holds the same for every process;
    # this copy spares a query on every message).
    joined: dict = dataclass_field(default_factory=dict)
    # Whether a moderator is online anywhere, and when that was last read from the database.
    moderators_online: bool = False
    moderators_read_at: float | None = None
    # What this process last told the rooms ("moderators"), by a connect, a disconnect or the sweep: the
    # sweep compares with it, so a change right after a connect's announcement is not missed.
    moderators_announced: bool | None = None
    # Each member's allowance of crisis texts published past the flood limits.
    crisis_buckets: dict = dataclass_field(default_factory=dict)


def state() -> ChatState:
    """This process's chat state (created on first use)."""
    existing = current_app.extensions.get(STATE_KEY)
    if existing is None:
        existing = ChatState(process_id=presence.new_process_id(), buckets={}, typing={}, last_sent={})
        current_app.extensions[STATE_KEY] = existing
    return existing


def room_name(room: Room, language: str) -> str:
    """The room's name in a language."""
    return room.name_en if language == "en" else room.name_sv


def rooms(include_closed: bool = False) -> list[Room]:
    """Rooms in their set order."""
    query = select(Room).order_by(Room.position, Room.id)
    if not include_closed:
        query = query.where(Room.closed.is_(False))
    return list(db.session.scalars(query))


def get_room(slug: object) -> Room:
    """A room by slug, or 404."""
    room = db.session.scalar(select(Room).where(Room.slug == slug)) if isinstance(slug, str) else None
    if room is None:
        raise NotFound()
    return room


def room_for(member: User, slug: object) -> Room:
    """A room the member may enter: 404 for none, 403 `age_band` outside an age-banded room's band (before
    anything of the room, its history above all, is read)."""
    room = get_room(slug)
    ensure_can_enter(member, room)
    return room


def database_id(value: object) -> bool:
    """An integer id the database can hold (booleans are not ids)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


def history(room: Room, since_id: object = None) -> tuple[list[ChatMessage], bool]:
    """The last 50 messages, or with `since_id` every message after it (oldest first, at most 500: the
    second value says whether there are more, so the client asks again from the last one it got)."""
    query = select(ChatMessage).where(
        ChatMessage.room_id == room.id, ChatMessage.removed_at.is_(None), ChatMessage.hidden_at.is_(None)
    )
    if since_id is None:
        latest = list(db.session.scalars(query.order_by(ChatMessage.id.desc()).limit(HISTORY_LENGTH)))
        return latest[::-1], False
    if not database_id(since_id):
        raise InvalidInput(field="since_id")
    replay = list(
        db.session.scalars(
            query.where(ChatMessage.id > since_id).order_by(ChatMessage.id).limit(REPLAY_LIMIT + 1)
        )
    )
    return replay[:REPLAY_LIMIT], len(replay) > REPLAY_LIMIT


def rendered_history(room: Room, since_id: object = None) -> tuple[list[dict], bool]:
    """`history` as `message` payloads; the latest 50 come from the per-room cache (chat/history_cache.py).
    Rendered before anything commits, which would expire the loaded messages and reload each one."""
    if since_id is None:
        return history_cache.latest(room, HISTORY_LENGTH), False
    messages, truncated = history(room, since_id)
    return [message_json(message) for message in messages], truncated


def stored_since(moment) -> list[ChatMessage]:
    """Shown messages of every room stored from that moment on (oldest first, at most REPLAY_LIMIT)."""
    query = (
        select(ChatMessage)
        .where(
            ChatMessage.created_at >= moment,
            ChatMessage.removed_at.is_(None),
            ChatMessage.hidden_at.is_(None),
        )
        .order_by(ChatMessage.id)
        .limit(REPLAY_LIMIT)
    )
    return list(db.session.scalars(query))


MODERATOR_PRESENCE_MAX_AGE = 1.0


def moderator_online(fresh: bool = False) -> bool:
    """Whether any moderator is connected to any process, read at most once a second (every message's
    slow-mode check needs it; the maintenance sweep and moderators' own connects refresh it sooner)."""
    chat = state()
    now = time.monotonic()
    if fresh or chat.moderators_read_at is None or now - chat.moderators_read_at > MODERATOR_PRESENCE_MAX_AGE:
        chat.moderators_online = presence.moderator_online()
        chat.moderators_read_at = now
    return chat.moderators_online


def remember_join(sid: str, room_id: int) -> None:
    """This process's record that a socket is in a room."""
    state().joined.setdefault(sid, set()).add(room_id)


def remember_leave(sid: str, room_id: int | None = None) -> None:
    """A socket left one room (or, with no room, disconnected)."""
    joined = state().joined
    if room_id is None:
        joined.pop(sid, None)
    elif sid in joined:
        joined[sid].discard(room_id)


def current_slow_mode(room: Room) -> int:
    """Seconds between messages in the room right now (tighter when no moderator is online)."""
    return effective_slow_mode(
        room.slow_mode_seconds,
        moderator_online(),
        current_app.config["CHAT_UNMODERATED_SLOW_MODE_SECONDS"],
    )


def check_flood(member: User, room: Room, now: float) -> None:
    """The member's token bucket, then the room's slow mode; refuse with how long to wait."""
    chat = state()
    config = current_app.config
    bucket = chat.buckets.get(member.id)
    if bucket is None:
        bucket = chat.buckets[member.id] = TokenBucket.full(
            config["CHAT_BURST"], config["CHAT_MESSAGES_PER_SECOND"], now
        )
    if can_moderate(member):
        return
    wait = slow_mode_wait(chat.last_sent.get((member.id, room.id)), now, current_slow_mode(room))
    if wait > 0:
        raise RateLimited(wait, "chat.slow_mode")
    if not bucket.take(now):
        raise RateLimited(bucket.wait_time(now), "chat.flooding")
    # Claimed before any further I/O: sends arriving together in parallel greenlets see it at once.
    chat.last_sent[(member.id, room.id)] = now


def send(
    member: User,
    room: Room,
    sid: str,
    body: object,
    client_id: object = None,
    confirm_personal_data: object = False,
) -> tuple[ChatMessage, bool]:
    """Store a message (rendered once) and say whether it is new; a retry with the same client id is not."""
    ensure_can_enter(member, room)  # from the member row loaded for this event: no query
    if room.closed:
        raise RoomClosed()
    if room.id not in state().joined.get(sid, ()):
        raise NotInRoom()
    client_id = clean_client_id(client_id)
    body = clean_message(body)
    now = utcnow()
    if client_id is not None:
        existing = db.session.scalar(
            select(ChatMessage).where(ChatMessage.author_id == member.id, ChatMessage.client_id == client_id)
        )
        if existing is not None:
            if existing.room_id != room.id:
                raise ClientIdReused()  # the id of a message in another room: not a retry
            if not superseded(existing, body, chat_message_id=existing.id):
                return confirmed_retry(member, existing, confirm_personal_data, now)
    # Screening comes before every refusal: a crisis text is never stopped by a mute, slow mode or flood
    # limit.
    screening = screen(body, confirm_personal_data, member, room.age_band is not None)
    muted = member.is_muted(now)
    if muted and not screening.crisis:
        raise Muted(member.chat_muted_until, is_automatic_mute(member))
    if screening.crisis:
        state().last_sent[(member.id, room.id)] = time.monotonic()
        if not crisis_allowance(member, time.monotonic()):
            # Never refused, but past a generous allowance held for moderators rather than published: crisis
            # words must not become a way around the flood limits.
            screening = replace(screening, holds=(*screening.holds, MANY_CRISIS_TEXTS))
    else:
        check_flood(member, room, time.monotonic())
    message = ChatMessage(
        room=room,
        author_id=member.id,
        author_pseudonym=member.pseudonym,
        body_source=body,
        body_html=render_markdown(body),
        client_id=client_id,
        created_at=now,
        by_staff=can_moderate(member),
    )
    db.session.add(message)
    session = db.session()
    # Nothing else writes these rows during the event, so the message need not be read back after the
    # commit just to broadcast it (one query less on every message).
    session.expire_on_commit = False
    try:
        db.session.flush()
        if muted:
            # Not published, but the moderators see it first in their queue.
            screening = replace(screening, holds=(*screening.holds, MUTED_CRISIS))
        report(screening, message, chat_message_id=message.id)
        db.session.commit()
    except IntegrityError:  # the same retry arrived twice at once
        db.session.rollback()
        existing = db.session.scalar(
            select(ChatMessage).where(ChatMessage.author_id == member.id, ChatMessage.client_id == client_id)
        )
        if existing is None:
            raise
        return existing, False
    finally:
        session.expire_on_commit = True
    message.screening = screening
    if needs_review(screening):
        announce_queue_change()
    if muted:
        raise Muted(member.chat_muted_until, is_automatic_mute(member), crisis_support=True)
    refusal_after_storing(screening)
    return message, True


MANY_CRISIS_TEXTS = "many crisis texts in a short time"


def crisis_allowance(member: User, now: float) -> bool:
    """Whether the member's crisis texts are still within CHAT_CRISIS_BURST, refilled at one every
    CHAT_CRISIS_REFILL_SECONDS (past it they are held, not refused)."""
    config = current_app.config
    buckets = state().crisis_buckets
    bucket = buckets.get(member.id)
    if bucket is None:
        bucket = buckets[member.id] = TokenBucket.full(
            config["CHAT_CRISIS_BURST"], 1 / config["CHAT_CRISIS_REFILL_SECONDS"], now
        )
    return bucket.take(now)


def confirmed_retry(member: User, existing: ChatMessage, confirm: object, now) -> tuple[ChatMessage, bool]:
    """A retry of a stored message: a crisis text held for its personal data is published when its writer
    confirms it (unless they were muted since); anything else is simply the message stored before."""
    if (
        confirm is True
        and not member.is_muted(now)
        and release_confirmed(existing, chat_message_id=existing.id)
    ):
        db.session.commit()  # shown from now on
        existing.screening = confirmed_screening(existing.body_source)
        return existing, True
    return existing, False


def get_message(message_id: object, member: User | None = None) -> ChatMessage:
    """A message that has not been removed, or 404; with a member, 403 `age_band` for a message in an
    age-banded room they are outside of."""
    if message_id is not None and not database_id(message_id):
        raise InvalidInput(field="message_id")
    message = db.session.get(ChatMessage, message_id) if message_id is not None else None
    if message is None or message.removed_at is not None:
        raise NotFound()
    if member is not None:
        ensure_can_enter(member, message.room)
    return message


def purge_expired(retention_days: int) -> int:
    """Delete chat messages older than the retention period; returns how many went."""
    cutoff = utcnow() - timedelta(days=retention_days)
    deleted = db.session.execute(delete(ChatMessage).where(ChatMessage.created_at < cutoff)).rowcount
    db.session.commit()
    return deleted


def room_choices(language: str) -> list[tuple[str, str]]:
    """(slug, name) of every open room, in their order: what other features may offer as links."""
    return [(room.slug, room_name(room, language)) for room in rooms()]
