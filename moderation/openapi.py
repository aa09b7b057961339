"""OpenAPI description of the moderators' endpoints, still written by hand (assembled by core.openapi); its
limits and choices come from the services' constants. The member's staff messages are generated from
moderation/schemas.py."""

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
from forum.services import BODY_MAX
from moderation.models import REVIEW_STATUSES, SANCTION_KINDS, WATCHED_WORD_ACTIONS
from moderation.sanctions import MAX_SANCTION_HOURS
from moderation.services import ACTIONS, REASON_MAX

INTEGER = {"type": "integer"}
DATETIME = {"type": "string", "format": "date-time"}
REASON = {"type": "string", "maxLength": REASON_MAX}

SCHEMAS = {
    "ReviewItem": obj(
        {
            "kind": {"type": "string", "enum": ["post", "chat_message"]},
            "id": INTEGER,
            "excerpt": STRING,
            "reasons": {"type": "array", "items": STRING},
            "reason_labels": {"type": "array", "items": STRING, "description": "`reasons` translated"},
            "status_label": {"type": "string", "description": "`status` translated (the outcome)"},
            "flag_count": INTEGER,
            "status": {"type": "string", "enum": list(REVIEW_STATUSES)},
            "author": {"type": "object", "nullable": True, "properties": {"pseudonym": STRING}},
            "created_at": DATETIME,
            "hidden": {"type": "boolean"},
            "context": {"type": "object"},
            "claimed_by": {"type": "object", "nullable": True, "properties": {"pseudonym": STRING}},
            "claimed_since": {**DATETIME, "nullable": True},
            "decided_by": {
                "type": "object",
                "nullable": True,
                "properties": {"pseudonym": STRING},
                "description": "Who made the last decision, under the pseudonym they had then",
            },
            "decided_at": {**DATETIME, "nullable": True},
            "can_undo": {"type": "boolean", "description": "The last decision can be undone"},
            "signals": {
                "type": "array",
                "description": "What the system saw: which crisis or grooming signal fired on which words, "
                "or why a text is held",
                "items": obj({"reason": STRING, "note": STRING}, ["reason", "note"]),
            },
            "flaggers": {
                "type": "array",
                "description": "Members who flagged it: the pseudonym they had then, how old their account "
                "was when they flagged (null once deleted), and whether the flag counted toward auto-hide "
                "and the safety net (accounts under FLAG_MIN_ACCOUNT_AGE_HOURS, or with nothing written, "
                "do not count)",
                "items": obj(
                    {
                        "pseudonym": {"type": "string", "nullable": True},
                        "account_age_days": {"type": "integer", "nullable": True},
                        "counted": {"type": "boolean"},
                    },
                    ["pseudonym", "account_age_days", "counted"],
                ),
            },
        },
        ["kind", "id", "excerpt", "reasons", "flag_count", "status"],
    ),
    "AuditEntry": obj(
        {
            "at": DATETIME,
            "moderator": STRING,
            "action": STRING,
            "target": STRING,
            "reason": STRING,
            "action_label": {"type": "string", "description": "The action in the request's language"},
            "target_label": {"type": "string", "description": "The target in the request's language"},
        },
        ["at", "moderator", "action", "target", "reason"],
    ),
    "Claim": obj(
        {
            "claimed_by": {"type": "object", "nullable": True, "properties": {"pseudonym": STRING}},
            "since": {**DATETIME, "nullable": True},
        },
        ["claimed_by", "since"],
    ),
    "Shift": obj(
        {
            "id": INTEGER,
            "moderator": obj({"pseudonym": STRING}),
            "starts_at": DATETIME,
            "ends_at": DATETIME,
        },
        ["id", "moderator", "starts_at", "ends_at"],
    ),
    "Duty": obj(
        {
            "on_duty": {"type": "boolean"},
            "until": {**DATETIME, "nullable": True},
            "on_duty_now": {"type": "array", "items": obj({"pseudonym": STRING})},
        },
        ["on_duty", "until", "on_duty_now"],
    ),
    "StaffNote": obj({"body": STRING, "at": DATETIME, "author": {"type": "string", "nullable": True}}),
}


