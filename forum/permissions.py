"""Named permission checks, used alike by pages, the JSON API, socket handlers and templates."""

from __future__ import annotations

from datetime import date

from accounts.age_gate import band_admits, is_young
from accounts.models import AgeBanded, User
from accounts.services import today
from core.exceptions import OutsideAgeBand
from forum.models import Post, Thread

MODERATOR_ROLES = ("moderator", "admin")


def can_moderate(user: User | None) -> bool:
    """Moderators and admins."""
    return user is not None and user.role in MODERATOR_ROLES


def can_administer(user: User | None) -> bool:
    """Admins only."""
    return user is not None and user.role == "admin"


def can_edit(user: User | None, post: Post) -> bool:
    """Authors may edit or delete their own posts while the text is still there."""
    return (
        user is not None and post.author_id == user.id and post.deleted_at is None and post.hidden_at is None
    )


def can_reply(user: User | None, thread: Thread) -> bool:
    """Members may reply unless a moderator locked the thread; moderators always may."""
    return user is not None and (not thread.locked or can_moderate(user))


def can_react(user: User | None, post: Post) -> bool:
    """Members may say "I recognise this" about others' visible posts."""
    return user is not None and post.author_id != user.id and post.visible


def can_flag(user: User | None, post: Post) -> bool:
    """Members may flag others' posts, never their own."""
    return user is not None and post.author_id != user.id and post.visible


def can_enter(user: User | None, space: AgeBanded, on: date | None = None) -> bool:
    """Read, join or write in a space: an age-banded one (young carers, 16–25) only for members inside its
    band; moderators and admins always, because they read and moderate there. Judged from the member's
    `young_until` alone, on the Swedish calendar day (`on` lets tests choose the day)."""
    band = space.age_band
    if band is None:
        return True  # open to every member (signing in is checked where the member is loaded)
    if user is None:
        return False
    return can_moderate(user) or band_admits(band, is_young(user.young_until, on or today()))


def ensure_can_enter(user: User | None, space: AgeBanded, on: date | None = None) -> None:
    """Refuse with `age_band` (403) outside the band: kindly, and differently for a member who has just
    turned 26 (their `young_until` has passed) than for one who never was inside."""
    if not can_enter(user, space, on):
        band = space.age_band
        aged_out = user is not None and user.young_until is not None
        raise OutsideAgeBand(band.min, band.max, aged_out=aged_out)


def sees_age_banded(user: User | None, on: date | None = None) -> bool:
    """Whether the member may see what age-banded spaces hold (in search results and notifications, which
    are filtered in SQL): every supported band is 16–25 (accounts/age_gate.py)."""
    return user is not None and (can_moderate(user) or is_young(user.young_until, on or today()))
