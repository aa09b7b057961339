"""What moderation reports on /metrics (registered in app.py): how long the oldest crisis has waited."""

from __future__ import annotations

from sqlalchemy import func, select

from core.database import utcnow
from core.extensions import db
from moderation.models import URGENCY, ReviewItem

CRISIS = URGENCY.index("crisis")


def oldest_crisis_age_seconds() -> float:
    """Seconds since the oldest pending crisis item was queued; 0 when none waits."""
    oldest = db.session.scalar(
        select(func.min(ReviewItem.created_at)).where(
            ReviewItem.status == "pending", ReviewItem.urgency == CRISIS
        )
    )
    return 0.0 if oldest is None else max((utcnow() - oldest).total_seconds(), 0.0)
