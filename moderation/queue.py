"""How review items, sanctions and audit entries look to moderators, and what follows an action live."""

from __future__ import annotations

from sqlalchemy import select

from chat.events import announce_moderator_flip
from chat.models import ChatMessage
from core.extensions import db
from core.markdown import plain_text
from moderation.claims import claim_json
from moderation.duty import set_on_duty
from moderation.flaggers import member_flags
from moderation.labels import action_label, reason_label, status_label, target_label
from moderation.live import announce_hidden_chat_message
from moderation.models import REVIEW_STATUSES, AuditEntry, Flag, ReviewItem, Sanction, StaffNote
from moderation.services import pseudonym_label, target_of

STATUSES = REVIEW_STATUSES
EXCERPT_LENGTH = 240


def excerpt(target) -> str:
    """The start of the text under review (moderators see hidden text)."""
    text = plain_text(target.body_html) if target is not None else ""
    return text[:EXCERPT_LENGTH] + ("…" if len(text) > EXCERPT_LENGTH else "")


def item_json(item: ReviewItem) -> dict:
    """The contract's queue item, plus context for the moderator."""
    target = target_of(item)
    claim = claim_json(item)
    body = {
        "kind": item.kind,
        "id": item.target_id,
        "excerpt": excerpt(target),
        "reasons": item.reasons,
        "reason_labels": [reason_label(reason) for reason in item.reasons],
        "status_label": status_label(item.status),
        "flag_count": item.flag_count,
        "status": item.status,
        "author": {"pseudonym": pseudonym_label(target.author_pseudonym_id)} if target is not None else None,
        "created_at": item.created_at.isoformat(),
        "hidden": bool(target is not None and target.hidden_at is not None),
        "claimed_by": claim["claimed_by"],
        "claimed_since": claim["since"],
        "flaggers": [flagger_json(*row) for row in member_flags(item)],
        "signals": system_signals(item),
        "decided_by": {"pseudonym": item.decided_by_pseudonym} if item.decided_by_pseudonym else None,
        "decided_at": item.resolved_at.isoformat() if item.resolved_at else None,
        "can_undo": item.previous_state is not None,
    }
    if item.post_id is not None and target is not None:
        body["full_text"] = target.body_source
    if item.post_id is not None and target is not None:
        body["context"] = {"thread_id": target.thread_id, "url": f"/posts/{target.id}"}
    elif target is not None:
        body["context"] = {"room": target.room.slug, "lines": surrounding_lines(target)}
    return body


def item_page(item: ReviewItem) -> dict:
    """The queue item as pages show it: also the claim's time as a datetime, for local formatting."""
    return {
        **item_json(item),
        "claimed_at": item.claimed_at,
        "created": item.created_at,
        "resolved": item.resolved_at,
        "undo_to": status_label(item.previous_state["status"]) if item.previous_state else None,
    }


def system_signals(item: ReviewItem) -> list[dict]:
    """What the system saw in the text (which crisis or grooming signal fired, on which words; a hold's
    reason), so moderators see why an item is there before they read it."""
    column = Flag.post_id if item.post_id is not None else Flag.chat_message_id
    which = Flag.resolved_at.is_(None) if item.resolved_at is None else Flag.resolved_at == item.resolved_at
    notes = db.session.execute(
        select(Flag.reason, Flag.note)
        .where(column == item.target_id, which, Flag.reporter_id.is_(None), Flag.note.is_not(None))
        .order_by(Flag.id)
    )
    return [{"reason": reason, "note": note} for reason, note in notes]


def flagger_json(flag: Flag, pseudonym: str | None, account_created_at) -> dict:
    """Who flagged, under the pseudonym they had then; how old their account was when they flagged; and
    whether the flag counted toward auto-hide and the safety net (see flaggers.flags_count)."""
    age = flag.created_at - account_created_at if account_created_at is not None else None
    return {
        "pseudonym": pseudonym,
        "account_age_days": max(age.days, 0) if age is not None else None,
        "counted": flag.counts and flag.reporter_id is not None,
    }


def surrounding_lines(message, around: int = 2) -> list[dict]:
    """The chat lines just before and after a message, as the room saw them."""


    room = ChatMessage.room_id == message.room_id
    before = db.session.scalars(
        select(ChatMessage)
        .where(room, ChatMessage.id < message.id)
        .order_by(ChatMessage.id.desc())
        .limit(around)
    )
    after = db.session.scalars(
        select(ChatMessage).where(room, ChatMessage.id > message.id).order_by(ChatMessage.id).limit(around)
    )
    lines = [*reversed(list(before)), message, *after]
    return [
        {
            "id": line.id,
            "pseudonym": line.author_pseudonym.name,
            "text": excerpt(line),
            "flagged": line.id == message.id,
        }
        for line in lines
    ]


def sanction_json(record: Sanction) -> dict:
    """A sanction, with its end."""
    return {
        "kind": record.kind,
        "until": record.until.isoformat() if record.until else None,
        "reason": record.reason,
    }


def audit_json(entry: AuditEntry) -> dict:
    """The contract's audit entry."""
    return {
        "at": entry.at.isoformat(),
        "moderator": entry.moderator_pseudonym,
        "action": entry.action,
        "target": entry.target,
        "reason": entry.reason,
        "action_label": action_label(entry.action),
        "target_label": target_label(entry.target),
    }


def note_json(note: StaffNote) -> dict:
    """A staff note, signed with the pseudonym its writer had then."""
    return {"body": note.body, "at": note.created_at.isoformat(), "author": note.author_pseudonym}


def after_action(item: ReviewItem) -> None:
    """Chat rooms drop a hidden or deleted message at once; the room's moderators see every change."""
    if item.chat_message_id is not None:
        target = target_of(item)
        if target is not None:
            announce_hidden_chat_message(target)


def after_sanction(record: Sanction) -> None:
    """The sanctioned member's open chat sockets hear it at once (suspensions also end their sessions)."""
    from chat.presence import tell_member  # chat imports moderation; the reverse is needed only here

    tell_member(record.user_id, "sanction", sanction_json(record))


def change_duty(moderator, on: object):
    """Go on or off duty, and let every chat room hear at once when moderator presence flips (calm mode)
    rather than at the next maintenance sweep."""
    from chat import services as chat_services  # chat imports moderation; the reverse is needed only here

    before = chat_services.moderator_online(fresh=True)
    duty = set_on_duty(moderator, on)
    announce_moderator_flip(before)
    return duty
