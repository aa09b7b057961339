"""OpenAPI description of the library endpoints (public: no session needed)."""

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

SCHEMAS = {
    "LibraryItemSummary": obj(
        {"slug": STRING, "kind": KIND, "title": STRING, "summary": STRING, "topic": STRING, "url": STRING},
        ["slug", "kind", "title", "summary", "topic"],
    ),
    "LibraryItem": obj(
        {
            "slug": STRING,
            "kind": KIND,
            "title": STRING,
            "summary": STRING,
            "topic": STRING,
            "url": STRING,
            "body_html": STRING,
            "tags": {"type": "array", "items": STRING},
            "sources": {"type": "array", "items": obj({"title": STRING, "url": STRING}, ["title", "url"])},
            "reviewed_on": {"type": "string", "format": "date"},
            "language": STRING,
            "video": obj(
                {
                    "src": STRING,
                    "mime": STRING,
                    "duration_seconds": {"type": "number"},
                    "poster": {"type": "string", "nullable": True},
                    "captions": {
                        "type": "array",
                        "items": obj({"lang": STRING, "src": STRING}, ["lang", "src"]),
                    },
                    "transcript_html": STRING,
                },
                ["src", "mime", "captions", "transcript_html"],
            ),
        },
        ["slug", "kind", "title", "summary", "topic", "body_html"],
    ),
}

PUBLIC: list = []


def paths() -> dict:
    """Every library path."""
    listing = operation(
        "Library items matching a full-text query (Swedish word forms), a topic and a kind",
        {
            "200": {
                "description": "Matching items, best match first when searching",
                "content": json_content(
                    obj({"items": {"type": "array", "items": ref("LibraryItemSummary")}}, ["items"])
                ),
            },
            **error_responses(422, 429),
        },
        parameters=[
            query_parameter("q", {"type": "string", "maxLength": 200}),
            query_parameter("topic", TOPIC),
            query_parameter("kind", KIND),
        ],
    )
    listing["security"] = PUBLIC
    item = operation(
        "One article or film",
        {
            "200": {"description": "The item", "content": json_content(ref("LibraryItem"))},
            **error_responses(404),
        },
        parameters=[path_parameter("slug", STRING)],
    )
    item["security"] = PUBLIC
    return {"/library": {"get": listing}, "/library/{slug}": {"get": item}}
