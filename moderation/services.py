"""Moderation services: flags and the review queue, moderator actions and the audit log.

Sanctions and staff notes live in `moderation.sanctions`, watched words in `moderation.watchlist`, the
automatic mute in `moderation.safety_net`.

Every moderator action follows one sequence in one transaction: check the permission, validate, change the
target, write the audit entry, commit. Members appear to moderators by pseudonym only.

Moderation acts on its targets only through the `Reviewable` kinds registered at app creation
(`moderation/reviewable.py`); what follows a decision (a chat room dropping a line, a post's followers told)
listens to `moderation.signals`, sent once the decision is committed.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from accounts.models import Pseudonym, User
from accounts.permissions import can_moderate
from core.database import utcnow
from core.exceptions import Forbidden, InvalidInput, NotFound, TooLong
from core.extensions import db
from moderation import signals
from moderation.errors import AlreadyDecided, AlreadyFlagged, CannotFlagOwn, FlagLimitReached
from moderation.flaggers import flags_count
from moderation.live import announce_queue_change
from moderation.models import (
    FLAG_REASONS,
    URGENCY,
    AuditEntry,
    Flag,
    ReviewItem,
)
from moderation.reviewable import Reviewable, of_row, reviewable, target_id_of, valid_id
from moderation.safety_net import apply_safety_net, lift_automatic_mute

NOTE_MAX = 500
REASON_MAX = 500


def flag(member: User, kind: str, target, reason: object, note: object = None) -> Flag:
    """A member reports a text of any registered kind: never their own, only one they can see."""
    implementation = reviewable(kind)
    if implementation.author_id(target) == member.id:
        raise CannotFlagOwn()
    if not implementation.may_flag(member, target):
        raise NotFound()
    return store_flag(member, reason, note, **{implementation.column: target.id})


def flag_post(member: User, post, reason: object, note: object = None) -> Flag:
    """A member reports a forum post."""
    return flag(member, "post", post, reason, note)


def flag_chat_message(member: User, message, reason: object, note: object = None) -> Flag:
    """A member reports a chat message, under the same rules as posts."""
    return flag(member, "chat_message", message, reason, note)


def clean_note(note: object) -> str | None:
    """An optional short note."""
    if note is not None and not isinstance(note, str):
        raise InvalidInput(field="note")
    note = (note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise TooLong("note", NOTE_MAX)
    return note


def store_flag(member: User, reason: object, note: object, **target: int) -> Flag:
    """One flag per member per target, a known reason, a short note, and a daily cap per member."""
    if reason not in FLAG_REASONS:
        raise InvalidInput("invalid_reason", field="reason")
    note = clean_note(note)
    ((column, target_id),) = target.items()
    already = db.session.scalar(
        select(Flag.id).where(getattr(Flag, column) == target_id, Flag.reporter_id == member.id)
    )
    if already is not None:
        raise AlreadyFlagged()
    since = utcnow() - timedelta(days=1)
    today = db.session.scalar(
        select(func.count()).select_from(Flag).where(Flag.reporter_id == member.id, Flag.created_at >= since)
    )
    if today >= current_app.config["FLAGS_PER_DAY"]:
        raise FlagLimitReached()
    flag = Flag(
        reporter_id=member.id,
        reporter_pseudonym_id=member.pseudonym.id,
        counts=flags_count(member),
        reason=reason,
        note=note,
        **target,
    )
    db.session.add(flag)
    try:
        db.session.flush()
    except IntegrityError as error:  # the same member, twice at the same moment
        db.session.rollback()
        raise AlreadyFlagged() from error
    item = review_item_for(**target)
    refresh(item)
    implementation = of_row(item)
    target_row = implementation.load(target_id_of(item))
    apply_safety_net(implementation.author_id(target_row) if target_row is not None else None)
    if target_row is not None:
        # The flag may have hidden the text (the threshold): whoever shows it hears once it is stored.
        signals.after_commit(signals.flagged, decision=change(item, "flag", implementation, target_row))
    db.session.commit()
    announce_queue_change()
    return flag


def system_flag(reason: str, note: str | None = None, **target: int) -> ReviewItem:
    """The system's own report (crisis language, personal data, a watched word, a held post). Does not
    commit: it belongs to the transaction that stored the text."""
    db.session.add(Flag(reporter_id=None, reason=reason, note=note, **target))
    db.session.flush()
    item = review_item_for(**target)
    refresh(item)
    return item


def review_item_for(**target: int) -> ReviewItem:
    """The one review item of a post or chat message, created on first need."""
    ((column, target_id),) = target.items()
    item = db.session.scalar(select(ReviewItem).where(getattr(ReviewItem, column) == target_id))
    if item is None:
        item = ReviewItem(status="pending", reasons=[], flag_count=0, **target)
        db.session.add(item)
        db.session.flush()
    elif item.status != "pending" and item.resolved_at is not None:
        item.status = "pending"  # new flags after a decision reopen the item
        item.resolved_at = None
        # A reopened item is new work: nobody holds it, and a crisis in it may alert staff again.
        item.claimed_by_id = item.claimed_at = item.alerted_at = None
    return item


def flags_of(item: ReviewItem):
    """The condition that picks the flags on the item's target."""
    return getattr(Flag, of_row(item).column) == target_id_of(item)


