"""The editors' pages: the library's items with filters, the article and film form with a server-side
preview, revisions with diffs and restore, and the search synonyms. Views are thin; content/editing.py
holds the rules. Every page needs an editor or admin (content/access.py)."""

from __future__ import annotations

import functools

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from accounts.session import current_member, login_required
from content import editing, revisions, synonyms
from content.access import can_edit_library
from content.editing import EditConflict, ItemInvalid
from content.models import STATUSES
from content.places import place_choices, place_slugs
from content.services import KINDS, get_item
from content.topics import TOPICS, TOPICS_BY_SLUG
from core.database import utcnow
from core.exceptions import Forbidden
from core.i18n import current_language

bp = Blueprint("editor", __name__, url_prefix="/library/edit")
BLANK_SOURCE_ROWS = 2
BLANK_SYNONYM_ROWS = 3


def editor_required(view):
    """Strangers go to the login page; members who are not editors get 403."""

    @functools.wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not can_edit_library(current_member()):
            raise Forbidden()
        return view(*args, **kwargs)

    return wrapped


def form_data() -> dict:
    """The item form's fields as editing.clean_fields takes them (sources from the repeated rows)."""
    form = request.form
    rows = zip(form.getlist("source_title"), form.getlist("source_url"), form.getlist("source_read"),
               strict=False)
    return {
        **{name: form.get(name, "") for name in (
            "title", "slug", "summary", "topic", "tags", "body", "forum_category", "chat_room",
            "reviewed_on", "review_by", "kind",
        )},
        # Empty rows are dropped here, so error names (sources[1].url) count the rows the page shows again.
        "sources": [
            {"title": title, "url": url, "read": read} for title, url, read in rows if title or url or read
        ],
    }


def values_of(item) -> dict:
    """An item's fields as the form shows them."""
    fields = revisions.snapshot(item)
    return {**fields, "slug": item.slug, "kind": item.kind, "tags": ", ".join(fields["tags"])}


def render_form(item, values: dict, errors: dict | None = None, base_revision: int | None = None,
                conflict: EditConflict | None = None, preview_html: str | None = None, status: int = 200):
    """The article or film form, with the editor's values, errors, a conflict or a preview."""
    # Rows left empty are dropped and two fresh ones added, so a form sent back does not grow.
    filled = [source for source in values.get("sources") or [] if any((source or {}).values())]
    sources = filled + [{} for _row in range(BLANK_SOURCE_ROWS)]
    page = render_template(
        "content/edit/form.html",
        item=item,
        values=values,
        sources=sources,
        errors=errors or {},
        base_revision=item.revision if base_revision is None and item else base_revision,
        conflict=conflict,
        preview_html=preview_html if preview_html is not None else editing.preview(values.get("body"))[0],
        topics=TOPICS,
        kinds=KINDS,
        places=place_choices(current_language()),
        due=item is not None and editing.is_due_for_review(item, utcnow().date()),
    )
    return page, status


@bp.get("")
@editor_required
def index():
    """Every item with its status, filters and search, and the items due for review."""
    query = request.args.get("q", "").strip()[:200]
    status = request.args.get("status") or None
    topic = request.args.get("topic") or None
    kind = request.args.get("kind") or None
    today = utcnow().date()
    items = editing.editor_items(query, status, topic, kind, today)
    return render_template(
        "content/edit/index.html",
        items=items,
        due=editing.due_for_review(today),
        query=query,
        status=status,
        topic=topic,
        kind=kind,
        topics=TOPICS,
        topics_by_slug=TOPICS_BY_SLUG,
        statuses=STATUSES,
        review_due=editing.review_due,
        today=today,
    )


@bp.route("/new", methods=["GET", "POST"])
@editor_required
def new():
    """A new article or film (kind=film), saved as a draft."""
    if request.method == "GET":
        kind = request.args.get("kind") if request.args.get("kind") in KINDS else "article"
        values = {"kind": kind, "reviewed_on": utcnow().date().isoformat(), "sources": []}
        return render_form(None, values)
    values = form_data()
    if request.form.get("action") == "preview":
        return render_form(None, values)
    try:
        item = editing.create_item(current_member(), values, place_slugs(place_choices(current_language())))
    except ItemInvalid as error:
        return render_form(None, values, error.problems, status=400)
    return redirect(url_for("content.editor.edit", slug=item.slug, saved=1), code=303)


