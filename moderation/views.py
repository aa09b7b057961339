"""Moderators' pages: the live review queue with one-click actions, sanctions, watched words, audit log."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from accounts.models import User
from accounts.services import find_pseudonym
from accounts.session import current_member, login_required
from core.database import utcnow
from core.errors import message_for
from core.exceptions import DomainError, InvalidInput, NotFound
from core.extensions import db
from moderation import claims, duty, history, rota, sanctions, services, staff_messages, watchlist
from moderation import undo as undoing
from moderation.labels import ACTION_LABELS, field_message, labels_context, sanction_reason
from moderation.queue import change_duty, item_page, note_json

bp = Blueprint("queue", __name__)
bp.context_processor(labels_context)


@bp.after_request
def not_for_search_engines(response):
    """Staff pages are never indexed."""
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.before_request
def keep_on_duty():
    """Every moderation action keeps its moderator on duty."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        duty.touch(current_member())


@bp.post("/moderation/duty")
@login_required
def set_duty():
    """The "I tjänst" switch."""
    moderator = services.require_moderator(current_member())
    on = request.form.get("on_duty") == "1"
    change_duty(moderator, on)
    flash(
        _("You are on duty. Members in the chat see that a moderator is present.")
        if on
        else _("You are off duty.")
    )
    return redirect(url_for("moderation.queue.index"))


@bp.get("/moderation")
@login_required
def index():
    """The queue (most urgent first), sanctions and watched words."""
    moderator = services.require_moderator(current_member())
    notes_for = request.args.get("notes_for", "").strip()[:60]
    notes: list = []
    if notes_for:
        try:
            found = find_pseudonym(notes_for)
            notes = (
                [note_json(note) for note in sanctions.staff_notes(moderator, found)] if found.user_id else []
            )
        except DomainError as problem:
            flash(field_message(problem), "error")
    tab = "decided" if request.args.get("tab") == "decided" else "pending"
    decided_items: list = []
    chosen = history.DecidedFilter()
    if tab == "decided":
        try:
            chosen = history.decided_filter(request.args)
        except DomainError as problem:
            flash(field_message(problem), "error")
        decided_items = [item_page(item) for item in history.decided(moderator, chosen)]
    return render_template(
        "moderation/index.html",
        tab=tab,
        counts=history.tab_counts(),
        my_duty=duty.current_duty(moderator),
        on_duty_now=duty.on_duty_now(),
        items=[item_page(item) for item in services.queue(moderator)] if tab == "pending" else [],
        decided_items=decided_items,
        chosen=chosen,
        decision_moderators=history.decision_moderators() if tab == "decided" else [],
        now=utcnow(),
        words=watchlist.list_watched_words(moderator),
        notes_for=notes_for,
        notes=notes,
        waiting=staff_messages.unanswered(moderator),
    )


@bp.post("/moderation/notes")
@login_required
def add_note():
    """A note about a member, for moderators only."""
    moderator = services.require_moderator(current_member())
    pseudonym = request.form.get("pseudonym", "")
    try:
        sanctions.add_staff_note(moderator, pseudonym, request.form.get("body", ""))
    except DomainError as problem:
        flash(field_message(problem), "error")
    else:
        flash(_("The note is saved."))
    return redirect(url_for("moderation.queue.index", notes_for=pseudonym, _anchor="notes-title"))


@bp.get("/moderation/queue-fragment")
@login_required
def queue_fragment():
    """Just the queue, for the live refresh."""
    moderator = services.require_moderator(current_member())
    return render_template(
        "moderation/_queue.html",
        items=[item_page(item) for item in services.queue(moderator)],
        waiting=staff_messages.unanswered(moderator),
        now=utcnow(),
    )


@bp.post("/moderation/act")
@login_required
def act():
    """One click on a queue item."""
    moderator = services.require_moderator(current_member())
    form = request.form
    try:
        target_id = int(form.get("id", ""))
        item = services.get_item(form.get("kind", ""), target_id)
        services.perform(
            moderator,
            item,
            form.get("action"),
            form.get("reason", ""),
            form.get("body"),
            override=form.get("override") == "1",
        )
    except ValueError:
        flash(_("That item could not be found."), "error")
    except DomainError as problem:
        flash(field_message(problem), "error")
    else:
        flash(_("Done. The decision is under “Decided”, where it can be undone."))
    return redirect(back_to(form.get("next")) or url_for("moderation.queue.index"))


@bp.post("/moderation/undo")
@login_required
def undo():
    """Undo the last decision on an item (from the decided tab)."""
    moderator = services.require_moderator(current_member())
    form = request.form
    try:
        item = services.get_item(form.get("kind", ""), int(form.get("id", "")))
        undoing.undo(moderator, item, form.get("reason", ""))
    except ValueError:
        flash(_("That item could not be found."), "error")
    except DomainError as problem:
        flash(field_message(problem), "error")
    else:
        flash(_("Undone. The item is back as it was before that decision."))
    return redirect(back_to(form.get("next")) or url_for("moderation.queue.index", tab="decided"))


def back_to(target: str | None) -> str | None:
    """Where a form from a thread asked to go back to: a path on this site only, never elsewhere."""
    if not target or not target.startswith("/threads/") or "//" in target or "\\" in target:
        return None
    return target


