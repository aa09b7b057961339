"""Moderation data: flags members raise on posts and chat messages (the moderation queue builds on these)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.database import UTCDateTime, utcnow
from core.extensions import db

FLAG_REASONS = ("spam", "harassment", "personal_info", "crisis", "other")


class Flag(db.Model):
    """One member's report that a forum post or a chat message breaks the guidelines.

    Exactly one target; one flag per member per target.
    """

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("post_id", "reporter_id"),
        UniqueConstraint("chat_message_id", "reporter_id"),
        Index("ix_flags_reporter_created", "reporter_id", "created_at"),
        CheckConstraint("(post_id IS NULL) <> (chat_message_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    chat_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_messages.id", ondelete="CASCADE"), index=True
    )
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
