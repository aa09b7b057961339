"""Forum models: categories, threads, posts and their revisions, and each member's own forum state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import AgeBanded, Pseudonym
from core.database import UTCDateTime, utcnow
from core.extensions import db


class Category(AgeBanded, db.Model):
    """A forum section such as dementia or young carers, named in Swedish and English; the young carers'
    section has an age band."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name_sv: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    description_sv: Mapped[str] = mapped_column(String(300))
    description_en: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)
    # Maintained by the services so listing categories needs no counting query.
    thread_count: Mapped[int] = mapped_column(default=0, server_default="0")


class Thread(db.Model):
    """A topic: a title and its posts, the first of which the author wrote with the title."""

    __tablename__ = "threads"
    __table_args__ = (Index("ix_threads_category_activity", "category_id", "pinned", "last_post_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    title: Mapped[str] = mapped_column(String(150))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    author_pseudonym_id: Mapped[int] = mapped_column(ForeignKey("pseudonyms.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_post_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    first_post_id: Mapped[int | None] = mapped_column()
    last_post_id: Mapped[int | None] = mapped_column()
    reply_count: Mapped[int] = mapped_column(default=0, server_default="0")
    pinned: Mapped[bool] = mapped_column(default=False, server_default=false())
    locked: Mapped[bool] = mapped_column(default=False, server_default=false())
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    category: Mapped[Category] = relationship(lazy="joined", innerjoin=True)
    author_pseudonym: Mapped[Pseudonym] = relationship(lazy="joined", innerjoin=True)


class Post(db.Model):
    """One message in a thread. Markdown source and its sanitized HTML, rendered once when written.

    Deleting by the author empties the text and keeps a placeholder so the thread still reads; moderators
    hide instead (the text stays for review).
    """

    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_thread_id_id", "thread_id", "id"),
        # A retried write with the same client id is stored once (several NULLs are allowed).
        Index("uq_posts_author_id_client_id", "author_id", "client_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    author_pseudonym_id: Mapped[int] = mapped_column(ForeignKey("pseudonyms.id"))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reaction_count: Mapped[int] = mapped_column(default=0, server_default="0")
    client_id: Mapped[str | None] = mapped_column(String(64))
    # Shown under a post a moderator edited ("a moderator removed a name").
    moderator_note: Mapped[str | None] = mapped_column(String(300))
    # Written by a moderator or admin: in age-banded spaces, young members see who is staff.
    by_staff: Mapped[bool] = mapped_column(default=False, server_default=false())

    thread: Mapped[Thread] = relationship(lazy="raise")
    author_pseudonym: Mapped[Pseudonym] = relationship(lazy="joined", innerjoin=True)

    @property
    def visible(self) -> bool:
        """Shown to members with its text."""
        return self.deleted_at is None and self.hidden_at is None


class PostRevision(db.Model):
    """A previous version of an edited post, kept for moderators."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime())
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Reaction(db.Model):
    """ "Jag känner igen mig": one per member per post."""

    __tablename__ = "reactions"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ThreadFollow(db.Model):
    """A member follows a thread and is notified of replies."""

    __tablename__ = "thread_follows"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CategoryFollow(db.Model):
    """A member follows a whole category and is notified of each new thread in it (kind `thread`)."""

    __tablename__ = "category_follows"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ThreadRead(db.Model):
    """How far a member has read a thread, for unread markers. Written by an explicit POST, never by a GET."""

    __tablename__ = "thread_reads"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True)
    last_read_post_id: Mapped[int] = mapped_column()


class Notification(db.Model):
    """In-app notice of a reply in a thread the member follows (`reply`), of a post naming them
    (`mention`) or of a new thread in a category they follow (`thread`, pointing at its opening post).
    Who wrote it and what it says are read from the post: its pseudonym is the one it was
    written under, and an edited, deleted or hidden post shows as it is now, never as a stored copy."""

    __tablename__ = "notifications"
    # thread_id too: a badge count (forum.personal.unread_notification_counts) reads the index alone.
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at", "thread_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default="reply", server_default="reply")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    thread: Mapped[Thread] = relationship(lazy="joined", innerjoin=True)
    post: Mapped[Post] = relationship(lazy="joined", innerjoin=True)


class NotificationSettings(db.Model):
    """How a member wants to hear back; no row means the defaults."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    # "Följ trådar som jag svarar i": on by default, so a carer hears of answers without knowing to ask.
    follow_on_reply: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Push texts name nobody and quote nothing unless the member chooses (a phone screen is seen by others).
    push_details: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The installed app is called "Anteckningar" with a plain icon.
    neutral_app: Mapped[bool] = mapped_column(default=False, server_default=false())


class IgnoredPseudonym(db.Model):
    """A member collapses the posts written under one pseudonym.

    By pseudonym, not by account: ignoring an account would let the ignorer see which new pseudonym
    belongs to the same person, breaking the promise that nothing links old and new names.
    """

    __tablename__ = "ignored_pseudonyms"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    pseudonym_id: Mapped[int] = mapped_column(
        ForeignKey("pseudonyms.id", ondelete="CASCADE"), primary_key=True
    )


class MutedWord(db.Model):
    """A word a member does not want to read: posts containing it are collapsed behind a notice."""

    __tablename__ = "muted_words"
    __table_args__ = (UniqueConstraint("user_id", "word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    word: Mapped[str] = mapped_column(String(60))