@bp.post("/moderation/sanction")
@login_required
def sanction():
    """Warn, mute, suspend or ban by pseudonym."""
    moderator = services.require_moderator(current_member())
    form = request.form
    hours = form.get("hours", "").strip()
    reason = form.get("reason", "")
    if "reason_code" in form:
        reason = sanction_reason(form.get("reason_code"), reason)
    # From a queue item the page goes back to that item.
    anchor = form.get("item", "")
    tab = "decided" if anchor.startswith("decided-") else None
    back = url_for(
        "moderation.queue.index",
        tab=tab,
        _anchor=anchor if anchor.startswith(("review-", "decided-")) else "sanction-title",
    )
    try:
        if form.get("kind") in ("mute", "suspend") and not hours:
            raise InvalidInput(field="hours")
        sanctions.sanction(
            moderator,
            form.get("pseudonym", ""),
            form.get("kind"),
            float(hours) if hours.replace(".", "", 1).isdecimal() else None,
            reason,
        )
    except DomainError as problem:
        flash(field_message(problem), "error")
    else:
        flash(_("The sanction is in force."))
    return redirect(back)


@bp.post("/moderation/watched-words")
@login_required
def watched_words():
    """Add or remove a watched word."""
    moderator = services.require_moderator(current_member())
    form = request.form
    try:
        if form.get("remove"):
            watchlist.remove_watched_word(moderator, form.get("remove"))
        else:
            watchlist.add_watched_word(moderator, form.get("word", ""), form.get("action"))
    except DomainError as problem:
        flash(field_message(problem), "error")
    return redirect(url_for("moderation.queue.index") + "#watched-words")


@bp.get("/moderation/audit")
@login_required
def audit():
    """Every moderator action, newest first."""
    moderator = services.require_moderator(current_member())
    try:
        chosen = history.audit_filter(request.args)
        page = history.parse_page(request.args.get("page"))
    except DomainError as problem:
        flash(field_message(problem), "error")
        chosen, page = history.AuditFilter(), 1
    entries, pages = history.audit_page(moderator, chosen, page)
    return render_template(
        "moderation/audit.html",
        entries=entries,
        chosen=chosen,
        page=page,
        pages=pages,
        moderators=history.audit_moderators(),
        actions=ACTION_LABELS,
    )


@bp.post("/moderation/claim")
@login_required
def claim():
    """ "I'll take this one", or let go of it."""
    moderator = services.require_moderator(current_member())
    form = request.form
    try:
        item = services.existing_item(form.get("kind", ""), int(form.get("id", "")))
        if form.get("action") == "release":
            claims.release(moderator, item)
        else:
            claims.claim(moderator, item)
    except ValueError:
        flash(_("That item could not be found."), "error")
    except NotFound:
        flash(_("That item could not be found."), "error")
    except DomainError as problem:
        flash(field_message(problem), "error")
    return redirect(url_for("moderation.queue.index"))


@bp.get("/moderation/members/<path:pseudonym>/messages")
@login_required
def member_messages(pseudonym: str):
    """The private conversation with one member, and a form to write to them."""
    return render_conversation(pseudonym)


def render_conversation(pseudonym: str, error: str | None = None, draft: str = "", status: int = 200):
    """The conversation page (a refused message keeps its text)."""
    moderator = services.require_moderator(current_member())
    named, messages = staff_messages.staff_conversation(moderator, pseudonym)
    html = render_template(
        "moderation/conversation.html",
        pseudonym=named.name,
        asked_as=pseudonym,
        messages=messages,
        error=error,
        draft=draft,
    )
    return html, status


@bp.post("/moderation/members/<path:pseudonym>/messages/read")
@login_required
def member_messages_read(pseudonym: str):
    """"Markera som läst": the member's answers under this name are read."""
    moderator = services.require_moderator(current_member())
    try:
        staff_messages.mark_read_by_staff(moderator, pseudonym)
    except DomainError as problem:
        flash(message_for(problem), "error")
    return redirect(url_for("moderation.queue.member_messages", pseudonym=pseudonym))


@bp.post("/moderation/members/<path:pseudonym>/messages")
@login_required
def message_member(pseudonym: str):
    """Write privately to the member; they see it at once if online."""
    moderator = services.require_moderator(current_member())
    body = request.form.get("body", "")
    try:
        staff_messages.send_to_member(moderator, pseudonym, body)
    except DomainError as problem:
        return render_conversation(pseudonym, message_for(problem), body, problem.status)
    flash(_("Sent. The member sees it at once if they are online, and on their page otherwise."))
    return redirect(url_for("moderation.queue.member_messages", pseudonym=pseudonym))


@bp.get("/moderation/rota")
@login_required
def rota_week():
    """The rota, a week at a time; admins add and remove shifts here."""
    moderator = services.require_moderator(current_member())
    try:
        day = history.parse_day(request.args.get("week"), "week")
    except DomainError as problem:
        flash(field_message(problem), "error")
        day = None
    monday = rota.week_start(day)
    return render_template(
        "moderation/rota.html",
        monday=monday,
        days=rota.week(moderator, monday),
        shift_owner=lambda shift: db.session.get(User, shift.user_id).pseudonym.name,
        staff=rota.staff_pseudonyms(),
        timedelta=timedelta,
    )


@bp.post("/moderation/rota")
@login_required
def rota_change():
    """Add a shift (date, from, to) or remove one."""
    admin = rota.require_admin(current_member())
    form = request.form
    week = form.get("week", "")
    try:
        if form.get("remove"):
            rota.remove_shift(admin, int(form.get("remove")))
        else:
            day = form.get("day", "").strip()
            start, end = form.get("from", "").strip(), form.get("to", "").strip()
            ends_day = day
            if day and start and end and end <= start:
                ends_day = (history.parse_day(day, "day") + timedelta(days=1)).isoformat()  # past midnight
            rota.add_shift(
                admin,
                form.get("pseudonym"),
                f"{day}T{start}" if day and start else "",
                f"{ends_day}T{end}" if day and end else "",
            )
            flash(_("The shift is on the rota."))
    except ValueError:
        flash(_("That item could not be found."), "error")
    except DomainError as problem:
        flash(field_message(problem), "error")
    return redirect(url_for("moderation.queue.rota_week", week=week or None))
