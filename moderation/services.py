"""Moderation services: flags and the review queue, moderator actions, the audit log and the safety net.

Sanctions and staff notes live in `moderation.sanctions`, watched words in `moderation.watchlist`.

Every moderator action follows one sequence in one transaction: check the permission, validate, change the
target, write the audit entry, commit. Members appear to moderators by pseudonym only.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from accounts.models import Pseudonym, User
from accounts.permissions import can_moderate
from core.database import utcnow
from core.exceptions import (
    AlreadyDecided,
    AlreadyFlagged,
    CannotFlagOwn,
    FlagLimitReached,
    Forbidden,
    InvalidInput,
    NotFound,
    TooLong,
)
from core.extensions import db
from core.notices import announce
from core.text import looks_empty, strip_bidi_controls
from forum.models import Post, Thread
from forum.notices import notify_now_visible
from forum.permissions import can_flag
from moderation.flaggers import flags_count
from moderation.live import announce_hidden_chat_message, announce_queue_change
from moderation.models import (
    FLAG_REASONS,
    URGENCY,
    AuditEntry,
    Flag,
    ReviewItem,
    Sanction,
)

NOTE_MAX = 500
REASON_MAX = 500


def flag_post(member: User, post: Post, reason: object, note: object = None) -> Flag:
    """A member reports a forum post."""
    if post.author_id == member.id:
        raise CannotFlagOwn()
    if not can_flag(member, post):
        raise NotFound()
    return store_flag(member, reason, note, post_id=post.id)


def flag_chat_message(member: User, message, reason: object, note: object = None) -> Flag:
    """A member reports a chat message, under the same rules as posts."""
    if message.author_id == member.id:
        raise CannotFlagOwn()
    if message.removed_at is not None or message.hidden_at is not None:
        raise NotFound()
    return store_flag(member, reason, note, chat_message_id=message.id)


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
    target_row = target_of(item)
    apply_safety_net(target_row.author_id if target_row is not None else None)
    db.session.commit()
    if target_row is not None and target_row.hidden_at is not None and item.chat_message_id is not None:
        announce_hidden_chat_message(target_row)
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


def refresh(item: ReviewItem) -> None:
    """Recount the item's open flags, its reasons and urgency, and auto-hide at the threshold."""
    column = Flag.post_id if item.post_id is not None else Flag.chat_message_id
    flags = list(db.session.scalars(select(Flag).where(column == item.target_id, Flag.resolved_at.is_(None))))
    reasons = sorted({flag.reason for flag in flags}, key=URGENCY.index)
    item.reasons = reasons
    item.urgency = URGENCY.index(reasons[0]) if reasons else len(URGENCY) - 1
    member_flaggers = {flag.reporter_id for flag in flags if flag.reporter_id is not None and flag.counts}
    item.flag_count = len(flags)
    item.updated_at = utcnow()
    if len(member_flaggers) >= current_app.config["AUTO_HIDE_FLAGS"]:
        target = target_of(item)
        if target is not None and target.hidden_at is None:
            target.hidden_at = utcnow()
            sync_thread_visibility(target)


def sync_thread_visibility(target) -> None:
    """A thread is hidden exactly while its first post is, so its title never outlives a hidden post."""
    if is_opening_post(target):
        db.session.get(Thread, target.thread_id).hidden_at = target.hidden_at


def is_opening_post(target) -> bool:
    """Whether a target is the first post of its thread (the one written with the title)."""
    if not isinstance(target, Post):
        return False
    thread = db.session.get(Thread, target.thread_id)
    return thread is not None and thread.first_post_id == target.id


