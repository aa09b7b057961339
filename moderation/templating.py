"""What every template knows about moderation: the queue badge for moderators, warnings for members."""

from __future__ import annotations

from sqlalchemy import select

from accounts.permissions import can_moderate
from accounts.session import current_member
from core.extensions import db
from moderation.labels import next_moderator_text
from moderation.live import pending_count
from moderation.models import ReviewItem
from moderation.rota import next_moderator_at
from moderation.sanctions import pending_warnings


def pending_reviews() -> int:
    """The moderators' header badge."""
    return pending_count() if can_moderate(current_member()) else 0


def unread_warnings() -> list:
    """Warnings the signed-in member has not read yet."""
    member = current_member()
    return pending_warnings(member) if member else []


def unread_staff_messages() -> int:
    """The member's badge for messages from the moderators (kept on the member's row: no query)."""
    member = current_member()
    return member.unread_staff_messages if member else 0


def post_decisions(views) -> dict:
    """For moderators reading a thread: the review item of each post on the page that has one, in one
    query (pages call this for staff only, so members' pages keep their statement count)."""


    if not can_moderate(current_member()):
        return {}
    ids = [view.post.id for view in views]
    if not ids:
        return {}
    items = db.session.scalars(select(ReviewItem).where(ReviewItem.post_id.in_(ids)))
    return {item.post_id: item for item in items}


def next_moderator() -> str:
    """For rooms and the home page while nobody is on duty: when the next planned shift begins, without
    naming who ("Nästa moderator är här kl. 18:00"); empty when none is planned or one is running."""
    return next_moderator_text(next_moderator_at())


def moderation_context() -> dict:
    """Injected into every template."""
    return {
        "next_moderator": next_moderator,
        "next_moderator_text": next_moderator_text,
        "post_decisions": post_decisions,
        "pending_reviews": pending_reviews,
        "unread_warnings": unread_warnings,
        "unread_staff_messages": unread_staff_messages,
    }
