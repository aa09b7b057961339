"""The library editors' API bodies as pydantic models (content/editor_api.py): items with drafts, revisions,
diffs, preview and synonym groups. Every field of a request is checked by content.editing or
content.synonyms, which answer 400 with a message per field (`fields`): the models pass them on as sent and
document them from the services' constants. The answers are shaped by content/shaping.py (the editors' pages
share them) and described here."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from content.editing import LIMITS, MAX_BODY_LENGTH
from content.metadata import MAX_SLUG_LENGTH, MAX_SOURCES, MAX_TAG_LENGTH, MAX_TAGS
from content.models import STATUSES
from content.revisions import SOURCES
from content.schemas import TOPIC_DESCRIPTION, Kind
from content.services import KINDS, MAX_QUERY_LENGTH
from content.synonyms import MAX_GROUPS, MAX_TERM_LENGTH, MAX_TERMS
from core.schemas import Answer, Body, checked_by_service

STRING = {"type": "string"}
DAY = {"type": "string", "format": "date"}
TOPIC = {"type": "string", "description": TOPIC_DESCRIPTION}
KIND = {"type": "string", "enum": list(KINDS)}
BASE_REVISION = {"type": "integer", "description": "The revision the change began from"}
SOURCE = {
    "type": "object",
    "properties": {"title": STRING, "url": {"type": "string", "format": "uri"}, "read": DAY},
    "required": ["title", "url"],
}


class Source(Answer):
    """A source the article rests on."""

    title: str
    url: str = Field(json_schema_extra={"format": "uri"})
    read: str | None = Field(None, json_schema_extra={"format": "date"})


class MediaFile(Answer):
    """A film's file: video, poster or captions (with their language)."""

    name: str
    role: str
    language: str | None = None


class LibraryEditorItem(Answer):
    """An item as the editors see it; in a list without its Markdown, fields and media."""

    slug: str
    kind: Kind
    status: str = Field(json_schema_extra={"enum": list(STATUSES)})
    revision: int
    title: str
    topic: str = Field(description=TOPIC_DESCRIPTION)
    review_due: str = Field(json_schema_extra={"format": "date"})
    due_for_review: bool
    summary: str | None = None
    tags: list[str] | None = None
    body: str | None = Field(None, description="Markdown")
    sources: list[Source] | None = None
    forum_category: str | None = None
    chat_room: str | None = None
    reviewed_on: str | None = Field(None, json_schema_extra={"format": "date"})
    review_by: str | None = Field(None, json_schema_extra={"format": "date"})
    media: list[MediaFile] | None = None


class LibraryEditorItems(Answer):
    """Every item that matches, drafts too."""

    items: list[LibraryEditorItem]


class LibraryRevision(Answer):
    """A revision in a list: its number, when, how, by whom, and which fields changed."""

    number: int
    created_at: str = Field(json_schema_extra={"format": "date-time"})
    source: str = Field(json_schema_extra={"enum": list(SOURCES)})
    author: str | None = Field(description="The editor's pseudonym")
    changed_fields: list[str]


class LibraryRevisions(Answer):
    """Newest first (without the snapshots)."""

    revisions: list[LibraryRevision]


class FieldDiff(Answer):
    """One field's unified diff."""

    field: str
    diff: str


class LibraryDiff(Answer):
    """Field-by-field differences between two revisions."""

    older: int = Field(alias="from")
    newer: int = Field(alias="to")
    changes: list[FieldDiff]


class Preview(Answer):
    """The body as readers will see it, and what would be refused."""

    html: str
    problems: list[str]


class SynonymGroups(Answer):
    """Every synonym group's terms."""

    groups: list[list[str]]


class EditorItemsQuery(BaseModel):
    """Filters of the editors' list."""

    q: str = Field(None, max_length=MAX_QUERY_LENGTH)
    status: str = Field(
        None,
        json_schema_extra={"enum": [*STATUSES, "due"]},
        description="`due`: items due for review",
    )
    topic: str = Field(None, description=TOPIC_DESCRIPTION)
    kind: str = Field(None, json_schema_extra={"enum": list(KINDS)})


class DiffQuery(BaseModel):
    """The revisions to compare (`to`: the current one without)."""

    older: int = Field(None, alias="from")
    newer: int = Field(None, alias="to")


class ItemFields(Body):
    """An item's editable fields, checked by content.editing (400 with a message per field)."""

    title: checked_by_service({"type": "string", "maxLength": LIMITS["title"]}) = None
    summary: checked_by_service({"type": "string", "maxLength": LIMITS["summary"]}) = None
    topic: checked_by_service(TOPIC) = None
    tags: checked_by_service(
        {"type": "array", "maxItems": MAX_TAGS, "items": {"type": "string", "maxLength": MAX_TAG_LENGTH}}
    ) = None
    body: checked_by_service(
        {
            "type": "string",
            "maxLength": MAX_BODY_LENGTH,
            "description": "Markdown; HTML and images are refused (400 on `body`)",
        }
    ) = None
    sources: checked_by_service({"type": "array", "maxItems": MAX_SOURCES, "items": SOURCE}) = None
    forum_category: checked_by_service({"type": "string", "nullable": True}) = None
    chat_room: checked_by_service({"type": "string", "nullable": True}) = None
    reviewed_on: checked_by_service(DAY) = None
    review_by: checked_by_service({**DAY, "nullable": True}) = None
    # The service reads the body as a whole, as the editors' form sends it.
    model_config = ConfigDict(extra="allow")


class NewItem(ItemFields):
    """A new draft article or film."""

    slug: checked_by_service({"type": "string", "maxLength": MAX_SLUG_LENGTH}) = None
    kind: checked_by_service(KIND) = None
    model_config = ConfigDict(json_schema_extra={"required": ["slug", "title", "summary", "topic"]})


class ItemSave(ItemFields):
    """The item's fields, saved as a new revision."""

    base_revision: checked_by_service(BASE_REVISION) = None
    model_config = ConfigDict(json_schema_extra={"required": ["base_revision", "title", "summary", "topic"]})


class StatusChange(Body):
    """Publish or unpublish the item as it stands at `base_revision`."""

    base_revision: checked_by_service(BASE_REVISION) = None
    model_config = ConfigDict(json_schema_extra={"required": ["base_revision"]})


class RestoreBody(Body):
    """Bring back `revision` as a new revision."""

    revision: checked_by_service({"type": "integer"}) = None
    base_revision: checked_by_service(BASE_REVISION) = None
    model_config = ConfigDict(json_schema_extra={"required": ["revision", "base_revision"]})


class PreviewBody(Body):
    """Markdown to render (longer text is cut at the body's limit)."""

    body: checked_by_service(STRING) = None
    model_config = ConfigDict(json_schema_extra={"required": ["body"]})


class SynonymsBody(Body):
    """Every group: a list of terms, or a comma-separated text (400 names each bad group by position)."""

    groups: checked_by_service(
        {
            "type": "array",
            "maxItems": MAX_GROUPS,
            "items": {
                "type": "array",
                "maxItems": MAX_TERMS,
                "items": {"type": "string", "maxLength": MAX_TERM_LENGTH},
            },
        }
    ) = None
    model_config = ConfigDict(json_schema_extra={"required": ["groups"]})
