"""Undo: the state before an item's last decision comes back (an undo is a decision too: undoing it redoes).

The state is kept on the item by `services.decided_by` at every decision (`previous_state`); the target's
part of it is written and put back by its `Reviewable` kind."""

from __future__ import annotations

from sqlalchemy import select

from accounts.models import User
from core.database import utcnow
from core.extensions import db
from moderation import signals
from moderation.errors import NothingToUndo
from moderation.live import announce_queue_change
from moderation.models import Flag, ReviewItem
from moderation.reviewable import of_row, target_id_of
from moderation.services import (
    audit,
    audit_target,
    change,
    close_flags,
    decided_by,
    flags_of,
    require_moderator,
    snapshot,
)


def undo(moderator: User, item: ReviewItem, reason: object = "") -> ReviewItem:
    """Bring back the state before the item's last decision (an undo is a decision too: undoing it redoes).

    Status, visibility and the text come back (a post's text from its latest revision, keeping the
    current one as a revision in turn); flags closed by the decision reopen when the item goes back to
    waiting. Audited as `<kind>.undo`.
    """
    require_moderator(moderator)
    before = item.previous_state
    implementation = of_row(item)
    target = implementation.load(target_id_of(item))
    if before is None or target is None:
        raise NothingToUndo()

    now = utcnow()
    current = snapshot(item, target)
    current["text_changed"] = bool(before.get("text_changed"))
    implementation.put_back(target, before, bool(before.get("text_changed")), now)
    if before["status"] == "pending":
        if item.resolved_at is not None:
            for flag in db.session.scalars(
                select(Flag).where(flags_of(item), Flag.resolved_at == item.resolved_at)
            ):
                flag.resolved_at = None
        item.resolved_at = None
    else:
        close_flags(item, now)
        item.resolved_at = now
    item.status = before["status"]
    item.updated_at = now
    decided_by(item, moderator, current, reason)
    audit(
        moderator,
        f"{implementation.kind}.undo",
        audit_target(item, implementation, target),
        reason,
        status_from=current["status"],
        status_to=item.status,
    )
    # Undoing a hide shows the text again: told once, like a restore (forum/notices.py).
    notices = implementation.became_visible(target)
    signals.after_commit(
        signals.decided, decision=change(item, "undo", implementation, target, moderator, notices)
    )
    db.session.commit()
    announce_queue_change()
    return item
