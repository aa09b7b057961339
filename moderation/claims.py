"""Claims on queue items: a moderator says "I'll take this one", so colleagues see a crisis is in hand, by
whom and since when. Any moderator may release a claim (a colleague who went off duty must not leave a
dead end); taking an item someone else holds is refused with who holds it."""

from __future__ import annotations

from sqlalchemy import update

from accounts.models import User
from core.database import utcnow
from core.exceptions import Forbidden
from core.extensions import db
from moderation.errors import ClaimedByAnother
from moderation.live import announce_queue_change
from moderation.models import ReviewItem
from moderation.reviewable import of_row
from moderation.services import audit, require_moderator, target_of


def claimer_name(item: ReviewItem) -> str | None:
    """The pseudonym of the moderator holding the item, if anyone does."""
    if item.claimed_by_id is None:
        return None
    claimer = db.session.get(User, item.claimed_by_id)
    return claimer.pseudonym.name if claimer is not None else None


def claim(moderator: User, item: ReviewItem) -> ReviewItem:
    """Take an item; taking one's own claim again changes nothing. A moderator's own text is for colleagues
    to handle (a moderator in crisis must not be able to quiet their own item)."""
    require_moderator(moderator)
    target = target_of(item)
    if target is not None and of_row(item).author_id(target) == moderator.id:
        raise Forbidden()
    if item.claimed_by_id == moderator.id:
        return item
    now = utcnow()
    # One conditional UPDATE: of two moderators clicking at once, exactly one gets the item.
    taken = db.session.execute(
        update(ReviewItem)
        .where(ReviewItem.id == item.id, ReviewItem.claimed_by_id.is_(None))
        .values(claimed_by_id=moderator.id, claimed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not taken:
        db.session.rollback()
        db.session.refresh(item)
        raise ClaimedByAnother(claimer_name(item) or "")
    audit(moderator, "item.claim", f"{item.kind} {item.target_id}", "")
    db.session.commit()
    db.session.refresh(item)
    announce_queue_change()
    return item


def release(moderator: User, item: ReviewItem) -> ReviewItem:
    """Let go of an item (one's own, or a colleague's left behind); audited with whose claim it was."""
    require_moderator(moderator)
    if item.claimed_by_id is None:
        return item
    holder = claimer_name(item)
    item.claimed_by_id = None
    item.claimed_at = None
    audit(moderator, "item.release", f"{item.kind} {item.target_id}", "", claimed_by=holder)
    db.session.commit()
    announce_queue_change()
    return item


def claim_json(item: ReviewItem) -> dict:
    """`{claimed_by: {pseudonym} | null, since}` as the contract gives it."""
    name = claimer_name(item)
    return {
        "claimed_by": {"pseudonym": name} if name is not None else None,
        "since": item.claimed_at.isoformat() if name is not None and item.claimed_at else None,
    }
