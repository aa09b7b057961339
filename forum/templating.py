"""What every template can know about the community: the member, their notifications, permissions."""

from __future__ import annotations

import secrets

from flask import g

from accounts.permissions import can_enter, can_moderate
from accounts.session import current_member
from forum import personal
from forum.fragments import post_article
from forum.permissions import can_edit, can_reply


def header_state() -> tuple[int, bool]:
    """The badge's unread count and the neutral-app choice, read once per request when a page shows them."""
    if "header_state" not in g:
        member = current_member()
        g.header_state = personal.header_state(member) if member else (0, False)
    return g.header_state


def unread_notifications() -> int:
    """The header badge; counted only when a page shows it."""
    return header_state()[0]


def new_client_id() -> str:
    """A fresh id for a writing form, so a double click or a resent form stores the text once."""
    return secrets.token_urlsafe(16)


def community_context() -> dict:
    """Injected into every template of the app."""
    return {
        "current_user": current_member(),
        "unread_notifications": unread_notifications,
        "can_moderate": can_moderate,
        "can_reply": can_reply,
        "can_edit": can_edit,
        "can_enter": can_enter,
        "post_article": post_article,
        "new_client_id": new_client_id,
    }
