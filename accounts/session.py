"""Signed-in state: who the request comes from, session rotation, and the checks a session cookie must pass.

A cookie names its account by id and carries the account's session secret and session version. The secret
ties it to that one account (an id given to another account could never make the cookie valid for it); the
version ends every session of the account at once when it is bumped.

Every request checks the cookie against the database, so signing out, a password change, recovery, a
suspension or deleting the account take effect on the very next request. The check is one prepared Core
statement that reads the member's standing (secret, version, suspension) together with what the cheapest
answers need (role and pseudonym) for views marked `standing_is_enough`; they load the ORM member only if
they ask for it (`current_member()`). Every other view loads the member in the one query the check reads.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import NamedTuple

from flask import Flask, current_app, g, redirect, render_template, request, session, url_for
from sqlalchemy import and_, bindparam, select

from accounts import devices
from accounts.errors import Suspended
from accounts.models import Pseudonym, User
from core.database import utcnow
from core.exceptions import NotSignedIn
from core.extensions import db

USER_ID_KEY = "uid"
SESSION_VERSION_KEY = "sv"
SESSION_SECRET_KEY = "ss"


class Standing(NamedTuple):
    """What the session check reads of a member in one statement: enough to decide whether the session
    stands, and to answer `GET /api/v1/session` without loading the ORM object."""

    id: int
    session_secret: str
    session_version: int
    banned: bool
    suspended_until: datetime | None
    role: str
    pseudonym: str | None

    @classmethod
    def of(cls, user: User) -> Standing:
        """The standing of a member already loaded."""
        pseudonym = user.pseudonym.name if user.pseudonym is not None else None
        return cls(user.id, user.session_secret, user.session_version, user.banned, user.suspended_until,
                   user.role, pseudonym)  # fmt: skip

    def is_suspended(self, now: datetime) -> bool:
        """Banned, or suspended until a time still ahead (as User.is_suspended)."""
        return self.banned or (self.suspended_until is not None and self.suspended_until > now)


# Built once: SQLAlchemy then finds its compiled form in its cache without building or hashing a statement.
STANDING = (
    select(User.id, User.session_secret, User.session_version, User.banned, User.suspended_until, User.role,
           Pseudonym.name)  # fmt: skip
    .outerjoin(Pseudonym, and_(Pseudonym.user_id == User.id, Pseudonym.retired_at.is_(None)))
    .where(User.id == bindparam("user_id"))
)
MEMBER = select(User).where(User.id == bindparam("user_id"))


def read_standing(user_id: int) -> Standing | None:
    """The member's standing as the database holds it now; None when no such account exists."""
    row = db.session.connection().execute(STANDING, {"user_id": user_id}).first()
    return None if row is None else Standing(*row)


def start_session(user: User) -> None:
    """Sign the member in on a brand-new session (nothing from before survives, not even the CSRF token)."""
    session.clear()
    session.permanent = True
    session[USER_ID_KEY] = user.id
    session[SESSION_VERSION_KEY] = user.session_version
    session[SESSION_SECRET_KEY] = user.session_secret
    g.user = user
    g.member = Standing.of(user)
    # Every caller has just checked the password or recovery code: this browser is the member's device.
    devices.remember(user)


LIMITED_KEY = "suspended"


def start_limited_session(user: User | None) -> None:
    """A suspended member who gave the right password: a session that names the account only for the
    page about the suspension (why, until when, messages to the moderators). It is not a sign-in: every
    other page treats the browser as signed out, and it ends with the account's session version."""
    session.clear()
    g.user = g.member = None
    if user is not None:
        session[LIMITED_KEY] = {
            USER_ID_KEY: user.id,
            SESSION_VERSION_KEY: user.session_version,
            SESSION_SECRET_KEY: user.session_secret,
        }


def suspended_member() -> User | None:
    """The account behind a limited session, while it is still suspended (or banned) and the session
    stands; None once the suspension is over (the member can simply sign in again)."""
    data = session.get(LIMITED_KEY)
    if not isinstance(data, dict):
        return None
    user = session_account(data)
    if user is None or not user.is_suspended(utcnow()):
        return None
    return user


