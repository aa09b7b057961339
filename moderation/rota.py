"""The rota: planned duty shifts (who, when), entered by admins; rooms and the home page say when the next
moderator is on, without naming them. Overlapping shifts are allowed (two moderators at once); a shift that
has already begun cannot be created."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import get_timezone
from sqlalchemy import select

from accounts.models import User
from accounts.permissions import MODERATOR_ROLES, can_administer, can_moderate
from accounts.services import find_pseudonym
from core.database import utcnow
from core.exceptions import Forbidden, InvalidInput, NotFound
from core.extensions import db
from moderation.duty import on_duty_now
from moderation.models import DutyShift
from moderation.services import audit, require_moderator

MAX_SHIFT = timedelta(hours=24)


def require_admin(member: User | None) -> User:
    """Admins only edit the rota."""
    if not can_administer(member):
        raise Forbidden()
    return member


def parse_moment(value: object, field: str) -> datetime:
    """An ISO 8601 moment; without an offset it is read in the staff's time zone."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(field=field)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise InvalidInput(field=field) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=get_timezone())
    return moment


def staff_by_pseudonym(pseudonym: object) -> User:
    """The moderator or admin whose current pseudonym this is."""
    if not isinstance(pseudonym, str) or not pseudonym.strip():
        raise InvalidInput(field="pseudonym")
    try:
        found = find_pseudonym(pseudonym.strip())
    except NotFound as error:
        raise InvalidInput(field="pseudonym") from error
    member = db.session.get(User, found.user_id) if found.user_id else None
    if member is None or not can_moderate(member) or member.pseudonym.id != found.id:
        raise InvalidInput(field="pseudonym")
    return member


def add_shift(admin: User, pseudonym: object, starts_at: object, ends_at: object) -> DutyShift:
    """Put a moderator on the rota. Refused field by field: an unknown or non-staff pseudonym, a start in
    the past, an end not after the start, a shift longer than a day."""
    require_admin(admin)
    member = staff_by_pseudonym(pseudonym)
    starts = parse_moment(starts_at, "starts_at")
    ends = parse_moment(ends_at, "ends_at")
    if starts < utcnow():
        raise InvalidInput("shift_in_past", field="starts_at")
    if ends <= starts or ends - starts > MAX_SHIFT:
        raise InvalidInput("shift_length", field="ends_at")
    shift = DutyShift(user_id=member.id, starts_at=starts, ends_at=ends, created_by_id=admin.id)
    db.session.add(shift)
    audit(admin, "shift.add", f"member {member.pseudonym.name}", "", starts_at=starts.isoformat())
    db.session.commit()
    return shift


def remove_shift(admin: User, shift_id: int) -> None:
    """Take a shift off the rota."""
    require_admin(admin)
    shift = db.session.get(DutyShift, shift_id)
    if shift is None:
        raise NotFound()
    member = db.session.get(User, shift.user_id)
    audit(admin, "shift.remove", f"member {member.pseudonym.name}", "", starts_at=shift.starts_at.isoformat())
    db.session.delete(shift)
    db.session.commit()


def week_start(day: date | None) -> date:
    """The Monday of the week a day is in (this week without a day)."""
    day = day or utcnow().astimezone(get_timezone()).date()
    return day - timedelta(days=day.weekday())


def week(moderator: User, monday: date) -> list[tuple[date, list[DutyShift]]]:
    """The week's shifts, day by day (a shift belongs to the day it starts, in local time)."""
    require_moderator(moderator)
    zone = get_timezone()
    start = datetime.combine(monday, time.min, tzinfo=zone)
    shifts = list(
        db.session.scalars(
            select(DutyShift)
            .where(DutyShift.starts_at >= start, DutyShift.starts_at < start + timedelta(days=7))
            .order_by(DutyShift.starts_at, DutyShift.id)
        )
    )
    days = [monday + timedelta(days=offset) for offset in range(7)]
    return [(day, [s for s in shifts if s.starts_at.astimezone(zone).date() == day]) for day in days]


def next_moderator_at() -> datetime | None:
    """When the next planned shift begins (None while one is running, or when none is planned)."""
    now = utcnow()
    running = db.session.scalar(
        select(DutyShift.id).where(DutyShift.starts_at <= now, DutyShift.ends_at > now).limit(1)
    )
    if running is not None:
        return None
    return db.session.scalar(
        select(DutyShift.starts_at).where(DutyShift.starts_at > now).order_by(DutyShift.starts_at).limit(1)
    )


def moderator_signal() -> dict:
    """For the home page: whether a moderator is here now (a shift running or someone on duty) and when
    the next shift begins; never who."""
    next_at = next_moderator_at()
    here = bool(on_duty_now()) or (next_at is None and running_shift())
    return {"here_now": here, "next_at": None if here else next_at}


def running_shift() -> bool:
    """Whether a planned shift is running now."""
    now = utcnow()
    found = db.session.scalar(
        select(DutyShift.id).where(DutyShift.starts_at <= now, DutyShift.ends_at > now).limit(1)
    )
    return found is not None


def shift_json(shift: DutyShift) -> dict:
    """`{id, moderator: {pseudonym}, starts_at, ends_at}` (for staff only)."""
    member = db.session.get(User, shift.user_id)
    return {
        "id": shift.id,
        "moderator": {"pseudonym": member.pseudonym.name},
        "starts_at": shift.starts_at.isoformat(),
        "ends_at": shift.ends_at.isoformat(),
    }


def staff_pseudonyms() -> list[str]:
    """Current pseudonyms of moderators and admins, for the rota form."""
    users = db.session.scalars(select(User).where(User.role.in_(MODERATOR_ROLES)))
    return sorted(user.pseudonym.name for user in users if user.pseudonym is not None)
