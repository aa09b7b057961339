"""What features do when a member signs out or leaves quickly: each registers a hook at app creation (Web
Push forgets this browser, or every browser on quick exit), and a hook's failure never blocks the exit."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, current_app

from accounts.models import User
from core.extensions import db

log = logging.getLogger(__name__)
HOOKS_KEY = "bryggan.signout_hooks"
ENDPOINT_MAX = 2000

# Called with the member, the push endpoint this browser sent (or None) and whether it is a quick exit;
# inside one transaction that is committed afterwards (a hook must not commit).
SignOutHook = Callable[[User, str | None, bool], None]


def register_signout_hook(app: Flask, hook: SignOutHook) -> None:
    """Let a feature take part in every logout and quick exit (called at app creation)."""
    app.extensions.setdefault(HOOKS_KEY, []).append(hook)


def clean_endpoint(value: object) -> str | None:
    """The endpoint a page sent along, if it looks like one (anything else is ignored: the exit goes on)."""
    if isinstance(value, str) and 0 < len(value) <= ENDPOINT_MAX:
        return value
    return None


def signing_out(user: User, endpoint: object = None, quick_exit: bool = False) -> None:
    """Run every hook and commit; best effort, so a logout or quick exit always ends the session."""
    try:
        for hook in current_app.extensions.get(HOOKS_KEY, ()):
            hook(user, clean_endpoint(endpoint), quick_exit)
        db.session.commit()
    except Exception:  # the exit must happen whatever a feature's cleanup does
        db.session.rollback()
        log.exception("a sign-out hook failed")
