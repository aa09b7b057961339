"""A member's own forum state: follows, read markers, notifications, ignored pseudonyms and muted words."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from accounts.models import Pseudonym, User
from accounts.permissions import can_moderate, sees_age_banded
from accounts.services import find_pseudonym
from core.database import utcnow
from core.exceptions import InvalidInput, TooLong
from core.extensions import db
from forum.models import (
    Category,
    IgnoredPseudonym,
    MutedWord,
    Notification,
    NotificationSettings,
    Thread,
    ThreadFollow,
    ThreadRead,
)

MUTED_WORDS_MAX = 50
MUTED_WORD_LENGTH = 60
NOTIFICATIONS_SHOWN = 50


def add_once(row) -> None:
    """Insert a row keyed by its primary key unless it is there already (two tabs, a double click)."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        pass


def set_following(member: User, thread: Thread, follow: bool) -> bool:
    """Follow or stop following a thread."""
    if follow:
        add_once(ThreadFollow(user_id=member.id, thread_id=thread.id))
    else:
        db.session.execute(
            delete(ThreadFollow).where(ThreadFollow.user_id == member.id, ThreadFollow.thread_id == thread.id)
        )
    db.session.commit()
    return follow


def mark_read(member: User, thread: Thread, up_to_post_id: object) -> int:
    """Remember how far the member has read, and clear notifications for what they have now seen."""
    if isinstance(up_to_post_id, bool) or not isinstance(up_to_post_id, int):
        raise InvalidInput(field="last_post_id")
    up_to = max(0, min(up_to_post_id, thread.last_post_id or 0))
    add_once(ThreadRead(user_id=member.id, thread_id=thread.id, last_read_post_id=0))
    # Only ever forward, in SQL, so tabs reporting at once cannot move the marker back.
    db.session.execute(
        update(ThreadRead)
        .where(
            ThreadRead.user_id == member.id,
            ThreadRead.thread_id == thread.id,
            ThreadRead.last_read_post_id < up_to,
        )
        .values(last_read_post_id=up_to)
    )
    db.session.execute(
        update(Notification)
        .where(
            Notification.user_id == member.id,
            Notification.thread_id == thread.id,
            Notification.post_id <= up_to,
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow())
    )
    db.session.commit()
    return up_to


def visible_notifications(member: User):
    """The member's notifications about threads they may still see (not hidden; not in an age-banded
    category once they are outside its band, e.g. from their 26th birthday on)."""
    mine = Notification.user_id == member.id
    if can_moderate(member):
        return mine
    shown = Thread.hidden_at.is_(None)
    if not sees_age_banded(member):
        shown = shown & Thread.category_id.not_in(select(Category.id).where(Category.age_max.is_not(None)))
    return mine & Notification.thread_id.in_(select(Thread.id).where(shown))


def unread_notification_count(member: User) -> int:
    """For the badge in the header."""
    return unread_notification_counts([member])[member.id]


def unread_notification_counts(members: list[User]) -> dict[int, int]:
    """Each member's badge count, in one statement whatever their number: a reply tells every follower
    their new count, and a statement per follower would make a busy thread cost more with each follower.
    The rule is visible_notifications', applied per member: moderators count everything, others not a
    hidden thread, and not an age-banded space unless they are inside its band."""
    if not members:
        return {}
    everything = [member.id for member in members if can_moderate(member)]
    banded = [member.id for member in members if sees_age_banded(member)]
    outside_bands = Thread.category_id.not_in(select(Category.id).where(Category.age_max.is_not(None)))
    # Counted per thread first, from the index alone (user_id, read_at, thread_id), so whether a thread
    # is shown is judged once per thread rather than once per notification.
    per_thread = (
        select(Notification.user_id, Notification.thread_id, func.count().label("unread"))
        .where(Notification.user_id.in_([member.id for member in members]), Notification.read_at.is_(None))
        .group_by(Notification.user_id, Notification.thread_id)
        .subquery()
    )
    counted_rows = per_thread.c
    shown = counted_rows.user_id.in_(everything) | (
        Thread.hidden_at.is_(None) & (counted_rows.user_id.in_(banded) | outside_bands)
    )
    found = db.session.execute(
        select(counted_rows.user_id, func.sum(counted_rows.unread))
        .join(Thread, Thread.id == counted_rows.thread_id)
        .where(shown)
        .group_by(counted_rows.user_id)
    )
    counted = {user_id: int(count) for user_id, count in found}  # PostgreSQL sums to a Decimal
    return {member.id: counted.get(member.id, 0) for member in members}


