"""JSON API for members: their private conversation with the moderators (`/api/v1/me/staff-messages`)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from accounts import limits
from accounts.session import require_member
from core.api import json_body
from moderation import staff_messages

bp = Blueprint("member_api", __name__, url_prefix="/api/v1/me")


@bp.get("/staff-messages")
def read():
    """Every message between the member and the moderators, oldest first."""
    messages = staff_messages.member_conversation(require_member())
    return jsonify(messages=[staff_messages.message_json(message) for message in messages])


@bp.post("/staff-messages/read")
def mark_read():
    """The member has seen the moderators' messages (a GET never writes: the page's script sends this)."""
    staff_messages.mark_read_by_member(require_member())
    return "", 204


@bp.post("/staff-messages")
@limits.posting_per_member
def answer():
    """The member writes to the moderators (only to them)."""
    message = staff_messages.answer_staff(require_member(), json_body().get("body"))
    return jsonify(message=staff_messages.message_json(message), crisis_support=message.crisis), 201
