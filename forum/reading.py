"""Reading the forum: categories, thread lists and thread pages in a small, fixed number of queries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select

from accounts.models import User
from accounts.permissions import can_moderate, ensure_can_enter, sees_age_banded
from core.database import utcnow
from core.exceptions import Forbidden, NotFound
from core.extensions import db
from core.markdown import plain_text
from core.textsearch import WORD, query_stems, word_matches
from forum.models import (
    Category,
    IgnoredPseudonym,
    MutedWord,
    Post,
    PostRevision,
    Reaction,
    Thread,
    ThreadFollow,
    ThreadRead,
)
from forum.search import matching_post_ids

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 30


@dataclass
class PostView:
    """A post as one member sees it."""

    post: Post
    reacted: bool = False
    own: bool = False
    collapsed: str | None = None  # "ignored" or "muted_word": shown behind a notice


@dataclass
class ThreadPage:
    """One page of a thread for one member."""

    thread: Thread
    posts: list[PostView]
    page: int
    pages: int
    following: bool = False
    last_read_post_id: int = 0

    @property
    def new_from_post_id(self) -> int | None:
        """Where "New since your last visit" goes: before the first post by someone else that came after
        the last read one and after the member's own latest post here (what precedes one's own reply was
        seen), so one's own new reply is never below the marker. None when nothing is new."""
        return first_new_post_id(
            [(view.post.id, view.own) for view in self.posts], self.last_read_post_id
        )


def first_new_post_id(posts: list[tuple[int, bool]], last_read_post_id: int) -> int | None:
    """The id of the first post (id, own) that is new to the member, or None (see new_from_post_id)."""
    if not last_read_post_id:
        return None  # a first visit: everything is new, and no marker is needed
    seen_up_to = max([last_read_post_id, *(post_id for post_id, own in posts if own)])
    return next((post_id for post_id, own in posts if post_id > seen_up_to and not own), None)


@dataclass
class ThreadListPage:
    """One page of a category's threads for one member."""

    category: Category
    threads: list[Thread]
    unread: set[int] = field(default_factory=set)
    page: int = 1
    pages: int = 1


def page_count(total: int, per_page: int) -> int:
    """At least one page."""
    return max(1, math.ceil(total / per_page))


def clamp_page(raw: object) -> int:
    """A page number from the query string; nonsense reads as page 1."""
    try:
        page = int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1
    return min(max(page, 1), 1_000_000)


def categories() -> list[Category]:
    """Every category in its set order."""
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))


def threads_this_week() -> list[dict]:
    """New threads of the last seven days per category, for the home page's live signal: counts and the
    category's public name only, never a title or a writer. Hidden threads do not count."""
    since = utcnow() - timedelta(days=7)
    counts = dict(
        db.session.execute(
            select(Thread.category_id, func.count(Thread.id))
            .where(Thread.created_at >= since, Thread.hidden_at.is_(None))
            .group_by(Thread.category_id)
        ).all()
    )
    return [
        {"slug": category.slug, "name_sv": category.name_sv, "name_en": category.name_en,
         "count": counts.get(category.id, 0)}
        for category in categories()
    ]


def get_category(slug: str) -> Category:
    """A category by slug, or 404."""
    category = db.session.scalar(select(Category).where(Category.slug == slug))
    if category is None:
        raise NotFound()
    return category


def get_thread(thread_id: int, member: User | None) -> Thread:
    """A thread the member may see, or 404 (hidden threads exist only for moderators); 403 `age_band` in an
    age-banded category the member is outside of. Every read and write of a thread or post passes here."""
    thread = db.session.get(Thread, thread_id)
    if thread is None or (thread.hidden_at is not None and not can_moderate(member)):
        raise NotFound()
    ensure_can_enter(member, thread.category)  # joined with the thread: no query of its own
    return thread


def get_post(post_id: int, member: User | None) -> Post:
    """A post in a thread the member may see, or 404."""
    post = db.session.get(Post, post_id)
    if post is None:
        raise NotFound()
    get_thread(post.thread_id, member)
    return post


def thread_list(member: User, category: Category, page: int) -> ThreadListPage:
    """Pinned threads first, then by last activity; unread markers for the member."""
    ensure_can_enter(member, category)
    visible = Thread.category_id == category.id
    if not can_moderate(member):
        visible = visible & Thread.hidden_at.is_(None)
    total = db.session.scalar(select(func.count()).select_from(Thread).where(visible))
    pages = page_count(total, THREADS_PER_PAGE)
    page = min(page, pages)
    threads = list(
        db.session.scalars(
            select(Thread)
            .where(visible)
            .order_by(Thread.pinned.desc(), Thread.last_post_at.desc(), Thread.id.desc())
            .limit(THREADS_PER_PAGE)
            .offset((page - 1) * THREADS_PER_PAGE)
        )
    )
    read_up_to = dict(
        db.session.execute(
            select(ThreadRead.thread_id, ThreadRead.last_read_post_id).where(
                ThreadRead.user_id == member.id, ThreadRead.thread_id.in_([t.id for t in threads])
            )
        ).all()
    )
    unread = {t.id for t in threads if (t.last_post_id or 0) > read_up_to.get(t.id, 0)}
    return ThreadListPage(category=category, threads=threads, unread=unread, page=page, pages=pages)


