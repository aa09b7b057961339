"""Undo: the state before an item's last decision comes back (an undo is a decision too: undoing it redoes).

The state is kept on the item by `services.decided_by` at every decision (`previous_state`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from accounts.models import User
from core.database import utcnow
from core.exceptions import NothingToUndo
from core.extensions import db
from core.markdown import render_markdown
from core.notices import announce
from forum import search
from forum.models import Post, PostRevision
from forum.notices import notify_now_visible
from forum.services import index_current_text, keep_revision
from moderation.live import announce_queue_change
from moderation.models import Flag, ReviewItem
from moderation.services import (
    audit,
    close_flags,
    decided_by,
    pseudonym_label,
    require_moderator,
    snapshot,
    sync_thread_visibility,
    target_of,
)


def undo(moderator: User, item: ReviewItem, reason: object = "") -> ReviewItem:
    """Bring back the state before the item's last decision (an undo is a decision too: undoing it redoes).

    Status, visibility and the post's text come back (the text from its latest revision, keeping the
    current one as a revision in turn); flags closed by the decision reopen when the item goes back to
    waiting. Audited as `<kind>.undo`.
    """
    require_moderator(moderator)
    before = item.previous_state
    target = target_of(item)
    if before is None or target is None:
        raise NothingToUndo()

    def moment(value: str | None):
        return datetime.fromisoformat(value) if value else None

    now = utcnow()
    current = snapshot(item, target)
    current["text_changed"] = bool(before.get("text_changed"))
    if before.get("text_changed"):
        swap_text_with_last_revision(target, now)
    target.hidden_at = moment(before["hidden_at"])
    if item.post_id is not None:
        target.deleted_at = moment(before.get("deleted_at"))
        target.moderator_note = before.get("moderator_note")
    else:
        target.removed_at = moment(before.get("removed_at"))
    column = Flag.post_id if item.post_id is not None else Flag.chat_message_id
    if before["status"] == "pending":
        if item.resolved_at is not None:
            for flag in db.session.scalars(
                select(Flag).where(column == item.target_id, Flag.resolved_at == item.resolved_at)
            ):
                flag.resolved_at = None
        item.resolved_at = None
    else:
        close_flags(item, now)
        item.resolved_at = now
    item.status = before["status"]
    item.updated_at = now
    sync_thread_visibility(target)
    decided_by(item, moderator, current, reason)
    audit(
        moderator,
        f"{item.kind}.undo",
        f"{item.kind} {item.target_id} by {pseudonym_label(target.author_pseudonym_id)}",
        reason,
        status_from=current["status"],
        status_to=item.status,
    )
    # Undoing a hide shows the post again: told once, like a restore (forum/notices.py).
    visible = item.post_id is not None and target.hidden_at is None and target.deleted_at is None
    notices = notify_now_visible(target.id) if visible else []
    db.session.commit()
    announce(notices)
    announce_queue_change()
    return item


def swap_text_with_last_revision(post: Post, now) -> None:
    """Put a post's latest kept revision back as its text, keeping the current text as a revision."""
    last = db.session.scalar(
        select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.id.desc()).limit(1)
    )
    if last is None:
        return
    keep_revision(post, now)
    post.body_source = last.body_source
    post.body_html = last.body_html or render_markdown(last.body_source)
    db.session.delete(last)
    if post.body_source:
        index_current_text(post)
    else:
        search.unindex_post(post.id)
