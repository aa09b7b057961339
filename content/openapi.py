"""OpenAPI description of the library editors' endpoints, still written by hand (the public library's is
generated from content/schemas.py)."""

from __future__ import annotations

from core.openapi import (
    STRING,
    error_responses,
    json_content,
    obj,
    operation,
    path_parameter,
    query_parameter,
    ref,
)

KIND = {"type": "string", "enum": ["article", "film"]}
TOPIC = {"type": "string", "description": "A topic slug such as `demens`; see docs/LIBRARY.md"}

SCHEMAS: dict = {}  # the public items' schemas are written from content/schemas.py


def paths() -> dict:
    """The editors' paths (the public `/library` and `/library/{slug}` come from content/schemas.py)."""
    return editor_paths()


EDITOR_ITEM_FIELDS = {
    "title": STRING,
    "summary": STRING,
    "topic": TOPIC,
    "tags": {"type": "array", "items": STRING},
    "body": {"type": "string", "description": "Markdown; HTML and images are refused (400 on `body`)"},
    "sources": {
        "type": "array",
        "items": obj(
            {
                "title": STRING,
                "url": {"type": "string", "format": "uri"},
                "read": {"type": "string", "format": "date"},
            },
            ["title", "url"],
        ),
    },
    "forum_category": {"type": "string", "nullable": True},
    "chat_room": {"type": "string", "nullable": True},
    "reviewed_on": {"type": "string", "format": "date"},
    "review_by": {"type": "string", "format": "date", "nullable": True},
}
STATUS = {"type": "string", "enum": ["draft", "published", "unpublished"]}
BASE = {"base_revision": {"type": "integer", "description": "The revision the change began from"}}

SCHEMAS.update(
    {
        "LibraryEditorItem": obj(
            {
                "slug": STRING,
                "kind": KIND,
                "status": STATUS,
                "revision": {"type": "integer"},
                "review_due": {"type": "string", "format": "date"},
                "due_for_review": {"type": "boolean"},
                **EDITOR_ITEM_FIELDS,
                "media": {
                    "type": "array",
                    "items": obj({"name": STRING, "role": STRING, "language": STRING}),
                },
            },
            ["slug", "kind", "status", "revision"],
        ),
        "LibraryRevision": obj(
            {
                "number": {"type": "integer"},
                "created_at": {"type": "string", "format": "date-time"},
                "source": {"type": "string", "enum": ["browser", "api", "import", "restore"]},
                "author": {"type": "string", "nullable": True, "description": "The editor's pseudonym"},
                "changed_fields": {"type": "array", "items": STRING},
            },
            ["number", "created_at", "source", "changed_fields"],
        ),
        "LibraryDiff": obj(
            {
                "from": {"type": "integer"},
                "to": {"type": "integer"},
                "changes": {
                    "type": "array",
                    "items": obj({"field": STRING, "diff": STRING}, ["field", "diff"]),
                },
            },
            ["from", "to", "changes"],
        ),
    }
)


def editor_paths() -> dict:
    """The editors' paths: 401 for strangers, 403 for members who are not editors, 409 `edit_conflict`
    (with `base_revision`, `current_revision` and `diff`) for a stale base revision, 400 with `fields`
    (a message per field) for bad input."""
    item = {"200": {"description": "The item", "content": json_content(ref("LibraryEditorItem"))}}
    slug = [path_parameter("slug", STRING)]
    guarded = error_responses(401, 403)
    changed = {**item, **guarded, **error_responses(409)}
    preview = obj({"html": STRING, "problems": {"type": "array", "items": STRING}}, ["html", "problems"])
    groups = obj({"groups": {"type": "array", "items": {"type": "array", "items": STRING}}}, ["groups"])
    return {
        "/library/editor/items": {
            "get": operation(
                "Every item, drafts too (editors)",
                {
                    "200": {
                        "description": "Items",
                        "content": json_content(
                            obj({"items": {"type": "array", "items": ref("LibraryEditorItem")}}, ["items"])
                        ),
                    },
                    **guarded,
                    **error_responses(422),
                },
                parameters=[
                    query_parameter("q"),
                    query_parameter(
                        "status", {"type": "string", "enum": ["draft", "published", "unpublished", "due"]}
                    ),
                    query_parameter("topic", TOPIC),
                    query_parameter("kind", KIND),
                ],
            ),
            "post": operation(
                "Create a draft article or film",
                {"201": item["200"], **guarded},
                body=obj(
                    {"slug": STRING, "kind": KIND, **EDITOR_ITEM_FIELDS},
                    ["slug", "title", "summary", "topic"],
                ),
                changes_state=True,
            ),
        },
        "/library/editor/items/{slug}": {
            "get": operation(
                "One item with its Markdown, status and revision", {**item, **guarded}, parameters=slug
            ),
            "put": operation(
                "Save the item's fields as a new revision",
                changed,
                body=obj({**BASE, **EDITOR_ITEM_FIELDS}, ["base_revision", "title", "summary", "topic"]),
                changes_state=True,
                parameters=slug,
            ),
        },
        "/library/editor/items/{slug}/publish": {
            "post": operation(
                "Publish (films need a video and Swedish captions: 400 on `video` or `captions`)",
                changed,
                body=obj(BASE, ["base_revision"]),
                changes_state=True,
                parameters=slug,
            )
        },
        "/library/editor/items/{slug}/unpublish": {
            "post": operation(
                "Hide the item from readers",
                changed,
                body=obj(BASE, ["base_revision"]),
                changes_state=True,
                parameters=slug,
            )
        },
        "/library/editor/items/{slug}/revisions": {
            "get": operation(
                "Every revision, newest first",
                {
                    "200": {
                        "description": "Revisions",
                        "content": json_content(
                            obj(
                                {"revisions": {"type": "array", "items": ref("LibraryRevision")}},
                                ["revisions"],
                            )
                        ),
                    },
                    **guarded,
                },
                parameters=slug,
            )
        },
        "/library/editor/items/{slug}/diff": {
            "get": operation(
                "Differences between two revisions",
                {"200": {"description": "Diff", "content": json_content(ref("LibraryDiff"))}, **guarded},
                parameters=[
                    *slug,
                    query_parameter("from", {"type": "integer"}),
                    query_parameter("to", {"type": "integer"}),
                ],
            )
        },
        "/library/editor/items/{slug}/restore": {
            "post": operation(
                "Restore an earlier revision as a new revision",
                changed,
                body=obj({"revision": {"type": "integer"}, **BASE}, ["revision", "base_revision"]),
                changes_state=True,
                parameters=slug,
            )
        },
        "/library/editor/preview": {
            "post": operation(
                "Markdown rendered as readers will see it",
                {"200": {"description": "HTML and problems", "content": json_content(preview)}, **guarded},
                body=obj({"body": STRING}, ["body"]),
                changes_state=True,
            )
        },
        "/library/editor/synonyms": {
            "get": operation(
                "Every search synonym group",
                {"200": {"description": "Groups", "content": json_content(groups)}, **guarded},
            ),
            "put": operation(
                "Replace every synonym group",
                {"200": {"description": "The saved groups", "content": json_content(groups)}, **guarded},
                body=groups,
                changes_state=True,
            ),
        },
    }
