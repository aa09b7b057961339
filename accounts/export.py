"""A member's copy of everything they wrote here: their account and pseudonyms, and each feature's part
(posts and their earlier versions, threads, chat messages still kept, flags they made, staff messages,
their own settings, push subscriptions), added by the exporters features register at app creation
(core/registry.py, wired in app.py). Read-only; one plain function the API calls."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select

from accounts.models import Pseudonym, User
from core.database import utcnow
from core.extensions import db
from core.registry import exporters

EXPORT_VERSION = 1


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC, or None."""
    return moment.isoformat() if moment else None


def export_member(user: User) -> dict:
    """Everything the member wrote, with what it was written in reply to named only by id and title."""
    pseudonyms = db.session.scalars(
        select(Pseudonym).where(Pseudonym.user_id == user.id).order_by(Pseudonym.id)
    )
    return {
        "export_version": EXPORT_VERSION,
        "exported_at": iso(utcnow()),
        "account": {
            "login_name": user.username,
            "role": user.role,
            "created_at": iso(user.created_at),
            # The one fact kept about a young member's age: the day they turn 26 (null from 26 on).
            "young_until": user.young_until.isoformat() if user.young_until else None,
            "pseudonyms": [
                {
                    "name": pseudonym.name,
                    "used_from": iso(pseudonym.created_at),
                    "retired_at": iso(pseudonym.retired_at),
                }
                for pseudonym in pseudonyms
            ],
        },
        **{key: exporter(user) for key, exporter in exporters(current_app).items()},
    }
