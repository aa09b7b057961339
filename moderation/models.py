"""Moderation data: a flag a member raises on a post (the moderation queue builds on these)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.database import UTCDateTime, utcnow
from core.extensions import db

FLAG_REASONS = ("spam", "harassment", "personal_info", "crisis", "other")


class Flag(db.Model):
    """One member's report that a post breaks the guidelines. One per member per post."""

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("post_id", "reporter_id"),
        Index("ix_flags_reporter_created", "reporter_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
