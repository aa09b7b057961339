"""Web Push subscriptions: one row per browser that asked to be told when the tab is closed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.database import UTCDateTime, utcnow
from core.extensions import db


class PushSubscription(db.Model):
    """A push service endpoint and the browser's keys (RFC 8291); deleted with the account."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The endpoint is a capability URL: whoever knows it can push to that browser, so it is never shown
    # to anyone but its member and never logged.
    endpoint: Mapped[str] = mapped_column(Text, unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
