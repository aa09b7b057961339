"""One mapping from domain exceptions and HTTP errors to JSON (on /api/), friendly pages and socket acks."""

from __future__ import annotations

import logging
import time
from contextlib import suppress

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sql_errors
from werkzeug.exceptions import HTTPException

from core.dates import when
from core.exceptions import DomainError, Muted, PseudonymRedrawTooSoon, Suspended
from core.extensions import limiter
from core.security import body_is_streamed

log = logging.getLogger(__name__)

MESSAGES = {
    "invalid": _l("Some of the information is missing or not valid."),
    "bad_request": _l("The request could not be read. Send a JSON object."),
    "csrf_failed": _l("The form had expired or was sent from elsewhere. Reload the page and try again."),
    "not_found": _l("We could not find that page."),
    "method_not_allowed": _l("That action is not possible here."),
    "payload_too_large": _l("What you sent is too large."),
    "range_not_satisfiable": _l("That part of the file does not exist. Reload the page and try again."),
    "rate_limited": _l("Too many attempts in a short time. Wait a little and try again."),
    "internal_error": _l(
        "Something went wrong on our side. Nothing you wrote has been lost; try again soon."
    ),
    "not_signed_in": _l("You need to log in first."),
    "forbidden": _l("You do not have permission to do that."),
    "age_out_of_range.too_young": _l(
        "Bryggan is for people aged 16 to 94, so we cannot create an account for you yet. You are welcome "
        "back when you turn 16. If you want to talk to someone now, BRIS is there for young people: "
        "call 116 111 or chat at bris.se."
    ),
    "age_out_of_range.too_old": _l(
        "Bryggan's forum is for people aged 16 to 94, so we cannot create an account. The library and "
        "the help numbers on our help page are open to everyone."
    ),
    "invalid_birth_date.format": _l(
        "That is not a date we can read. Give day, month and year, for example 31 May 1970."
    ),
    "age_out_of_range.future": _l("The birth date cannot be in the future."),
    "weak_password.too_short": _l(
        "The password needs at least 10 characters. A few words in a row work well."
    ),
    "weak_password.too_long": _l("The password can be at most 1000 characters."),
    "weak_password.unreadable": _l("The password contains characters that cannot be typed. Choose another."),
    "weak_password.common": _l("That password is too common and easy to guess. Choose another."),
    "weak_password.contains_username": _l("The password must not contain your login name."),
    "invalid_username.length": _l("The login name needs 3 to 40 characters."),
    "invalid_username.characters": _l(
        "The login name may contain letters, digits, dots, dashes and underscores, but no spaces."
    ),
    "username_taken": _l("That login name is taken. Choose another; nobody else will ever see it."),
    "guidelines_not_accepted": _l("You need to accept the community guidelines to join."),
    "invalid_credentials": _l("The login name or the password is wrong."),
    "invalid_recovery": _l("The login name or the recovery code is wrong."),
    "suspended.until": _l("Your account is suspended until %(until)s."),
    "suspended.banned": _l("Your account has been closed by the moderators."),
    "pseudonym_redraw_too_soon": _l("You can draw a new pseudonym again from %(available_at)s."),
    "too_long.title": _l("The title can be at most %(limit)s characters."),
    "too_long.body": _l("The text can be at most %(limit)s characters. Split it into two posts."),
    "too_long.note": _l("The note can be at most %(limit)s characters."),
    "too_long.word": _l("A muted word can be at most %(limit)s characters."),
    "empty.title": _l("Write a title."),
    "empty.body": _l("Write something first."),
    "thread_locked": _l("This thread is locked by the moderators; no new replies can be written."),
    "not_the_author": _l("You can only change your own posts."),
    "already_flagged": _l("You have already flagged this post. Thank you; a moderator will look at it."),
    "cannot_flag_own": _l("You cannot flag your own post. You can edit or delete it instead."),
    "flag_limit_reached": _l("You have flagged many posts today. Thank you! You can flag more tomorrow."),
    "invalid_reason": _l("Choose one of the reasons."),
    "unknown_pseudonym": _l("There is no member with that pseudonym."),
    "cannot_sanction": _l("There is no member you can sanction with that pseudonym."),
    "too_many_words": _l("You can mute at most %(limit)s words."),
    "unknown_setting": _l("There is no such setting."),
    "unknown_category": _l("There is no such category, or it is not open to you."),
    "push_service_not_allowed": _l("This browser's push service is not one we send to."),
    "push_subscription_invalid": _l("The browser sent a push subscription we cannot use."),
    "too_many_devices": _l("Notifications can be on for at most %(limit)s browsers. Turn one off first."),
    "too_long.message": _l("A chat message can be at most %(limit)s characters."),
    "empty.message": _l("Write something first."),
    "muted": _l("A moderator has paused your writing in the chat until %(until)s. You can still read."),
    "muted.crisis": _l(
        "Your writing in the chat is paused until %(until)s, so your message was not shown in the room. "
        "The moderators have received it and will read it first."
    ),
    "muted.automatic": _l(
        "Your writing in the chat is paused automatically, because several members reported something you "
        "wrote. No moderator has decided anything yet: the pause is temporary and ends when a moderator has "
        "looked, at the latest %(until)s. You can still read."
    ),
    "not_in_room": _l("Join the room before you write in it."),
    "room_closed": _l("This room is closed for now."),
    "slug_taken": _l("That address is already used by another room."),
    "chat.flooding": _l("You are writing very fast. Wait %(seconds)s seconds."),
    "chat.slow_mode": _l("Slow mode is on in this room. You can write again in %(seconds)s seconds."),
    "chat.slow_mode.one": _l("Slow mode is on in this room. You can write again in a second."),
    "chat.flooding.one": _l("You are writing very fast. Wait a second."),
    "claimed_by_another": _l("%(pseudonym)s has already taken this one."),
    "already_decided": _l("%(pseudonym)s has already decided this one. Undo their decision if it was wrong."),
    "nothing_to_undo": _l("There is no decision to undo."),
    "duplicate_sanction": _l("%(pseudonym)s was given the same sanction a few minutes ago."),
    "empty.staff_message": _l("Write something first."),
    "too_long.staff_message": _l("A message can be at most %(limit)s characters."),
    "internal_error.chat": _l("Something went wrong. Your message was not sent; try again."),
    "client_id_reused": _l("This was already sent as another text. Reload the page and write it again."),
    "unavailable": _l(
        "Bryggan cannot save or show this right now because of a disturbance on our side. Everything you "
        "wrote before is safe. Try again in a minute."
    ),
    "unavailable.chat": _l(
        "The chat cannot save messages right now. Your message was not sent; try again in a minute."
    ),
    "blocked_word": _l("Your text contains “%(word)s”, which is not allowed here. Change it and try again."),
    "invalid_filter.topic": _l("There is no such topic in the library. Choose one from the list."),
    "invalid_filter.kind": _l("Choose articles or films."),
    "invalid_filter.status": _l("Choose draft, published, unpublished or due for review."),
    "age_band.outside": _l(
        "This space is for young carers aged %(min)s to %(max)s, so it is closed to you. The general rooms "
        "and the rest of the forum are open to you."
    ),
    "age_band.aged_out": _l(
        "You have turned 26 – congratulations! This space is for young carers aged %(min)s to %(max)s, so it "
        "is closed to you now. What you wrote here stays. You are very welcome in the general rooms and the "
        "rest of the forum."
    ),
    "age_band.invalid": _l(
        "Give the age band as an object with min and max, or null for a space open to all."
    ),
    "age_band.unsupported": _l(
        "Only the band 16–25 can be set: Bryggan keeps only whether a member is under 26, never their age."
    ),
    "age_already_checked": _l(
        "You have already checked your birth date once. If it was wrong, write to the moderators."
    ),
    "personal_data": _l(
        "It looks as if you wrote a personal identity number, a phone number or an e-mail address. "
        "To protect your and others' anonymity, check the text. If you still want to publish it, "
        "confirm and send it again; a moderator will look at it."
    ),
}


