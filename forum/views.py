"""Forum pages: categories, thread lists, threads, writing, search, notifications and reading settings."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from accounts import limits
from accounts.session import current_member, login_required, members_only_explained
from core.errors import message_for
from core.exceptions import DomainError
from core.markdown import quote_markdown
from forum import category_follows, personal, reading, services, staff
from forum.permissions import can_edit, can_flag
from moderation import services as moderation

bp = Blueprint("threads", __name__)
QUOTE_ID = re.compile(r"[0-9]{1,9}")


@bp.after_request
def not_for_search_engines(response):
    """Members-only pages must never be indexed."""
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.get("/forum")
@members_only_explained("forum")
def index():
    """All categories."""
    return render_template("forum/index.html", categories=reading.categories())


def render_category(
    slug: str,
    errors: dict | None = None,
    values: dict | None = None,
    status: int = 200,
    confirm: bool = False,
):
    """A category's thread list with the new-thread form."""
    member = current_member()
    category, following = category_follows.category_and_following(slug, member)
    listing = reading.thread_list(member, category, reading.clamp_page(request.args.get("page")))
    page = render_template(
        "forum/category.html",
        listing=listing,
        errors=errors or {},
        values=values or {},
        confirm=confirm,
        following=following,
    )
    return page, status


@bp.get("/forum/<slug>")
@members_only_explained("forum")
def category(slug: str):
    """Threads of one category, pinned first, then by last activity."""
    return render_category(slug)


@bp.post("/forum/<slug>")
@login_required
@limits.posting_per_member
def create_thread(slug: str):
    """Start a thread from the form at the bottom of the category page."""
    title, body = request.form.get("title", ""), request.form.get("body", "")
    try:
        thread, post = services.create_thread(
            current_member(),
            reading.get_category(slug),
            title,
            body,
            confirmed_personal_data(),
            request.form.get("client_id") or None,
        )
    except DomainError as problem:
        offer_support(refusal=problem)
        errors = {problem.field or "body": message_for(problem)}
        confirm = problem.code == "personal_data"
        return render_category(slug, errors, {"title": title, "body": body}, problem.status, confirm)
    offer_support(post)
    if post.hidden_at is not None:
        # Held for approval: the writer's own thread is hidden too until a moderator has looked.
        flash(_("Thank you! Your text will be shown as soon as a moderator has looked at it."))
        return redirect(url_for("forum.threads.category", slug=slug))
    return redirect(url_for("forum.threads.thread", thread_id=thread.id))


def confirmed_personal_data() -> bool:
    """The writer ticked "publish anyway" after the personal-data warning."""
    return request.form.get("confirm_personal_data") == "1"


def offer_support(post=None, refusal: DomainError | None = None) -> None:
    """After a text that speaks of crisis, a warm word and the help lines on the next page (or on this one,
    above the question, when the text is waiting for the writer's confirmation)."""
    screening = getattr(post, "screening", None)
    if (screening and screening.crisis) or (refusal is not None and refusal.details.get("crisis_support")):
        flash(
            _(
                "Thank you for writing. It sounds very heavy right now. You do not have to carry it alone: "
                "the help lines below are there for you, and a moderator will read what you wrote."
            ),
            "crisis",
        )


def render_thread(
    thread_id: int,
    errors: dict | None = None,
    draft: str | None = None,
    status: int = 200,
    confirm: bool = False,
):
    """A page of a thread, with the reply form (keeping a refused draft, or a quote)."""
    member = current_member()
    thread = reading.get_thread(thread_id, member)
    page = reading.thread_page(member, thread, reading.clamp_page(request.args.get("page")))
    quote = request.args.get("quote", "")
    if draft is None and QUOTE_ID.fullmatch(quote):
        draft = quote_for_reply(int(quote), member)
    html = render_template(
        "forum/thread.html", page=page, errors=errors or {}, draft=draft or "", confirm=confirm
    )
    return html, status


def quote_for_reply(post_id: int, member) -> str:
    """The quoted post as Markdown, attributed to its pseudonym."""
    try:
        post = reading.get_post(post_id, member)
    except DomainError:
        return ""
    if not post.visible:
        return ""
    return f"> **{post.author_pseudonym.name}:**\n" + quote_markdown(post.body_source)


@bp.get("/threads/<int:thread_id>")
@login_required
def thread(thread_id: int):
    """A thread, 20 posts a page."""
    return render_thread(thread_id)


@bp.post("/threads/<int:thread_id>/reply")
@login_required
@limits.posting_per_member
def reply(thread_id: int):
    """Reply from the form under the thread; a refused reply keeps its text."""
    member = current_member()
    body = request.form.get("body", "")
    try:
        post = services.reply(
            member,
            reading.get_thread(thread_id, member),
            body,
            confirmed_personal_data(),
            request.form.get("client_id") or None,
        )
    except DomainError as problem:
        offer_support(refusal=problem)
        confirm = problem.code == "personal_data"
        return render_thread(thread_id, {"body": message_for(problem)}, body, problem.status, confirm)
    offer_support(post)
    if post.hidden_at is not None:
        flash(_("Thank you! Your text will be shown as soon as a moderator has looked at it."))
    return redirect_to_post(post)


