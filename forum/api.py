"""JSON API for the forum: categories, threads, posts, reactions, flags, follows (of threads and
of whole categories), search and settings. Bodies and answers are the models of forum/schemas.py."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from accounts import limits
from accounts.session import require_member
from core.schemas import NoFields, PageQuery, body, documented
from forum import category_follows, personal, reading, services, staff
from forum.bodies import (
    CategoryChange,
    CategorySlugs,
    FlagRequest,
    IgnoreRequest,
    MutedWordList,
    NewPost,
    NewThread,
    PostBody,
    ReadUpTo,
    ThreadChange,
)
from forum.notices import notification_json
from forum.schemas import (
    Author,
    Categories,
    Category,
    Flagged,
    Following,
    IgnoredList,
    IgnoredOne,
    MutedWords,
    NewThreadAnswer,
    Notification,
    Notifications,
    OneCategory,
    OnePost,
    OneThread,
    Post,
    Reaction,
    ReadMarker,
    Revision,
    Revisions,
    SearchHit,
    SearchResults,
    Thread,
    ThreadList,
    ThreadPage,
    ThreadRef,
    ThreadSummary,
    Unread,
)
from moderation import services as moderation

bp = Blueprint("threads_api", __name__, url_prefix="/api/v1")

# 403 covers `age_band` too: an age-banded category, thread or post and a member outside its band.
MEMBERS_ONLY = (401, 403)


def support(post) -> dict:
    """`crisis_support: true` when the text spoke of crisis: clients show the help lines warmly at once."""
    screening = getattr(post, "screening", None)
    return {"crisis_support": bool(screening and screening.crisis), "held": post.hidden_at is not None}


@bp.get("/categories")
@documented(responses={200: (Categories, "Categories")}, errors=MEMBERS_ONLY)
def list_categories():
    """Every category

    With its thread count and age band."""
    member = require_member()
    categories = [Category.of(category, member) for category in reading.categories()]
    return jsonify(Categories(categories=categories).dump())


@bp.post("/categories")
@documented(body=CategoryChange, responses={201: (OneCategory, "Created")}, errors=(*MEMBERS_ONLY, 422))
def create_category():
    """Add a category (admins)"""
    member = require_member()
    category = staff.create_category(member, body().model_dump(exclude_unset=True))
    return jsonify(OneCategory(category=Category.of(category, member)).dump()), 201


@bp.patch("/categories/<slug>")
@documented(body=CategoryChange, responses={200: (OneCategory, "Updated")}, errors=(*MEMBERS_ONLY, 404, 422))
def update_category(slug: str):
    """Rename a category or change its description, position or age band (admins)"""
    member = require_member()
    changes = body().model_dump(exclude_unset=True)
    category = staff.update_category(member, reading.get_category(slug), changes)
    return jsonify(OneCategory(category=Category.of(category, member)).dump())


@bp.get("/categories/<slug>/threads")
@documented(query=PageQuery, responses={200: (ThreadList, "Threads")}, errors=(*MEMBERS_ONLY, 404))
def list_threads(slug: str):
    """A page of a category's threads, pinned first, then by last activity"""
    member = require_member()
    listing = reading.thread_list(
        member, reading.get_category(slug), reading.clamp_page(request.args.get("page"))
    )
    threads = [ThreadSummary.of(thread, thread.id in listing.unread) for thread in listing.threads]
    return jsonify(ThreadList(threads=threads, page=listing.page, pages=listing.pages).dump())


@bp.post("/categories/<slug>/threads")
@limits.posting_per_member
@documented(
    body=NewThread,
    responses={
        201: (NewThreadAnswer, "Created"),
        200: (NewThreadAnswer, "Stored before with this client_id: the same thread and post"),
    },
    errors=(*MEMBERS_ONLY, 404, 409, 422),
)
def create_thread(slug: str):
    """Start a thread"""
    member = require_member()
    data = body()
    thread, post = services.create_thread(
        member,
        reading.get_category(slug),
        data.title,
        data.body,
        data.confirm_personal_data,
        data.client_id,
    )
    banded = thread.category.age_band is not None
    answer = NewThreadAnswer(
        thread=ThreadRef(id=thread.id, title=thread.title), post=Post.of(post, banded=banded), **support(post)
    )
    return jsonify(answer.dump()), (201 if post.created else 200)


@bp.get("/threads/<int:thread_id>")
@documented(query=PageQuery, responses={200: (ThreadPage, "Thread page")}, errors=(*MEMBERS_ONLY, 404))
def show_thread(thread_id: int):
    """A page of a thread (20 posts)"""
    member = require_member()
    thread = reading.get_thread(thread_id, member)
    page = reading.thread_page(member, thread, reading.clamp_page(request.args.get("page")))
    banded = thread.category.age_band is not None
    answer = ThreadPage(
        thread=Thread.of(thread),
        posts=[Post.of(view.post, view, banded) for view in page.posts],
        page=page.page,
        pages=page.pages,
        following=page.following,
        last_read_post_id=page.last_read_post_id,
    )
    return jsonify(answer.dump())