def target_of(item: ReviewItem):
    """The post or chat message an item is about."""
    from chat.models import ChatMessage

    if item.post_id is not None:
        return db.session.get(Post, item.post_id)
    return db.session.get(ChatMessage, item.chat_message_id)


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
    target = target_of(item)
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
    before["text_changed"] = item.post_id is not None and action in ("delete", "edit")
    now = utcnow()
    if action == "hide":
        target.hidden_at = target.hidden_at or now
        item.status = "hidden"
    elif action == "restore":
        target.hidden_at = None
        if item.chat_message_id is not None:
            target.removed_at = None  # a removed chat line keeps its text until purged: it can come back
        item.status = "approved"
    elif action == "delete":
        delete_target(item, target, now)
        item.status = "deleted"
    elif action == "edit":
        edit_as_moderator(item, target, body, reason, now)
        target.hidden_at = None
        item.status = "approved"
    else:
        # Dismissing new flags does not undo a moderator's earlier hide (or a deleted thread's).
        if item.status not in ("hidden", "deleted"):
            target.hidden_at = None
        item.status = "dismissed"
    sync_thread_visibility(target)
    close_flags(item, now)
    lift_automatic_mute(target.author_id, item)
    db.session.flush()
    item.resolved_at = now
    item.updated_at = now
    decided_by(item, moderator, before, reason)
    audit(
        moderator,
        f"{item.kind}.{action}",
        f"{item.kind} {item.target_id} by {pseudonym_label(target.author_pseudonym_id)}",
        reason,
    )

    # A held or hidden post members see again: its followers and mentioned members hear of it (once).
    notices = notify_now_visible(target.id) if item.post_id is not None and target.hidden_at is None else []
    db.session.commit()
    announce(notices)
    announce_queue_change()
    return item


def snapshot(item: ReviewItem, target) -> dict:
    """What an undo brings back: the item's status and when it was decided, and the target's visibility."""

    def stamp(moment) -> str | None:
        return moment.isoformat() if moment is not None else None

    state = {
        "status": item.status,
        "resolved_at": stamp(item.resolved_at),
        "hidden_at": stamp(target.hidden_at),
    }
    if item.post_id is not None:
        state["deleted_at"] = stamp(target.deleted_at)
        state["moderator_note"] = target.moderator_note
    else:
        state["removed_at"] = stamp(target.removed_at)
    return state


def decided_by(item: ReviewItem, moderator: User, before: dict, reason: object) -> None:
    """Remember who decided (under their pseudonym then), why, and what was there before."""
    item.decided_by_id = moderator.id
    item.decided_by_pseudonym = moderator.pseudonym.name
    item.decided_reason = reason.strip()[:REASON_MAX] if isinstance(reason, str) else None
    item.previous_state = before


def edit_as_moderator(item: ReviewItem, target, body: object, note: object, now) -> None:
    """A moderator rewrites a post (for example to remove a name); the original is kept as a revision and the
    post shows a note saying so."""
    from core.markdown import render_markdown
    from forum.services import clean_body, index_current_text, keep_revision

    if item.post_id is None:
        raise InvalidInput(field="action")
    if not isinstance(note, str) or looks_empty(note):
        raise InvalidInput(field="reason")
    body = clean_body(body)
    keep_revision(target, now)
    target.body_source = body
    target.body_html = render_markdown(body)
    target.edited_at = now
    # Shown under the post: no bidi control may reorder it or what follows.
    target.moderator_note = strip_bidi_controls(note).strip()[:300]
    # An edit usually removes a name: the old words must stop finding the post at once.
    index_current_text(target)


def delete_target(item: ReviewItem, target, now) -> None:
    """Remove the text for good; a post keeps its place (and a revision for moderators).

    Deleting an opening post deletes its thread for members, as Discourse deletes a topic with its first post:
    the post is also hidden, so the thread, title and replies included, is hidden with it (moderators still
    see it; restore brings the thread back under the deleted post's placeholder)."""
    if item.post_id is not None:
        from forum import search
        from forum.services import keep_revision

        keep_revision(target, now)
        target.body_source = ""
        target.body_html = ""
        target.deleted_at = now
        search.unindex_post(target.id)
        if is_opening_post(target):
            target.hidden_at = target.hidden_at or now
    else:
        target.removed_at = now


def close_flags(item: ReviewItem, now) -> None:
    """Mark the item's open flags as dealt with."""
    column = Flag.post_id if item.post_id is not None else Flag.chat_message_id
    for flag in db.session.scalars(select(Flag).where(column == item.target_id, Flag.resolved_at.is_(None))):
        flag.resolved_at = now


def get_target(kind: str | None, target_id: int):
    """The post or chat message a path names, or 404."""
    from chat.models import ChatMessage

    model = {"post": Post, "chat_message": ChatMessage}.get(kind)
    target = db.session.get(model, target_id) if model is not None and 0 < target_id < 2**31 else None
    if target is None:
        raise NotFound()
    return target


