"""Response headers that every page and API answer carries: CSP, no sniffing, no referrer, no caching."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import Flask, Response, abort, current_app, g, request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

from core.extensions import csrf

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

DEFAULT_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

STATIC_ENDPOINT = "static"


def set_security_headers(response: Response) -> Response:
    """Applied after every request, including error responses."""
    headers = response.headers
    # One pass over the headers a view set, rather than one per default (Headers.setdefault scans them).
    present = {name.lower() for name in headers.keys()}  # noqa: SIM118 - Headers iterates as pairs
    headers.extend([pair for pair in DEFAULT_HEADERS if pair[0].lower() not in present])
    if request.endpoint != STATIC_ENDPOINT and not getattr(g, "cacheable", False):
        # Dynamic answers carry a member's pseudonym, CSRF token or private pages: never keep them in a
        # shared or back/forward cache. Public views may opt in by setting g.cacheable.
        headers["Cache-Control"] = "no-store"
        headers.add("Vary", "Cookie")
    return response


def streams_request_body(view: Callable) -> Callable:
    """Mark a view that reads `request.stream` itself in pieces (large uploads): no hook may parse its body
    first (Werkzeug would spool it, or refuse it at MAX_CONTENT_LENGTH), so CSRFProtect skips it and the
    view checks the CSRF token itself."""
    view.streams_request_body = True
    return csrf.exempt(view)


def body_is_streamed() -> bool:
    """Whether this request's view reads its body itself."""
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "streams_request_body", False)


def refuse_nul_bytes() -> None:
    """No text we store may hold NUL (PostgreSQL refuses it): such a request is a 400, not a 500."""
    values = [*request.args.values(), *(request.view_args or {}).values()]
    writes = request.method in ("POST", "PUT", "PATCH", "DELETE")
    if writes and not request.is_json and not body_is_streamed():
        values.extend(request.form.values())
    if any(isinstance(value, str) and "\x00" in value for value in values):
        abort(400)


OPENED_LIMIT = 10_000


class PublicResponseSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, except that a response marked public (g.cacheable) carries no
    Set-Cookie and no `Vary: Cookie`: a shared cache may keep it, and must never keep a member's cookie.

    A cookie seen before is not verified again (the same bytes under the same key give the same session),
    though its age is still checked against the session lifetime. A permanent session that nothing
    changed is sent again (to slide its expiry) only once it is older than `SESSION_REISSUE_AFTER`, not
    on every response: signing and compressing the cookie cost a tenth of the cheapest member answer,
    and the expiry date moves by no more than that interval.
    """

    def __init__(self) -> None:
        self.serializers: dict[tuple, object] = {}
        # Cookies already verified, with what they hold and when they were signed: a member's browser
        # sends the same cookie on every request, and its signature cannot change meaning. Only flat
        # sessions are kept (a copy of a dict of plain values cannot be changed through the session).
        self.opened: dict[str, tuple] = {}

    def get_signing_serializer(self, app):
        # Built once per key and salt rather than twice per request.
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self.serializers.get(key)
        if serializer is None:
            serializer = self.serializers[key] = super().get_signing_serializer(app)
        return serializer

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        lifetime = app.permanent_session_lifetime
        known = self.opened.get(value)
        if known is not None and known[0] is serializer and datetime.now(UTC) - known[2] <= lifetime:
            data, issued_at = dict(known[1]), known[2]
        else:
            try:
                data, issued_at = serializer.loads(
                    value, max_age=int(lifetime.total_seconds()), return_timestamp=True
                )
            except BadSignature:
                return self.session_class()
            if all(isinstance(item, str | int | float | bool | None) for item in data.values()):
                if len(self.opened) >= OPENED_LIMIT:
                    self.opened.clear()
                self.opened[value] = (serializer, dict(data), issued_at)
        session = self.session_class(data)
        session.issued_at = issued_at
        return session

    def should_set_cookie(self, app, session) -> bool:
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        issued_at = getattr(session, "issued_at", None)
        return issued_at is None or datetime.now(UTC) - issued_at >= app.config["SESSION_REISSUE_AFTER"]

    def save_session(self, app, session, response) -> None:
        if getattr(g, "cacheable", False):
            return
        super().save_session(app, session, response)


def configure_security_headers(app: Flask) -> None:
    """Register the header hook and the input guard, and keep member cookies off public responses."""
    app.session_interface = PublicResponseSessionInterface()
    app.before_request(refuse_nul_bytes)
    app.after_request(set_security_headers)
