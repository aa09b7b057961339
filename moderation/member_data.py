"""Moderation's part of a member's data export (registered in app.py through core/registry.py): the flags
they made and the private messages between them and the moderators."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from moderation.models import Flag, StaffMessage


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC, or None."""
    return moment.isoformat() if moment else None


def flags_made(user: User) -> list[dict]:
    """The flags the member made, on a post or a chat message."""
    return [
        {
            "post_id": flag.post_id,
            "chat_message_id": flag.chat_message_id,
            "reason": flag.reason,
            "note": flag.note,
            "created_at": iso(flag.created_at),
        }
        for flag in db.session.scalars(select(Flag).where(Flag.reporter_id == user.id).order_by(Flag.id))
    ]


def staff_messages(user: User) -> list[dict]:
    """The private messages between the member and the moderators."""
    return [
        {"from_staff": message.from_staff, "body": message.body_source, "created_at": iso(message.created_at)}
        for message in db.session.scalars(
            select(StaffMessage).where(StaffMessage.member_id == user.id).order_by(StaffMessage.id)
        )
    ]
