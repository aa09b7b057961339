"""What every template can know about notifications: the installed app's manifest, icon and name."""

from __future__ import annotations

from flask import url_for

from forum.notices import excerpt
from forum.templating import header_state


def app_identity() -> dict:
    """What an installed app is called and looks like: neutral for members who chose it. Safari still takes
    the name and icon from the page rather than the manifest, and without an icon it would put a screenshot
    of the page on the home screen, so the page names both."""
    if header_state()[1]:
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


def notify_context() -> dict:
    """Injected into every template of the app."""
    return {"app_identity": app_identity, "notice_excerpt": excerpt}
