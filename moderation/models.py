"""Moderation as data: flags, one review item per flagged post or chat message, sanctions, staff notes,
watched words and the audit log (one row per moderator action, written in the same transaction)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from core.database import UTCDateTime, utcnow
from core.extensions import db
from moderation.reviewable import of_row, target_id_of

FLAG_REASONS = ("spam", "harassment", "personal_info", "crisis", "other")
# Most urgent first: the queue sorts by this, then by flag count, then by age.
# `grooming` (system flags only, in age-banded spaces) comes right after a crisis: a young person may be at
# risk.
URGENCY = ("crisis", "grooming", "personal_info", "harassment", "spam", "other", "held")
REVIEW_STATUSES = ("pending", "approved", "hidden", "deleted", "dismissed")
SANCTION_KINDS = ("warning", "mute", "suspend", "ban")
WATCHED_WORD_ACTIONS = ("block", "hold", "flag")


class Flag(db.Model):
    """A report that a forum post or a chat message breaks the guidelines: by a member, or by the system
    (crisis language, personal data, a watched word, a new account's link).

    Exactly one target; one flag per member per target.
    """

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("post_id", "reporter_id"),
        UniqueConstraint("chat_message_id", "reporter_id"),
        Index("ix_flags_reporter_created", "reporter_id", "created_at"),
        CheckConstraint("(post_id IS NULL) <> (chat_message_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    chat_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_messages.id", ondelete="CASCADE"), index=True
    )
    # Null for system flags (and after the reporter's account is deleted).
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The pseudonym the reporter had when flagging: moderators see that one, never a later name.
    reporter_pseudonym_id: Mapped[int | None] = mapped_column(
        ForeignKey("pseudonyms.id", ondelete="SET NULL")
    )
    # Whether the flag counts toward auto-hide and the safety net, decided when it was made: only flags from
    # accounts at least FLAG_MIN_ACCOUNT_AGE_HOURS old that had written something others can read count.
    counts: Mapped[bool] = mapped_column(default=True, server_default=true())
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReviewItem(db.Model):
    """What moderators decide on: one per flagged (or held) post or chat message."""

    __tablename__ = "review_items"
    __table_args__ = (
        CheckConstraint("(post_id IS NULL) <> (chat_message_id IS NULL)", name="one_target"),
        Index("ix_review_items_status_urgency", "status", "urgency", "flag_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), unique=True)
    chat_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_messages.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(12), default="pending")
    # Index into URGENCY of the most urgent reason: 0 is a crisis.
    urgency: Mapped[int] = mapped_column(default=len(URGENCY) - 1)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    flag_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # "I'll take this one": the moderator who is handling the item, so others see it is in hand.
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When staff outside Bryggan were alerted that this crisis item waited with nobody on it.
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Who made the last decision (the pseudonym as it was then), and the state before it, for undo.
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_by_pseudonym: Mapped[str | None] = mapped_column(String(60))
    decided_reason: Mapped[str | None] = mapped_column(String(500))
    previous_state: Mapped[dict | None] = mapped_column(JSON)

    @property
    def kind(self) -> str:
        """The kind of its target as the contract names it (`post`, `chat_message`): the registered
        `Reviewable` whose column the item fills."""
        return of_row(self).kind

    @property
    def target_id(self) -> int:
        """The id of its target."""
        return target_id_of(self)


class AuditEntry(db.Model):
    """One moderator action: who, what, on which target, why, when. Targets are named by pseudonym."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    moderator_pseudonym: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(String(500), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)


class Sanction(db.Model):
    """A warning, chat mute, suspension or ban on a member."""

    __tablename__ = "sanctions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(String(500))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Warnings are shown to the member until they have read them.
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StaffNote(db.Model):
    """A note about a member that only moderators see, filed under the pseudonym it was written about."""

    __tablename__ = "staff_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Notes are listed per pseudonym, never per account: that would tie the member's names together.
    pseudonym_id: Mapped[int | None] = mapped_column(ForeignKey("pseudonyms.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The writer's pseudonym then, as the audit log keeps it (a moderator's later name would tie the two).
    author_pseudonym: Mapped[str | None] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WatchedWord(db.Model):
    """A word moderators watch for: block the text, hold it for approval, or flag it automatically."""

    __tablename__ = "watched_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(String(60), unique=True)
    action: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StaffMessage(db.Model):
    """A private message between the moderators (as a team) and one member: staff write to a member behind a
    queue item, the member answers the staff only. Members never see which moderator wrote."""

    __tablename__ = "staff_messages"
    __table_args__ = (Index("ix_staff_messages_member_created", "member_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The pseudonym the conversation is with: moderators see each of a member's names as its own
    # conversation, so staff messages never tie an old name to a new one.
    pseudonym_id: Mapped[int] = mapped_column(ForeignKey("pseudonyms.id", ondelete="CASCADE"), index=True)
    from_staff: Mapped[bool] = mapped_column(default=True)
    # The moderator who wrote (staff only see it); null for the member's own answers.
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    staff_pseudonym: Mapped[str | None] = mapped_column(String(60))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # Read by the member (staff messages) or by a moderator (the member's answers).
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The member's answer spoke of crisis: staff see it first, and it can alert staff outside Bryggan.
    crisis: Mapped[bool] = mapped_column(default=False)
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ModeratorDuty(db.Model):
    """A moderator who is on duty ("I tjänst"): counted as present in the chat rooms until `active_until`,
    which every moderation action moves on (MODERATOR_DUTY_IDLE_MINUTES)."""

    __tablename__ = "moderator_duty"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    active_until: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class DutyShift(db.Model):
    """A planned duty shift on the rota: who and when. Shifts may overlap (two moderators at once)."""

    __tablename__ = "duty_shifts"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
