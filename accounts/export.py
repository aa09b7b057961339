"""A member's copy of everything they wrote here: posts and their earlier versions, threads, chat messages
still kept, flags they made, and their own settings. Read-only; one plain function the API calls. Other
features add their parts through exporters registered at app creation (notify: push subscriptions)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import Flask, current_app
from sqlalchemy import select

from accounts.models import Pseudonym, User
from core.database import utcnow
from core.extensions import db
from forum.models import IgnoredPseudonym, MutedWord, Post, PostRevision, Reaction, Thread, ThreadFollow

EXPORT_VERSION = 1
EXPORTERS_KEY = "bryggan.account_exporters"


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC, or None."""
    return moment.isoformat() if moment else None


def export_member(user: User) -> dict:
    """Everything the member wrote, with what it was written in reply to named only by id and title."""
    # Imported here: the chat and moderation models import the forum package, which imports this module.
    from chat.models import ChatMessage
    from moderation.models import Flag, StaffMessage

    pseudonyms = db.session.scalars(
        select(Pseudonym).where(Pseudonym.user_id == user.id).order_by(Pseudonym.id)
    )
    posts = db.session.execute(
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
    messages = db.session.scalars(
        select(ChatMessage).where(ChatMessage.author_id == user.id).order_by(ChatMessage.id)
    )
    flags = db.session.scalars(select(Flag).where(Flag.reporter_id == user.id).order_by(Flag.id))
    return {
        "export_version": EXPORT_VERSION,
        "exported_at": iso(utcnow()),
        "account": {
            "login_name": user.username,
            "role": user.role,
            "created_at": iso(user.created_at),
            # The one fact kept about a young member's age: the day they turn 26 (null from 26 on).
            "young_until": user.young_until.isoformat() if user.young_until else None,
            "pseudonyms": [
                {
                    "name": pseudonym.name,
                    "used_from": iso(pseudonym.created_at),
                    "retired_at": iso(pseudonym.retired_at),
                }
                for pseudonym in pseudonyms
            ],
        },
        "threads_started": [
            {"id": thread.id, "title": thread.title, "created_at": iso(thread.created_at)}
            for thread in db.session.scalars(
                select(Thread).where(Thread.author_id == user.id).order_by(Thread.id)
            )
        ],
        "posts": [
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
            for post, title in posts
        ],
        "chat_messages": [
            {
                "id": message.id,
                "room": message.room.slug,
                "body": message.body_source,
                "created_at": iso(message.created_at),
                "removed_by_moderators": message.removed_at is not None,
            }
            for message in messages
        ],
        "flags_made": [
            {
                "post_id": flag.post_id,
                "chat_message_id": flag.chat_message_id,
                "reason": flag.reason,
                "note": flag.note,
                "created_at": iso(flag.created_at),
            }
            for flag in flags
        ],
        "staff_messages": [
            {
                "from_staff": message.from_staff,
                "body": message.body_source,
                "created_at": iso(message.created_at),
            }
            for message in db.session.scalars(
                select(StaffMessage).where(StaffMessage.member_id == user.id).order_by(StaffMessage.id)
            )
        ],
        "reactions": list(
            db.session.scalars(
                select(Reaction.post_id).where(Reaction.user_id == user.id).order_by(Reaction.post_id)
            )
        ),
        "following_threads": list(
            db.session.scalars(
                select(ThreadFollow.thread_id)
                .where(ThreadFollow.user_id == user.id)
                .order_by(ThreadFollow.thread_id)
            )
        ),
        "following_categories": category_follows_export(user),
        "ignored_pseudonyms": list(
            db.session.scalars(
                select(Pseudonym.name)
                .join(IgnoredPseudonym, IgnoredPseudonym.pseudonym_id == Pseudonym.id)
                .where(IgnoredPseudonym.user_id == user.id)
                .order_by(Pseudonym.name)
            )
        ),
        "muted_words": list(
            db.session.scalars(
                select(MutedWord.word).where(MutedWord.user_id == user.id).order_by(MutedWord.word)
            )
        ),
        "notification_settings": notification_settings(user),
        **{key: exporter(user) for key, exporter in current_app.extensions.get(EXPORTERS_KEY, {}).items()},
    }


def category_follows_export(user: User) -> list[dict]:
    """The categories the member follows, with since when."""
    from forum.category_follows import export

    return export(user)


def notification_settings(user: User) -> dict:
    """How the member wants to hear back (the defaults when never changed)."""
    from forum.notices import settings_for, settings_json

    return settings_json(settings_for(user.id))


def register_exporter(app: Flask, key: str, exporter: Callable[[User], object]) -> None:
    """Let a feature add its part of the export under `key` (called at app creation)."""
    app.extensions.setdefault(EXPORTERS_KEY, {})[key] = exporter
