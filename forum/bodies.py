"""The forum API's request bodies as pydantic models: what a client may send, with the limits the services
hold (the answers are in forum/schemas.py)."""

from __future__ import annotations

from typing import Annotated

from pydantic import WithJsonSchema

from core.schemas import Body, checked_by_service
from core.text import SLUG, SLUG_MAX
from forum.personal import MUTED_WORDS_MAX
from forum.schemas import AGE_BAND, BOOLEAN, CLIENT_ID_SCHEMA, STRING
from forum.services import BODY_MAX, CATEGORY_DESCRIPTION_MAX, CATEGORY_NAME_MAX, POSITION_MAX, TITLE_MAX
from moderation.models import FLAG_REASONS
from moderation.services import NOTE_MAX, REASON_MAX


class CategoryChange(Body):
    """A new category, or the fields of one to change (admins)."""

    slug: checked_by_service({"type": "string", "pattern": f"^{SLUG.pattern}$", "maxLength": SLUG_MAX}) = None
    name_sv: checked_by_service({"type": "string", "maxLength": CATEGORY_NAME_MAX}) = None
    name_en: checked_by_service({"type": "string", "maxLength": CATEGORY_NAME_MAX}) = None
    description_sv: checked_by_service({"type": "string", "maxLength": CATEGORY_DESCRIPTION_MAX}) = None
    description_en: checked_by_service({"type": "string", "maxLength": CATEGORY_DESCRIPTION_MAX}) = None
    position: checked_by_service({"type": "integer", "minimum": 0, "maximum": POSITION_MAX - 1}) = None
    age_band: checked_by_service(AGE_BAND) = None


class NewThread(Body):
    """A thread's title and first post."""

    title: checked_by_service({"type": "string", "maxLength": TITLE_MAX}) = None
    body: checked_by_service({"type": "string", "maxLength": BODY_MAX}) = None
    confirm_personal_data: checked_by_service(BOOLEAN) = None
    client_id: checked_by_service(CLIENT_ID_SCHEMA) = None
    model_config = {"json_schema_extra": {"required": ["title", "body"]}}


class NewPost(Body):
    """A reply."""

    body: checked_by_service({"type": "string", "maxLength": BODY_MAX}) = None
    confirm_personal_data: checked_by_service(BOOLEAN) = None
    client_id: checked_by_service(CLIENT_ID_SCHEMA) = None
    model_config = {"json_schema_extra": {"required": ["body"]}}


class PostBody(Body):
    """An edited post."""

    body: checked_by_service({"type": "string", "maxLength": BODY_MAX}) = None
    confirm_personal_data: checked_by_service(BOOLEAN) = None
    model_config = {"json_schema_extra": {"required": ["body"]}}


class ThreadChange(Body):
    """Moderators pin, lock or retitle a thread."""

    # Absent: unchanged; present, only the right type (not even null) is taken.
    pinned: bool = None
    locked: bool = None
    title: Annotated[str, WithJsonSchema({"type": "string", "minLength": 1, "maxLength": TITLE_MAX})] = None
    reason: checked_by_service({"type": "string", "maxLength": REASON_MAX}) = None


class ReadUpTo(Body):
    """The last post the member has seen."""

    last_post_id: checked_by_service({"type": "integer"}) = None
    model_config = {"json_schema_extra": {"required": ["last_post_id"]}}


class FlagRequest(Body):
    """Why the post should be looked at."""

    reason: checked_by_service({"type": "string", "enum": list(FLAG_REASONS)}) = None
    note: checked_by_service({"type": "string", "maxLength": NOTE_MAX}) = None
    model_config = {"json_schema_extra": {"required": ["reason"]}}


class CategorySlugs(Body):
    """Follow exactly these categories."""

    categories: checked_by_service({"type": "array", "items": STRING}) = None
    model_config = {"json_schema_extra": {"required": ["categories"]}}


class IgnoreRequest(Body):
    """The pseudonym to ignore."""

    pseudonym: checked_by_service(STRING) = None
    model_config = {"json_schema_extra": {"required": ["pseudonym"]}}


class MutedWordList(Body):
    """The muted words, all of them."""

    words: checked_by_service({"type": "array", "items": STRING, "maxItems": MUTED_WORDS_MAX}) = None
    model_config = {"json_schema_extra": {"required": ["words"]}}
