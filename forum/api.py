"""JSON API for the forum: categories, threads, posts, reactions, flags, follows (of threads and
of whole categories), search and settings."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from accounts import limits
from accounts.session import require_member
from core.api import json_body, optional_json_body
from core.exceptions import InvalidInput
from forum import category_follows, personal, reading, services, staff
from forum.notices import notification_json
from forum.shaping import category_json, iso, post_json, thread_json, thread_summary_json
from moderation import services as moderation

bp = Blueprint("threads_api", __name__, url_prefix="/api/v1")


def support(post) -> dict:
    """`crisis_support: true` when the text spoke of crisis: clients show the help lines warmly at once."""
    screening = getattr(post, "screening", None)
    return {"crisis_support": bool(screening and screening.crisis), "held": post.hidden_at is not None}


@bp.get("/categories")
def list_categories():
    """Every category with its thread count and age band."""
    member = require_member()
    return jsonify(categories=[category_json(category, member) for category in reading.categories()])


@bp.post("/categories")
def create_category():
    """Admins add a category."""
    member = require_member()
    category = staff.create_category(member, json_body())
    return jsonify(category=category_json(category, member)), 201


@bp.patch("/categories/<slug>")
def update_category(slug: str):
    """Admins rename a category or change its description, position or age band."""
    member = require_member()
    category = staff.update_category(member, reading.get_category(slug), json_body())
    return jsonify(category=category_json(category, member))


@bp.get("/categories/<slug>/threads")
def list_threads(slug: str):
    """One page of a category's threads, pinned first, then by last activity."""
    member = require_member()
    listing = reading.thread_list(
        member, reading.get_category(slug), reading.clamp_page(request.args.get("page"))
    )
    threads = [thread_summary_json(thread, thread.id in listing.unread) for thread in listing.threads]
    return jsonify(threads=threads, page=listing.page, pages=listing.pages)


@bp.post("/categories/<slug>/threads")
@limits.posting_per_member
def create_thread(slug: str):
    """Start a thread."""
    member = require_member()
    data = json_body()
    thread, post = services.create_thread(
        member,
        reading.get_category(slug),
        data.get("title"),
        data.get("body"),
        data.get("confirm_personal_data"),
        data.get("client_id"),
    )
    banded = thread.category.age_band is not None
    body = {"thread": {"id": thread.id, "title": thread.title}, "post": post_json(post, banded=banded)}
    return jsonify(**body, **support(post)), (
        201 if post.created else 200
    )


@bp.get("/threads/<int:thread_id>")
def show_thread(thread_id: int):
    """One page of a thread's posts."""
    member = require_member()
    thread = reading.get_thread(thread_id, member)
    page = reading.thread_page(member, thread, reading.clamp_page(request.args.get("page")))
    return jsonify(
        thread=thread_json(thread),
        posts=[post_json(view.post, view, thread.category.age_band is not None) for view in page.posts],
        page=page.page,
        pages=page.pages,
        following=page.following,
        last_read_post_id=page.last_read_post_id,
    )


@bp.patch("/threads/<int:thread_id>")
def update_thread(thread_id: int):
    """Moderators pin, lock or retitle a thread (a new title is audited with the optional reason)."""
    member = require_member()
    data = json_body()
    thread = reading.get_thread(thread_id, member)
    for key in ("pinned", "locked"):
        if key in data and not isinstance(data[key], bool):
            raise InvalidInput(field=key)
    if "title" in data and not isinstance(data["title"], str):
        raise InvalidInput(field="title")
    staff.set_thread_state(
        member, thread, data.get("pinned"), data.get("locked"), data.get("title"), data.get("reason")
    )
    return jsonify(thread=thread_json(thread))


@bp.post("/threads/<int:thread_id>/posts")
@limits.posting_per_member
def create_post(thread_id: int):
    """Reply in a thread."""
    member = require_member()
    data = json_body()
    thread = reading.get_thread(thread_id, member)
    post = services.reply(
        member, thread, data.get("body"), data.get("confirm_personal_data"), data.get("client_id")
    )
    banded = thread.category.age_band is not None
    return jsonify(post=post_json(post, banded=banded), **support(post)), (201 if post.created else 200)


@bp.route("/threads/<int:thread_id>/follow", methods=["POST", "DELETE"])
def follow_thread(thread_id: int):
    """Follow (POST) or stop following (DELETE) a thread."""
    member = require_member()
    following = personal.set_following(
        member, reading.get_thread(thread_id, member), request.method == "POST"
    )
    return jsonify(following=following)


@bp.post("/threads/<int:thread_id>/read")
def mark_thread_read(thread_id: int):
    """Remember how far the member has read (pages call this after showing posts; a GET never writes)."""
    member = require_member()
    data = json_body()
    up_to = personal.mark_read(member, reading.get_thread(thread_id, member), data.get("last_post_id"))
    return jsonify(last_read_post_id=up_to)


