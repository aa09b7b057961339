"""Sanctions (warning, chat mute, suspension, ban) and moderators' private notes about members.

Moderators act on a pseudonym and nothing here may tie it to the member's other pseudonyms: the audit log
names the member by the pseudonym the moderator used, staff notes belong to the pseudonym they were written
about (not the account), and a refused sanction never says why (a staff member, an unknown or a departed
member, oneself all get the same answer), so trying names cannot reveal who is staff.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from accounts.models import Pseudonym, User
from accounts.permissions import can_administer, can_moderate
from accounts.services import find_pseudonym
from core.database import utcnow
from core.exceptions import DomainError, InvalidInput, TooLong
from core.extensions import db
from moderation import signals
from moderation.errors import DuplicateSanction
from moderation.models import SANCTION_KINDS, Sanction, StaffNote
from moderation.services import audit, require_moderator
from moderation.signals import SanctionGiven

MAX_SANCTION_HOURS = 24 * 365
STAFF_NOTE_MAX = 2000
# The same sanction on the same member again within this time is a double click or two moderators at once.
DUPLICATE_WINDOW = timedelta(minutes=10)


def sanction(moderator: User, pseudonym: object, kind: object, hours: object, reason: object) -> Sanction:
    """Warn, mute in chat, suspend or ban a member named by a pseudonym they use or used.

    A suspension or a ban ends every session at once (the session version), which also disconnects the
    member's chat sockets within a second.
    """
    require_moderator(moderator)
    if kind not in SANCTION_KINDS:
        raise InvalidInput(field="kind")
    member, found = sanctionable(moderator, pseudonym)
    now = utcnow()
    until = None
    if kind in ("mute", "suspend"):
        if (
            isinstance(hours, bool)
            or not isinstance(hours, int | float)
            or not 0 < hours <= MAX_SANCTION_HOURS
        ):
            raise InvalidInput(field="hours")
        until = now + timedelta(hours=hours)
    refuse_duplicate(member, kind, found.name, now)
    if kind == "mute":
        member.chat_muted_until = until
    elif kind == "suspend":
        member.suspended_until = until
        member.session_version += 1
    elif kind == "ban":
        member.banned = True
        member.session_version += 1
    record = Sanction(
        user_id=member.id,
        kind=kind,
        until=until,
        reason=(reason or "").strip() if isinstance(reason, str) else "",
        created_by_id=moderator.id,
    )
    db.session.add(record)
    audit(
        moderator,
        f"sanction.{kind}",
        f"member {found.name}",
        reason,
        until=until.isoformat() if until else None,
    )
    # The member's open chat sockets hear it once it is stored (suspensions also end their sessions).
    signals.after_commit(signals.sanctioned, sanction=SanctionGiven(member.id, kind, until, record.reason))
    db.session.commit()
    return record


def current_suspension(member: User) -> Sanction | None:
    """The suspension or ban the member is under now (the latest), to tell them why and until when."""
    return db.session.scalar(
        select(Sanction)
        .where(Sanction.user_id == member.id, Sanction.kind.in_(("suspend", "ban")))
        .order_by(Sanction.id.desc())
        .limit(1)
    )


def refuse_duplicate(member: User, kind: str, named: str, now) -> None:
    """The same kind of sanction by a moderator on the same member moments ago is refused (409)."""
    recent = db.session.scalar(
        select(Sanction.id)
        .where(
            Sanction.user_id == member.id,
            Sanction.kind == kind,
            Sanction.created_by_id.is_not(None),
            Sanction.created_at >= now - DUPLICATE_WINDOW,
        )
        .limit(1)
    )
    if recent is not None:
        raise DuplicateSanction(named)


def sanctionable(moderator: User, pseudonym: object) -> tuple[User, Pseudonym]:
    """The member a moderator may sanction under a pseudonym, and that pseudonym (as the audit names it).

    Unknown names, departed members, oneself and, for anyone but an admin, staff get one and the same refusal:
    a distinct answer for staff (it used to be 403) would let a moderator find out who else is one.
    """
    try:
        found = find_pseudonym(pseudonym)
    except DomainError as error:
        raise InvalidInput("cannot_sanction", field="pseudonym") from error
    member = db.session.get(User, found.user_id) if found.user_id else None
    if (
        member is None
        or member.id == moderator.id
        or (can_moderate(member) and not can_administer(moderator))
    ):
        raise InvalidInput("cannot_sanction", field="pseudonym")
    return member, found


def pending_warnings(member: User) -> list[Sanction]:
    """Warnings the member has not yet read."""
    return list(
        db.session.scalars(
            select(Sanction).where(
                Sanction.user_id == member.id, Sanction.kind == "warning", Sanction.acknowledged_at.is_(None)
            )
        )
    )


def acknowledge_warnings(member: User) -> None:
    """The member has read their warnings."""
    for warning in pending_warnings(member):
        warning.acknowledged_at = utcnow()
    db.session.commit()


def add_staff_note(moderator: User, pseudonym: object, body: object) -> StaffNote:
    """A note for moderators only about a member, filed under the pseudonym it was written about."""
    require_moderator(moderator)

    found = find_pseudonym(pseudonym)
    if found.user_id is None:
        raise InvalidInput("unknown_pseudonym", field="pseudonym")
    if not isinstance(body, str) or not body.strip():
        raise InvalidInput(field="body")
    if len(body) > STAFF_NOTE_MAX:
        raise TooLong("body", STAFF_NOTE_MAX)
    note = StaffNote(
        user_id=found.user_id,
        pseudonym_id=found.id,
        author_id=moderator.id,
        author_pseudonym=moderator.pseudonym.name,
        body=body.strip(),
    )
    db.session.add(note)
    audit(moderator, "member.note", f"member {found.name}", "")
    db.session.commit()
    return note


def staff_notes(moderator: User, pseudonym: Pseudonym) -> list[StaffNote]:
    """Notes written about this pseudonym, newest first. Not those about the member's other pseudonyms:
    notes that followed the account would show moderators which names belong together. (The notes still
    belong to the account, and go when it is deleted.)"""
    require_moderator(moderator)
    return list(
        db.session.scalars(
            select(StaffNote).where(StaffNote.pseudonym_id == pseudonym.id).order_by(StaffNote.id.desc())
        )
    )
