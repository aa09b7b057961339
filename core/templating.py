"""What every template can use: help lines, the leave-quickly address and the language switch."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from core.dates import configure_dates
from core.signals import live_signals, shown_count

HELP_LINES = (
    {"name": _l("Emergency"), "number": "112", "tel": "112", "key": "emergency"},
    {"name": "1177 Vårdguiden", "number": "1177", "tel": "1177", "key": "health"},
    {"name": "Självmordslinjen", "number": "90101", "tel": "90101", "key": "suicide"},
    {"name": "Anhöriglinjen", "number": "0200-239 500", "tel": "0200239500", "key": "carers"},
)
# For young carers (16–25): shown on the help page and in the young carers' spaces.
YOUNG_HELP = (
    {
        "name": "BRIS",
        "url": "https://www.bris.se",
        "number": "116 111",
        "tel": "116111",
        "about": _l("For you under 18: call, chat or e-mail, anonymously."),
    },
    {
        "name": "Maskrosbarn",
        "url": "https://maskrosbarn.org",
        "about": _l("For you whose parent drinks, takes drugs or is mentally ill."),
    },
    {
        "name": "UMO",
        "url": "https://www.umo.se",
        "about": _l("The youth clinic online, for you aged 13 to 25: your body, feelings and relationships."),
    },
    {
        "name": _l("Ungdomsmottagningen (youth clinics)"),
        "url": "https://www.umo.se/ungdomsmottagningar/",
        "about": _l("Find a youth clinic near you and talk to a counsellor, free of charge."),
    },
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
        "young_help": YOUNG_HELP,
        "url_with_language": url_with_language,
        "live_signals": live_signals,
        "shown_count": shown_count,
    }


# Built URLs kept per process; emptied when full (ids make the set of URLs open-ended).
BUILT_URLS_LIMIT = 8_192


def install_url_cache(app: Flask) -> None:
    """Templates' `url_for` answers a URL it has built before from memory: a page builds about 30 (the
    static files, the navigation), each the same on every request. The key holds everything the answer
    depends on (the blueprint a relative endpoint is read in, the script root, the scheme and host, the
    arguments in their order); should URL defaults ever be registered, nothing is cached."""
    built: dict[tuple, str] = {}

    def cached_url_for(endpoint: str, **values) -> str:
        if not has_request_context() or any(app.url_default_functions.values()):
            return app.url_for(endpoint, **values)  # URL defaults could change the answer: no cache
        blueprint = request.blueprint if endpoint[:1] == "." else None
        key = (blueprint, endpoint, request.script_root, request.scheme, request.host, *values.items())
        try:
            return built[key]
        except KeyError:
            url = app.url_for(endpoint, **values)
        except TypeError:  # an argument that cannot be a key (a list): built every time
            return app.url_for(endpoint, **values)
        if len(built) >= BUILT_URLS_LIMIT:
            built.clear()
        built[key] = url
        return url

    app.jinja_env.globals["url_for"] = cached_url_for


def configure_templating(app: Flask) -> None:
    """Register the context processor and Jinja options."""
    app.context_processor(template_context)
    install_url_cache(app)
    configure_dates(app)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