@bp.patch("/posts/<int:post_id>")
@limits.posting_per_member
def edit_post(post_id: int):
    """Edit one's own post."""
    member = require_member()
    data = json_body()
    post = services.edit_post(
        member, reading.get_post(post_id, member), data.get("body"), data.get("confirm_personal_data")
    )
    return jsonify(post=post_json(post), **support(post))


@bp.delete("/posts/<int:post_id>")
def delete_post(post_id: int):
    """Delete one's own post (a placeholder stays)."""
    member = require_member()
    services.delete_post(member, reading.get_post(post_id, member))
    return "", 204


@bp.get("/posts/<int:post_id>/revisions")
def post_revisions(post_id: int):
    """Earlier versions of an edited or deleted post (moderators)."""
    member = require_member()
    items = reading.revisions(member, reading.get_post(post_id, member))
    return jsonify(
        revisions=[
            {
                "body_html": item.body_html,
                "written_at": iso(item.written_at),
                "replaced_at": iso(item.replaced_at),
            }
            for item in items
        ]
    )


@bp.route("/posts/<int:post_id>/reactions", methods=["POST", "DELETE"])
def react(post_id: int):
    """Say (POST) or unsay (DELETE) "I recognise this"."""
    member = require_member()
    post = services.set_reaction(member, reading.get_post(post_id, member), request.method == "POST")
    return jsonify(reaction_count=post.reaction_count, reacted=request.method == "POST")


@bp.post("/posts/<int:post_id>/flags")
def flag(post_id: int):
    """Report a post to the moderators."""
    member = require_member()
    data = json_body()
    moderation.flag_post(member, reading.get_post(post_id, member), data.get("reason"), data.get("note"))
    return jsonify(flagged=True), 201


@bp.get("/search")
@limits.searching_per_member
def search():
    """Full-text search over what the member may read."""
    member = require_member()
    query = request.args.get("q", "")[:200]
    page = reading.clamp_page(request.args.get("page"))
    results = reading.search_results(member, query, page)
    return jsonify(
        results=[
            {
                "post_id": hit.post.id,
                "thread": {"id": hit.thread.id, "title": hit.thread.title},
                "author": {"pseudonym": hit.post.author_pseudonym.name},
                "excerpt": hit.excerpt,
                "created_at": iso(hit.post.created_at),
            }
            for hit in results.hits
        ],
        total=results.total,
        page=results.page,
        pages=results.pages,
    )


@bp.get("/notifications")
def notifications():
    """The member's newest notifications and the unread count."""
    member = require_member()
    items = [
        {**notification_json(note), "created_at": iso(note.created_at), "read": note.read_at is not None}
        for note in personal.recent_notifications(member)
    ]
    return jsonify(notifications=items, unread=personal.unread_notification_count(member))


@bp.post("/notifications/read")
def notifications_read():
    """Mark every notification read."""
    member = require_member()
    optional_json_body()
    personal.mark_all_notifications_read(member)
    return jsonify(unread=0)


def follows_json(member) -> dict:
    """The categories the member follows (only those they may enter)."""
    return {"categories": [category_json(category, member) for category in category_follows.followed(member)]}


@bp.get("/me/category-follows")
def category_follows_list():
    """The categories the member follows, told of each new thread there."""
    return jsonify(follows_json(require_member()))


@bp.put("/me/category-follows")
def category_follows_replace():
    """Follow exactly these categories (by slug); an unknown one, or one outside the member's age band,
    refuses the whole list with 422 `categories`."""
    member = require_member()
    category_follows.replace_following(member, json_body().get("categories"))
    return jsonify(follows_json(member))


@bp.route("/categories/<slug>/follow", methods=["POST", "DELETE"])
def follow_category(slug: str):
    """Follow (POST) or stop following (DELETE) a whole category."""
    member = require_member()
    following = category_follows.set_following(member, reading.get_category(slug), request.method == "POST")
    return jsonify(following=following)


@bp.get("/me/ignored")
def ignored():
    """Pseudonyms whose posts the member has collapsed."""
    return jsonify(pseudonyms=personal.ignored_pseudonyms(require_member()))


@bp.post("/me/ignored")
def ignore():
    """Collapse a pseudonym's posts."""
    member = require_member()
    pseudonym = personal.ignore(member, json_body().get("pseudonym"))
    return jsonify(pseudonym=pseudonym.name), 201


@bp.delete("/me/ignored/<path:name>")
def unignore(name: str):
    """Show a pseudonym's posts again."""
    personal.unignore(require_member(), name)
    return "", 204


@bp.get("/me/muted-words")
def muted_words():
    """The member's muted words."""
    return jsonify(words=personal.muted_words(require_member()))


@bp.put("/me/muted-words")
def set_muted_words():
    """Replace the member's muted words."""
    member = require_member()
    return jsonify(words=personal.set_muted_words(member, json_body().get("words")))