def message_for(error: DomainError) -> str:
    """The member-facing text for a domain error, in the request's language."""
    if "text" in error.details:
        # Already worded for this request (a file's own problem, with its numbers).
        return str(error.details["text"])
    template = MESSAGES.get(error.message_key) or MESSAGES.get(error.code) or MESSAGES["invalid"]
    if isinstance(error, Suspended) and error.until is not None:
        return str(template) % {"until": when(error.until)}
    if isinstance(error, PseudonymRedrawTooSoon):
        return str(template) % {"available_at": when(error.available_at)}
    if isinstance(error, Muted):
        return str(template) % {"until": when(error.until)}
    if "retry_after" in error.details:
        seconds = max(1, round(error.details["retry_after"]))
        if seconds == 1:
            template = MESSAGES.get(f"{error.message_key}.one", template)
        return str(template) % {"seconds": seconds}
    if "pseudonym" in error.details:
        return str(template) % {"pseudonym": error.details["pseudonym"]}
    if "age_band" in error.details:
        return str(template) % error.details["age_band"]
    if "word" in error.details:
        return str(template) % {"word": error.details["word"]}
    if "limit" in error.details:
        return str(template) % {"limit": error.details["limit"]}
    return str(template)


def error_payload(code: str, message: str, **extra) -> dict:
    """The contract's error body."""
    body = {"code": code, "message": message}
    body.update({key: value for key, value in extra.items() if value is not None})
    return {"error": body}


def domain_error_payload(error: DomainError) -> dict:
    """The JSON body (and socket ack error) for a domain error."""
    extra = {"field": error.field}
    if isinstance(error, Suspended):
        extra["until"] = error.until.isoformat() if error.until else None
    if isinstance(error, PseudonymRedrawTooSoon):
        extra["available_at"] = error.available_at.isoformat()
    if "limit" in error.details:
        extra["limit"] = error.details["limit"]
    if "max_bytes" in error.details:
        extra["max_bytes"] = error.details["max_bytes"]
    if "retry_after" in error.details:
        extra["retry_after"] = error.details["retry_after"]
    if "kinds" in error.details:
        extra["kinds"] = error.details["kinds"]
    if "word" in error.details:
        extra["word"] = error.details["word"]
    if isinstance(error, Muted):
        extra["until"] = error.until.isoformat()
        extra["automatic"] = error.automatic
    if "reason" in error.details:
        extra["reason"] = error.details["reason"]
    if "pseudonym" in error.details:
        extra["pseudonym"] = error.details["pseudonym"]
    if "age_band" in error.details:
        extra["age_band"] = error.details["age_band"]
    payload = error_payload(error.code, message_for(error), **extra)
    if error.details.get("crisis_support"):
        # A refused text that spoke of crisis: the client shows the help lines before anything else.
        payload["crisis_support"] = True
    return payload


