"""Named permission checks on accounts alone (roles and age bands), a small Guardian used alike by pages,
the JSON API, socket handlers and templates of every feature; features add their own checks on top."""

from __future__ import annotations

from datetime import date

from accounts.age_gate import band_admits, is_young
from accounts.errors import OutsideAgeBand
from accounts.models import AgeBanded, User
from accounts.services import today

MODERATOR_ROLES = ("moderator", "admin")


def can_moderate(user: User | None) -> bool:
    """Moderators and admins."""
    return user is not None and user.role in MODERATOR_ROLES


def can_administer(user: User | None) -> bool:
    """Admins only."""
    return user is not None and user.role == "admin"


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
