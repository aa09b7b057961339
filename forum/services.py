"""Forum services: writing threads and posts, editing, deleting, reactions and moderator thread state.

Each function checks its policy, validates, changes and commits in one transaction. New threads and replies
take an optional client id: a retry with the same id (after a lost answer or a crash) gives back the post
stored the first time instead of a second copy.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from accounts.models import User
from accounts.permissions import can_moderate, ensure_can_enter
from core.database import utcnow
from core.exceptions import ClientIdReused, Empty, Forbidden, TooLong
from core.extensions import db
from core.markdown import render_markdown
from core.notices import announce
from core.text import clean_client_id, looks_empty, strip_bidi_controls
from forum import search
from forum.category_follows import notify_new_thread
from forum.errors import NotTheAuthor, ThreadLocked
from forum.models import Category, Post, PostRevision, Reaction, Thread, ThreadFollow
from forum.notices import follow_after_reply, notify_now_visible, notify_reply, thread_followers
from forum.permissions import can_edit, can_react, can_reply
from moderation.live import announce_queue_change
from moderation.models import Flag
from moderation.screening import (
    confirmed_screening,
    needs_review,
    refusal_after_storing,
    release_confirmed,
    report,
    screen,
    superseded,
)
from moderation.services import system_flag

TITLE_MAX = 150
BODY_MAX = 20_000
CATEGORY_NAME_MAX = 100
CATEGORY_DESCRIPTION_MAX = 300
POSITION_MAX = 1000  # positions 0–999


def clean_title(title: object) -> str:
    """A trimmed thread title of 1–150 characters that shows something, without bidi controls (which could
    make it read backwards or run into what follows it in a listing)."""
    if not isinstance(title, str) or looks_empty(title):
        raise Empty("title")
    title = " ".join(strip_bidi_controls(title).split())
    if len(title) > TITLE_MAX:
        raise TooLong("title", TITLE_MAX)
    return title


def clean_body(body: object) -> str:
    """A trimmed post text of 1–20,000 characters that shows something (bidi controls stay: writers of
    right-to-left languages need them, and a paragraph ends their reach)."""
    if not isinstance(body, str) or looks_empty(body):
        raise Empty("body")
    body = body.strip().replace("\r\n", "\n")
    if len(body) > BODY_MAX:
        raise TooLong("body", BODY_MAX)
    return body


def create_thread(
    member: User,
    category: Category,
    title: object,
    body: object,
    confirm_personal_data: object = False,
    client_id: object = None,
) -> tuple[Thread, Post]:
    """Start a thread with its first post; the author follows it, and followers of the category are told
    (forum/category_follows.py). `post.created` says whether it is new."""
    ensure_can_enter(member, category)
    title = clean_title(title)
    body = clean_body(body)
    client_id = clean_client_id(client_id)
    earlier = opening_post_before(member, client_id)
    if earlier is not None and superseded(earlier, body, post_id=earlier.id):
        earlier = None
    if earlier is not None:
        publish_if_confirmed(earlier, confirm_personal_data)
        return db.session.get(Thread, earlier.thread_id), earlier
    screening = screen(f"{title}\n{body}", confirm_personal_data, member, category.age_band is not None)
    now = utcnow()
    try:
        thread = Thread(
            category_id=category.id,
            title=title,
            author_id=member.id,
            author_pseudonym_id=member.pseudonym.id,
            created_at=now,
            last_post_at=now,
        )
        db.session.add(thread)
        db.session.flush()
        post = add_post(member, thread, body, now, client_id)
        thread.first_post_id = post.id
        db.session.execute(
            update(Category).where(Category.id == category.id).values(thread_count=Category.thread_count + 1)
        )
        db.session.add(ThreadFollow(user_id=member.id, thread_id=thread.id))
        # Only the members it mentions: the author is its one follower yet.
        mentions = notify_reply(member, thread, post, bool(screening.hold_reason), {member.id})
        search.index_post(post.id, title, body)
        report(screening, post, post_id=post.id)
        # A member both mentioned and following the category hears once, of the mention.
        told = {notice.user_id for notice in mentions}
        notices = mentions + notify_new_thread(member, thread, post, bool(screening.hold_reason), told)
        db.session.commit()
    except IntegrityError:
        # The same retry arrived twice at once and the other one stored it first.
        db.session.rollback()
        earlier = opening_post_before(member, client_id)
        if earlier is None:
            raise
        return db.session.get(Thread, earlier.thread_id), earlier
    post.screening = screening
    post.created = True
    announce(notices)
    if needs_review(screening):
        announce_queue_change()
    refusal_after_storing(screening)
    return thread, post


def add_post(member: User, thread: Thread, body: str, now, client_id: str | None = None) -> Post:
    """Store a post rendered once, here and now. Does not commit."""
    post = Post(
        thread_id=thread.id,
        author_id=member.id,
        author_pseudonym_id=member.pseudonym.id,
        body_source=body,
        body_html=render_markdown(body),
        created_at=now,
        client_id=client_id,
        by_staff=can_moderate(member),
    )
    db.session.add(post)
    db.session.flush()
    thread.last_post_at = now
    thread.last_post_id = post.id
    return post


def reply(
    member: User,
    thread: Thread,
    body: object,
    confirm_personal_data: object = False,
    client_id: object = None,
) -> Post:
    """Reply in a thread, notify its followers and the members it mentions (forum/notices.py), and follow
    it unless the member turned that off.

    `post.created` says whether the reply is new or a retry of one stored before."""
    client_id = clean_client_id(client_id)
    ensure_can_enter(member, thread.category)
    body = clean_body(body)
    earlier = reply_before(member, thread, client_id)
    if earlier is not None and superseded(earlier, body, post_id=earlier.id):
        earlier = None
    if earlier is not None:
        publish_if_confirmed(earlier, confirm_personal_data)
        return earlier
    if not can_reply(member, thread):
        raise ThreadLocked()
    screening = screen(body, confirm_personal_data, member, thread.category.age_band is not None)
    try:
        post = add_post(member, thread, body, utcnow(), client_id)
        # In SQL, so replies written at the same moment are all counted.
        db.session.execute(
            update(Thread).where(Thread.id == thread.id).values(reply_count=Thread.reply_count + 1)
        )
        followers = thread_followers(thread)
        notices = notify_reply(member, thread, post, bool(screening.hold_reason), followers)
        follow_after_reply(member, thread, followers)
        search.index_post(post.id, "", body)
        report(screening, post, post_id=post.id)
        db.session.commit()
    except IntegrityError:
        # The same retry arrived twice at once and the other one stored it first.
        db.session.rollback()
        earlier = reply_before(member, thread, client_id)
        if earlier is None:
            raise
        return earlier
    post.screening = screening
    post.created = True
    announce(notices)
    if needs_review(screening):
        announce_queue_change()
    refusal_after_storing(screening)
    return post


def publish_if_confirmed(post: Post, confirmed: object) -> None:
    """A crisis text held for its personal data, sent again with the writer's confirmation: show it now."""
    if confirmed is True and release_confirmed(post, post_id=post.id):
        notices = notify_now_visible(post.id)
        db.session.commit()
        announce(notices)
        post.created = True
        post.screening = confirmed_screening(post.body_source)