@bp.patch("/threads/<int:thread_id>")
@documented(body=ThreadChange, responses={200: (OneThread, "Updated")}, errors=(*MEMBERS_ONLY, 404, 422))
def update_thread(thread_id: int):
    """Moderators pin, lock or retitle a thread (a new title is audited with the optional reason and
    replaces the old one in search at once)"""
    member = require_member()
    data = body()
    thread = reading.get_thread(thread_id, member)
    staff.set_thread_state(member, thread, data.pinned, data.locked, data.title, data.reason)
    return jsonify(OneThread(thread=Thread.of(thread)).dump())


@bp.post("/threads/<int:thread_id>/posts")
@limits.posting_per_member
@documented(
    body=NewPost,
    responses={201: (OnePost, "Created"), 200: (OnePost, "Stored before with this client_id: the same post")},
    errors=(*MEMBERS_ONLY, 404, 409, 422),
)
def create_post(thread_id: int):
    """Reply in a thread"""
    member = require_member()
    data = body()
    thread = reading.get_thread(thread_id, member)
    post = services.reply(member, thread, data.body, data.confirm_personal_data, data.client_id)
    banded = thread.category.age_band is not None
    answer = OnePost(post=Post.of(post, banded=banded), **support(post))
    return jsonify(answer.dump()), (201 if post.created else 200)


@bp.route("/threads/<int:thread_id>/follow", methods=["POST", "DELETE"])
@documented(responses={200: (Following, "Following state")}, errors=(*MEMBERS_ONLY, 404))
def follow_thread(thread_id: int):
    """Follow (POST) or stop following (DELETE) a thread"""
    member = require_member()
    following = personal.set_following(
        member, reading.get_thread(thread_id, member), request.method == "POST"
    )
    return jsonify(Following(following=following).dump())


@bp.post("/threads/<int:thread_id>/read")
@documented(body=ReadUpTo, responses={200: (ReadMarker, "Read marker")}, errors=(*MEMBERS_ONLY, 404, 422))
def mark_thread_read(thread_id: int):
    """Remember how far the member has read

    Pages call this after showing posts; a GET never writes."""
    member = require_member()
    data = body()
    up_to = personal.mark_read(member, reading.get_thread(thread_id, member), data.last_post_id)
    return jsonify(ReadMarker(last_read_post_id=up_to).dump())


@bp.patch("/posts/<int:post_id>")
@limits.posting_per_member
@documented(body=PostBody, responses={200: (OnePost, "Edited")}, errors=(*MEMBERS_ONLY, 404, 422))
def edit_post(post_id: int):
    """Edit one's own post (earlier versions are kept for moderators)"""
    member = require_member()
    data = body()
    post = services.edit_post(
        member, reading.get_post(post_id, member), data.body, data.confirm_personal_data
    )
    return jsonify(OnePost(post=Post.of(post), **support(post)).dump())


@bp.delete("/posts/<int:post_id>")
@documented(responses={204: "Deleted"}, errors=(*MEMBERS_ONLY, 404))
def delete_post(post_id: int):
    """Delete one's own post (a placeholder stays)"""
    member = require_member()
    services.delete_post(member, reading.get_post(post_id, member))
    return "", 204


@bp.get("/posts/<int:post_id>/revisions")
@documented(responses={200: (Revisions, "Revisions, newest first")}, errors=(*MEMBERS_ONLY, 404))
def post_revisions(post_id: int):
    """Earlier versions of an edited or deleted post (moderators only)"""
    member = require_member()
    items = reading.revisions(member, reading.get_post(post_id, member))
    revisions = [
        Revision(body_html=item.body_html, written_at=item.written_at, replaced_at=item.replaced_at)
        for item in items
    ]
    return jsonify(Revisions(revisions=revisions).dump())


@bp.route("/posts/<int:post_id>/reactions", methods=["POST", "DELETE"])
@documented(responses={200: (Reaction, "Reaction state")}, errors=(*MEMBERS_ONLY, 404))
def react(post_id: int):
    """Say (POST) “I recognise this”, or take the reaction back (DELETE)"""
    member = require_member()
    post = services.set_reaction(member, reading.get_post(post_id, member), request.method == "POST")
    return jsonify(Reaction(reaction_count=post.reaction_count, reacted=request.method == "POST").dump())


@bp.post("/posts/<int:post_id>/flags")
@documented(body=FlagRequest, responses={201: (Flagged, "Flagged")}, errors=(*MEMBERS_ONLY, 404, 409, 422))
def flag(post_id: int):
    """Report a post to the moderators"""
    member = require_member()
    data = body()
    moderation.flag_post(member, reading.get_post(post_id, member), data.reason, data.note)
    return jsonify(Flagged(flagged=True).dump()), 201


