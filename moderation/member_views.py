"""The member's side of moderation: the page "Från moderatorerna" (private messages from the staff, and a form
to answer them), and marking the moderators' warnings read."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from accounts import limits
from accounts.session import current_member, end_session, login_required, suspended_member
from core.errors import message_for
from core.exceptions import DomainError
from moderation import staff_messages
from moderation.sanctions import acknowledge_warnings, current_suspension

bp = Blueprint("inbox", __name__)
CRISIS_THANKS = _l(
    "Thank you for writing. It sounds very heavy right now. You do not have to carry it alone: "
    "the help lines below are there for you, and a moderator will read what you wrote."
)


@bp.post("/account/warnings/read")
@login_required
def read_warnings():
    """The member has read the moderators' warnings."""
    acknowledge_warnings(current_member())
    return redirect(request.referrer or url_for("pages.home"))


@bp.get("/account/staff-messages")
@login_required
def messages():
    """The conversation with the moderators (opening it marks their messages read)."""
    return render_page()


def render_page(error: str | None = None, draft: str = "", status: int = 200):
    """The page, with a refused answer's text kept in the box."""
    member = current_member()
    html = render_template(
        "moderation/staff_messages.html",
        messages=staff_messages.member_conversation(member),
        error=error,
        draft=draft,
    )
    return html, status


@bp.post("/account/staff-messages")
@login_required
@limits.posting_per_member
def answer():
    """The member answers the moderators."""
    body = request.form.get("body", "")
    try:
        message = staff_messages.answer_staff(current_member(), body)
    except DomainError as problem:
        return render_page(message_for(problem), body, problem.status)
    if message.crisis:
        flash(str(CRISIS_THANKS), "crisis")
    flash(_("Sent to the moderators. They answer here."))
    return redirect(url_for("moderation.inbox.messages", _anchor="answer-title"))


@bp.get("/account/suspended")
def suspended():
    """A suspended member who signed in with the right password: why, until when, and the conversation
    with the moderators, with a form to write to them (the only thing a suspended account can do)."""
    return render_suspended()


def render_suspended(error: str | None = None, draft: str = "", status: int = 200):
    """The suspension page, or the login page once the suspension is over or the session has gone."""
    member = suspended_member()
    if member is None:  # never suspended here, or the suspension is over: signing in works again
        return redirect(url_for("accounts.login"))
    html = render_template(
        "moderation/suspended.html",
        member=member,
        sanction=current_suspension(member),
        messages=staff_messages.member_conversation(member),
        error=error,
        draft=draft,
    )
    return html, status


@bp.post("/account/suspended")
@limits.posting_per_member
def answer_while_suspended():
    """A suspended member writes to the moderators (asks why, or asks them to reconsider)."""
    member = suspended_member()
    if member is None:
        return render_suspended()
    body = request.form.get("body", "")
    try:
        message = staff_messages.answer_staff(member, body)
    except DomainError as problem:
        return render_suspended(message_for(problem), body, problem.status)
    if message.crisis:
        flash(str(CRISIS_THANKS), "crisis")
    flash(_("Sent to the moderators. Their answer will be here when you sign in again."), "at:suspended")
    return redirect(url_for("moderation.inbox.suspended", _anchor="suspended-sent"))


@bp.post("/account/suspended/leave")
def leave_suspended():
    """Forget the limited session in this browser."""
    end_session()
    return redirect(url_for("pages.home"))
