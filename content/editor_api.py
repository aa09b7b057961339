"""The editors' JSON API under /api/v1/library/editor: items with drafts, create, update with a base revision,
publish, unpublish, revisions, diff, restore, preview and synonyms. Editors and admins only (403 otherwise);
a stale base revision is 409 `edit_conflict` with the diff; bad fields are 400 with a message per field.
Bodies and answers are the models of content/editor_schemas.py."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from accounts.session import require_member
from content import editing, revisions, synonyms
from content.access import can_edit_library
from content.editing import EditConflict, ItemInvalid
from content.editor_schemas import (
    DiffQuery,
    EditorItemsQuery,
    ItemSave,
    LibraryDiff,
    LibraryEditorItem,
    LibraryEditorItems,
    LibraryRevisions,
    NewItem,
    Preview,
    PreviewBody,
    RestoreBody,
    StatusChange,
    SynonymGroups,
    SynonymsBody,
)
from content.places import place_choices, place_slugs
from content.services import get_item
from content.shaping import editor_item_json, revision_json
from core.database import utcnow
from core.errors import error_payload
from core.exceptions import Forbidden
from core.i18n import current_language
from core.schemas import body, documented

bp = Blueprint("library_editor_api", __name__, url_prefix="/api/v1/library/editor")

# Editors and admins only: a stranger is 401, another member 403.
EDITORS = (401, 403)
# A stale base revision is 409 `edit_conflict` (with `base_revision`, `current_revision` and `diff`).
CHANGED = {200: (LibraryEditorItem, "The item")}


@bp.before_request
def editors_only():
    """401 for strangers, 403 for members who are not editors."""
    if not can_edit_library(require_member()):
        raise Forbidden()


@bp.errorhandler(ItemInvalid)
def invalid(error: ItemInvalid):
    """400 naming the first field, with every field's message."""
    message = _("Some fields need to be fixed.")
    payload = error_payload("invalid", message, field=error.field, fields=error.problems)
    return jsonify(payload), 400


@bp.errorhandler(synonyms.SynonymsInvalid)
def invalid_synonyms(error: synonyms.SynonymsInvalid):
    """400 naming each bad group by its position."""
    problems = {f"groups[{number}]": message for number, message in error.problems.items()}
    payload = error_payload("invalid", _("Some groups need to be fixed."), field=error.field, fields=problems)
    return jsonify(payload), 400


@bp.errorhandler(EditConflict)
def conflict(error: EditConflict):
    """409: someone saved since the base revision; nothing was stored. The diff shows what they changed."""
    payload = error_payload(
        "edit_conflict",
        _("Someone else saved this item since your revision. Nothing was saved; merge their changes and "
          "send again with the current revision."),
        base_revision=error.base_revision,
        current_revision=error.current_revision,
        diff=revisions.diff_json(error.diff),
    )
    return jsonify(payload), 409


def places() -> dict:
    """The forum categories and chat rooms an item may link to."""
    return place_slugs(place_choices(current_language()))


def editor():
    """The signed-in editor (checked before every request)."""
    return require_member()


@bp.get("/items")
@documented(query=EditorItemsQuery, responses={200: (LibraryEditorItems, "Items")}, errors=(*EDITORS, 422))
def list_items():
    """Every item, drafts too (editors)

    Filtered by `q`, `status` (or `due`), `topic` and `kind`."""
    items = editing.editor_items(
        request.args.get("q", "").strip()[:200],
        request.args.get("status") or None,
        request.args.get("topic") or None,
        request.args.get("kind") or None,
        utcnow().date(),
    )
    today = utcnow().date()
    return jsonify(items=[editor_item_json(item, today, full=False) for item in items])


@bp.post("/items")
@documented(body=NewItem, responses={201: (LibraryEditorItem, "The item")}, errors=EDITORS)
def create_item():
    """Create a draft article or film

    201 with the item at revision 1; bad fields are 400 with a message per field (`fields`)."""
    item = editing.create_item(editor(), body().model_dump(exclude_unset=True), places(), source="api")
    return jsonify(editor_item_json(item, utcnow().date())), 201


