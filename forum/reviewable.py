"""Forum posts as moderation sees them: the `Reviewable` implementation of kind `post`, registered in
`app.py`, and the forum's listener of moderation's decisions.

A post is hidden rather than deleted; deleting keeps its text as a revision for moderators and leaves a
placeholder; a moderator may rewrite it with a note. A thread is hidden exactly while its opening post is,
so its title never outlives a hidden post; deleting an opening post deletes the thread for members, as
Discourse deletes a topic with its first post (restore brings it back).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from accounts.models import User
from core.exceptions import InvalidInput
from core.extensions import db
from core.markdown import render_markdown
from core.notices import Notice, announce
from core.text import looks_empty, strip_bidi_controls
from forum import search
from forum.models import Post, PostRevision, Thread
from forum.notices import notify_now_visible
from forum.permissions import can_flag
from forum.services import clean_body, index_current_text, keep_revision
from moderation.signals import Decision

MODERATOR_NOTE_MAX = 300


def stamp(moment: datetime | None) -> str | None:
    """A time as an undo snapshot keeps it."""
    return moment.isoformat() if moment is not None else None


def moment(value: str | None) -> datetime | None:
    """A time back from an undo snapshot."""
    return datetime.fromisoformat(value) if value else None


def is_opening_post(post: Post) -> bool:
    """Whether a post is the first of its thread (the one written with the title)."""
    thread = db.session.get(Thread, post.thread_id)
    return thread is not None and thread.first_post_id == post.id


def sync_thread_visibility(post: Post) -> None:
    """A thread is hidden exactly while its first post is."""
    if is_opening_post(post):
        db.session.get(Thread, post.thread_id).hidden_at = post.hidden_at


class ForumPosts:
    """Moderation's view of forum posts."""

    kind = "post"
    column = "post_id"
    label = _l("Post")
    link_label = _l("Show in the thread")
    keeps_revisions = True

    def load(self, target_id: int) -> Post | None:
        return db.session.get(Post, target_id)

    def author_id(self, target: Post) -> int | None:
        return target.author_id

    def author_pseudonym_id(self, target: Post) -> int:
        return target.author_pseudonym_id

    def body_html(self, target: Post) -> str:
        return target.body_html

    def full_text(self, target: Post) -> str | None:
        return target.body_source

    def context(self, target: Post) -> dict:
        return {"thread_id": target.thread_id, "url": f"/posts/{target.id}"}

    def is_hidden(self, target: Post) -> bool:
        return target.hidden_at is not None

    def may_flag(self, member: User, target: Post) -> bool:
        return can_flag(member, target)

    def hide(self, target: Post, now: datetime) -> None:
        target.hidden_at = target.hidden_at or now
        sync_thread_visibility(target)

    def unhide(self, target: Post) -> None:
        target.hidden_at = None
        sync_thread_visibility(target)

    def restore(self, target: Post) -> None:
        self.unhide(target)

    def delete(self, target: Post, now: datetime) -> None:
        keep_revision(target, now)
        target.body_source = ""
        target.body_html = ""
        target.deleted_at = now
        search.unindex_post(target.id)
        if is_opening_post(target):
            target.hidden_at = target.hidden_at or now
        sync_thread_visibility(target)

    def edit(self, target: Post, body: object, note: object, now: datetime) -> None:
        """The original is kept as a revision and the post shows the note (for example "a name removed")."""
        if not isinstance(note, str) or looks_empty(note):
            raise InvalidInput(field="reason")
        body = clean_body(body)
        keep_revision(target, now)
        target.body_source = body
        target.body_html = render_markdown(body)
        target.edited_at = now
        # Shown under the post: no bidi control may reorder it or what follows.
        target.moderator_note = strip_bidi_controls(note).strip()[:MODERATOR_NOTE_MAX]
        # An edit usually removes a name: the old words must stop finding the post at once.
        index_current_text(target)
        self.unhide(target)

    def snapshot(self, target: Post) -> dict:
        return {
            "hidden_at": stamp(target.hidden_at),
            "deleted_at": stamp(target.deleted_at),
            "moderator_note": target.moderator_note,
        }

    def put_back(self, target: Post, state: dict, text_changed: bool, now: datetime) -> None:
        if text_changed:
            swap_text_with_last_revision(target, now)
        target.hidden_at = moment(state.get("hidden_at"))
        target.deleted_at = moment(state.get("deleted_at"))
        target.moderator_note = state.get("moderator_note")
        sync_thread_visibility(target)

    def became_visible(self, target: Post) -> list[Notice]:
        # A held or hidden post members see again: its followers and mentioned members hear of it (once).
        if target.hidden_at is not None or target.deleted_at is not None:
            return []
        return notify_now_visible(target.id)

    def written_by(self, author_id: int) -> Select:
        return select(Post.id).where(Post.author_id == author_id)

    def shown_by(self, author_id: int) -> Select:
        return select(Post.id).where(
            Post.author_id == author_id, Post.deleted_at.is_(None), Post.hidden_at.is_(None)
        )


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


def tell_about_decision(app, decision: Decision) -> None:
    """After a decision showed a post again: its followers and mentioned members hear of it now (the
    notices were written in the decision's transaction). Rendered posts need nothing: `forum/fragments.py`
    keys each on the post's visibility, text and moderator's note, so a decision is a new key."""
    if decision.kind == ForumPosts.kind:
        announce(decision.notices)

