"""How review items, sanctions and audit entries look to moderators; going on or off duty, heard live.

What a queue item shows of its target (excerpt, author, full text, context) comes from its `Reviewable`
kind; what follows a decision in a chat room or the forum listens to `moderation.signals`."""

from __future__ import annotations

from sqlalchemy import select

from chat.events import announce_moderator_flip
from core.extensions import db
from core.markdown import plain_text
from moderation.claims import claim_json
from moderation.duty import set_on_duty
from moderation.flaggers import member_flags
from moderation.labels import action_label, reason_label, status_label, target_label
from moderation.models import REVIEW_STATUSES, AuditEntry, Flag, ReviewItem, Sanction, StaffNote
from moderation.reviewable import of_row, target_id_of
from moderation.services import flags_of, pseudonym_label

STATUSES = REVIEW_STATUSES
EXCERPT_LENGTH = 240


def excerpt_of(html: str) -> str:
    """The start of a text under review, from its HTML (moderators see hidden text)."""
    text = plain_text(html)
    return text[:EXCERPT_LENGTH] + ("…" if len(text) > EXCERPT_LENGTH else "")


def item_json(item: ReviewItem) -> dict:
    """The contract's queue item, plus context for the moderator."""
    implementation = of_row(item)
    target = implementation.load(target_id_of(item))
    claim = claim_json(item)
    body = {
        "kind": implementation.kind,
        "kind_label": str(implementation.label),
        "id": target_id_of(item),
        "excerpt": excerpt_of(implementation.body_html(target)) if target is not None else "",
        "reasons": item.reasons,
        "reason_labels": [reason_label(reason) for reason in item.reasons],
        "status_label": status_label(item.status),
        "flag_count": item.flag_count,
        "status": item.status,
        "author": (
            {"pseudonym": pseudonym_label(implementation.author_pseudonym_id(target))}
            if target is not None
            else None
        ),
        "created_at": item.created_at.isoformat(),
        "hidden": bool(target is not None and implementation.is_hidden(target)),
        "claimed_by": claim["claimed_by"],
        "claimed_since": claim["since"],
        "flaggers": [flagger_json(*row) for row in member_flags(item)],
        "signals": system_signals(item),
        "decided_by": {"pseudonym": item.decided_by_pseudonym} if item.decided_by_pseudonym else None,
        "decided_at": item.resolved_at.isoformat() if item.resolved_at else None,
        "can_undo": item.previous_state is not None,
    }
    if target is not None:
        full_text = implementation.full_text(target)
        if full_text is not None:
            body["full_text"] = full_text
        body["context"] = implementation.context(target)
        body["link_label"] = str(implementation.link_label)
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
    which = Flag.resolved_at.is_(None) if item.resolved_at is None else Flag.resolved_at == item.resolved_at
    notes = db.session.execute(
        select(Flag.reason, Flag.note)
        .where(flags_of(item), which, Flag.reporter_id.is_(None), Flag.note.is_not(None))
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


def change_duty(moderator, on: object):
    """Go on or off duty, and let every chat room hear at once when moderator presence flips (calm mode)
    rather than at the next maintenance sweep."""
    from chat import services as chat_services  # chat imports moderation; the reverse is needed only here

    before = chat_services.moderator_online(fresh=True)
    duty = set_on_duty(moderator, on)
    announce_moderator_flip(before)
    return duty