@bp.get("/items/<slug>")
@documented(responses={200: (LibraryEditorItem, "The item")}, errors=(*EDITORS, 404))
def show_item(slug: str):
    """One item with its Markdown, status and revision"""
    return jsonify(editor_item_json(get_item(slug, published_only=False), utcnow().date()))


@bp.put("/items/<slug>")
@documented(body=ItemSave, responses=CHANGED, errors=(*EDITORS, 404, 409))
def update_item(slug: str):
    """Save the item's fields as a new revision

    `base_revision` must be the current revision (else 409 `edit_conflict`)."""
    item = get_item(slug, published_only=False)
    data = body().model_dump(exclude_unset=True)
    editing.save_item(editor(), item, data, data.get("base_revision"), "save", places(), source="api")
    return jsonify(editor_item_json(item, utcnow().date()))


@bp.post("/items/<slug>/publish")
@documented(body=StatusChange, responses=CHANGED, errors=(*EDITORS, 404, 409))
def publish(slug: str):
    """Publish (films need a video and Swedish captions: 400 on `video` or `captions`)"""
    item = get_item(slug, published_only=False)
    editing.set_status(editor(), item, body().base_revision, "published", "api")
    return jsonify(editor_item_json(item, utcnow().date()))


@bp.post("/items/<slug>/unpublish")
@documented(body=StatusChange, responses=CHANGED, errors=(*EDITORS, 404, 409))
def unpublish(slug: str):
    """Hide the item from readers"""
    item = get_item(slug, published_only=False)
    editing.set_status(editor(), item, body().base_revision, "unpublished", "api")
    return jsonify(editor_item_json(item, utcnow().date()))


@bp.get("/items/<slug>/revisions")
@documented(responses={200: (LibraryRevisions, "Revisions")}, errors=(*EDITORS, 404))
def list_revisions(slug: str):
    """Every revision, newest first (without the snapshots)"""
    found = revisions.history(get_item(slug, published_only=False))
    names = revisions.author_names(found)
    return jsonify(revisions=[revision_json(revision, names) for revision in found])


@bp.get("/items/<slug>/diff")
@documented(query=DiffQuery, responses={200: (LibraryDiff, "Diff")}, errors=(*EDITORS, 404))
def diff(slug: str):
    """Differences between two revisions

    Field-by-field unified diffs between revisions `from` and `to` (default: the current one)."""
    item = get_item(slug, published_only=False)
    older = revisions.get_revision(item, request.args.get("from"))
    newer = revisions.get_revision(item, request.args.get("to", item.revision))
    return jsonify(
        {"from": older.number, "to": newer.number,
         "changes": revisions.diff_json(revisions.diff(older.snapshot, newer.snapshot))}
    )


@bp.post("/items/<slug>/restore")
@documented(body=RestoreBody, responses=CHANGED, errors=(*EDITORS, 404, 409))
def restore(slug: str):
    """Restore an earlier revision as a new revision

    `base_revision` as for an update."""
    item = get_item(slug, published_only=False)
    data = body()
    editing.restore(editor(), item, data.revision, data.base_revision, "restore")
    return jsonify(editor_item_json(item, utcnow().date()))


@bp.post("/preview")
@documented(body=PreviewBody, responses={200: (Preview, "HTML and problems")}, errors=EDITORS)
def preview():
    """Markdown rendered as readers will see it, and what would be refused"""
    html, problems = editing.preview(body().body)
    return jsonify(html=html, problems=problems)


@bp.get("/synonyms")
@documented(responses={200: (SynonymGroups, "Groups")}, errors=EDITORS)
def list_synonyms():
    """Every search synonym group"""
    return jsonify(groups=synonyms.groups())


@bp.put("/synonyms")
@documented(body=SynonymsBody, responses={200: (SynonymGroups, "The saved groups")}, errors=EDITORS)
def replace_synonyms():
    """Replace every synonym group

    `groups` is a list of lists of terms (or of comma-separated texts)."""
    groups = body().groups
    if not isinstance(groups, list):
        raise ItemInvalid({"groups": _("Send the groups as a list.")})
    rows = [", ".join(g) if isinstance(g, list) and all(isinstance(t, str) for t in g) else g for g in groups]
    if not all(isinstance(row, str) for row in rows):
        raise ItemInvalid({"groups": _("Each group is a list of words.")})
    return jsonify(groups=synonyms.replace_groups(rows))
