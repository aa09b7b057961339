"""What every template can use: help lines, the leave-quickly address and the language switch."""

from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

HELP_LINES = (
    {"name": _l("Emergency"), "number": "112", "tel": "112", "key": "emergency"},
    {"name": "1177 Vårdguiden", "number": "1177", "tel": "1177", "key": "health"},
    {"name": "Självmordslinjen", "number": "90101", "tel": "90101", "key": "suicide"},
    {"name": "Anhöriglinjen", "number": "0200-239 500", "tel": "0200239500", "key": "carers"},
)


def url_with_language(lang: str) -> str:
    """The current page in another language (query arguments kept, url_for's own `_` options never)."""
    args = {key: value for key, value in request.args.items() if not key.startswith("_")}
    args["lang"] = lang
    try:
        return url_for(request.endpoint or "pages.home", **(request.view_args or {}), **args)
    except BuildError:  # an error page for a path with no endpoint
        return url_for("pages.home", lang=lang)


def template_context() -> dict:
    """Injected into every template."""
    return {
        "leave_quickly_url": current_app.config["LEAVE_QUICKLY_URL"],
        "help_lines": HELP_LINES,
        "url_with_language": url_with_language,
    }


def configure_templating(app: Flask) -> None:
    """Register the context processor and Jinja options."""
    app.context_processor(template_context)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
