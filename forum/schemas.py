"""The forum API's answers as pydantic models, and how forum objects become them: the contract's shapes,
never a login name. Limits come from the services' constants; request bodies are in forum/bodies.py."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from accounts.permissions import can_enter
from core.i18n import current_language
from core.schemas import AgeBand, Answer, Moment
from core.text import CLIENT_ID
from forum.models import Category as CategoryRow
from forum.models import Post as PostRow
from forum.models import Thread as ThreadRow
from forum.reading import PostView

STRING = {"type": "string"}
BOOLEAN = {"type": "boolean"}
# Chosen by the client so that a retry after a lost answer or a crash is stored once.
CLIENT_ID_SCHEMA = {"type": "string", "pattern": f"^{CLIENT_ID.pattern}$"}
AGE_BAND_DESCRIPTION = (
    "null: open to every member; else only members inside the band (and moderators) may read, write or "
    "follow there (others get 403 `age_band`). Only 16–25 can be set."
)
AGE_BAND = {
    # Written out rather than a reference: the service reads the band itself, with its own messages.
    "type": "object",
    "properties": {"min": {"type": "integer"}, "max": {"type": "integer"}},
    "required": ["min", "max"],
    "nullable": True,
    "description": AGE_BAND_DESCRIPTION,
}


# Answers


class Author(Answer):
    """Only the pseudonym the text was written under."""

    pseudonym: str


class PostAuthor(Author):
    """In age-banded spaces a moderator's text is marked, so young members know who is staff."""

    staff: bool | None = Field(None, description="Only in age-banded categories")


class Category(Answer):
    """A category in the request's language, and whether the signed-in member may enter it."""

    slug: str
    name: str
    description: str
    thread_count: int
    age_band: AgeBand | None = Field(description=AGE_BAND_DESCRIPTION)
    can_enter: bool | None = Field(None, description="Whether the signed-in member may enter")

    @classmethod
    def of(cls, category: CategoryRow, member=None) -> Category:
        """An age-banded category is listed to everyone, open only to those inside its band."""
        english = current_language() == "en"
        return cls(
            slug=category.slug,
            name=category.name_en if english else category.name_sv,
            description=category.description_en if english else category.description_sv,
            thread_count=category.thread_count,
            age_band=category.age_band_json(),
            can_enter=can_enter(member, category),
        )


class CategoryName(Answer):
    """A category named in passing."""

    slug: str
    name: str


class ThreadRef(Answer):
    """A thread named in passing."""

    id: int
    title: str


class ThreadSummary(Answer):
    """A thread in a category listing."""

    id: int
    title: str
    author: Author
    reply_count: int
    last_post_at: Moment
    pinned: bool | None = None
    locked: bool | None = None
    unread: bool | None = None

    @classmethod
    def of(cls, thread: ThreadRow, unread: bool | None = None) -> ThreadSummary:
        """`unread` only when it is known."""
        summary = cls(
            id=thread.id,
            title=thread.title,
            author=author(thread),
            reply_count=thread.reply_count,
            last_post_at=thread.last_post_at,
            pinned=thread.pinned,
            locked=thread.locked,
        )
        if unread is not None:
            summary.unread = unread
        return summary


class Thread(Answer):
    """The thread header on a thread page."""

    id: int
    title: str
    category: CategoryName
    pinned: bool | None = None
    locked: bool | None = None

    @classmethod
    def of(cls, thread: ThreadRow) -> Thread:
        """With its category's slug and name in the request's language."""
        category = thread.category
        name = category.name_en if current_language() == "en" else category.name_sv
        return cls(
            id=thread.id,
            title=thread.title,
            category=CategoryName(slug=category.slug, name=name),
            pinned=thread.pinned,
            locked=thread.locked,
        )


