"""Site pages that belong to no feature: home, help, the community guidelines and privacy."""

from __future__ import annotations

from flask import Blueprint, g, render_template

from core.i18n import current_language

bp = Blueprint("pages", __name__)


def localized(name: str) -> str:
    """Long texts are written per language (`page.sv.html`, `page.en.html`) rather than string by string."""
    return f"pages/{name}.{current_language()}.html"


@bp.get("/")
def home():
    """The front door."""
    return render_template("pages/home.html")


@bp.get("/help")
def help_page():
    """Where to get help now: emergency, health advice, crisis lines, carers' line."""
    g.cacheable = False
    return render_template("pages/help.html", body_template=localized("help"))


@bp.get("/guidelines")
def guidelines():
    """The community guidelines every member accepts at signup."""
    return render_template("pages/guidelines.html", body_template=localized("guidelines"))


@bp.get("/privacy")
def privacy():
    """What is stored, for how long, and why; in each language as its own text."""
    return render_template("pages/privacy.html", body_template=localized("privacy"))
