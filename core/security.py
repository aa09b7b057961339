"""Response headers that every page and API answer carries: CSP, no sniffing, no referrer, no caching."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, abort, current_app, g, request
from flask.sessions import SecureCookieSessionInterface

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

STATIC_ENDPOINT = "static"


def set_security_headers(response: Response) -> Response:
    """Applied after every request, including error responses."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
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


class PublicResponseSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, except that a response marked public (g.cacheable) carries no
    Set-Cookie and no `Vary: Cookie`: a shared cache may keep it, and must never keep a member's cookie."""

    def save_session(self, app, session, response) -> None:
        if getattr(g, "cacheable", False):
            return
        super().save_session(app, session, response)


def configure_security_headers(app: Flask) -> None:
    """Register the header hook and the input guard, and keep member cookies off public responses."""
    app.session_interface = PublicResponseSessionInterface()
    app.before_request(refuse_nul_bytes)
    app.after_request(set_security_headers)