def redirect_to_post(post, anchor: str | None = None):
    """To the page of the thread where the post is (at the post, or at `anchor` beside it)."""
    thread = reading.get_thread(post.thread_id, current_member())
    page = reading.page_of_post(thread, post.id)
    return redirect(
        url_for("forum.threads.thread", thread_id=thread.id, page=page, _anchor=anchor or f"post-{post.id}")
    )


@bp.get("/posts/<int:post_id>")
@login_required
def post(post_id: int):
    """A post's own address: the page of its thread where it appears."""
    return redirect_to_post(reading.get_post(post_id, current_member()))


@bp.post("/threads/<int:thread_id>/follow")
@login_required
def follow(thread_id: int):
    """Follow or stop following."""
    member = current_member()
    following = personal.set_following(
        member, reading.get_thread(thread_id, member), request.form.get("follow") == "1"
    )
    flash(_("You follow this thread.") if following else _("You no longer follow this thread."))
    return redirect(url_for("forum.threads.thread", thread_id=thread_id))


@bp.post("/forum/<slug>/follow")
@login_required
def follow_category(slug: str):
    """Follow or stop following a whole category (told of each new thread)."""
    following = category_follows.set_following(
        current_member(), reading.get_category(slug), request.form.get("follow") == "1"
    )
    flash(_("You follow this category.") if following else _("You no longer follow this category."))
    return redirect(url_for("forum.threads.category", slug=slug))


@bp.post("/threads/<int:thread_id>/moderate")
@login_required
def moderate_thread(thread_id: int):
    """Moderators pin/unpin, lock/unlock and retitle."""
    member = current_member()
    thread = reading.get_thread(thread_id, member)
    form = request.form
    action = form.get("action")
    changes = {
        "pin": {"pinned": True},
        "unpin": {"pinned": False},
        "lock": {"locked": True},
        "unlock": {"locked": False},
        "retitle": {"title": form.get("title", ""), "reason": form.get("reason", "")},
    }.get(action, {})
    try:
        staff.set_thread_state(member, thread, **changes)
    except DomainError as problem:
        if problem.status == 403:
            raise
        flash(message_for(problem), "error")
    else:
        if action == "retitle":
            flash(_("The title is changed."))
    return redirect(url_for("forum.threads.thread", thread_id=thread_id))


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
@limits.posting_per_member
def edit_post(post_id: int):
    """Edit one's own post."""
    member = current_member()
    post = reading.get_post(post_id, member)
    if request.method == "GET":
        if not can_edit(member, post):
            return render_template("forum/edit_post.html", post=post, errors={}, draft=None), 403
        return render_template("forum/edit_post.html", post=post, errors={}, draft=post.body_source)
    body = request.form.get("body", "")
    try:
        services.edit_post(member, post, body, confirmed_personal_data())
    except DomainError as problem:
        offer_support(refusal=problem)
        page = render_template(
            "forum/edit_post.html",
            post=post,
            errors={"body": message_for(problem)},
            draft=body,
            confirm=problem.code == "personal_data",
        )
        return page, problem.status
    flash(_("Your post is updated."))
    return redirect_to_post(post)


@bp.post("/posts/<int:post_id>/delete")
@login_required
def delete_post(post_id: int):
    """Delete one's own post."""
    member = current_member()
    post = reading.get_post(post_id, member)
    services.delete_post(member, post)
    flash(_("Your post is deleted."))
    return redirect_to_post(post)


@bp.post("/posts/<int:post_id>/react")
@login_required
def react(post_id: int):
    """Toggle "I recognise this"."""
    member = current_member()
    post = reading.get_post(post_id, member)
    services.set_reaction(member, post, request.form.get("on") == "1")
    return redirect_to_post(post)


@bp.get("/posts/<int:post_id>/flag")
@login_required
def flag_form(post_id: int):
    """The report form for one post (its own page keeps every thread page small)."""
    member = current_member()
    post = reading.get_post(post_id, member)
    return render_template("forum/flag.html", post=post, allowed=can_flag(member, post))


@bp.post("/posts/<int:post_id>/flag")
@login_required
def flag(post_id: int):
    """Report a post to the moderators."""
    member = current_member()
    post = reading.get_post(post_id, member)
    try:
        moderation.flag_post(member, post, request.form.get("reason"), request.form.get("note"))
    except DomainError as problem:
        flash(message_for(problem), f"at:post-{post.id}:error")
    else:
        flash(_("Thank you. A moderator will look at the post."), f"at:post-{post.id}")
    # The answer appears next to the post, where the member's eyes are (thread.html), not at the page top.
    return redirect_to_post(post, anchor=f"post-{post.id}-done")


@bp.get("/forum/search")
@login_required
@limits.searching_per_member
def search():
    """Search threads and posts."""
    query = request.args.get("q", "")[:200]
    results = reading.search_results(current_member(), query, reading.clamp_page(request.args.get("page")))
    return render_template("forum/search.html", results=results)
