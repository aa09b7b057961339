"""Young carers and the account: the one birth-date check allowed to members who joined before young carers'
spaces existed, and forgetting `young_until` a while after it has passed.

The birth date is read, checked as at signup and discarded; only the day the member turns 26 is kept.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import update

from accounts.age_gate import check_age, parse_birth_date, young_until
from accounts.errors import AgeAlreadyChecked
from accounts.models import User
from accounts.services import today
from core.database import utcnow
from core.extensions import db

# Kept this long after the 26th birthday so the young spaces can say kindly why they closed (a member who
# never was young is told something else); then NULL, as for every member 26 or older.
YOUNG_UNTIL_KEPT_AFTER = timedelta(days=30)


def may_check_age(user: User) -> bool:
    """Members who joined before young carers' spaces existed may check their birth date once."""
    return user.young_checked_at is None


def check_young(user: User, birth_date: object) -> date | None:
    """Check a birth date as signup does and keep only the day the member turns 26 (None: 26 or older).

    Once only, so nobody can try dates until one fits; a date the age gate refuses does not use it up."""
    if not may_check_age(user):
        raise AgeAlreadyChecked(field="birth_date")
    on = today()
    config = current_app.config
    born = parse_birth_date(birth_date, on)
    check_age(born, on, config["MIN_AGE"], config["MAX_AGE"])
    user.young_until = young_until(born, on)
    user.young_checked_at = utcnow()
    db.session.commit()
    return user.young_until


def forget_passed_young_until(on: date | None = None) -> int:
    """Set `young_until` to NULL for members who turned 26 more than YOUNG_UNTIL_KEPT_AFTER ago; returns how
    many. Run with the other retention rules (core/retention.py)."""
    cutoff = (on or today()) - YOUNG_UNTIL_KEPT_AFTER
    forgotten = db.session.execute(
        update(User).where(User.young_until.is_not(None), User.young_until <= cutoff).values(young_until=None)
    ).rowcount
    db.session.commit()
    return forgotten
