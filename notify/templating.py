"""What every template can know about notifications: the manifest to link and the badge's tooltip."""

from __future__ import annotations

from flask import url_for

from forum.accounts.session import current_member
from forum.notices import excerpt, latest_unread_line, settings_for


def manifest_url() -> str:
    """The neutral manifest for members who chose it, Bryggan's own otherwise."""
    member = current_member()
    if member is not None and settings_for(member.id).neutral_app:
        return url_for("notify.pages.neutral_manifest")
    return url_for("notify.pages.bryggan_manifest")


def badge_tooltip() -> str | None:
    """Who wrote the newest unread notification, and how it begins."""
    member = current_member()
    return latest_unread_line(member) if member else None


def notify_context() -> dict:
    """Injected into every template of the app."""
    return {"manifest_url": manifest_url, "badge_tooltip": badge_tooltip, "notice_excerpt": excerpt}
