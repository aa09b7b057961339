"""Language choice: Swedish by default, `?lang=en` switches and is remembered in a cookie."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request

from core.extensions import babel


def requested_language() -> str | None:
    """A supported language named in the query string, if any."""
    lang = request.args.get("lang", "").strip().lower()
    return lang if lang in current_app.config["LANGUAGES"] else None


def select_locale() -> str:
    """The query string wins, then the remembered choice, then Swedish."""
    chosen = requested_language()
    if chosen:
        return chosen
    remembered = request.cookies.get(current_app.config["LANGUAGE_COOKIE_NAME"], "")
    if remembered in current_app.config["LANGUAGES"]:
        return remembered
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def remember_language(response: Response) -> Response:
    """Store an explicit `?lang=` choice for later visits."""
    chosen = requested_language() if request else None
    if chosen:
        config = current_app.config
        response.set_cookie(
            config["LANGUAGE_COOKIE_NAME"],
            chosen,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=config["SESSION_COOKIE_SECURE"],
        )
    return response


def current_language() -> str:
    """The language of the current request, cached for templates."""
    if "language" not in g:
        g.language = select_locale()
    return g.language


def configure_i18n(app: Flask) -> None:
    """Bind Flask-Babel and the language cookie."""
    babel.init_app(app, locale_selector=current_language)
    app.after_request(remember_language)
    app.jinja_env.globals["current_language"] = current_language
