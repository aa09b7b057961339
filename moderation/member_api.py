"""JSON API for members: their private conversation with the moderators (`/api/v1/me/staff-messages`)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from accounts import limits
from accounts.session import require_member
from core.schemas import body, documented
from moderation import staff_messages
from moderation.schemas import StaffMessage, StaffMessageBody, StaffMessages, StaffMessageSent

bp = Blueprint("member_api", __name__, url_prefix="/api/v1/me")


@bp.get("/staff-messages")
@documented(responses={200: (StaffMessages, "Messages")}, errors=(401,))
def read():
    """The member's conversation with the moderators, oldest first"""
    messages = staff_messages.member_conversation(require_member())
    return jsonify(StaffMessages(messages=[StaffMessage.for_member(message) for message in messages]).dump())


@bp.post("/staff-messages/read")
@documented(responses={204: "Marked"}, errors=(401,))
def mark_read():
    """The member has seen the staff's messages (sent by the page's script: a GET never writes)"""
    staff_messages.mark_read_by_member(require_member())
    return "", 204


@bp.post("/staff-messages")
@limits.posting_per_member
@documented(body=StaffMessageBody, responses={201: (StaffMessageSent, "Sent")}, errors=(401, 422))
def answer():
    """The member writes to the moderators (only to them); `crisis_support` as for posts"""
    member = require_member()
    message = staff_messages.answer_staff(member, body().body)
    answer = StaffMessageSent(message=StaffMessage.for_member(message), crisis_support=message.crisis)
    return jsonify(answer.dump()), 201