# The staff message's schemas (StaffMessage, StaffMessageBody) are written from moderation/schemas.py.
STAFF_MESSAGE_BODY = ref("StaffMessageBody")


def reaching_paths(guarded: dict, member_path: dict) -> dict:
    """Claims on queue items and private messages between the staff and a member."""
    kind_path = path_parameter(
        "kind", {"type": "string", "enum": ["post", "chat_message", "posts", "chat-messages"]}
    )
    claim_answer = {"description": "Who holds the item now", "content": json_content(ref("Claim"))}
    one_message = json_content(obj({"message": ref("StaffMessage")}, ["message"]))
    messages = json_content(obj({"messages": {"type": "array", "items": ref("StaffMessage")}}, ["messages"]))
    return {
        "/moderation/items/{kind}/{target_id}/claim": {
            "post": operation(
                '"I\'ll take this one": claim a queue item (409 `claimed_by_another` names who holds it)',
                {"200": claim_answer, **guarded, **error_responses(409)},
                changes_state=True,
                parameters=[kind_path, path_parameter("target_id")],
            ),
            "delete": operation(
                "Release a claim (any moderator may: a claim left behind is no dead end)",
                {"200": claim_answer, **guarded},
                changes_state=True,
                parameters=[kind_path, path_parameter("target_id")],
            ),
        },
        "/moderation/members/{pseudonym}/messages": {
            "get": operation(
                "The private conversation with one of a member's names (only that name's messages)",
                {"200": {"description": "Oldest first", "content": messages}, **guarded},
                parameters=[member_path],
            ),
            "post": operation(
                "Write privately to a member; they get the `staff_message` socket event at once",
                {"201": {"description": "Sent", "content": one_message}, **guarded, **error_responses(422)},
                STAFF_MESSAGE_BODY,
                changes_state=True,
                parameters=[member_path],
            ),
        },
        "/moderation/members/{pseudonym}/messages/read": {
            "post": operation(
                "Mark the member's answers under this name read (writing to them does so too)",
                {"204": {"description": "Marked"}, **guarded},
                changes_state=True,
                parameters=[member_path],
            )
        },
        "/moderation/staff-inbox": {
            "get": operation(
                "Members whose answers to the staff nobody has read yet, crisis first",
                {
                    "200": {
                        "description": "Members waiting",
                        "content": json_content(
                            obj(
                                {
                                    "members": {
                                        "type": "array",
                                        "items": obj(
                                            {
                                                "pseudonym": STRING,
                                                "count": INTEGER,
                                                "crisis": {"type": "boolean"},
                                                "since": DATETIME,
                                            }
                                        ),
                                    }
                                }
                            )
                        ),
                    },
                    **guarded,
                },
            )
        },
    }