def refresh(item: ReviewItem) -> None:
    """Recount the item's open flags, its reasons and urgency, and auto-hide at the threshold."""
    flags = list(db.session.scalars(select(Flag).where(flags_of(item), Flag.resolved_at.is_(None))))
    reasons = sorted({flag.reason for flag in flags}, key=URGENCY.index)
    item.reasons = reasons
    item.urgency = URGENCY.index(reasons[0]) if reasons else len(URGENCY) - 1
    member_flaggers = {flag.reporter_id for flag in flags if flag.reporter_id is not None and flag.counts}
    item.flag_count = len(flags)
    item.updated_at = utcnow()
    if len(member_flaggers) >= current_app.config["AUTO_HIDE_FLAGS"]:
        implementation = of_row(item)
        target = implementation.load(target_id_of(item))
        if target is not None and not implementation.is_hidden(target):
            implementation.hide(target, utcnow())


def target_of(item: ReviewItem):
    """The text an item is about (None once it is gone)."""
    return of_row(item).load(target_id_of(item))


def change(
    item: ReviewItem,
    action: str,
    implementation: Reviewable,
    target,
    moderator: User | None = None,
    notices=(),
) -> signals.Decision:
    """What a signal tells about an item and its target (read before commit expires them)."""
    return signals.Decision(
        kind=implementation.kind,
        target_id=target_id_of(item),
        item_id=item.id,
        action=action,
        status=item.status,
        hidden=implementation.is_hidden(target),
        moderator_id=moderator.id if moderator is not None else None,
        notices=tuple(notices),
    )


def require_moderator(member: User | None) -> User:
    """Moderators and admins only."""
    if not can_moderate(member):
        raise Forbidden()
    return member


def audit(moderator: User, action: str, target: str, reason: object, **details) -> AuditEntry:
    """The audit row of an action; part of the action's transaction."""
    if reason is not None and not isinstance(reason, str):
        raise InvalidInput(field="reason")
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise TooLong("reason", REASON_MAX)
    entry = AuditEntry(
        moderator_id=moderator.id,
        moderator_pseudonym=moderator.pseudonym.name,
        action=action,
        target=target,
        reason=reason,
        details=details,
    )
    db.session.add(entry)
    return entry


def pseudonym_label(pseudonym_id: int) -> str:
    """The name a target's author had when they wrote it."""
    return db.session.get(Pseudonym, pseudonym_id).name


def queue(moderator: User, status: str = "pending") -> list[ReviewItem]:
    """Most urgent first: crisis, personal data, harassment, spam, other; then by flags, then oldest."""
    require_moderator(moderator)
    return list(
        db.session.scalars(
            select(ReviewItem)
            .where(ReviewItem.status == status)
            .order_by(ReviewItem.urgency, ReviewItem.flag_count.desc(), ReviewItem.created_at)
            .limit(200)
        )
    )


def audit_log(moderator: User, limit: int = 200) -> list[AuditEntry]:
    """Newest actions first."""
    require_moderator(moderator)
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


ACTIONS = ("hide", "restore", "delete", "dismiss", "edit")