def stored_before(member: User, client_id: str | None) -> Post | None:
    """The member's post written earlier with this client id, if any."""
    if client_id is None:
        return None
    earlier = db.session.scalar(select(Post).where(Post.author_id == member.id, Post.client_id == client_id))
    if earlier is not None:
        earlier.created = False
    return earlier


def reply_before(member: User, thread: Thread, client_id: str | None) -> Post | None:
    """A retry of a reply to this thread; the id used for anything else is a conflict, not a retry."""
    earlier = stored_before(member, client_id)
    if earlier is not None and (earlier.thread_id != thread.id or thread.first_post_id == earlier.id):
        raise ClientIdReused()
    return earlier


def opening_post_before(member: User, client_id: str | None) -> Post | None:
    """A retry of a new thread; the id of a reply is a conflict, not a retry."""
    earlier = stored_before(member, client_id)
    if earlier is not None and db.session.get(Thread, earlier.thread_id).first_post_id != earlier.id:
        raise ClientIdReused()
    return earlier


def edit_post(member: User, post: Post, body: object, confirm_personal_data: object = False) -> Post:
    """Replace the text of one's own post; the previous version is kept for moderators."""
    if not can_edit(member, post):
        raise NotTheAuthor()
    thread = db.session.get(Thread, post.thread_id)
    ensure_can_enter(member, thread.category)
    body = clean_body(body)
    screening = screen(body, confirm_personal_data, member, thread.category.age_band is not None)
    if body == post.body_source:
        publish_if_confirmed(post, confirm_personal_data)
        return post
    if screening.awaiting_confirmation:
        # An edit is not stored before its writer confirms the personal data (the post stays as it was), but
        # the crisis reaches the moderators now, with the words that were written.
        system_flag("crisis", "; ".join(screening.crisis)[:500], post_id=post.id)
        db.session.commit()
        announce_queue_change()
        refusal_after_storing(screening)
    now = utcnow()
    keep_revision(post, now)
    post.body_source = body
    post.body_html = render_markdown(body)
    post.edited_at = now
    index_current_text(post)
    report(screening, post, post_id=post.id)
    db.session.commit()
    post.screening = screening
    if needs_review(screening):
        announce_queue_change()
    refusal_after_storing(screening)
    return post


