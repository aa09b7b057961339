"""Whose flags count toward auto-hide and the safety net, and who flagged what, as moderators see it.

A flag counts only when the reporter's account was at least FLAG_MIN_ACCOUNT_AGE_HOURS old and had written
something others can read when flagging: a handful of accounts made a minute ago must not be able to hide a
thread or mute its writer. Every flag still reaches the queue.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from accounts.models import Pseudonym, User
from chat.models import ChatMessage
from core.database import utcnow
from core.extensions import db
from forum.models import Post
from moderation.models import Flag, ReviewItem


def flags_count(member: User) -> bool:
    """Whether a member's flags count toward auto-hide and the safety net: only from an account at least
    FLAG_MIN_ACCOUNT_AGE_HOURS old that has written a post or chat message others can read. Accounts made
    to gang up on someone do not count; moderators still see their flags, marked as not counted."""
    if member.created_at > utcnow() - timedelta(hours=current_app.config["FLAG_MIN_ACCOUNT_AGE_HOURS"]):
        return False
    shown_post = select(Post.id).where(
        Post.author_id == member.id, Post.deleted_at.is_(None), Post.hidden_at.is_(None)
    )
    shown_message = select(ChatMessage.id).where(
        ChatMessage.author_id == member.id, ChatMessage.removed_at.is_(None), ChatMessage.hidden_at.is_(None)
    )
    return (
        db.session.scalar(shown_post.limit(1)) is not None
        or db.session.scalar(shown_message.limit(1)) is not None
    )


def member_flags(item: ReviewItem) -> list[tuple[Flag, str | None, object]]:
    """The members' flags behind an item (open ones, or those its decision closed), oldest first, each with
    the reporter's pseudonym at the time and their account's creation (None once the account is gone)."""
    column = Flag.post_id if item.post_id is not None else Flag.chat_message_id
    which = Flag.resolved_at.is_(None) if item.resolved_at is None else Flag.resolved_at == item.resolved_at
    rows = db.session.execute(
        select(Flag, Pseudonym.name, User.created_at)
        .outerjoin(Pseudonym, Pseudonym.id == Flag.reporter_pseudonym_id)
        .outerjoin(User, User.id == Flag.reporter_id)
        .where(column == item.target_id, which, Flag.reporter_pseudonym_id.is_not(None))
        .order_by(Flag.id)
    )
    return [tuple(row) for row in rows]