def perform(
    moderator: User,
    item: ReviewItem,
    action: object,
    reason: object,
    body: object = None,
    override: bool = False,
) -> ReviewItem:
    """One moderator decision on a flagged post or chat message, with its audit entry, in one transaction.

    hide: members no longer see it; restore: they see it again and its flags are closed; delete: the text is
    removed for good (kept in revisions for posts); dismiss: the flags were unfounded, nothing changes.
    An item another moderator has decided is refused with who decided (409), unless `override` says the
    moderator means to change it (the thread and chat controls do); undo is the usual way back.
    """
    require_moderator(moderator)
    if action not in ACTIONS:
        raise InvalidInput(field="action")
    implementation = of_row(item)
    target = implementation.load(target_id_of(item))
    if target is None:
        raise NotFound()
    if (
        not override
        and item.status != "pending"
        and item.decided_by_id is not None
        and item.decided_by_id != moderator.id
    ):
        raise AlreadyDecided(item.decided_by_pseudonym or "")
    before = snapshot(item, target)
    before["text_changed"] = implementation.keeps_revisions and action in ("delete", "edit")
    now = utcnow()
    if action == "hide":
        implementation.hide(target, now)
        item.status = "hidden"
    elif action == "restore":
        implementation.restore(target)
        item.status = "approved"
    elif action == "delete":
        implementation.delete(target, now)
        item.status = "deleted"
    elif action == "edit":
        implementation.edit(target, body, reason, now)
        item.status = "approved"
    else:
        # Dismissing new flags does not undo a moderator's earlier hide (or a deleted thread's).
        if item.status not in ("hidden", "deleted"):
            implementation.unhide(target)
        item.status = "dismissed"
    close_flags(item, now)
    lift_automatic_mute(implementation.author_id(target), item)
    db.session.flush()
    item.resolved_at = now
    item.updated_at = now
    decided_by(item, moderator, before, reason)
    audit(
        moderator,
        f"{implementation.kind}.{action}",
        audit_target(item, implementation, target),
        reason,
    )
    # A text members see again: whoever follows it hears of it (once); told after commit by its feature.
    notices = implementation.became_visible(target)
    signals.after_commit(
        signals.decided, decision=change(item, action, implementation, target, moderator, notices)
    )
    db.session.commit()
    announce_queue_change()
    return item


def audit_target(item: ReviewItem, implementation: Reviewable, target) -> str:
    """How the audit log names a target: kind, id and the pseudonym it was written under."""
    label = pseudonym_label(implementation.author_pseudonym_id(target))
    return f"{implementation.kind} {target_id_of(item)} by {label}"


def snapshot(item: ReviewItem, target) -> dict:
    """What an undo brings back: the item's status and when it was decided, and the target's state."""
    resolved = item.resolved_at.isoformat() if item.resolved_at is not None else None
    return {"status": item.status, "resolved_at": resolved, **of_row(item).snapshot(target)}


def decided_by(item: ReviewItem, moderator: User, before: dict, reason: object) -> None:
    """Remember who decided (under their pseudonym then), why, and what was there before."""
    item.decided_by_id = moderator.id
    item.decided_by_pseudonym = moderator.pseudonym.name
    item.decided_reason = reason.strip()[:REASON_MAX] if isinstance(reason, str) else None
    item.previous_state = before


def close_flags(item: ReviewItem, now) -> None:
    """Mark the item's open flags as dealt with."""
    for flag in db.session.scalars(select(Flag).where(flags_of(item), Flag.resolved_at.is_(None))):
        flag.resolved_at = now


def get_target(kind: object, target_id: object):
    """The text a path names, of a registered kind, or 404."""
    implementation = reviewable(kind)
    target = implementation.load(target_id) if valid_id(target_id) else None
    if target is None:
        raise NotFound()
    return target


def item_query(kind: object, target_id: object):
    """The query of a target's review item (404 for an unknown kind or an impossible id)."""
    implementation = reviewable(kind)
    if not valid_id(target_id):
        raise NotFound()
    return select(ReviewItem).where(getattr(ReviewItem, implementation.column) == target_id)


def existing_item(kind: str, target_id: object) -> ReviewItem:
    """The review item of a text, if there is one; otherwise 404."""
    item = db.session.scalar(item_query(kind, target_id))
    if item is None:
        raise NotFound()
    return item


def get_item(kind: str, target_id: int) -> ReviewItem:
    """The review item of a text (created if a moderator acts before anyone flagged)."""
    item = db.session.scalar(item_query(kind, target_id))
    if item is None:
        get_target(kind, target_id)
        item = review_item_for(**{reviewable(kind).column: target_id})
    return item