def existing_item(kind: str, target_id: object) -> ReviewItem:
    """The review item of a post or chat message, if there is one; otherwise 404."""
    column = {"post": "post_id", "chat_message": "chat_message_id"}.get(kind)
    if column is None or not isinstance(target_id, int) or not 0 < target_id < 2**31:
        raise NotFound()
    item = db.session.scalar(select(ReviewItem).where(getattr(ReviewItem, column) == target_id))
    if item is None:
        raise NotFound()
    return item


def get_item(kind: str, target_id: int) -> ReviewItem:
    """The review item of a post or chat message (created if a moderator acts before anyone flagged)."""
    column = {"post": "post_id", "chat_message": "chat_message_id"}.get(kind)
    if column is None:
        raise NotFound()
    item = db.session.scalar(select(ReviewItem).where(getattr(ReviewItem, column) == target_id))
    if item is None:
        from chat.models import ChatMessage

        model = Post if kind == "post" else ChatMessage
        if db.session.get(model, target_id) is None:
            raise NotFound()
        item = review_item_for(**{column: target_id})
    return item


def flaggers_of_author(author_id: int, since) -> int:
    """How many different members, among those whose flags count, flagged anything this author wrote since a
    moment."""
    from chat.models import ChatMessage

    counted = (Flag.created_at >= since, Flag.reporter_id.is_not(None), Flag.counts.is_(True))
    post_flaggers = (
        select(Flag.reporter_id)
        .join(Post, Post.id == Flag.post_id)
        .where(Post.author_id == author_id, *counted)
    )
    chat_flaggers = (
        select(Flag.reporter_id)
        .join(ChatMessage, ChatMessage.id == Flag.chat_message_id)
        .where(ChatMessage.author_id == author_id, *counted)
    )
    return len(set(db.session.scalars(post_flaggers)) | set(db.session.scalars(chat_flaggers)))


AUTOMATIC_MUTE_REASON = "automatic: flagged by several members within a day, until a moderator has looked"


def apply_safety_net(author_id: int | None) -> None:
    """Until moderators have looked, a member flagged by several others within a day stops writing in chat."""
    if author_id is None:
        return
    author = db.session.get(User, author_id)
    now = utcnow()
    if author is None or can_moderate(author) or author.is_muted(now):
        return
    if flaggers_of_author(author_id, now - timedelta(days=1)) < current_app.config["SAFETY_NET_FLAGGERS"]:
        return
    author.chat_muted_until = now + timedelta(days=7)
    db.session.add(
        Sanction(
            user_id=author.id,
            kind="mute",
            until=author.chat_muted_until,
            reason=AUTOMATIC_MUTE_REASON,
            created_by_id=None,
        )
    )


def is_automatic_mute(member: User) -> bool:
    """Whether the member's current chat mute is the safety net's rather than a moderator's."""
    latest = db.session.scalar(
        select(Sanction)
        .where(Sanction.user_id == member.id, Sanction.kind == "mute")
        .order_by(Sanction.id.desc())
        .limit(1)
    )
    return (
        latest is not None
        and latest.created_by_id is None
        and latest.reason == AUTOMATIC_MUTE_REASON
        and latest.until == member.chat_muted_until
    )


def lift_automatic_mute(author_id: int | None, decided: ReviewItem) -> None:
    """Once moderators have dealt with every flagged text of a member, an automatic mute ends."""
    from chat.models import ChatMessage

    if author_id is None:
        return
    automatic = db.session.scalar(
        select(Sanction)
        .where(
            Sanction.user_id == author_id,
            Sanction.kind == "mute",
            Sanction.reason == AUTOMATIC_MUTE_REASON,
            Sanction.created_by_id.is_(None),
        )
        .order_by(Sanction.id.desc())
        .limit(1)
    )
    if automatic is None:
        return
    open_items = select(ReviewItem.id).where(ReviewItem.status == "pending", ReviewItem.id != decided.id)
    open_posts = open_items.join(Post, Post.id == ReviewItem.post_id).where(Post.author_id == author_id)
    open_messages = open_items.join(ChatMessage, ChatMessage.id == ReviewItem.chat_message_id).where(
        ChatMessage.author_id == author_id
    )
    if db.session.scalar(open_posts.limit(1)) is None and db.session.scalar(open_messages.limit(1)) is None:
        author = db.session.get(User, author_id)
        if author.chat_muted_until == automatic.until:
            author.chat_muted_until = None
