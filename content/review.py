"""Review dates: when an item's facts should be checked again, and which published items are past it
(editors see them as due for review; readers are told the text may be out of date)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from content.models import LibraryItem
from core.extensions import db

# How long checked facts stay fresh when the editor sets no review date.
DEFAULT_REVIEW_PERIOD = timedelta(days=365)


def review_due(item: LibraryItem) -> date:
    """The day the facts should be checked again: the set review date, or a year after the last check."""
    return item.review_by or item.reviewed_on + DEFAULT_REVIEW_PERIOD


def is_due_for_review(item: LibraryItem, today: date) -> bool:
    """Published, and its review date has passed (readers then see that it may be out of date)."""
    return item.status == "published" and review_due(item) < today


def due_for_review(today: date) -> list[LibraryItem]:
    """Published items past their review date, the longest overdue first."""
    items = db.session.scalars(select(LibraryItem).where(LibraryItem.status == "published"))
    return sorted((item for item in items if review_due(item) < today), key=review_due)