def header_state(member: User) -> tuple[int, bool]:
    """The badge's unread count and whether the member chose the neutral app, in one statement: every page
    a member sees asks both (the query budget in tests/forum/test_queries.py holds)."""
    unread = (
        select(func.count())
        .select_from(Notification)
        .where(visible_notifications(member), Notification.read_at.is_(None))
        .scalar_subquery()
    )
    neutral = (
        select(NotificationSettings.neutral_app)
        .where(NotificationSettings.user_id == member.id)
        .scalar_subquery()
    )
    count, neutral_app = db.session.execute(select(unread, neutral)).one()
    return count, bool(neutral_app)


def recent_notifications(member: User) -> list[Notification]:
    """The newest notifications, unread first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(visible_notifications(member))
            .order_by(Notification.read_at.is_not(None), Notification.id.desc())
            .limit(NOTIFICATIONS_SHOWN)
        )
    )


def mark_all_notifications_read(member: User) -> None:
    """Clear the badge."""
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == member.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()


def ignore(member: User, name: object) -> Pseudonym:
    """Collapse everything written under a pseudonym, for this member only."""
    pseudonym = find_pseudonym(name)
    if pseudonym.user_id == member.id:
        raise InvalidInput("unknown_pseudonym", field="pseudonym")
    add_once(IgnoredPseudonym(user_id=member.id, pseudonym_id=pseudonym.id))
    db.session.commit()
    return pseudonym


def unignore(member: User, name: object) -> None:
    """Show a pseudonym's posts again."""
    pseudonym = find_pseudonym(name)
    db.session.execute(
        delete(IgnoredPseudonym).where(
            IgnoredPseudonym.user_id == member.id, IgnoredPseudonym.pseudonym_id == pseudonym.id
        )
    )
    db.session.commit()


def ignored_pseudonyms(member: User) -> list[str]:
    """Names the member ignores, alphabetically."""
    return list(
        db.session.scalars(
            select(Pseudonym.name)
            .join(IgnoredPseudonym, IgnoredPseudonym.pseudonym_id == Pseudonym.id)
            .where(IgnoredPseudonym.user_id == member.id)
            .order_by(Pseudonym.name)
        )
    )


def clean_muted_words(words: object) -> list[str]:
    """Trimmed, lower-cased, unique words; a clear error for anything else."""
    if isinstance(words, str):
        words = words.replace(",", "\n").splitlines()
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        raise InvalidInput(field="words")
    cleaned = list(dict.fromkeys(" ".join(word.split()).casefold() for word in words if word.strip()))
    if len(cleaned) > MUTED_WORDS_MAX:
        raise InvalidInput("too_many_words", field="words", limit=MUTED_WORDS_MAX)
    for word in cleaned:
        if len(word) > MUTED_WORD_LENGTH:
            raise TooLong("word", MUTED_WORD_LENGTH)
    return cleaned


def set_muted_words(member: User, words: object) -> list[str]:
    """Replace the member's muted words."""
    cleaned = clean_muted_words(words)
    db.session.execute(delete(MutedWord).where(MutedWord.user_id == member.id))
    db.session.add_all(MutedWord(user_id=member.id, word=word) for word in cleaned)
    db.session.commit()
    return cleaned


def muted_words(member: User) -> list[str]:
    """The member's muted words."""
    return list(
        db.session.scalars(
            select(MutedWord.word).where(MutedWord.user_id == member.id).order_by(MutedWord.word)
        )
    )