@bp.route("/<slug>", methods=["GET", "POST"])
@editor_required
def edit(slug: str):
    """Change an item: save, publish, unpublish, or preview without saving."""
    item = get_item(slug, published_only=False)
    if request.method == "GET":
        return render_form(item, values_of(item))
    values = {**form_data(), "slug": item.slug, "kind": item.kind}
    action = request.form.get("action", "save")
    base = request.form.get("base_revision")
    if action == "preview":
        return render_form(item, values, base_revision=base)
    if action not in editing.ACTIONS:
        action = "save"
    try:
        editing.save_item(current_member(), item, values, base, action,
                          place_slugs(place_choices(current_language())))
    except ItemInvalid as error:
        return render_form(item, values, error.problems, base_revision=base, status=400)
    except EditConflict as conflict:
        # The editor's text stays in the form; the next save goes on from the current revision.
        return render_form(item, values, base_revision=conflict.current_revision, conflict=conflict,
                           status=409)
    return redirect(url_for("content.editor.edit", slug=item.slug, saved=action), code=303)


@bp.post("/preview")
@editor_required
def preview():
    """The body as readers will see it, for the form's live preview (static/js/library-editor.js)."""
    data = request.get_json(silent=True)
    body = data.get("body") if isinstance(data, dict) else request.form.get("body", "")
    html, problems = editing.preview(body)
    return jsonify(html=html, problems=problems)


@bp.get("/<slug>/revisions")
@editor_required
def history(slug: str):
    """Every revision, with a choice of two to compare and a restore button on each earlier one."""
    item = get_item(slug, published_only=False)
    found = revisions.history(item)
    return render_template(
        "content/edit/revisions.html", item=item, revisions=found, authors=revisions.author_names(found)
    )


@bp.get("/<slug>/diff")
@editor_required
def diff(slug: str):
    """What changed between two revisions (`from`, `to`), field by field."""
    item = get_item(slug, published_only=False)
    older = revisions.get_revision(item, request.args.get("from"))
    newer = revisions.get_revision(item, request.args.get("to", item.revision))
    return render_template(
        "content/edit/diff.html", item=item, older=older, newer=newer,
        diff=revisions.diff(older.snapshot, newer.snapshot),
    )


@bp.post("/<slug>/revisions/<int:number>/restore")
@editor_required
def restore(slug: str, number: int):
    """Bring back an earlier revision as a new one."""
    item = get_item(slug, published_only=False)
    try:
        editing.restore(current_member(), item, number, request.form.get("base_revision"), "restore")
    except (ItemInvalid, EditConflict) as error:
        message = (
            _("Someone saved the item meanwhile. Look at the revisions again before restoring.")
            if isinstance(error, EditConflict) else " ".join(error.problems.values())
        )
        found = revisions.history(item)
        page = render_template("content/edit/revisions.html", item=item, revisions=found,
                               authors=revisions.author_names(found), message=message)
        return page, 409 if isinstance(error, EditConflict) else 400
    return redirect(url_for("content.editor.edit", slug=item.slug, saved="restore"), code=303)


@bp.route("/synonyms", methods=["GET", "POST"])
@editor_required
def synonym_table():
    """The search synonym groups as a table of rows, one group a row, terms separated by commas."""
    problems: dict[int, str] = {}
    saved = False
    if request.method == "POST":
        rows = request.form.getlist("group")
        try:
            synonyms.replace_groups(rows)
            return redirect(url_for("content.editor.synonym_table", saved=1), code=303)
        except synonyms.SynonymsInvalid as error:
            problems = error.problems
    else:
        rows = [", ".join(group) for group in synonyms.groups()]
        saved = bool(request.args.get("saved"))
    rows = rows + [""] * BLANK_SYNONYM_ROWS
    return render_template("content/edit/synonyms.html", rows=rows, problems=problems, saved=saved), (
        400 if problems else 200
    )
