"""What every template knows about moderation: the queue badge for moderators, warnings for members."""

from __future__ import annotations

from forum.accounts.session import current_member
from forum.permissions import can_moderate


def pending_reviews() -> int:
    """The moderators' header badge."""
    from moderation.live import pending_count

    return pending_count() if can_moderate(current_member()) else 0


def unread_warnings() -> list:
    """Warnings the signed-in member has not read yet."""
    from moderation.sanctions import pending_warnings

    member = current_member()
    return pending_warnings(member) if member else []


def unread_staff_messages() -> int:
    """The member's badge for messages from the moderators (kept on the member's row: no query)."""
    member = current_member()
    return member.unread_staff_messages if member else 0


def moderation_context() -> dict:
    """Injected into every template."""
    return {
        "pending_reviews": pending_reviews,
        "unread_warnings": unread_warnings,
        "unread_staff_messages": unread_staff_messages,
    }
