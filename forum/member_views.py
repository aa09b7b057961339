"""A member's own forum pages: the welcome page after signup (categories to follow), notifications, and
the settings for ignored pseudonyms and muted words. Added to the forum's page blueprint (forum/views.py)
by forum/web.py, so their endpoints stay `forum.threads.*`."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from accounts.session import current_member, login_required
from core.errors import message_for
from core.exceptions import DomainError
from forum import category_follows, personal


@login_required
def welcome():
    """After signup and the recovery code: categories to follow, the chat, the guidelines in short. The
    choice of categories is saved by a POST and confirmed next to the form (no JavaScript needed)."""
    member = current_member()
    error = None
    saved = request.args.get("saved") == "1"
    chosen = category_follows.followed_ids(member)
    if request.method == "POST":
        try:
            category_follows.replace_following(member, request.form.getlist("category"))
            return redirect(url_for("forum.threads.welcome", saved=1, _anchor="follow-categories"))
        except DomainError as problem:
            error = message_for(problem)
            slugs = set(request.form.getlist("category"))
            chosen = {each.id for each in category_follows.followable(member) if each.slug in slugs}
    page = render_template(
        "forum/welcome.html",
        categories=category_follows.followable(member),
        chosen=chosen,
        saved=saved,
        error=error,
    )
    return page, 422 if error else 200


@login_required
def notifications():
    """Replies in threads the member follows."""
    items = personal.recent_notifications(current_member())
    return render_template("forum/notifications.html", notifications=items)


@login_required
def notifications_read():
    """Mark every notification read."""
    personal.mark_all_notifications_read(current_member())
    return redirect(url_for("forum.threads.notifications"))


@login_required
def settings():
    """Ignored pseudonyms and muted words."""
    member = current_member()
    errors: dict = {}
    values: dict = {}
    if request.method == "POST":
        action = request.form.get("action")
        try:
            if action == "ignore":
                values["pseudonym"] = request.form.get("pseudonym", "")
                personal.ignore(member, values["pseudonym"])
                flash(
                    _("You no longer see posts by %(name)s unless you open them.", name=values["pseudonym"])
                )
            elif action == "unignore":
                personal.unignore(member, request.form.get("pseudonym", ""))
                flash(_("You see posts by %(name)s again.", name=request.form.get("pseudonym", "")))
            elif action == "muted_words":
                values["words"] = request.form.get("words", "")
                personal.set_muted_words(member, values["words"])
                flash(_("Your muted words are saved."))
        except DomainError as problem:
            errors[problem.field or "form"] = message_for(problem)
        if not errors:
            return redirect(url_for("forum.threads.settings"))
    page = render_template(
        "forum/settings.html",
        ignored=personal.ignored_pseudonyms(member),
        words=values.get("words", "\n".join(personal.muted_words(member))),
        errors=errors,
        values=values,
    )
    return page, 422 if errors else 200


def add_member_pages(bp: Blueprint) -> None:
    """Route the member's own pages on the forum's page blueprint."""
    bp.add_url_rule("/welcome", view_func=welcome, methods=["GET", "POST"])
    bp.add_url_rule("/notifications", view_func=notifications, methods=["GET"])
    bp.add_url_rule("/notifications/read", view_func=notifications_read, methods=["POST"])
    bp.add_url_rule("/forum/settings", view_func=settings, methods=["GET", "POST"])
