"""What every template can know about notifications: the manifest to link and the badge's tooltip."""

from __future__ import annotations

from flask import url_for

from forum.accounts.session import current_member
from forum.notices import excerpt, latest_unread_line, settings_for


def app_identity() -> dict:
    """What an installed app is called and looks like: neutral for members who chose it. Safari still takes
    the name and icon from the page rather than the manifest, and without an icon it would put a screenshot
    of the page on the home screen, so the page names both."""
    member = current_member()
    if member is not None and settings_for(member.id).neutral_app:
        return {
            "manifest": url_for("notify.pages.neutral_manifest"),
            "icon": url_for("static", filename="icons/neutral-192.png"),
            "name": "Anteckningar",
        }
    return {
        "manifest": url_for("notify.pages.bryggan_manifest"),
        "icon": url_for("static", filename="icons/bryggan-192.png"),
        "name": "Bryggan",
    }


def badge_tooltip() -> str | None:
    """Who wrote the newest unread notification, and how it begins."""
    member = current_member()
    return latest_unread_line(member) if member else None


def notify_context() -> dict:
    """Injected into every template of the app."""
    return {"app_identity": app_identity, "badge_tooltip": badge_tooltip, "notice_excerpt": excerpt}
