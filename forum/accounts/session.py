"""Signed-in state: who the request comes from, session rotation, and the session-version check."""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import Flask, g, redirect, request, session, url_for
from sqlalchemy import select

from core.database import utcnow
from core.exceptions import NotSignedIn, Suspended
from core.extensions import db
from forum.accounts.models import User

USER_ID_KEY = "uid"
SESSION_VERSION_KEY = "sv"


def start_session(user: User) -> None:
    """Sign the member in on a brand-new session (nothing from before survives, not even the CSRF token)."""
    session.clear()
    session.permanent = True
    session[USER_ID_KEY] = user.id
    session[SESSION_VERSION_KEY] = user.session_version
    g.user = user


def end_session() -> None:
    """Forget the signed-in member in this browser."""
    session.clear()
    g.user = None


def load_signed_in_member() -> None:
    """Before each request: trust the session only while its version matches and the member may sign in."""
    g.user = None
    if request.endpoint == "static":
        return
    user_id = session.get(USER_ID_KEY)
    if user_id is None:
        return
    user = db.session.scalar(select(User).where(User.id == user_id)) if isinstance(user_id, int) else None
    if user is None or session.get(SESSION_VERSION_KEY) != user.session_version:
        session.clear()
        return
    if user.is_suspended(utcnow()):
        # The session ends; this one request may still tell the member why (403 suspended, not 401).
        session.clear()
        g.suspension = Suspended(None if user.banned else user.suspended_until)
        return
    g.user = user


def current_member() -> User | None:
    """The signed-in member of this request, if any."""
    return g.get("user")


def require_member() -> User:
    """The signed-in member, or NotSignedIn (401); Suspended (403) on the request that finds a suspension."""
    user = current_member()
    if user is None:
        raise g.get("suspension") or NotSignedIn()
    return user


def login_required(view: Callable) -> Callable:
    """For pages: send strangers to the login page and bring them back afterwards."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_member() is None:
            return redirect(url_for("forum.accounts.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def configure_member_loading(app: Flask) -> None:
    """Load the member before every request."""
    app.before_request(load_signed_in_member)
