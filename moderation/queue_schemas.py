"""The review queue's bodies as pydantic models: queue items, claims, actions, undo and the audit log.

The answers are built by `moderation.queue` and `moderation.claims` (pages and sockets show the same
items); these models describe them for the OpenAPI document. Limits and choices come from the services'
constants; what the services check themselves (with their own error codes) is passed on as sent.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from core.schemas import Answer, Body, Moment, checked_by_service
from forum.services import BODY_MAX as POST_BODY_MAX  # a post's edit limit (allowed in pyproject.toml)
from moderation.history import DECIDED
from moderation.models import REVIEW_STATUSES
from moderation.services import ACTIONS, REASON_MAX

REASON = {"type": "string", "maxLength": REASON_MAX}
DAY = {"type": "string", "format": "date"}
# The kinds registered by forum and chat (moderation.reviewable); the path names them in the plural.
KINDS = ["post", "chat_message"]
KIND_DESCRIPTION = "A registered kind of text: `post` or `chat_message`"


class Named(Answer):
    """Someone named only by a pseudonym."""

    pseudonym: str


class ChatLine(Answer):
    """A line around a flagged chat message, as the room showed it."""

    id: int
    pseudonym: str
    text: str
    flagged: bool = Field(description="The line under review")


class ReviewContext(Answer):
    """Where the text stands: a post's thread, or a chat message's room and the lines around it."""

    url: str = Field(description="The page showing the text (`/posts/<id>` or `/chat/<room>`)")
    thread_id: int | None = Field(None, description="Posts only")
    room: str | None = Field(None, description="Chat messages only: the room's slug")
    lines: list[ChatLine] | None = Field(None, description="Chat messages only: the lines around it")


class Signal(Answer):
    """What the system saw: which crisis or grooming signal fired on which words, or why a text is held."""

    reason: str
    note: str


class Flagger(Answer):
    """A member who flagged: the pseudonym they had then, how old their account was when they flagged (null
    once deleted), and whether the flag counted toward auto-hide and the safety net (accounts under
    FLAG_MIN_ACCOUNT_AGE_HOURS, or with nothing written, do not count)."""

    pseudonym: str | None
    account_age_days: int | None
    counted: bool


class ReviewItem(Answer):
    """A text under review, with what moderators need to decide on it. `full_text`, `context` and
    `link_label` are there only while the text still exists."""

    kind: str = Field(json_schema_extra={"enum": KINDS})
    kind_label: str = Field(description="`kind` translated")
    id: int
    excerpt: str
    reasons: list[str]
    reason_labels: list[str] = Field(description="`reasons` translated")
    status_label: str = Field(description="`status` translated (the outcome)")
    flag_count: int
    status: str = Field(json_schema_extra={"enum": list(REVIEW_STATUSES)})
    author: Named | None
    created_at: Moment
    hidden: bool
    full_text: str | None = Field(None, description="A post's Markdown source")
    context: ReviewContext | None = None
    link_label: str | None = Field(None, description="The link to `context.url` in the request's language")
    claimed_by: Named | None
    claimed_since: Moment | None
    decided_by: Named | None = Field(
        description="Who made the last decision, under the pseudonym they had then"
    )
    decided_at: Moment | None
    can_undo: bool = Field(description="The last decision can be undone")
    signals: list[Signal] = Field(description=Signal.__doc__)
    flaggers: list[Flagger] = Field(description="Members who flagged it")


class ReviewItems(Answer):
    """Queue items."""

    items: list[ReviewItem]


class OneReviewItem(Answer):
    """The item after a decision."""

    item: ReviewItem


class Claim(Answer):
    """Who holds the item now, and since when."""

    claimed_by: Named | None
    since: Moment | None


class QueueQuery(BaseModel):
    """Which items: pending ones by default; `decided` (or an outcome with filters) for decided ones."""

    status: str = Field(
        None,
        json_schema_extra={"enum": [*REVIEW_STATUSES, "decided"]},
        description="`decided`: every decided item, most recently decided first",
    )
    outcome: str = Field(None, json_schema_extra={"enum": list(DECIDED)})
    moderator: str = Field(None, description="who decided")
    kind: str = Field(None, json_schema_extra={"enum": KINDS})
    since: str = Field(None, alias="from", json_schema_extra=DAY)
    until: str = Field(None, alias="to", json_schema_extra=DAY)


class ActionBody(Body):
    """A decision on a text. Every field is checked by the service, which names the field at fault."""

    action: checked_by_service({"type": "string", "enum": list(ACTIONS)}) = None
    reason: checked_by_service(REASON) = None
    body: checked_by_service(
        {"type": "string", "maxLength": POST_BODY_MAX, "description": "`edit`: the new text"}
    ) = None
    override: checked_by_service(
        {
            "type": "boolean",
            "description": "Change an item another moderator decided (else 409 `already_decided`)",
        }
    ) = None
    model_config = ConfigDict(json_schema_extra={"required": ["action"]})


class UndoBody(Body):
    """Why the decision is undone (may be left out, as may the whole body)."""

    empty_allowed = True
    reason: checked_by_service(REASON) = None


class AuditEntry(Answer):
    """A moderator's action, signed with the pseudonym the moderator had then."""

    at: Moment
    moderator: str
    action: str
    target: str
    reason: str
    action_label: str | None = Field(None, description="The action in the request's language")
    target_label: str | None = Field(None, description="The target in the request's language")


class AuditPage(Answer):
    """A page of the audit log, newest first."""

    entries: list[AuditEntry]
    page: int | None = None
    pages: int | None = None


class AuditQuery(BaseModel):
    """Filters of the audit log (a 422 names the field at fault)."""

    moderator: str = Field(None, description="The moderator's pseudonym")
    action: str = Field(None, description="A code such as `post.hide`, or a family such as `sanction`")
    pseudonym: str = Field(None, description="The member's pseudonym as it was named then")
    since: str = Field(None, alias="from", json_schema_extra=DAY)
    until: str = Field(None, alias="to", json_schema_extra=DAY)
    page: int = Field(None)
