"""The signed CSRF token, made once per session token and process rather than on every request.

Flask-WTF keeps a random token in the session and hands pages a signed, dated form of it
(`generate_csrf`), signing it anew on each request. With no time limit on tokens (`WTF_CSRF_TIME_LIMIT =
None`, see config/defaults.py) any signed form of the session's token is as good as another, so the first
one made in this process is kept and handed out again: the check (`validate_csrf`) is unchanged, and a new
session (sign-in, sign-out) has a new token and so a new signed form. Templates (`csrf_token()`) and the
API use `csrf_token` below instead of `generate_csrf`.
"""

from __future__ import annotations

from flask import Flask, current_app, g, session
from flask_wtf.csrf import generate_csrf

FIELD = "csrf_token"
# One entry per session seen (about 150 bytes each); emptied when full rather than tracking age.
LIMIT = 20_000
KEY = "bryggan.signed_csrf_tokens"


def csrf_token() -> str:
    """The signed CSRF token for this session (as `generate_csrf`), signed at most once per process."""
    if FIELD in g:
        return g.get(FIELD)
    reusable = current_app.config["WTF_CSRF_TIME_LIMIT"] is None  # dated tokens must be signed anew
    known = current_app.extensions[KEY]
    raw = session.get(FIELD)
    if reusable and raw is not None:
        signed = known.get(raw)
        if signed is not None:
            setattr(g, FIELD, signed)
            return signed
    signed = generate_csrf()
    raw = session.get(FIELD)
    if reusable and raw is not None:
        if len(known) >= LIMIT:
            known.clear()
        known[raw] = signed
    return signed


def configure_csrf_reuse(app: Flask) -> None:
    """Templates' `csrf_token()` goes through the process's store. Registered after CSRFProtect, whose
    global and context processor it replaces (a later context processor wins)."""
    app.extensions[KEY] = {}
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
