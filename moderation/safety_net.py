"""The safety net: until moderators have looked, a member flagged by several others within a day stops
writing in chat; once moderators have dealt with every flagged text of theirs, the automatic mute ends.

Whose texts are whose comes from the registered `Reviewable` kinds (`moderation/reviewable.py`)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from accounts.models import User
from accounts.permissions import can_moderate
from core.database import utcnow
from core.extensions import db
from moderation.models import Flag, ReviewItem, Sanction
from moderation.reviewable import kinds


def flaggers_of_author(author_id: int, since) -> int:
    """How many different members, among those whose flags count, flagged anything this author wrote since a
    moment."""
    counted = (Flag.created_at >= since, Flag.reporter_id.is_not(None), Flag.counts.is_(True))
    flaggers: set[int] = set()
    for implementation in kinds():
        written = implementation.written_by(author_id)
        column = getattr(Flag, implementation.column)
        flaggers |= set(db.session.scalars(select(Flag.reporter_id).where(column.in_(written), *counted)))
    return len(flaggers)


AUTOMATIC_MUTE_REASON = "automatic: flagged by several members within a day, until a moderator has looked"


def apply_safety_net(author_id: int | None) -> None:
    """Until moderators have looked, a member flagged by several others within a day stops writing in chat."""
    if author_id is None:
        return
    author = db.session.get(User, author_id)
    now = utcnow()
    if author is None or can_moderate(author) or author.is_muted(now):
        return
    if flaggers_of_author(author_id, now - timedelta(days=1)) < current_app.config["SAFETY_NET_FLAGGERS"]:
        return
    author.chat_muted_until = now + timedelta(days=7)
    db.session.add(
        Sanction(
            user_id=author.id,
            kind="mute",
            until=author.chat_muted_until,
            reason=AUTOMATIC_MUTE_REASON,
            created_by_id=None,
        )
    )


def is_automatic_mute(member: User) -> bool:
    """Whether the member's current chat mute is the safety net's rather than a moderator's."""
    latest = db.session.scalar(
        select(Sanction)
        .where(Sanction.user_id == member.id, Sanction.kind == "mute")
        .order_by(Sanction.id.desc())
        .limit(1)
    )
    return (
        latest is not None
        and latest.created_by_id is None
        and latest.reason == AUTOMATIC_MUTE_REASON
        and latest.until == member.chat_muted_until
    )


def lift_automatic_mute(author_id: int | None, decided: ReviewItem) -> None:
    """Once moderators have dealt with every flagged text of a member, an automatic mute ends."""
    if author_id is None:
        return
    automatic = db.session.scalar(
        select(Sanction)
        .where(
            Sanction.user_id == author_id,
            Sanction.kind == "mute",
            Sanction.reason == AUTOMATIC_MUTE_REASON,
            Sanction.created_by_id.is_(None),
        )
        .order_by(Sanction.id.desc())
        .limit(1)
    )
    if automatic is None:
        return
    open_items = select(ReviewItem.id).where(ReviewItem.status == "pending", ReviewItem.id != decided.id)
    still_open = any(
        db.session.scalar(
            open_items.where(
                getattr(ReviewItem, implementation.column).in_(implementation.written_by(author_id))
            ).limit(1)
        )
        is not None
        for implementation in kinds()
    )
    if not still_open:
        author = db.session.get(User, author_id)
        if author.chat_muted_until == automatic.until:
            author.chat_muted_until = None