class Post(Answer):
    """A post, plus the reader's own state on a thread page."""

    id: int
    thread_id: int | None = None
    author: PostAuthor
    body_html: str
    created_at: Moment
    edited_at: Moment | None
    deleted: bool | None = None
    hidden: bool | None = None
    reaction_count: int | None = None
    moderator_note: str | None = None
    reacted: bool | None = None
    own: bool | None = None
    collapsed: Literal["ignored", "muted_word"] | None = None

    @classmethod
    def of(cls, post: PostRow, view: PostView | None = None, banded: bool = False) -> Post:
        """`banded`: the post is in an age-banded category (a moderator's text is marked there)."""
        shown = post.visible
        answer = cls(
            id=post.id,
            thread_id=post.thread_id,
            author=author(post, banded),
            body_html=post.body_html if shown else "",
            created_at=post.created_at,
            edited_at=post.edited_at,
            deleted=post.deleted_at is not None,
            hidden=post.hidden_at is not None,
            reaction_count=post.reaction_count,
            moderator_note=post.moderator_note if shown else None,
        )
        if view is not None:
            answer.reacted, answer.own, answer.collapsed = view.reacted, view.own, view.collapsed
        return answer


def author(post_or_thread: PostRow | ThreadRow, staff_shown: bool = False) -> PostAuthor:
    """The pseudonym; `staff: true` for a moderator's text where it is shown."""
    answer = PostAuthor(pseudonym=post_or_thread.author_pseudonym.name)
    if staff_shown and getattr(post_or_thread, "by_staff", False):
        answer.staff = True
    return answer


class Categories(Answer):
    """Every category (or those the member follows)."""

    categories: list[Category]


class OneCategory(Answer):
    """A category, created or changed."""

    category: Category


class ThreadList(Answer):
    """A page of a category's threads."""

    threads: list[ThreadSummary]
    page: int
    pages: int


class ThreadPage(Answer):
    """A page of a thread."""

    thread: Thread
    posts: list[Post]
    page: int
    pages: int
    following: bool | None = None
    last_read_post_id: int | None = None


class Support(Answer):
    """What a client shows beside a text it just stored."""

    crisis_support: bool | None = Field(
        None, description="The text spoke of crisis: show the help lines warmly at once"
    )
    held: bool | None = Field(None, description="Stored hidden, for the moderators to look at first")


class NewThreadAnswer(Support):
    """The new thread and its first post."""

    thread: ThreadRef | None = None
    post: Post | None = None


class OnePost(Support):
    """A post, written or edited."""

    post: Post


class OneThread(Answer):
    """The thread, changed."""

    thread: Thread


class Following(Answer):
    """Whether the member follows it now."""

    following: bool | None = None


class ReadMarker(Answer):
    """How far the member has read."""

    last_read_post_id: int | None = None


class Revision(Answer):
    """An earlier version of a post."""

    body_html: str | None = None
    written_at: Moment | None = None
    replaced_at: Moment | None = None


class Revisions(Answer):
    """Earlier versions, newest first."""

    revisions: list[Revision]


class Reaction(Answer):
    """The post's reactions after this one."""

    reaction_count: int | None = None
    reacted: bool | None = None


class Flagged(Answer):
    """The flag reached the moderators."""

    flagged: bool | None = None


class SearchHit(Answer):
    """A post that matched."""

    post_id: int | None = None
    thread: ThreadRef | None = None
    category: CategoryName | None = None
    author: Author | None = None
    excerpt: str | None = None
    created_at: Moment | None = None


class SearchResults(Answer):
    """A page of search results."""

    results: list[SearchHit]
    total: int
    page: int
    pages: int


class Notification(Answer):
    """A reply in a followed thread, a mention, or a new thread in a followed category."""

    id: int | None = None
    kind: Literal["reply", "mention", "thread"] | None = None
    thread: ThreadRef | None = None
    category: CategoryName | None = None
    post_id: int | None = None
    author: Author | None = Field(None, description="The pseudonym the post was written under")
    excerpt: str | None = Field(
        None, description="Plain text, at most 140 characters; null once the post is deleted or hidden"
    )
    created_at: Moment | None = None
    read: bool | None = None


class Notifications(Answer):
    """The newest notifications and the unread count."""

    notifications: list[Notification]
    unread: int


class Unread(Answer):
    """Unread notifications left."""

    unread: int | None = None


class IgnoredList(Answer):
    """Pseudonyms the member ignores."""

    pseudonyms: list[str] | None = None


class IgnoredOne(Answer):
    """The pseudonym now ignored."""

    pseudonym: str | None = None


class MutedWords(Answer):
    """The member's muted words."""

    words: list[str] | None = None
