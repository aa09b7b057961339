"""One mapping from domain exceptions and HTTP errors to JSON (on /api/), friendly pages and socket acks."""

from __future__ import annotations

import logging
import time
from contextlib import suppress
from datetime import datetime

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sql_errors
from werkzeug.exceptions import HTTPException

from core.dates import when
from core.exceptions import BadRequest, DomainError, Forbidden, NotFound, NotSignedIn, RateLimited
from core.extensions import db, limiter
from core.security import body_is_streamed

log = logging.getLogger(__name__)

# The texts of refusals that are not domain errors: HTTP errors, CSRF, and what goes wrong on our side. A
# domain error words itself (`DomainError.messages`, core/exceptions.py).
MESSAGES = {
    "invalid": _l(DomainError.messages["invalid"]),
    "bad_request": _l(BadRequest.messages["bad_request"]),
    "not_signed_in": _l(NotSignedIn.messages["not_signed_in"]),
    "forbidden": _l(Forbidden.messages["forbidden"]),
    "not_found": _l(NotFound.messages["not_found"]),
    "rate_limited": _l(RateLimited.messages["rate_limited"]),
    "csrf_failed": _l("The form had expired or was sent from elsewhere. Reload the page and try again."),
    "method_not_allowed": _l("That action is not possible here."),
    "payload_too_large": _l("What you sent is too large."),
    "range_not_satisfiable": _l("That part of the file does not exist. Reload the page and try again."),
    "internal_error": _l(
        "Something went wrong on our side. Nothing you wrote has been lost; try again soon."
    ),
    "internal_error.chat": _l("Something went wrong. Your message was not sent; try again."),
    "unavailable": _l(
        "Bryggan cannot save or show this right now because of a disturbance on our side. Everything you "
        "wrote before is safe. Try again in a minute."
    ),
}


def message_for(error: DomainError) -> str:
    """The member-facing text for a domain error, in the request's language."""
    if "text" in error.details:
        # Already worded for this request (a file's own problem, with its numbers).
        return str(error.details["text"])
    template = gettext(error.template())
    params = {
        name: when(value) if isinstance(value, datetime) else value for name, value in error.params().items()
    }
    return template % params if params else template


def error_payload(code: str, message: str, **extra) -> dict:
    """The contract's error body."""
    body = {"code": code, "message": message}
    body.update({key: value for key, value in extra.items() if value is not None})
    return {"error": body}


def domain_error_payload(error: DomainError) -> dict:
    """The JSON body (and socket ack error) for a domain error."""
    payload = error_payload(error.code, message_for(error), **error.body())
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
