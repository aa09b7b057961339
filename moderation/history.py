"""Looking back: the audit log paged and filtered (moderator, action, member pseudonym as it was, dates)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import get_timezone
from sqlalchemy import func, or_, select

from accounts.models import User
from core.exceptions import InvalidInput
from core.extensions import db
from moderation.models import AuditEntry, ReviewItem
from moderation.reviewable import registered
from moderation.services import require_moderator

PER_PAGE = 50


@dataclass(frozen=True)
class AuditFilter:
    """What a moderator narrows the audit log to; every field optional."""

    moderator: str = ""
    action: str = ""
    pseudonym: str = ""
    since: date | None = None
    until: date | None = None


def parse_day(value: object, field: str) -> date | None:
    """A `YYYY-MM-DD` day, or nothing; anything else is refused naming the field."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InvalidInput(field=field)
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        raise InvalidInput(field=field) from error


def parse_page(value: object) -> int:
    """A page number from 1; anything else is refused naming `page`."""
    if value in (None, ""):
        return 1
    try:
        page = int(value)
    except (TypeError, ValueError) as error:
        raise InvalidInput(field="page") from error
    if page < 1:
        raise InvalidInput(field="page")
    return page


def audit_filter(args) -> AuditFilter:
    """The filter from query parameters (`moderator`, `action`, `pseudonym`, `from`, `to`)."""
    return AuditFilter(
        moderator=(args.get("moderator") or "").strip()[:60],
        action=(args.get("action") or "").strip()[:40],
        pseudonym=(args.get("pseudonym") or "").strip()[:60],
        since=parse_day(args.get("from"), "from"),
        until=parse_day(args.get("to"), "to"),
    )


def local_midnight(day: date) -> datetime:
    """The start of a day in the staff's time zone."""
    return datetime.combine(day, time.min, tzinfo=get_timezone())


def audit_page(moderator: User, chosen: AuditFilter, page: int = 1) -> tuple[list[AuditEntry], int]:
    """One page of the audit log, newest first, and how many pages the filter gives."""
    require_moderator(moderator)
    conditions = []
    if chosen.moderator:
        conditions.append(func.lower(AuditEntry.moderator_pseudonym) == chosen.moderator.lower())
    if chosen.action:
        # "post.hide" exactly, or a whole family such as "sanction".
        conditions.append(
            or_(AuditEntry.action == chosen.action, AuditEntry.action.startswith(chosen.action + "."))
        )
    if chosen.pseudonym:
        name = chosen.pseudonym
        # Targets name members as they were named then: "member X" or "post 12 by X".
        conditions.append(
            or_(AuditEntry.target == f"member {name}", AuditEntry.target.endswith(f" by {name}"))
        )
    if chosen.since:
        conditions.append(AuditEntry.at >= local_midnight(chosen.since))
    if chosen.until:
        conditions.append(AuditEntry.at < local_midnight(chosen.until + timedelta(days=1)))
    total = db.session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions))
    pages = max(1, -(-total // PER_PAGE))
    entries = db.session.scalars(
        select(AuditEntry)
        .where(*conditions)
        .order_by(AuditEntry.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    return list(entries), pages


def audit_moderators() -> list[str]:
    """Every moderator pseudonym in the log, for the filter's choices."""
    return list(
        db.session.scalars(
            select(AuditEntry.moderator_pseudonym).distinct().order_by(AuditEntry.moderator_pseudonym)
        )
    )


DECIDED = ("approved", "hidden", "deleted", "dismissed")
DECIDED_LIMIT = 200


@dataclass(frozen=True)
class DecidedFilter:
    """What a moderator narrows the decided items to: outcome, who decided, kind, days."""

    outcome: str = ""
    moderator: str = ""
    kind: str = ""
    since: date | None = None
    until: date | None = None


def decided_filter(args) -> DecidedFilter:
    """The filter from query parameters (`outcome`, `moderator`, `kind`, `from`, `to`); unknown outcomes
    and kinds are refused naming the field."""
    outcome = (args.get("outcome") or "").strip()
    kind = (args.get("kind") or "").strip()
    if outcome and outcome not in DECIDED:
        raise InvalidInput(field="outcome")
    if kind and kind not in registered():
        raise InvalidInput(field="kind")
    return DecidedFilter(
        outcome=outcome,
        moderator=(args.get("moderator") or "").strip()[:60],
        kind=kind,
        since=parse_day(args.get("from"), "from"),
        until=parse_day(args.get("to"), "to"),
    )


def decided(moderator: User, chosen: DecidedFilter) -> list[ReviewItem]:
    """Decided items, most recently decided first."""
    require_moderator(moderator)
    conditions = [ReviewItem.status == chosen.outcome] if chosen.outcome else [ReviewItem.status.in_(DECIDED)]
    if chosen.moderator:
        conditions.append(func.lower(ReviewItem.decided_by_pseudonym) == chosen.moderator.lower())
    if chosen.kind in registered():
        conditions.append(getattr(ReviewItem, registered()[chosen.kind].column).is_not(None))
    if chosen.since:
        conditions.append(ReviewItem.resolved_at >= local_midnight(chosen.since))
    if chosen.until:
        conditions.append(ReviewItem.resolved_at < local_midnight(chosen.until + timedelta(days=1)))
    return list(
        db.session.scalars(
            select(ReviewItem)
            .where(*conditions)
            .order_by(ReviewItem.resolved_at.desc(), ReviewItem.id.desc())
            .limit(DECIDED_LIMIT)
        )
    )


def tab_counts() -> dict:
    """How many items wait and how many were decided, for the tabs."""
    rows = db.session.execute(
        select(ReviewItem.status == "pending", func.count()).group_by(ReviewItem.status == "pending")
    )
    counts = {"pending": 0, "decided": 0}
    for waiting, count in rows:
        counts["pending" if waiting else "decided"] += count
    return counts


def decision_moderators() -> list[str]:
    """Every moderator who decided an item, for the filter's choices."""
    return list(
        db.session.scalars(
            select(ReviewItem.decided_by_pseudonym)
            .where(ReviewItem.decided_by_pseudonym.is_not(None))
            .distinct()
            .order_by(ReviewItem.decided_by_pseudonym)
        )
    )
