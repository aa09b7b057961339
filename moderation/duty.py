"""On duty ("I tjänst"): a moderator says they are working. Only moderators on duty count as present in the
chat rooms (calm mode and "moderator online" follow them); a signed-in moderator reading the queue is not
present. Duty ends by itself after MODERATOR_DUTY_IDLE_MINUTES without a moderation action."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from accounts.models import User
from accounts.permissions import can_moderate
from core.database import utcnow
from core.exceptions import InvalidInput
from core.extensions import db
from moderation.models import ModeratorDuty
from moderation.services import audit, require_moderator


def idle_limit() -> timedelta:
    """How long duty lasts without activity."""
    return timedelta(minutes=current_app.config["MODERATOR_DUTY_IDLE_MINUTES"])


def current_duty(member: User | None) -> ModeratorDuty | None:
    """The member's duty, if they are on duty now."""
    if member is None:
        return None
    duty = db.session.get(ModeratorDuty, member.id)
    return duty if duty is not None and duty.active_until > utcnow() else None


def set_on_duty(moderator: User, on: object) -> ModeratorDuty | None:
    """Go on duty (or stay on, from now) or off duty; both audited when they change anything."""
    require_moderator(moderator)
    if not isinstance(on, bool):

        raise InvalidInput(field="on_duty")
    now = utcnow()
    duty = db.session.get(ModeratorDuty, moderator.id)
    was_on = duty is not None and duty.active_until > now
    if on:
        if duty is None:
            duty = ModeratorDuty(user_id=moderator.id, started_at=now, active_until=now + idle_limit())
            db.session.add(duty)
        else:
            if not was_on:
                duty.started_at = now
            duty.active_until = now + idle_limit()
        if not was_on:
            audit(moderator, "duty.on", f"member {moderator.pseudonym.name}", "")
    elif duty is not None:
        db.session.delete(duty)
        if was_on:
            audit(moderator, "duty.off", f"member {moderator.pseudonym.name}", "")
        duty = None
    db.session.commit()
    return duty


def touch(member: User | None) -> None:
    """A moderation action keeps its moderator on duty (nothing happens for one who is off duty)."""
    if member is None or not can_moderate(member):
        return
    now = utcnow()
    db.session.execute(
        update(ModeratorDuty)
        .where(ModeratorDuty.user_id == member.id, ModeratorDuty.active_until > now)
        .values(active_until=now + idle_limit())
    )
    db.session.commit()


def on_duty_now() -> list[str]:
    """The pseudonyms of moderators on duty now, for colleagues on the queue page."""
    rows = db.session.scalars(
        select(User)
        .join(ModeratorDuty, ModeratorDuty.user_id == User.id)
        .where(ModeratorDuty.active_until > utcnow())
        .order_by(ModeratorDuty.started_at)
    )
    return [user.pseudonym.name for user in rows if can_moderate(user)]


def duty_json(moderator: User) -> dict:
    """`{on_duty, until, on_duty_now: [pseudonym]}`."""
    duty = current_duty(moderator)
    return {
        "on_duty": duty is not None,
        "until": duty.active_until.isoformat() if duty is not None else None,
        "on_duty_now": [{"pseudonym": name} for name in on_duty_now()],
    }
