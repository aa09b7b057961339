"""Pages and files of the installable app: the service worker at the site's root, the two manifests, the
offline page, and the member's notification settings."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _

from accounts.session import current_member, login_required
from forum import category_follows, notices

bp = Blueprint("pages", __name__)

THEME = "#1d4e5f"
BACKGROUND = "#fbf8f3"


@bp.get("/sw.js")
def service_worker():
    """The service worker, from the root so its scope is the whole site (it caches only the offline page
    and static files: static/js/sw.js)."""
    response = send_from_directory(
        current_app.static_folder, "js/sw.js", mimetype="text/javascript", max_age=0
    )
    response.headers["Service-Worker-Allowed"] = "/"
    return response


def manifest(name: str, short_name: str, icon: str, description: str):
    """A web app manifest; the same for everyone (browsers fetch it without cookies)."""
    icons = [
        {"src": url_for("static", filename=f"icons/{icon}.svg"), "sizes": "any", "type": "image/svg+xml"},
        *(
            {
                "src": url_for("static", filename=f"icons/{icon}-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in (192, 512)
        ),
    ]
    response = jsonify(
        name=name,
        short_name=short_name,
        description=description,
        lang="sv",
        start_url="/",
        scope="/",
        display="standalone",
        theme_color=THEME,
        background_color=BACKGROUND,
        icons=icons,
    )
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/manifest.webmanifest")
def bryggan_manifest():
    """Bryggan's own name and icon."""
    return manifest(
        "Bryggan",
        "Bryggan",
        "bryggan",
        "Anonymt stöd för dig som är närstående: forum, chatt och kunskap.",
    )


@bp.get("/manifest-neutral.webmanifest")
def neutral_manifest():
    """For members who want nothing on their home screen to say Bryggan."""
    return manifest("Anteckningar", "Anteckningar", "neutral", "Anteckningar")


@bp.get("/offline")
def offline():
    """Shown by the service worker when the network is gone. Cached, so it holds nothing of any member."""
    # Public: no cookie is set or read into it. Swedish whatever the cookie says: one copy is kept, and
    # Bryggan is Swedish first.
    g.cacheable = True
    with force_locale("sv"):
        response = make_response(render_template("notify/offline.html"))
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/notifications/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Follow threads one replies in, push on this browser, push details, the neutral app name."""
    member = current_member()
    if request.method == "POST":
        notices.update_settings(member, {name: request.form.get(name) == "1" for name in notices.SETTINGS})
        flash(_("Your notification settings are saved."))
        return redirect(url_for("notify.pages.settings"))
    return render_template(
        "notify/settings.html",
        settings=notices.settings_for(member.id),
        followed_categories=category_follows.followed(member),
    )
