"""How long moderation keeps what it decided: resolved flags and review items for a year, audit entries for
two years (both configurable). Pending reviews are never purged: nothing is forgotten before it is decided.
A deleted post's copy, kept for the moderators, goes with the last record of its review."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from core.database import utcnow
from core.extensions import db
from forum.models import Post, PostRevision
from moderation.models import AuditEntry, Flag, ReviewItem


def purge_expired(flag_days: int, audit_days: int) -> dict[str, int]:
    """Delete resolved flags and review items and old audit entries; returns how many of each went."""
    now = utcnow()
    flag_cutoff = now - timedelta(days=flag_days)
    flags = db.session.execute(
        delete(Flag).where(Flag.resolved_at.is_not(None), Flag.resolved_at < flag_cutoff)
    ).rowcount
    reviews = db.session.execute(
        delete(ReviewItem).where(
            ReviewItem.status != "pending",
            ReviewItem.resolved_at.is_not(None),
            ReviewItem.resolved_at < flag_cutoff,
        )
    ).rowcount
    audit = db.session.execute(
        delete(AuditEntry).where(AuditEntry.at < now - timedelta(days=audit_days))
    ).rowcount
    open_flag = select(Flag.id).where(Flag.post_id == Post.id, Flag.resolved_at.is_(None)).exists()
    review = select(ReviewItem.id).where(ReviewItem.post_id == Post.id).exists()
    deleted_unreviewed = select(Post.id).where(Post.deleted_at.is_not(None), ~open_flag, ~review)
    copies = db.session.execute(
        delete(PostRevision)
        .where(PostRevision.post_id.in_(deleted_unreviewed))
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return {"flags": flags, "review_items": reviews, "audit_entries": audit, "deleted_post_copies": copies}
