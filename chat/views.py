"""Chat pages: the lobby with online counts, and a room (its live part runs on the Socket.IO client)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from accounts.age_gate import YOUNG_BAND
from accounts.permissions import can_administer, can_moderate
from accounts.session import current_member, login_required, members_only_explained
from chat import moderating, presence, services, staff
from chat.banding import remove_outside_bands
from core.errors import message_for
from core.exceptions import DomainError

bp = Blueprint("rooms", __name__)


@bp.after_request
def not_for_search_engines(response):
    """Members-only pages must never be indexed."""
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.get("/chat")
@members_only_explained("chat")
def lobby():
    """Every room with its online count."""
    member = current_member()
    return render_template(
        "chat/lobby.html",
        rooms=services.rooms(include_closed=can_administer(member)),
        counts=presence.online_counts(),
        moderator_online=presence.moderator_online(),
    )


@bp.post("/chat")
@login_required
def create_room():
    """Admins add a room from the lobby (ticking "young carers only" gives it the 16–25 band)."""
    data = request.form.to_dict()
    data["age_band"] = YOUNG_BAND.as_json() if data.pop("young_only", None) == "1" else None
    try:
        room = staff.create_room(current_member(), data)
    except DomainError as problem:
        flash(message_for(problem), "error")
        return redirect(url_for("chat.rooms.lobby"))
    flash(_("The room %(name)s is open.", name=room.name_sv))
    return redirect(url_for("chat.rooms.lobby"))


@bp.post("/chat/<slug>/settings")
@login_required
def room_settings(slug: str):
    """Admins rename, close and reopen and set the age band; moderators set slow mode."""
    form = request.form
    data: dict = {}
    if form.get("action") == "close":
        data["closed"] = True
    elif form.get("action") == "reopen":
        data["closed"] = False
    elif form.get("action") == "rename":
        data = {"name_sv": form.get("name_sv", ""), "name_en": form.get("name_en", "")}
    elif form.get("action") == "slow_mode":
        seconds = form.get("slow_mode_seconds", "")
        data["slow_mode_seconds"] = int(seconds) if seconds.isdecimal() else seconds
    elif form.get("action") == "age_band":
        data["age_band"] = YOUNG_BAND.as_json() if form.get("young_only") == "1" else None
    try:
        staff.update_room(current_member(), services.get_room(slug), data)
    except DomainError as problem:
        flash(message_for(problem), "error")
    else:
        if "age_band" in data:
            remove_outside_bands()
    return redirect(url_for("chat.rooms.lobby"))


@bp.get("/chat/<slug>")
@members_only_explained("chat")
def room(slug: str):
    """A room: recent history rendered here, live updates and sending through the Socket.IO client."""
    member = current_member()
    chat_room = services.room_for(member, slug)  # 403 `age_band` before any message is read
    if chat_room.closed and not can_moderate(member):
        return render_template("chat/closed.html", room=chat_room), 409
    messages = services.history(chat_room)[0]
    return render_template(
        "chat/room.html",
        room=chat_room,
        messages=messages,
        # Moderators also see what members no longer do, marked (static/js/chat_moderation.js shows it).
        moderated=(
            moderating.moderated_history(chat_room, [message.id for message in messages])
            if can_moderate(member)
            else None
        ),
        online=presence.online_count(chat_room.id),
        moderator_online=presence.moderator_online(),
        slow_mode=services.current_slow_mode(chat_room),
    )
