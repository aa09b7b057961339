"""OpenAPI description of a film's files for editors: what the film has, and uploading one (raw body)."""

from __future__ import annotations

from core.openapi import STRING, error_responses, json_content, obj, operation, path_parameter, ref

SLOT = {"type": "string", "enum": ["video", "poster", "captions.sv", "captions.en", "transcript"]}

SCHEMAS = {
    "FilmMedia": obj(
        {
            "slug": STRING,
            "duration_seconds": {"type": "number", "nullable": True},
            "files": {
                "type": "array",
                "items": obj(
                    {
                        "slot": SLOT,
                        "label": STRING,
                        "required": {"type": "boolean"},
                        "max_bytes": {"type": "integer"},
                        "file": obj(
                            {
                                "name": STRING,
                                "mime": STRING,
                                "size": {"type": "integer"},
                                "sha256": STRING,
                                "updated_at": {"type": "string", "format": "date-time"},
                                "detail": STRING,
                            },
                            ["name", "mime", "size", "sha256", "updated_at"],
                        )
                        | {"nullable": True},
                    },
                    ["slot", "required", "max_bytes", "file"],
                ),
            },
            "missing": {
                "type": "array",
                "description": "What stops the film from being published: `video_missing`, "
                "`captions_sv_missing`, `captions_sv_too_long`",
                "items": obj({"code": STRING, "message": STRING}, ["code", "message"]),
            },
            "ready_to_publish": {"type": "boolean"},
        },
        ["slug", "files", "missing", "ready_to_publish"],
    ),
}


def paths() -> dict:
    """The film media paths."""
    status = operation(
        "A film's files, their sizes and what is still missing to publish it (editors and admins)",
        {
            "200": {"description": "The film's files", "content": json_content(ref("FilmMedia"))},
            **error_responses(401, 403),
        },
        parameters=[path_parameter("slug", STRING)],
    )
    upload = operation(
        "Replace one of a film's files with the raw request body, streamed to storage in chunks. Videos are "
        "MP4 (H.264, AAC) or WebM, posters JPEG or PNG, captions WebVTT whose cues end after they start, in "
        "order and within the video; the transcript is Markdown. A refused or interrupted upload, or one "
        "whose session ended meanwhile, is discarded whole.",
        {
            "200": {"description": "Stored; the film's files now", "content": json_content(ref("FilmMedia"))},
            **error_responses(401, 403, 422),
            "413": {
                "description": "`upload_too_large`: over the place's limit (`max_bytes`; videos "
                "LIBRARY_UPLOAD_MAX_BYTES), refused from Content-Length before reading or as soon as the "
                "streamed body passes it",
                "content": json_content(ref("Error")),
            },
        },
        changes_state=True,
        parameters=[path_parameter("slug", STRING), path_parameter("name", SLOT)],
    )
    upload["requestBody"] = {
        "required": True,
        "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
    }
    upload["responses"]["422"]["description"] = (
        "`invalid_media`: the file's bytes do not fit the place (`field`)"
    )
    remove = operation(
        "Remove an optional file (poster, captions.en, transcript); without a written transcript, the one "
        "made from the Swedish captions is shown again",
        {
            "200": {
                "description": "Removed; the film's files now",
                "content": json_content(ref("FilmMedia")),
            },
            **error_responses(401, 403),
            "409": {
                "description": "`required_file`: the video and Swedish captions are replaced, never removed",
                "content": json_content(ref("Error")),
            },
        },
        changes_state=True,
        parameters=[path_parameter("slug", STRING), path_parameter("name", SLOT)],
    )
    return {
        "/library/{slug}/media": {"get": status},
        "/library/{slug}/media/{name}": {"put": upload, "delete": remove},
    }
