"""What moderators and admins change in the forum's structure: pinning, locking and retitling threads
(audited), and adding or changing categories."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from accounts.age_gate import parse_age_band
from accounts.models import User
from accounts.permissions import can_administer, can_moderate
from core.exceptions import Forbidden, InvalidInput, SlugTaken
from core.extensions import db
from core.text import clean_line, clean_slug
from forum.models import Category, Post, Thread
from forum.services import (
    CATEGORY_DESCRIPTION_MAX,
    CATEGORY_NAME_MAX,
    POSITION_MAX,
    clean_title,
    index_current_text,
)
from moderation.services import audit, pseudonym_label


def set_thread_state(
    moderator: User,
    thread: Thread,
    pinned: object = None,
    locked: object = None,
    title: object = None,
    reason: object = None,
) -> Thread:
    """Moderators pin a thread to the top of its category, lock it against new replies, or retitle it."""
    if not can_moderate(moderator):
        raise Forbidden()
    if title is not None:
        retitle(moderator, thread, title, reason)
    if pinned is not None:
        thread.pinned = bool(pinned)
    if locked is not None:
        thread.locked = bool(locked)
    db.session.commit()
    return thread


def retitle(moderator: User, thread: Thread, title: object, reason: object) -> None:
    """A moderator gives a thread a new title (a title can hold a name as a post can): audited, and the old
    title leaves the search index at once. The old title is not kept anywhere. Does not commit."""
    title = clean_title(title)
    if title == thread.title:
        return
    thread.title = title
    opening = db.session.get(Post, thread.first_post_id) if thread.first_post_id else None
    if opening is not None and opening.deleted_at is None:
        index_current_text(opening)
    target = f"thread {thread.id} by {pseudonym_label(thread.author_pseudonym_id)}"
    audit(moderator, "thread.title", target, reason)


def create_category(admin: User, data: dict) -> Category:
    """Admins add a forum category, for everyone or with an age band (`age_band: {min: 16, max: 25}`)."""
    if not can_administer(admin):
        raise Forbidden()
    category = Category(
        slug=clean_slug(data.get("slug")),
        name_sv=clean_line(data.get("name_sv"), "name_sv", CATEGORY_NAME_MAX),
        name_en=clean_line(data.get("name_en"), "name_en", CATEGORY_NAME_MAX),
        description_sv=clean_line(data.get("description_sv"), "description_sv", CATEGORY_DESCRIPTION_MAX),
        description_en=clean_line(data.get("description_en"), "description_en", CATEGORY_DESCRIPTION_MAX),
        position=db.session.scalar(select(func.count()).select_from(Category)),
    )
    category.age_band = parse_age_band(data.get("age_band"))
    db.session.add(category)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise SlugTaken("category") from error
    return category


def update_category(admin: User, category: Category, data: dict) -> Category:
    """Admins rename a category or change its description, position or age band. A new band applies to the
    next request of everyone outside it (reading checks it every time): nothing there is live."""
    if not can_administer(admin):
        raise Forbidden()
    for field, limit in (
        ("name_sv", CATEGORY_NAME_MAX),
        ("name_en", CATEGORY_NAME_MAX),
        ("description_sv", CATEGORY_DESCRIPTION_MAX),
        ("description_en", CATEGORY_DESCRIPTION_MAX),
    ):
        if field in data:
            setattr(category, field, clean_line(data[field], field, limit))
    if "position" in data:
        if (
            isinstance(data["position"], bool)
            or not isinstance(data["position"], int)
            or not 0 <= data["position"] < POSITION_MAX
        ):
            raise InvalidInput(field="position")
        category.position = data["position"]
    if "age_band" in data:
        band = parse_age_band(data["age_band"])
        if band != category.age_band:
            category.age_band = band
            target = f"category {category.slug}"
            audit(admin, "category.age_band", target, "", age_band=category.age_band_json())
    db.session.commit()
    return category
