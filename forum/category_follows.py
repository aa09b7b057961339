"""Following a whole category: which categories a member follows, changing that, and telling followers
of a new thread there (notification kind `thread`)."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import delete, exists, false, insert, select

from accounts.models import User
from accounts.permissions import can_enter, ensure_can_enter
from core.exceptions import InvalidInput, NotFound
from core.extensions import db
from core.notices import Notice
from forum.models import Category, CategoryFollow, Notification, Post, Thread
from forum.notices import excerpt, ignoring
from forum.personal import add_once


def followable(member: User) -> list[Category]:
    """The categories the member may follow: those they may enter, in the forum's order (a young carers'
    category is not even offered outside its band)."""
    categories = db.session.scalars(select(Category).order_by(Category.position, Category.id))
    return [category for category in categories if can_enter(member, category)]


def followed_ids(member: User) -> set[int]:
    """Ids of the categories the member follows (rows for a category they can no longer enter stay, but
    are neither shown nor notified)."""
    mine = select(CategoryFollow.category_id).where(CategoryFollow.user_id == member.id)
    return set(db.session.scalars(mine))


def followed(member: User) -> list[Category]:
    """The followed categories the member may still enter, in the forum's order."""
    ids = followed_ids(member)
    return [category for category in followable(member) if category.id in ids]


def category_and_following(slug: str, member: User | None) -> tuple[Category, bool]:
    """A category by slug (or 404) and whether the member follows it, in one statement: the category page
    keeps its small query budget (tests/forum/test_queries.py)."""
    follows = (
        exists()
        .where(CategoryFollow.category_id == Category.id, CategoryFollow.user_id == member.id)
        .correlate(Category)
        if member is not None
        else false()
    )
    found = db.session.execute(select(Category, follows).where(Category.slug == slug)).first()
    if found is None:
        raise NotFound()
    return found[0], bool(found[1])


def set_following(member: User, category: Category, follow: bool) -> bool:
    """Follow or stop following one category (403 `age_band` outside its band)."""
    if follow:
        ensure_can_enter(member, category)
        add_once(CategoryFollow(user_id=member.id, category_id=category.id))
    else:
        db.session.execute(
            delete(CategoryFollow).where(
                CategoryFollow.user_id == member.id, CategoryFollow.category_id == category.id
            )
        )
    db.session.commit()
    return follow


def clean_slugs(slugs: object) -> list[str]:
    """A list of category slugs, each one the member may follow; a clear error naming `categories`."""
    if not isinstance(slugs, list) or not all(isinstance(slug, str) for slug in slugs):
        raise InvalidInput(field="categories")
    return list(dict.fromkeys(slugs))


def replace_following(member: User, slugs: object) -> list[Category]:
    """Follow exactly these categories (by slug) among those the member may enter: the welcome page's
    checkboxes and `PUT /me/category-follows`. An unknown slug, or one the member may not enter, is refused
    as a whole (nothing changes) so a typo is not silently dropped."""
    wanted = clean_slugs(slugs)
    open_to_member = {category.slug: category for category in followable(member)}
    unknown = [slug for slug in wanted if slug not in open_to_member]
    if unknown:
        raise InvalidInput("unknown_category", field="categories")
    chosen = {open_to_member[slug].id for slug in wanted}
    offered = {category.id for category in open_to_member.values()}
    # Only categories the member can see are touched: a follow kept from inside an age band stays
    # until the member changes it (it is neither shown nor notified meanwhile).
    db.session.execute(
        delete(CategoryFollow).where(
            CategoryFollow.user_id == member.id, CategoryFollow.category_id.in_(offered - chosen)
        )
    )
    for category_id in sorted(chosen - followed_ids(member)):
        add_once(CategoryFollow(user_id=member.id, category_id=category_id))
    db.session.commit()
    return [category for category in open_to_member.values() if category.id in chosen]


def notify_new_thread(
    member: User, thread: Thread, post: Post, held: bool, told: set[int] = frozenset()
) -> list[Notice]:
    """Notifications for a new thread (not committed here): each follower of its category hears of it,
    never the author, nor a follower ignoring the author, nor of a held text, nor outside an age band the
    follower is no longer inside, nor a member `told` already (mentioned in the opening post). Returns
    what to announce once committed."""
    if held or thread.hidden_at is not None or not post.visible:
        return []
    category = thread.category
    followers = set(
        db.session.scalars(
            select(CategoryFollow.user_id).where(
                CategoryFollow.category_id == category.id, CategoryFollow.user_id != member.id
            )
        )
    )
    followers -= told
    followers -= ignoring(followers, post.author_pseudonym_id)
    if followers and category.age_band is not None:
        users = db.session.scalars(select(User).where(User.id.in_(followers)))
        followers = {user.id for user in users if can_enter(user, category)}
    if not followers:
        return []
    recipients = sorted(followers)
    db.session.execute(
        insert(Notification),
        [
            {
                "user_id": user_id,
                "thread_id": thread.id,
                "post_id": post.id,
                "kind": "thread",
                "created_at": post.created_at,
            }
            for user_id in recipients
        ],
    )
    url = url_for("forum.threads.thread", thread_id=thread.id)
    author = member.pseudonym.name
    text = excerpt(post)
    return [
        Notice(
            user_id,
            "thread",
            url,
            author=author,
            excerpt=text,
            title=thread.title,
            category=category.name_sv,
        )
        for user_id in recipients
    ]


def export(user: User) -> list[dict]:
    """The member's followed categories for their data export (every row, also one outside a band)."""
    rows = db.session.execute(
        select(Category.slug, Category.name_sv, CategoryFollow.created_at)
        .join(CategoryFollow, CategoryFollow.category_id == Category.id)
        .where(CategoryFollow.user_id == user.id)
        .order_by(Category.position, Category.id)
    )
    return [
        {"slug": slug, "name": name, "since": created.isoformat() if created else None}
        for slug, name, created in rows
    ]
