"""Language choice: Swedish by default, `?lang=en` switches and is remembered in a cookie."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from flask import Flask, Response, current_app, g, request
from flask_babel import format_datetime, get_translations
from markupsafe import Markup

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


def install_template_gettext(app: Flask) -> None:
    """Templates look each message up once per language, not on every use, and format dates once.

    A thread page asks for about 260 messages and 20 dates. Through Flask-Babel and Jinja's i18n extension
    each lookup finds the request's translations anew and each date is formatted anew, which took 40% of the
    page's time. Catalogues do not change while the process runs, so (language, message) and (language,
    date, format) answers are kept for the process's life (dates in a bounded cache).
    """
    found: dict[tuple[str, str], str] = {}

    def translated(message: str) -> str:
        key = (current_language(), message)
        try:
            return found[key]
        except KeyError:
            found[key] = text = get_translations().ugettext(message)
            return text

    @lru_cache(maxsize=4096)
    def plural_in(language: str, singular: str, plural: str, number: int) -> str:
        return get_translations().ungettext(singular, plural, number)

    def template_ngettext(singular: str, plural: str, number: int) -> str:
        return plural_in(current_language(), singular, plural, number)

    def underscore(message: str, **variables) -> Markup:
        # What Jinja's newstyle gettext does in an autoescaped template, without its per-call machinery:
        # the translation is markup, the variables are escaped into it.
        text = Markup(translated(message))
        return text % variables if variables else text

    @lru_cache(maxsize=4096)
    def formatted(language: str, moment: datetime, style: str) -> str:
        return format_datetime(moment, style)

    app.jinja_env.install_gettext_callables(translated, template_ngettext, newstyle=True)
    app.jinja_env.globals["_"] = underscore
    app.jinja_env.filters["datetimeformat"] = lambda moment, style="medium": formatted(
        current_language(), moment, style
    )


def configure_i18n(app: Flask) -> None:
    """Bind Flask-Babel and the language cookie."""
    babel.init_app(app, locale_selector=current_language)
    install_template_gettext(app)
    app.after_request(remember_language)
    app.jinja_env.globals["current_language"] = current_language
