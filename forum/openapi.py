"""OpenAPI description of the forum endpoints (assembled by core.openapi)."""

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

DATETIME = {"type": "string", "format": "date-time"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
AUTHOR = obj({"pseudonym": STRING}, ["pseudonym"])
# In age-banded spaces a moderator's text is marked, so young members know who is staff.
POST_AUTHOR = obj(
    {"pseudonym": STRING, "staff": {"type": "boolean", "description": "Only in age-banded categories"}},
    ["pseudonym"],
)
AGE_BAND = {
    "allOf": [ref("AgeBand")],
    "nullable": True,
    "description": "null: open to every member; else only members inside the band (and moderators) may read, "
    "write or follow there (others get 403 `age_band`). Only 16–25 can be set.",
}
PAGE = query_parameter("page", {"type": "integer", "minimum": 1})
# Chosen by the client so that a retry after a lost answer or a crash is stored once.
CLIENT_ID = {"type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,64}$"}

CATEGORY_FOLLOWS = obj({"categories": {"type": "array", "items": ref("Category")}}, ["categories"])

SCHEMAS = {
    "AgeBand": obj({"min": INTEGER, "max": INTEGER}, ["min", "max"]),
    "Category": obj(
        {
            "slug": STRING,
            "name": STRING,
            "description": STRING,
            "thread_count": INTEGER,
            "age_band": AGE_BAND,
            "can_enter": {"type": "boolean", "description": "Whether the signed-in member may enter"},
        },
        ["slug", "name", "description", "thread_count", "age_band"],
    ),
    "ThreadSummary": obj(
        {
            "id": INTEGER,
            "title": STRING,
            "author": AUTHOR,
            "reply_count": INTEGER,
            "last_post_at": DATETIME,
            "pinned": BOOLEAN,
            "locked": BOOLEAN,
            "unread": BOOLEAN,
        },
        ["id", "title", "author", "reply_count", "last_post_at"],
    ),
    "Thread": obj(
        {
            "id": INTEGER,
            "title": STRING,
            "category": obj({"slug": STRING, "name": STRING}, ["slug", "name"]),
            "pinned": BOOLEAN,
            "locked": BOOLEAN,
        },
        ["id", "title", "category"],
    ),
    "Post": obj(
        {
            "id": INTEGER,
            "thread_id": INTEGER,
            "author": POST_AUTHOR,
            "body_html": STRING,
            "created_at": DATETIME,
            "edited_at": {**DATETIME, "nullable": True},
            "deleted": BOOLEAN,
            "hidden": BOOLEAN,
            "reaction_count": INTEGER,
            "reacted": BOOLEAN,
            "own": BOOLEAN,
            "collapsed": {"type": "string", "enum": ["ignored", "muted_word"], "nullable": True},
        },
        ["id", "author", "body_html", "created_at", "edited_at"],
    ),
    "NewThread": obj(
        {
            "title": {"type": "string", "maxLength": 150},
            "body": {"type": "string", "maxLength": 20000},
            "confirm_personal_data": BOOLEAN,
            "client_id": CLIENT_ID,
        },
        ["title", "body"],
    ),
    "CategoryChange": obj(
        {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 60},
            "name_sv": {"type": "string", "maxLength": 100},
            "name_en": {"type": "string", "maxLength": 100},
            "description_sv": {"type": "string", "maxLength": 300},
            "description_en": {"type": "string", "maxLength": 300},
            "position": {"type": "integer", "minimum": 0},
            "age_band": AGE_BAND,
        }
    ),
    "PostBody": obj({"body": {"type": "string", "maxLength": 20000}}, ["body"]),
    "NewPost": obj(
        {
            "body": {"type": "string", "maxLength": 20000},
            "confirm_personal_data": BOOLEAN,
            "client_id": CLIENT_ID,
        },
        ["body"],
    ),
    "FlagRequest": obj(
        {
            "reason": {"type": "string", "enum": ["spam", "harassment", "personal_info", "crisis", "other"]},
            "note": {"type": "string", "maxLength": 500},
        },
        ["reason"],
    ),
}


NEW_THREAD_ANSWER = obj({"thread": obj({"id": INTEGER, "title": STRING}), "post": ref("Post")})


def ok(description: str, schema: dict | None = None, status: str = "200") -> dict:
    """A success response."""
    response: dict = {"description": description}
    if schema is not None:
        response["content"] = json_content(schema)
    return {status: response}