def contains_muted_word(text: str, words: list[str]) -> bool:
    """Whether a text contains any of the words, case-insensitively."""
    folded = text.casefold()
    return any(word in folded for word in words)


def thread_page(member: User, thread: Thread, page: int) -> ThreadPage:
    """One page of posts with the member's reactions, ignores and muted words applied."""
    total = thread.reply_count + 1
    pages = page_count(total, POSTS_PER_PAGE)
    page = min(page, pages)
    posts = list(
        db.session.scalars(
            select(Post)
            .where(Post.thread_id == thread.id)
            .order_by(Post.id)
            .limit(POSTS_PER_PAGE)
            .offset((page - 1) * POSTS_PER_PAGE)
        )
    )
    post_ids = [post.id for post in posts]
    reacted = set(
        db.session.scalars(
            select(Reaction.post_id).where(Reaction.user_id == member.id, Reaction.post_id.in_(post_ids))
        )
    )
    ignored = set(
        db.session.scalars(select(IgnoredPseudonym.pseudonym_id).where(IgnoredPseudonym.user_id == member.id))
    )
    muted = [
        word.casefold()
        for word in db.session.scalars(select(MutedWord.word).where(MutedWord.user_id == member.id))
    ]
    state = db.session.execute(
        select(ThreadFollow.user_id, ThreadRead.last_read_post_id)
        .select_from(Thread)
        .outerjoin(ThreadFollow, (ThreadFollow.thread_id == Thread.id) & (ThreadFollow.user_id == member.id))
        .outerjoin(ThreadRead, (ThreadRead.thread_id == Thread.id) & (ThreadRead.user_id == member.id))
        .where(Thread.id == thread.id)
    ).one()
    views = []
    for post in posts:
        view = PostView(post=post, reacted=post.id in reacted, own=post.author_id == member.id)
        if not view.own and post.visible:
            if post.author_pseudonym_id in ignored:
                view.collapsed = "ignored"
            elif muted and contains_muted_word(plain_text(post.body_html), muted):
                view.collapsed = "muted_word"
        views.append(view)
    return ThreadPage(
        thread=thread,
        posts=views,
        page=page,
        pages=pages,
        following=state[0] is not None,
        last_read_post_id=state[1] or 0,
    )


def revisions(moderator: User, post: Post) -> list[PostRevision]:
    """Earlier versions of a post, newest first: for moderators only."""
    if not can_moderate(moderator):
        raise Forbidden()
    return list(
        db.session.scalars(
            select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.id.desc())
        )
    )


def page_of_post(thread: Thread, post_id: int) -> int:
    """The page of a thread on which a post appears."""
    before = db.session.scalar(
        select(func.count()).select_from(Post).where(Post.thread_id == thread.id, Post.id < post_id)
    )
    return before // POSTS_PER_PAGE + 1


SEARCH_RESULTS_PER_PAGE = 20
EXCERPT_LENGTH = 220


@dataclass
class SearchHit:
    """One matching post with its thread and a short excerpt."""

    post: Post
    thread: Thread
    excerpt: str


@dataclass
class SearchResults:
    """One page of search results."""

    query: str
    hits: list[SearchHit]
    total: int
    page: int
    pages: int


def excerpt_around(text: str, query: str) -> str:
    """A short piece of the text around the first word that matches the query."""
    terms = query_stems(query)
    position = 0
    for match in WORD.finditer(text):
        if word_matches(match.group(), terms):
            position = match.start()
            break
    start = max(0, position - EXCERPT_LENGTH // 3)
    piece = text[start : start + EXCERPT_LENGTH]
    return (
        ("…" if start else "") + " ".join(piece.split()) + ("…" if start + EXCERPT_LENGTH < len(text) else "")
    )


def search_results(member: User, query: str, page: int) -> SearchResults:
    """Matching posts the member may read, best first."""
    query = " ".join(query.split())
    if not query:
        return SearchResults(query="", hits=[], total=0, page=1, pages=1)
    ids, total = matching_post_ids(
        query,
        SEARCH_RESULTS_PER_PAGE,
        (page - 1) * SEARCH_RESULTS_PER_PAGE,
        include_age_banded=sees_age_banded(member),
    )
    rows = db.session.execute(
        select(Post, Thread).join(Thread, Thread.id == Post.thread_id).where(Post.id.in_(ids))
    ).all()
    by_id = {post.id: (post, thread) for post, thread in rows}
    hits = []
    for post_id in ids:
        post, thread = by_id[post_id]
        hits.append(
            SearchHit(post=post, thread=thread, excerpt=excerpt_around(plain_text(post.body_html), query))
        )
    return SearchResults(
        query=query, hits=hits, total=total, page=page, pages=page_count(total, SEARCH_RESULTS_PER_PAGE)
    )


def category_choices(language: str) -> list[tuple[str, str]]:
    """(slug, name) of every category, in their order: what other features may offer as links."""
    return [(found.slug, found.name_en if language == "en" else found.name_sv) for found in categories()]
