"""Device cookies (OWASP's "Slow Down Online Guessing Attacks with Device Cookies"): a browser that has signed
in to an account keeps its own count of refused attempts for that account.

The per-account limit stops guessing, but anyone who knows a login name could use it up and so lock the owner
out. A browser that has proved it knows the password (signup, login, recovery, password change) gets a
signed, long-lived cookie naming the account; its attempts for that account count against the device
instead of the account (accounts/limits.py). A stranger without the cookie still meets the per-account
limit, and a stolen cookie is limited on its own.

The cookie never reveals whom it belongs to: it holds an HMAC of the account's id and session secret (which
no one can compute or reverse without the server's key) and a random device id, signed with the server's
key and dated, so it cannot be forged, moved to another account or kept beyond its lifetime.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Response, current_app, g, request
from itsdangerous import BadData, URLSafeTimedSerializer

from accounts.models import User

SALT = "bryggan.device-cookie"


def serializer() -> URLSafeTimedSerializer:
    """Signs and dates device cookies with the app's secret key (a salt of their own: no other signed value
    of the app can pass for one)."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def account_tag(user: User) -> str:
    """The account, as a device cookie names it: unreadable without the server's key, and tied to this one
    account (its secret is random), never to its login name."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    message = f"device:{user.id}:{user.session_secret}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def presented() -> dict | None:
    """The request's device cookie, if it is genuine and not older than its lifetime."""
    raw = request.cookies.get(current_app.config["DEVICE_COOKIE_NAME"])
    if not raw:
        return None
    max_age = current_app.config["DEVICE_COOKIE_LIFETIME"].total_seconds()
    try:
        data = serializer().loads(raw, max_age=max_age)
    except BadData:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("t"), str) or not isinstance(data.get("n"), str):
        return None
    return data


def recognised(user: User | None) -> str | None:
    """This browser's device id when its cookie was issued for this account, else None."""
    data = presented()
    if user is None or data is None:
        return None
    return data["n"] if hmac.compare_digest(data["t"].encode(), account_tag(user).encode()) else None


def remember(user: User) -> None:
    """Give this browser a device cookie for the account with this answer (it just proved the password)."""
    g.device_account = user


def forget() -> None:
    """Remove this browser's device cookie with this answer (the account is gone)."""
    g.device_account = None
    g.forget_device = True


def write_cookie(response: Response) -> Response:
    """After a request that remembered or forgot the device: set or clear its cookie."""
    config = current_app.config
    name = config["DEVICE_COOKIE_NAME"]
    if g.get("forget_device"):
        response.delete_cookie(name, httponly=True, secure=config["SESSION_COOKIE_SECURE"], samesite="Lax")
        return response
    user = g.get("device_account")
    if user is None:
        return response
    # The same browser keeps its device id (and so its count) when it signs in to the same account again.
    device_id = recognised(user) or secrets.token_urlsafe(16)
    response.set_cookie(
        name,
        serializer().dumps({"t": account_tag(user), "n": device_id}),
        max_age=int(config["DEVICE_COOKIE_LIFETIME"].total_seconds()),
        httponly=True,
        secure=config["SESSION_COOKIE_SECURE"],
        samesite="Lax",
    )
    return response
