"""Who hears of a new reply: followers and mentioned members, with what they are told, and the member's
notification settings (follow threads one replies in, push details, the neutral app name)."""

from __future__ import annotations

import html
import re

from flask import url_for
from sqlalchemy import insert, select

from accounts.models import Pseudonym, User
from accounts.permissions import can_enter, can_moderate
from core.exceptions import InvalidInput
from core.extensions import db
from core.i18n import current_language
from core.notices import Notice
from forum.mentions import mentioned_names
from forum.models import IgnoredPseudonym, Notification, NotificationSettings, Post, Thread, ThreadFollow
from forum.personal import add_once, visible_notifications

EXCERPT_LENGTH = 140
SETTINGS = ("follow_on_reply", "push_details", "neutral_app")
# Between blocks a space; inside a line (emphasis, links) nothing, so "det *hjälper*." stays "det hjälper.".
BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|h[1-6]|blockquote|pre|div|tr|td|th|hr)\b[^>]*>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")


def excerpt(post: Post, length: int = EXCERPT_LENGTH) -> str | None:
    """A short plain-text opening of a visible post (from its sanitized HTML, so links and emphasis read as
    text); None for a deleted or hidden one."""
    if not post.visible:
        return None
    text = " ".join(html.unescape(TAG.sub("", BLOCK_TAG.sub(" ", post.body_html))).split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut[length // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:–-") + "…"


def settings_for(user_id: int) -> NotificationSettings:
    """The member's settings, or the defaults (not stored: GET never writes)."""
    found = db.session.get(NotificationSettings, user_id)
    return found if found is not None else default_settings(user_id)


def settings_for_members(user_ids: set[int]) -> dict[int, NotificationSettings]:
    """Several members' settings (or the defaults) in one statement."""
    if not user_ids:
        return {}
    stored = {
        found.user_id: found
        for found in db.session.scalars(
            select(NotificationSettings).where(NotificationSettings.user_id.in_(user_ids))
        )
    }
    return {user_id: stored.get(user_id) or default_settings(user_id) for user_id in user_ids}


def default_settings(user_id: int) -> NotificationSettings:
    """What a member who never changed anything has (not stored: GET never writes)."""
    return NotificationSettings(user_id=user_id, follow_on_reply=True, push_details=False, neutral_app=False)


def settings_json(settings: NotificationSettings) -> dict:
    """The settings as the API shows them."""
    return {name: bool(getattr(settings, name)) for name in SETTINGS}


def update_settings(member: User, changes: dict) -> NotificationSettings:
    """Change any of the settings; each must be true or false."""
    for name, value in changes.items():
        if name not in SETTINGS:
            raise InvalidInput("unknown_setting", field=name)
        if not isinstance(value, bool):
            raise InvalidInput(field=name)
    settings = db.session.get(NotificationSettings, member.id)
    if settings is None:
        settings = settings_for(member.id)
        db.session.add(settings)
    for name, value in changes.items():
        setattr(settings, name, value)
    db.session.commit()
    return settings


def follow_after_reply(member: User, thread: Thread, followers: set[int] | None = None) -> None:
    """Follow a thread the member has just replied in, unless they turned that off (not committed here).
    `followers`, when the caller has read them already (thread_followers), spares a follower the
    settings query and the failing insert: most replies come from members who follow already."""
    if followers is not None and member.id in followers:
        return
    if settings_for(member.id).follow_on_reply:
        add_once(ThreadFollow(user_id=member.id, thread_id=thread.id))


def thread_followers(thread: Thread) -> set[int]:
    """Everyone following the thread, in one statement."""
    return set(db.session.scalars(select(ThreadFollow.user_id).where(ThreadFollow.thread_id == thread.id)))


def ignoring(user_ids: set[int], pseudonym_id: int) -> set[int]:
    """Which of these members ignore the pseudonym."""
    if not user_ids:
        return set()
    return set(
        db.session.scalars(
            select(IgnoredPseudonym.user_id).where(
                IgnoredPseudonym.pseudonym_id == pseudonym_id, IgnoredPseudonym.user_id.in_(user_ids)
            )
        )
    )


def mentioned_members(member: User, thread: Thread, post: Post) -> set[int]:
    """Members whose current pseudonym the post mentions and who may read the thread."""
    names = mentioned_names(post.body_source)
    if not names or thread.hidden_at is not None:
        return set()
    users = db.session.scalars(
        select(User)
        .join(Pseudonym, Pseudonym.user_id == User.id)
        .where(Pseudonym.name.in_(names), Pseudonym.retired_at.is_(None), User.id != member.id)
    )
    return {user.id for user in users if can_enter(user, thread.category)}


def may_hear_of(user_ids: set[int], thread: Thread) -> set[int]:
    """Which of these members may still see the thread, by the rules of the notifications page
    (forum.personal.visible_notifications): moderators always; others not while it is hidden, nor in an
    age-banded space outside its band (a follower who has turned 26). Nothing is stored or pushed for the
    rest, so neither a push with details nor the badge's tooltip carries its title or excerpt."""
    if not user_ids:
        return set()
    # Only the columns the rules read (role, young_until): no account objects built per follower.
    users = db.session.execute(select(User.id, User.role, User.young_until).where(User.id.in_(user_ids)))
    return {
        user.id
        for user in users
        if can_moderate(user) or (thread.hidden_at is None and can_enter(user, thread.category))
    }


def notify_reply(
    member: User, thread: Thread, post: Post, held: bool, followers: set[int] | None = None
) -> list[Notice]:
    """Notifications for a new reply (not committed here): followers hear of a `reply`, mentioned members
    of a `mention` (one notification each, the mention winning); nobody hears of a held text, of their own
    post, or of a pseudonym they ignore. Returns what to announce once committed.

    A fixed number of statements whatever the number of followers (at most five: followers, mentioned
    members, ignores, who may see the thread, one INSERT of every row); `followers` may be passed when the
    caller has read them (thread_followers)."""
    if held:
        return []
    if followers is None:
        followers = thread_followers(thread)
    followers = followers - {member.id}
    mentioned = mentioned_members(member, thread, post)
    recipients = (followers | mentioned) - ignoring(followers | mentioned, post.author_pseudonym_id)
    recipients = may_hear_of(recipients, thread)
    if not recipients:
        return []
    kinds = {user_id: "mention" if user_id in mentioned else "reply" for user_id in sorted(recipients)}
    db.session.execute(
        insert(Notification),
        [
            {
                "user_id": user_id,
                "thread_id": thread.id,
                "post_id": post.id,
                "kind": kind,
                "created_at": post.created_at,
            }
            for user_id, kind in kinds.items()
        ],
    )
    url = url_for("forum.threads.post", post_id=post.id)
    author = post.author_pseudonym.name  # as written, also for a post released later
    text = excerpt(post)
    return [
        Notice(user_id, kind, url, author=author, excerpt=text, title=thread.title)
        for user_id, kind in kinds.items()
    ]


def notify_now_visible(post_id: int) -> list[Notice]:
    """A post that has just become visible (a held text released by a moderator or confirmed by its
    writer, a hidden one restored): its followers and mentioned members hear of it now, as if it were new,
    unless anyone was already told of it (never twice). Not committed here; announce once committed."""
    post = db.session.get(Post, post_id)
    if post is None or not post.visible or post.author_id is None:
        return []
    if db.session.scalar(select(Notification.id).where(Notification.post_id == post.id).limit(1)):
        return []
    author = db.session.get(User, post.author_id)
    thread = db.session.get(Thread, post.thread_id)
    if author is None or thread is None:
        return []
    return notify_reply(author, thread, post, held=False)


def notification_json(note: Notification) -> dict:
    """A notification as the API shows it: the author's pseudonym as it was when written, an excerpt."""
    return {
        "id": note.id,
        "kind": note.kind,
        "thread": {"id": note.thread_id, "title": note.thread.title},
        # The category matters for a `thread` notice ("Ny tråd i Demens"); every kind has it.
        "category": {"slug": note.thread.category.slug, "name": category_name(note.thread.category)},
        "post_id": note.post_id,
        "author": {"pseudonym": note.post.author_pseudonym.name},
        "excerpt": excerpt(note.post),
    }


def category_name(category) -> str:
    """A category's name in the request's language."""
    return category.name_en if current_language() == "en" else category.name_sv


def latest_unread(member: User) -> dict | None:
    """The newest unread notification's parts, for the badge's tooltip when a page's socket connects."""
    note = db.session.scalar(
        select(Notification)
        .where(visible_notifications(member), Notification.read_at.is_(None))
        .order_by(Notification.id.desc())
        .limit(1)
    )
    if note is None:
        return None
    parts = {
        "kind": note.kind,
        "author": note.post.author_pseudonym.name,
        "title": note.thread.title,
        "excerpt": excerpt(note.post),
    }
    if note.kind == "thread":  # "Ny tråd i Demens: …"
        parts["category"] = category_name(note.thread.category)
    return parts