def wants_json() -> bool:
    """API paths always answer JSON; pages answer HTML."""
    return request.path.startswith("/api/")


# Refusals that deserve their own page rather than the plain error page.
PAGE_TEMPLATES = {"age_band": "errors/age_band.html"}


def error_response(
    status: int, code: str, message: str, payload: dict | None = None, draft: str | None = None
) -> Response:
    """Build the JSON or HTML error response for the current request (a page may hand back a draft)."""
    if wants_json():
        response = jsonify(payload or error_payload(code, message))
    else:
        page = render_template(
            PAGE_TEMPLATES.get(code, "errors/error.html"),
            status=status,
            code=code,
            message=message,
            draft=draft,
            error=(payload or {}).get("error", {}),
        )
        response = Response(page, mimetype="text/html")
    response.status_code = status
    return response


HTTP_CODES = {
    400: "bad_request",
    401: "not_signed_in",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    416: "range_not_satisfiable",
    429: "rate_limited",
}


def handle_domain_error(error: DomainError) -> Response:
    """Refusals from the rules."""
    return error_response(error.status, error.code, message_for(error), domain_error_payload(error))


def handle_csrf_error(error: CSRFError) -> Response:
    """A missing or wrong CSRF token: always 400 csrf_failed."""
    return error_response(400, "csrf_failed", str(MESSAGES["csrf_failed"]))


def handle_rate_limit(error: RateLimitExceeded) -> Response:
    """429 with Retry-After: the seconds until the exhausted limit's window resets."""
    response = error_response(429, "rate_limited", str(MESSAGES["rate_limited"]))
    current = limiter.current_limit
    wait = int(current.reset_at - time.time()) + 1 if current else 60
    response.headers["Retry-After"] = str(max(wait, 1))
    return response


def handle_http_exception(error: HTTPException) -> Response:
    """Every other HTTP error, including 404 and 413, in the contract's shape."""
    status = error.code or 500
    code = HTTP_CODES.get(status, "internal_error" if status >= 500 else "bad_request")
    message = MESSAGES.get(code)
    response = error_response(status, code, str(message) if message else error.description or code)
    # Headers the error itself defines: Allow on 405, Content-Range on 416.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


# SQLite result codes (the low byte of sqlite_errorcode) that mean "busy, locked or out of reach", not a
# mistake in the SQL: BUSY, LOCKED, IOERR, FULL, CANTOPEN.
SQLITE_OUT_OF_REACH = {5, 6, 10, 13, 14}
RETRY_AFTER_SECONDS = 5


def database_unavailable(error: BaseException) -> bool:
    """Whether the error means the database is out of reach for now (the pool reconnects by itself).

    Mistakes such as a missing column are bugs, not disturbances: they stay 500s with a traceback."""
    if isinstance(error, sql_errors.TimeoutError):  # no pooled connection came free in time
        return True
    if not isinstance(error, sql_errors.DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in SQLITE_OUT_OF_REACH
    # PostgreSQL (psycopg): OperationalError is a lost or refused connection, a shutdown or a timeout;
    # errors in the SQL are ProgrammingError, IntegrityError and the like.
    return isinstance(error, sql_errors.OperationalError | sql_errors.InterfaceError)


def database_problem(error: BaseException) -> str:
    """The database's own first line about the error, for the log: never the statement or its values."""
    detail = str(getattr(error, "orig", error)).strip().splitlines()
    return f"{error.__class__.__name__}: {detail[0][:200] if detail else ''}"


def handle_database_unavailable(error: Exception) -> Response:
    """503 with Retry-After while the database is down or locked; the member's input is never half-stored,
    because the transaction is rolled back."""
    from core.extensions import db

    with suppress(Exception):  # the connection may be gone; the pool discards it
        db.session.rollback()
    log.warning("database unavailable on %s %s: %s", request.method, request.path, database_problem(error))
    # A form's text is handed back, so nothing the member just wrote is lost while we cannot store it.
    draft = (
        request.form.get("body")
        if request.method == "POST" and not wants_json() and not body_is_streamed()
        else None
    )
    response = error_response(503, "unavailable", str(MESSAGES["unavailable"]), draft=draft or None)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def handle_unexpected_error(error: Exception) -> Response:
    """A bug: log it and answer without leaking details."""
    if database_unavailable(error):
        return handle_database_unavailable(error)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", str(MESSAGES["internal_error"]))


def configure_error_handlers(app: Flask) -> None:
    """Register the mapping on the app."""
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(RateLimitExceeded, handle_rate_limit)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected_error)
