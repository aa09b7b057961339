"""What every template can use: the signed-in member, help lines, and the leave-quickly address."""

from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_babel import lazy_gettext as _l

from forum.accounts.session import current_member
from forum.permissions import can_edit, can_moderate, can_reply
from forum.personal import unread_notification_count

HELP_LINES = (
    {"name": _l("Emergency"), "number": "112", "tel": "112", "key": "emergency"},
    {"name": "1177 Vårdguiden", "number": "1177", "tel": "1177", "key": "health"},
    {"name": "Självmordslinjen", "number": "90101", "tel": "90101", "key": "suicide"},
    {"name": "Anhöriglinjen", "number": "0200-239 500", "tel": "0200239500", "key": "carers"},
)


def url_with_language(lang: str) -> str:
    """The current page in another language."""
    args = request.args.to_dict()
    args["lang"] = lang
    endpoint = request.endpoint or "pages.home"
    try:
        return url_for(endpoint, **(request.view_args or {}), **args)
    except Exception:  # an error page for a path with no endpoint
        return url_for("pages.home", lang=lang)


def template_context() -> dict:
    """Injected into every template."""
    return {
        "current_user": current_member(),
        "leave_quickly_url": current_app.config["LEAVE_QUICKLY_URL"],
        "help_lines": HELP_LINES,
        "url_with_language": url_with_language,
        "unread_notifications": unread_notifications,
        "can_moderate": can_moderate,
        "can_reply": can_reply,
        "can_edit": can_edit,
    }


def unread_notifications() -> int:
    """The header badge; counted only when a page shows it."""
    member = current_member()
    return unread_notification_count(member) if member else 0


def configure_templating(app: Flask) -> None:
    """Register the context processor and Jinja options."""
    app.context_processor(template_context)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