def paths() -> dict:
    """Every moderation path."""
    guarded = error_responses(401, 403)
    note_path = {"name": "pseudonym", "in": "path", "required": True, "schema": STRING}
    return {
        **reaching_paths(guarded, note_path),
        "/moderation/queue": {
            "get": operation(
                "The review queue, most urgent first (crisis, personal data, harassment, spam, other)",
                {
                    "200": {
                        "description": "Items",
                        "content": json_content(
                            obj({"items": {"type": "array", "items": ref("ReviewItem")}}, ["items"])
                        ),
                    },
                    **guarded,
                    **error_responses(422),
                },
                parameters=[
                    query_parameter(
                        "status",
                        {
                            "type": "string",
                            "enum": [*REVIEW_STATUSES, "decided"],
                            "description": "`decided`: every decided item, most recently decided first",
                        },
                    ),
                    query_parameter(
                        "outcome", {"type": "string", "enum": ["approved", "hidden", "deleted", "dismissed"]}
                    ),
                    query_parameter("moderator", {"type": "string", "description": "who decided"}),
                    query_parameter("kind", {"type": "string", "enum": ["post", "chat_message"]}),
                    query_parameter("from", {"type": "string", "format": "date"}),
                    query_parameter("to", {"type": "string", "format": "date"}),
                ],
            )
        },
        "/moderation/shifts": {
            "get": operation(
                "The rota's week (`week`: any day of it, YYYY-MM-DD; this week without), shifts by start",
                {
                    "200": {
                        "description": "The week's shifts",
                        "content": json_content(
                            obj({"week": STRING, "shifts": {"type": "array", "items": ref("Shift")}})
                        ),
                    },
                    **guarded,
                    **error_responses(422),
                },
                parameters=[query_parameter("week", {"type": "string", "format": "date"})],
            ),
            "post": operation(
                "Admins put a moderator on the rota. Overlaps are allowed; a start in the past (422 on "
                "`starts_at`), an end not after the start or more than 24 hours later (`ends_at`) and a "
                "pseudonym that is not a moderator's current one (`pseudonym`) are refused. Times without an "
                "offset are Swedish time. Audited as `shift.add`",
                {
                    "201": {"description": "Added", "content": json_content(obj({"shift": ref("Shift")}))},
                    **guarded,
                    **error_responses(422),
                },
                obj(
                    {"pseudonym": STRING, "starts_at": DATETIME, "ends_at": DATETIME},
                    ["pseudonym", "starts_at", "ends_at"],
                ),
                changes_state=True,
            ),
        },
        "/moderation/shifts/{shift_id}": {
            "delete": operation(
                "Admins take a shift off the rota (audited as `shift.remove`)",
                {"204": {"description": "Removed"}, **guarded, **error_responses(404)},
                changes_state=True,
                parameters=[path_parameter("shift_id")],
            )
        },
        "/moderation/duty": {
            "get": operation(
                'Whether I am on duty ("I tjänst"), until when without further activity, and who is on duty',
                {"200": {"description": "Duty", "content": json_content(ref("Duty"))}, **guarded},
            ),
            "put": operation(
                "Go on duty or off it. Only moderators on duty count as present in the chat rooms "
                "(calm mode); duty ends by itself after MODERATOR_DUTY_IDLE_MINUTES without a moderation "
                "action. Audited",
                {
                    "200": {"description": "Duty", "content": json_content(ref("Duty"))},
                    **guarded,
                    **error_responses(422),
                },
                obj({"on_duty": {"type": "boolean"}}, ["on_duty"]),
                changes_state=True,
            ),
        },
        "/moderation/items/{kind}/{target_id}/undo": {
            "post": operation(
                "Undo the item's last decision: status, visibility and text as they were before it (flags "
                "reopen if it was waiting). Undoing an undo redoes. Audited as `<kind>.undo`",
                {
                    "200": {
                        "description": "The item after the undo",
                        "content": json_content(obj({"item": ref("ReviewItem")})),
                    },
                    **guarded,
                    **error_responses(404, 409, 422),
                },
                obj({"reason": REASON}),
                changes_state=True,
                parameters=[
                    path_parameter("kind", {"type": "string", "enum": ["post", "chat_message"]}),
                    path_parameter("target_id"),
                ],
            )
        },
        "/moderation/{kind}/{target_id}": {
            "post": operation(
                "Act on a post (`posts`) or chat message (`chat-messages`): hide, restore, delete or dismiss",
                {
                    "200": {
                        "description": "The item after the action",
                        "content": json_content(obj({"item": ref("ReviewItem")})),
                    },
                    **guarded,
                    **error_responses(404, 409, 422),
                },
                obj(
                    {
                        "action": {
                            "type": "string",
                            "enum": list(ACTIONS),
                        },
                        "reason": REASON,
                        "body": {"type": "string", "maxLength": BODY_MAX},
                        "override": {
                            "type": "boolean",
                            "description": "Change an item another moderator decided "
                            "(else 409 `already_decided`)",
                        },
                    },
                    ["action"],
                ),
                changes_state=True,
                parameters=[
                    path_parameter("kind", {"type": "string", "enum": ["posts", "chat-messages"]}),
                    path_parameter("target_id"),
                ],
            )
        },
        "/moderation/sanctions": {
            "post": operation(
                "Warn, mute (chat), suspend or ban a member by pseudonym; suspensions end sessions. A name "
                "that cannot be sanctioned (unknown, a departed member, oneself, and staff unless the caller "
                "is an admin) is always the same 422 `invalid` on `pseudonym`, so the answer never reveals "
                "who is staff. The audit entry names the member by the pseudonym given. The same kind of "
                "sanction on the same member within 10 minutes is 409 `duplicate_sanction` (field `kind`)",
                {
                    "201": {
                        "description": "Sanction recorded",
                        "content": json_content(
                            obj(
                                {
                                    "sanction": obj(
                                        {
                                            "kind": STRING,
                                            "until": {**DATETIME, "nullable": True},
                                            "reason": STRING,
                                        }
                                    )
                                }
                            )
                        ),
                    },
                    **guarded,
                    **error_responses(409, 422),
                },
                obj(
                    {
                        "pseudonym": STRING,
                        "kind": {"type": "string", "enum": list(SANCTION_KINDS)},
                        "hours": {"type": "number", "minimum": 0, "maximum": MAX_SANCTION_HOURS},
                        "reason": REASON,
                    },
                    ["pseudonym", "kind"],
                ),
                changes_state=True,
            )
        },
        "/moderation/watched-words": {
            "get": operation(
                "Watched words (moderators)",
                {
                    "200": {
                        "description": "Words",
                        "content": json_content(
                            obj(
                                {"words": {"type": "array", "items": obj({"word": STRING, "action": STRING})}}
                            )
                        ),
                    },
                    **guarded,
                },
            ),
            "post": operation(
                "Block, hold or flag a word",
                {
                    "201": {
                        "description": "Watched",
                        "content": json_content(obj({"word": obj({"word": STRING, "action": STRING})})),
                    },
                    **guarded,
                    **error_responses(422),
                },
                obj(
                    {
                        "word": {"type": "string", "maxLength": 60},
                        "action": {"type": "string", "enum": list(WATCHED_WORD_ACTIONS)},
                    },
                    ["word", "action"],
                ),
                changes_state=True,
            ),
        },
        "/moderation/watched-words/{word}": {
            "delete": operation(
                "Stop watching a word",
                {"204": {"description": "Removed"}, **guarded, **error_responses(404)},
                changes_state=True,
                parameters=[{"name": "word", "in": "path", "required": True, "schema": STRING}],
            )
        },
        "/moderation/audit": {
            "get": operation(
                "Moderator actions, newest first, 50 a page; filtered by moderator pseudonym, action (a "
                "code such as `post.hide`, or a family such as `sanction`), member pseudonym as it was named "
                "then, and days `from`/`to` (YYYY-MM-DD, Swedish time). 422 names the field at fault",
                {
                    "200": {
                        "description": "Entries",
                        "content": json_content(
                            obj(
                                {
                                    "entries": {"type": "array", "items": ref("AuditEntry")},
                                    "page": INTEGER,
                                    "pages": INTEGER,
                                },
                                ["entries"],
                            )
                        ),
                    },
                    **guarded,
                    **error_responses(422),
                },
                parameters=[
                    query_parameter(name) for name in ("moderator", "action", "pseudonym", "from", "to")
                ]
                + [query_parameter("page", INTEGER)],
            )
        },
        "/moderation/members/{pseudonym}/notes": {
            "get": operation(
                "Staff notes written about this pseudonym (not the member's other pseudonyms), each signed "
                "with its writer's pseudonym at the time",
                {
                    "200": {
                        "description": "Notes",
                        "content": json_content(obj({"notes": {"type": "array", "items": ref("StaffNote")}})),
                    },
                    **guarded,
                    **error_responses(404, 422),
                },
                parameters=[note_path],
            ),
            "post": operation(
                "Add a staff note",
                {
                    "201": {"description": "Added", "content": json_content(obj({"note": ref("StaffNote")}))},
                    **guarded,
                    **error_responses(422),
                },
                obj({"body": {"type": "string", "maxLength": 2000}}, ["body"]),
                changes_state=True,
                parameters=[note_path],
            ),
        },
    }
