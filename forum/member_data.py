"""The forum's part of an account's lifecycle (registered in app.py through core/registry.py): what a
member's data export holds of the forum, and what deleting the account does to their posts and threads
(accounts/deletion.py says what the member chooses)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, select, update

from accounts.models import Pseudonym, User
from core.extensions import db
from forum import category_follows, notices, search
from forum.models import IgnoredPseudonym, MutedWord, Post, PostRevision, Reaction, Thread, ThreadFollow
from forum.services import under_review

ERASED_TITLE = "Borttagen tråd"


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC, or None."""
    return moment.isoformat() if moment else None


def threads_started(user: User) -> list[dict]:
    """The threads the member started, by id and title."""
    return [
        {"id": thread.id, "title": thread.title, "created_at": iso(thread.created_at)}
        for thread in db.session.scalars(
            select(Thread).where(Thread.author_id == user.id).order_by(Thread.id)
        )
    ]


def posts(user: User) -> list[dict]:
    """Every post the member wrote with its earlier versions; what it replied to named by id and title."""
    rows = db.session.execute(
        select(Post, Thread.title)
        .join(Thread, Thread.id == Post.thread_id)
        .where(Post.author_id == user.id)
        .order_by(Post.id)
    ).all()
    revisions: dict[int, list[dict]] = {}
    for revision in db.session.scalars(
        select(PostRevision)
        .join(Post, Post.id == PostRevision.post_id)
        .where(Post.author_id == user.id)
        .order_by(PostRevision.id)
    ):
        revisions.setdefault(revision.post_id, []).append(
            {
                "body": revision.body_source,
                "written_at": iso(revision.written_at),
                "replaced_at": iso(revision.replaced_at),
            }
        )
    return [
        {
            "id": post.id,
            "thread": {"id": post.thread_id, "title": title},
            "body": post.body_source,
            "created_at": iso(post.created_at),
            "edited_at": iso(post.edited_at),
            "deleted_at": iso(post.deleted_at),
            "hidden_by_moderators": post.hidden_at is not None,
            "earlier_versions": revisions.get(post.id, []),
        }
        for post, title in rows
    ]


def reactions(user: User) -> list[int]:
    """The posts the member said "I recognise this" about."""
    return list(
        db.session.scalars(
            select(Reaction.post_id).where(Reaction.user_id == user.id).order_by(Reaction.post_id)
        )
    )


def following_threads(user: User) -> list[int]:
    """The threads the member follows."""
    return list(
        db.session.scalars(
            select(ThreadFollow.thread_id)
            .where(ThreadFollow.user_id == user.id)
            .order_by(ThreadFollow.thread_id)
        )
    )


def ignored_pseudonyms(user: User) -> list[str]:
    """The pseudonyms whose posts the member collapsed."""
    return list(
        db.session.scalars(
            select(Pseudonym.name)
            .join(IgnoredPseudonym, IgnoredPseudonym.pseudonym_id == Pseudonym.id)
            .where(IgnoredPseudonym.user_id == user.id)
            .order_by(Pseudonym.name)
        )
    )


def muted_words(user: User) -> list[str]:
    """The words the member muted."""
    return list(
        db.session.scalars(
            select(MutedWord.word).where(MutedWord.user_id == user.id).order_by(MutedWord.word)
        )
    )


def notification_settings(user: User) -> dict:
    """How the member wants to hear back (the defaults when never changed)."""
    return notices.settings_json(notices.settings_for(user.id))


# The forum's parts of the export, by their key in it.
EXPORTERS: dict[str, Callable[[User], object]] = {
    "threads_started": threads_started,
    "posts": posts,
    "reactions": reactions,
    "following_threads": following_threads,
    "following_categories": category_follows.export,
    "ignored_pseudonyms": ignored_pseudonyms,
    "muted_words": muted_words,
    "notification_settings": notification_settings,
}


def erase_member_posts(user: User, keep_posts: bool, former: Pseudonym, now: datetime) -> None:
    """Erased: every post becomes the "deleted" placeholder (its earlier versions go too, except while
    moderators review it) and thread titles are replaced. Either way, posts and threads are signed
    "Tidigare medlem". No commit (an eraser, see accounts/deletion.py)."""
    if not keep_posts:
        for post in db.session.scalars(select(Post).where(Post.author_id == user.id)):
            if not under_review(post):
                db.session.execute(delete(PostRevision).where(PostRevision.post_id == post.id))
            post.body_source = ""
            post.body_html = ""
            # Its own date rather than this moment: one deletion time on every post would tie together the
            # pseudonyms they were written under.
            post.deleted_at = post.deleted_at or post.created_at
            search.unindex_post(post.id)
        for thread in db.session.scalars(select(Thread).where(Thread.author_id == user.id)):
            thread.title = ERASED_TITLE
    for model in (Post, Thread):
        db.session.execute(
            update(model).where(model.author_id == user.id).values(author_pseudonym_id=former.id)
        )
