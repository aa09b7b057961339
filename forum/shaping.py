"""How forum objects look in JSON: the contract's shapes, never a login name."""

from __future__ import annotations

from accounts.permissions import can_enter
from core.i18n import current_language
from forum.models import Category, Post, Thread
from forum.reading import PostView


def iso(moment) -> str | None:
    """ISO 8601 in UTC."""
    return moment.isoformat() if moment else None


def category_json(category: Category, member=None) -> dict:
    """`{slug, name, description, thread_count, age_band}` in the request's language, and whether the member
    may enter it (an age-banded category is listed to everyone, open only to those inside its band)."""
    english = current_language() == "en"
    return {
        "slug": category.slug,
        "name": category.name_en if english else category.name_sv,
        "description": category.description_en if english else category.description_sv,
        "thread_count": category.thread_count,
        "age_band": category.age_band_json(),
        "can_enter": can_enter(member, category),
    }


def author_json(post_or_thread: Post | Thread, staff_shown: bool = False) -> dict:
    """Only the pseudonym the text was written under; in age-banded spaces also `staff: true` for a text a
    moderator wrote, so young members know who is staff."""
    author = {"pseudonym": post_or_thread.author_pseudonym.name}
    if staff_shown and getattr(post_or_thread, "by_staff", False):
        author["staff"] = True
    return author


def post_json(post: Post, view: PostView | None = None, banded: bool = False) -> dict:
    """The contract's post, plus the reader's own state (`banded`: the post is in an age-banded category)."""
    shown = post.visible
    body = {
        "id": post.id,
        "thread_id": post.thread_id,
        "author": author_json(post, banded),
        "body_html": post.body_html if shown else "",
        "created_at": iso(post.created_at),
        "edited_at": iso(post.edited_at),
        "deleted": post.deleted_at is not None,
        "hidden": post.hidden_at is not None,
        "reaction_count": post.reaction_count,
        "moderator_note": post.moderator_note if shown else None,
    }
    if view is not None:
        body.update(reacted=view.reacted, own=view.own, collapsed=view.collapsed)
    return body


def thread_summary_json(thread: Thread, unread: bool | None = None) -> dict:
    """A thread in a category listing."""
    body = {
        "id": thread.id,
        "title": thread.title,
        "author": author_json(thread),
        "reply_count": thread.reply_count,
        "last_post_at": iso(thread.last_post_at),
        "pinned": thread.pinned,
        "locked": thread.locked,
    }
    if unread is not None:
        body["unread"] = unread
    return body


def thread_json(thread: Thread) -> dict:
    """The thread header on a thread page."""
    return {
        "id": thread.id,
        "title": thread.title,
        "category": {k: v for k, v in category_json(thread.category).items() if k in ("slug", "name")},
        "pinned": thread.pinned,
        "locked": thread.locked,
    }