def paths() -> dict:
    """Every forum path."""
    thread_id = path_parameter("thread_id")
    post_id = path_parameter("post_id")
    slug = path_parameter("slug", STRING)
    # 403 covers `age_band` too: an age-banded category, thread or post and a member outside its band.
    members_only = error_responses(401, 403)
    return {
        "/categories": {
            "post": operation(
                "Add a category (admins)",
                {
                    **ok("Created", obj({"category": ref("Category")}), "201"),
                    **members_only,
                    **error_responses(422),
                },
                ref("CategoryChange"),
                changes_state=True,
            ),
            "get": operation(
                "Every category",
                {
                    **ok("Categories", obj({"categories": {"type": "array", "items": ref("Category")}})),
                    **members_only,
                },
            ),
        },
        "/categories/{slug}": {
            "patch": operation(
                "Rename a category or change its description, position or age band (admins)",
                {
                    **ok("Updated", obj({"category": ref("Category")})),
                    **members_only,
                    **error_responses(404, 422),
                },
                ref("CategoryChange"),
                changes_state=True,
                parameters=[slug],
            )
        },
        "/categories/{slug}/threads": {
            "get": operation(
                "A page of a category's threads, pinned first, then by last activity",
                {
                    **ok(
                        "Threads",
                        obj(
                            {
                                "threads": {"type": "array", "items": ref("ThreadSummary")},
                                "page": INTEGER,
                                "pages": INTEGER,
                            },
                            ["threads", "page", "pages"],
                        ),
                    ),
                    **members_only,
                    **error_responses(404),
                },
                parameters=[slug, PAGE],
            ),
            "post": operation(
                "Start a thread",
                {
                    **ok("Created", NEW_THREAD_ANSWER, "201"),
                    **ok("Stored before with this client_id: the same thread and post", NEW_THREAD_ANSWER),
                    **members_only,
                    **error_responses(404, 409, 422),
                },
                ref("NewThread"),
                changes_state=True,
                parameters=[slug],
            ),
        },
        "/threads/{thread_id}": {
            "get": operation(
                "A page of a thread (20 posts)",
                {
                    **ok(
                        "Thread page",
                        obj(
                            {
                                "thread": ref("Thread"),
                                "posts": {"type": "array", "items": ref("Post")},
                                "page": INTEGER,
                                "pages": INTEGER,
                                "following": BOOLEAN,
                                "last_read_post_id": INTEGER,
                            },
                            ["thread", "posts", "page", "pages"],
                        ),
                    ),
                    **members_only,
                    **error_responses(404),
                },
                parameters=[thread_id, PAGE],
            ),
            "patch": operation(
                "Moderators pin, lock or retitle a thread (a new title is audited with the optional "
                "reason and replaces the old one in search at once)",
                {
                    **ok("Updated", obj({"thread": ref("Thread")})),
                    **members_only,
                    **error_responses(404, 422),
                },
                obj(
                    {
                        "pinned": BOOLEAN,
                        "locked": BOOLEAN,
                        "title": {"type": "string", "minLength": 1, "maxLength": 150},
                        "reason": {"type": "string", "maxLength": 500},
                    }
                ),
                changes_state=True,
                parameters=[thread_id],
            ),
        },
        "/threads/{thread_id}/posts": {
            "post": operation(
                "Reply in a thread",
                {
                    **ok("Created", obj({"post": ref("Post")}), "201"),
                    **ok("Stored before with this client_id: the same post", obj({"post": ref("Post")})),
                    **members_only,
                    **error_responses(404, 409, 422),
                },
                ref("NewPost"),
                changes_state=True,
                parameters=[thread_id],
            )
        },
        "/threads/{thread_id}/follow": {
            method: operation(
                summary,
                {
                    **ok("Following state", obj({"following": BOOLEAN})),
                    **members_only,
                    **error_responses(404),
                },
                changes_state=True,
                parameters=[thread_id],
            )
            for method, summary in (("post", "Follow a thread"), ("delete", "Stop following a thread"))
        },
        "/threads/{thread_id}/read": {
            "post": operation(
                "Remember how far the member has read",
                {
                    **ok("Read marker", obj({"last_read_post_id": INTEGER})),
                    **members_only,
                    **error_responses(404, 422),
                },
                obj({"last_post_id": INTEGER}, ["last_post_id"]),
                changes_state=True,
                parameters=[thread_id],
            )
        },
        "/posts/{post_id}": {
            "patch": operation(
                "Edit one's own post (earlier versions are kept for moderators)",
                {**ok("Edited", obj({"post": ref("Post")})), **members_only, **error_responses(404, 422)},
                ref("PostBody"),
                changes_state=True,
                parameters=[post_id],
            ),
            "delete": operation(
                "Delete one's own post (a placeholder stays)",
                {"204": {"description": "Deleted"}, **members_only, **error_responses(404)},
                changes_state=True,
                parameters=[post_id],
            ),
        },
        "/posts/{post_id}/revisions": {
            "get": operation(
                "Earlier versions of an edited or deleted post (moderators only)",
                {
                    **ok(
                        "Revisions, newest first",
                        obj(
                            {
                                "revisions": {
                                    "type": "array",
                                    "items": obj(
                                        {"body_html": STRING, "written_at": DATETIME, "replaced_at": DATETIME}
                                    ),
                                }
                            },
                            ["revisions"],
                        ),
                    ),
                    **members_only,
                    **error_responses(404),
                },
                parameters=[post_id],
            )
        },
        "/posts/{post_id}/reactions": {
            method: operation(
                summary,
                {
                    **ok("Reaction state", obj({"reaction_count": INTEGER, "reacted": BOOLEAN})),
                    **members_only,
                    **error_responses(404),
                },
                changes_state=True,
                parameters=[post_id],
            )
            for method, summary in (("post", "Say “I recognise this”"), ("delete", "Take the reaction back"))
        },
        "/posts/{post_id}/flags": {
            "post": operation(
                "Report a post to the moderators",
                {
                    **ok("Flagged", obj({"flagged": BOOLEAN}), "201"),
                    **members_only,
                    **error_responses(404, 409, 422),
                },
                ref("FlagRequest"),
                changes_state=True,
                parameters=[post_id],
            )
        },
        "/search": {
            "get": operation(
                "Full-text search (Swedish word forms) over what the member may read (nothing from an "
                "age-banded category outside the member's band)",
                {
                    **ok(
                        "Results",
                        obj(
                            {
                                "results": {
                                    "type": "array",
                                    "items": obj(
                                        {
                                            "post_id": INTEGER,
                                            "thread": obj({"id": INTEGER, "title": STRING}),
                                            "category": obj({"slug": STRING, "name": STRING}),
                                            "author": AUTHOR,
                                            "excerpt": STRING,
                                            "created_at": DATETIME,
                                        }
                                    ),
                                },
                                "total": INTEGER,
                                "page": INTEGER,
                                "pages": INTEGER,
                            },
                            ["results", "total", "page", "pages"],
                        ),
                    ),
                    **members_only,
                },
                parameters=[query_parameter("q"), PAGE],
            )
        },
        "/notifications": {
            "get": operation(
                "Replies in followed threads, posts mentioning the member's @pseudonym and new threads in "
                "followed categories (none from an age-banded category outside the member's band)",
                {
                    **ok(
                        "Notifications",
                        obj(
                            {
                                "notifications": {
                                    "type": "array",
                                    "items": obj(
                                        {
                                            "id": INTEGER,
                                            "kind": {
                                                "type": "string",
                                                "enum": ["reply", "mention", "thread"],
                                            },
                                            "thread": obj({"id": INTEGER, "title": STRING}),
                                            "post_id": INTEGER,
                                            "author": {
                                                **obj({"pseudonym": STRING}),
                                                "description": "The pseudonym the post was written under",
                                            },
                                            "excerpt": {
                                                "type": "string",
                                                "nullable": True,
                                                "description": "Plain text, at most 140 characters; null "
                                                "once the post is deleted or hidden",
                                            },
                                            "created_at": DATETIME,
                                            "read": BOOLEAN,
                                        }
                                    ),
                                },
                                "unread": INTEGER,
                            },
                            ["notifications", "unread"],
                        ),
                    ),
                    **members_only,
                },
            )
        },
        "/notifications/read": {
            "post": operation(
                "Mark every notification read",
                {**ok("Done", obj({"unread": INTEGER})), **members_only},
                changes_state=True,
            )
        },
        "/me/ignored": {
            "get": operation(
                "Pseudonyms the member ignores",
                {**ok("Ignored", obj({"pseudonyms": {"type": "array", "items": STRING}})), **members_only},
            ),
            "post": operation(
                "Ignore a pseudonym (its posts are collapsed for this member)",
                {**ok("Ignored", obj({"pseudonym": STRING}), "201"), **members_only, **error_responses(422)},
                obj({"pseudonym": STRING}, ["pseudonym"]),
                changes_state=True,
            ),
        },
        "/me/ignored/{name}": {
            "delete": operation(
                "Stop ignoring a pseudonym",
                {"204": {"description": "No longer ignored"}, **members_only, **error_responses(422)},
                changes_state=True,
                parameters=[path_parameter("name", STRING)],
            )
        },
        "/me/category-follows": {
            "get": operation(
                "The categories the member follows (told of each new thread there; only those they may "
                "enter)",
                {**ok("Followed categories", CATEGORY_FOLLOWS), **members_only},
            ),
            "put": operation(
                "Follow exactly these categories, by slug (an unknown slug, or a category outside the "
                "member's age band, refuses the whole list: 422 with field `categories`)",
                {**ok("Followed categories", CATEGORY_FOLLOWS), **members_only, **error_responses(422)},
                obj({"categories": {"type": "array", "items": STRING}}, ["categories"]),
                changes_state=True,
            ),
        },
        "/categories/{slug}/follow": {
            method: operation(
                summary,
                {
                    **ok("Following state", obj({"following": BOOLEAN})),
                    **members_only,
                    **error_responses(*codes),
                },
                changes_state=True,
                parameters=[path_parameter("slug", STRING)],
            )
            for method, summary, codes in (
                ("post", "Follow a category: told of each new thread (403 `age_band` outside)", (403, 404)),
                ("delete", "Stop following a category", (404,)),
            )
        },
        "/me/muted-words": {
            "get": operation(
                "The member's muted words",
                {**ok("Words", obj({"words": {"type": "array", "items": STRING}})), **members_only},
            ),
            "put": operation(
                "Replace the member's muted words (at most 50)",
                {
                    **ok("Words", obj({"words": {"type": "array", "items": STRING}})),
                    **members_only,
                    **error_responses(422),
                },
                obj({"words": {"type": "array", "items": STRING, "maxItems": 50}}, ["words"]),
                changes_state=True,
            ),
        },
    }