def end_session(forget_device: bool = False) -> None:
    """Forget the signed-in member in this browser (and its device cookie, once the account is gone)."""
    session.clear()
    g.user = g.member = None
    if forget_device:
        devices.forget()


def session_standing(data: Mapping) -> Standing | None:
    """The standing of the account a session was issued to, while the session still stands (suspensions
    aside): the id must name an account whose secret and session version the session carries."""
    user_id = data.get(USER_ID_KEY)
    if not isinstance(user_id, int):
        return None
    standing = read_standing(user_id)
    secret = data.get(SESSION_SECRET_KEY)
    if (
        standing is None
        or not isinstance(secret, str)
        or not hmac.compare_digest(secret.encode(), standing.session_secret.encode())
        or data.get(SESSION_VERSION_KEY) != standing.session_version
    ):
        return None
    return standing


def session_account(data: Mapping) -> User | None:
    """The account a session was issued to, while the session still stands (suspensions aside): the id
    must name an account whose secret and session version the session carries."""
    user_id = data.get(USER_ID_KEY)
    if not isinstance(user_id, int):
        return None
    user = db.session.get(User, user_id)
    secret = data.get(SESSION_SECRET_KEY)
    if (
        user is None
        or not isinstance(secret, str)
        or not hmac.compare_digest(secret.encode(), user.session_secret.encode())
        or data.get(SESSION_VERSION_KEY) != user.session_version
    ):
        return None
    return user


def session_member() -> User | None:
    """The member behind this session while it still stands and they are not suspended: for Socket.IO
    handlers, where `load_signed_in_member` does not run (every namespace uses this one check)."""
    user = session_account(session)
    if user is None or user.is_suspended(utcnow()):
        return None
    return user


def standing_is_enough(view: Callable) -> Callable:
    """Mark a view that needs of the member only their standing (id, role, pseudonym): the session check
    then reads it with one Core statement and loads no ORM member unless the view asks for one."""
    view.member_standing_only = True
    return view


def load_signed_in_member() -> None:
    """Before each request: trust the session only while it stands and the member may sign in."""
    g.member = None
    if request.endpoint == "static" or session.get(USER_ID_KEY) is None:
        g.user = None
        return
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "member_standing_only", False):
        # g.user is loaded on first use (current_member), by id, after the check below.
        checked = session_standing(session)
    else:
        # Pages need the whole member anyway: one query loads it, and the check reads the same row.
        g.user = checked = session_account(session)
    if checked is None:
        session.clear()
        g.user = None
        return
    if checked.is_suspended(utcnow()):
        # The session ends; this one request may still tell the member why (403 suspended, not 401).
        session.clear()
        g.user = None
        g.suspension = Suspended(None if checked.banned else checked.suspended_until)
        return
    g.member = checked if isinstance(checked, Standing) else Standing.of(checked)


def member_standing() -> Standing | None:
    """The signed-in member's standing (id, role, pseudonym), with no further query."""
    return g.get("member")


def current_member() -> User | None:
    """The signed-in member of this request, if any (the ORM object, loaded on first use)."""
    if "user" not in g:
        standing = g.get("member")
        g.user = None
        if standing is not None:
            g.user = db.session.execute(MEMBER, {"user_id": standing.id}).scalar_one_or_none()
    return g.user


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
            return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def members_only_explained(area: str) -> Callable[[Callable], Callable]:
    """For the forum's and the chat's front pages: a visitor gets a page that says why they are closed and
    how to join (with live signals that people are here), not a bare redirect to the login form."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if current_member() is None:
                next_path = request.full_path.rstrip("?")
                return render_template("pages/members_only.html", area=area, next_path=next_path)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def configure_member_loading(app: Flask) -> None:
    """Load the member before every request; set or clear the device cookie after it."""
    app.before_request(load_signed_in_member)
    app.after_request(devices.write_cookie)
