"""Moderation services. Flags on posts and chat messages are stored here; the review queue builds on them."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.database import utcnow
from core.exceptions import AlreadyFlagged, CannotFlagOwn, FlagLimitReached, InvalidInput, NotFound, TooLong
from core.extensions import db
from forum.accounts.models import User
from forum.models import Post
from forum.permissions import can_flag
from moderation.models import FLAG_REASONS, Flag

NOTE_MAX = 500


def flag_post(member: User, post: Post, reason: object, note: object = None) -> Flag:
    """A member reports a forum post."""
    if post.author_id == member.id:
        raise CannotFlagOwn()
    if not can_flag(member, post):
        raise NotFound()
    return store_flag(member, reason, note, post_id=post.id)


def flag_chat_message(member: User, message, reason: object, note: object = None) -> Flag:
    """A member reports a chat message, under the same rules as posts."""
    if message.author_id == member.id:
        raise CannotFlagOwn()
    if message.removed_at is not None:
        raise NotFound()
    return store_flag(member, reason, note, chat_message_id=message.id)


def store_flag(member: User, reason: object, note: object, **target: int) -> Flag:
    """One flag per member per target, a known reason, a short note, and a daily cap per member."""
    if reason not in FLAG_REASONS:
        raise InvalidInput("invalid_reason", field="reason")
    if note is not None and not isinstance(note, str):
        raise InvalidInput(field="note")
    note = (note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise TooLong("note", NOTE_MAX)
    ((column, target_id),) = target.items()
    already = db.session.scalar(
        select(Flag.id).where(getattr(Flag, column) == target_id, Flag.reporter_id == member.id)
    )
    if already is not None:
        raise AlreadyFlagged()
    since = utcnow() - timedelta(days=1)
    today = db.session.scalar(
        select(func.count()).select_from(Flag).where(Flag.reporter_id == member.id, Flag.created_at >= since)
    )
    if today >= current_app.config["FLAGS_PER_DAY"]:
        raise FlagLimitReached()
    flag = Flag(reporter_id=member.id, reason=reason, note=note, **target)
    db.session.add(flag)
    try:
        db.session.commit()
    except IntegrityError as error:  # the same member, twice at the same moment
        db.session.rollback()
        raise AlreadyFlagged() from error
    return flag