def index_current_text(post: Post) -> None:
    """Put a post's current text, and an opening post's thread title, in the search index (replacing what
    was there). Every change of a text or title calls this in its own transaction. Does not commit."""
    thread = db.session.get(Thread, post.thread_id)
    search.index_post(post.id, thread.title if post.id == thread.first_post_id else "", post.body_source)


def delete_post(member: User, post: Post) -> None:
    """The author removes the text; a placeholder keeps the thread readable. Revisions stay for moderators."""
    if not can_edit(member, post):
        raise NotTheAuthor()
    now = utcnow()
    if under_review(post):
        # Moderators still need to see what was flagged; the review keeps a copy until it is decided.
        keep_revision(post, now)
    else:
        db.session.execute(delete(PostRevision).where(PostRevision.post_id == post.id))
    post.body_source = ""
    post.body_html = ""
    post.deleted_at = now
    search.unindex_post(post.id)
    db.session.commit()


def keep_revision(post: Post, now) -> None:
    """Keep the current text of a post as a revision, for moderators. Does not commit."""
    db.session.add(
        PostRevision(
            post_id=post.id,
            body_source=post.body_source,
            body_html=post.body_html,
            written_at=post.edited_at or post.created_at,
            replaced_at=now,
        )
    )


def under_review(post: Post) -> bool:
    """Whether the post has flags no moderator has dealt with."""
    return (
        db.session.scalar(select(Flag.id).where(Flag.post_id == post.id, Flag.resolved_at.is_(None)).limit(1))
        is not None
    )


def set_reaction(member: User, post: Post, on: bool) -> Post:
    """Say (or unsay) "I recognise this" about a post; once per member, never on one's own.

    Double clicks and parallel tabs are harmless: the row is unique and the count is recounted in SQL.
    """
    if not can_react(member, post):
        raise Forbidden()
    if on:
        try:
            with db.session.begin_nested():
                db.session.add(Reaction(post_id=post.id, user_id=member.id))
        except IntegrityError:
            pass  # already there
    else:
        db.session.execute(delete(Reaction).where(Reaction.post_id == post.id, Reaction.user_id == member.id))
    count = select(func.count()).select_from(Reaction).where(Reaction.post_id == post.id).scalar_subquery()
    db.session.execute(update(Post).where(Post.id == post.id).values(reaction_count=count))
    db.session.commit()
    db.session.refresh(post)
    return post