class SearchQuery(PageQuery):
    """`?q=` (at most 200 characters are used) and `?page=`."""

    q: str = None


@bp.get("/search")
@limits.searching_per_member
@documented(query=SearchQuery, responses={200: (SearchResults, "Results")}, errors=MEMBERS_ONLY)
def search():
    """Full-text search (Swedish word forms) over what the member may read (nothing from an age-banded
    category outside the member's band)"""
    member = require_member()
    query = request.args.get("q", "")[:200]
    page = reading.clamp_page(request.args.get("page"))
    results = reading.search_results(member, query, page)
    hits = [
        SearchHit(
            post_id=hit.post.id,
            thread=ThreadRef(id=hit.thread.id, title=hit.thread.title),
            author=Author(pseudonym=hit.post.author_pseudonym.name),
            excerpt=hit.excerpt,
            created_at=hit.post.created_at,
        )
        for hit in results.hits
    ]
    answer = SearchResults(results=hits, total=results.total, page=results.page, pages=results.pages)
    return jsonify(answer.dump())


@bp.get("/notifications")
@documented(responses={200: (Notifications, "Notifications")}, errors=MEMBERS_ONLY)
def notifications():
    """Replies in followed threads, posts mentioning the member's @pseudonym and new threads in followed
    categories (none from an age-banded category outside the member's band)"""
    member = require_member()
    items = [
        Notification(**notification_json(note), created_at=note.created_at, read=note.read_at is not None)
        for note in personal.recent_notifications(member)
    ]
    answer = Notifications(notifications=items, unread=personal.unread_notification_count(member))
    return jsonify(answer.dump())


@bp.post("/notifications/read")
@documented(body=NoFields, responses={200: (Unread, "Done")}, errors=MEMBERS_ONLY)
def notifications_read():
    """Mark every notification read"""
    member = require_member()
    body()
    personal.mark_all_notifications_read(member)
    return jsonify(Unread(unread=0).dump())


def followed_categories(member) -> Categories:
    """The categories the member follows (only those they may enter)."""
    return Categories(
        categories=[Category.of(category, member) for category in category_follows.followed(member)]
    )


@bp.get("/me/category-follows")
@documented(responses={200: (Categories, "Followed categories")}, errors=MEMBERS_ONLY)
def category_follows_list():
    """The categories the member follows (told of each new thread there; only those they may enter)"""
    return jsonify(followed_categories(require_member()).dump())


@bp.put("/me/category-follows")
@documented(
    body=CategorySlugs, responses={200: (Categories, "Followed categories")}, errors=(*MEMBERS_ONLY, 422)
)
def category_follows_replace():
    """Follow exactly these categories, by slug (an unknown slug, or a category outside the member's age
    band, refuses the whole list: 422 with field `categories`)"""
    member = require_member()
    category_follows.replace_following(member, body().categories)
    return jsonify(followed_categories(member).dump())


@bp.route("/categories/<slug>/follow", methods=["POST", "DELETE"])
@documented(responses={200: (Following, "Following state")}, errors=(*MEMBERS_ONLY, 404))
def follow_category(slug: str):
    """Follow (POST) a category, told of each new thread (403 `age_band` outside), or stop (DELETE)"""
    member = require_member()
    following = category_follows.set_following(member, reading.get_category(slug), request.method == "POST")
    return jsonify(Following(following=following).dump())


@bp.get("/me/ignored")
@documented(responses={200: (IgnoredList, "Ignored")}, errors=MEMBERS_ONLY)
def ignored():
    """Pseudonyms the member ignores"""
    return jsonify(IgnoredList(pseudonyms=personal.ignored_pseudonyms(require_member())).dump())


@bp.post("/me/ignored")
@documented(body=IgnoreRequest, responses={201: (IgnoredOne, "Ignored")}, errors=(*MEMBERS_ONLY, 422))
def ignore():
    """Ignore a pseudonym (its posts are collapsed for this member)"""
    member = require_member()
    pseudonym = personal.ignore(member, body().pseudonym)
    return jsonify(IgnoredOne(pseudonym=pseudonym.name).dump()), 201


@bp.delete("/me/ignored/<path:name>")
@documented(responses={204: "No longer ignored"}, errors=(*MEMBERS_ONLY, 422))
def unignore(name: str):
    """Stop ignoring a pseudonym"""
    personal.unignore(require_member(), name)
    return "", 204


@bp.get("/me/muted-words")
@documented(responses={200: (MutedWords, "Words")}, errors=MEMBERS_ONLY)
def muted_words():
    """The member's muted words"""
    return jsonify(MutedWords(words=personal.muted_words(require_member())).dump())


@bp.put("/me/muted-words")
@documented(body=MutedWordList, responses={200: (MutedWords, "Words")}, errors=(*MEMBERS_ONLY, 422))
def set_muted_words():
    """Replace the member's muted words (at most 50)"""
    member = require_member()
    return jsonify(MutedWords(words=personal.set_muted_words(member, body().words)).dump())
