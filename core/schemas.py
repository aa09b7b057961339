"""Request and response bodies as pydantic models, documented by spectree from the models that validate.

A view names its models once, with `@documented(body=..., responses=...)`; the view reads its body with
`body()` (validated by that model, after the view's own checks such as `require_member()`, so a stranger
still gets 401 before a 422), and `core.openapi` writes the OpenAPI entry from the same declaration.
Limits are not repeated here: models take them from the services' constants.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Annotated, Any, ClassVar

from flask import current_app, g
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, ValidationError, WithJsonSchema
from spectree import Response, SpecTree
from spectree.plugins.base import Context
from spectree.plugins.flask_plugin import FlaskPlugin

from core.api import json_body, optional_json_body
from core.exceptions import InvalidInput

NO_BODY = object()
# Every documented body by its schema name, for the document (whether it may be left out).
BODIES: dict[str, type[Body]] = {}


# A moment as the API has always written it: `datetime.isoformat()` (UTC as +00:00, not pydantic's Z).
Moment = Annotated[
    datetime,
    PlainSerializer(datetime.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def checked_by_service(schema: dict) -> Any:
    """A field the service checks itself, with its own error codes (`weak_password`, `too_long`…): passed
    on as sent, documented as `schema` (whose limits come from the service's constants)."""
    return Annotated[Any, WithJsonSchema(schema)]


class Body(BaseModel):
    """A request body: types as JSON sends them (no coercion); unknown fields are ignored, as always."""

    model_config = ConfigDict(strict=True, extra="ignore")
    # An empty request body reads as {} (the body's fields are all optional).
    empty_allowed: ClassVar[bool] = False


class NoFields(Body):
    """An optional, empty body (`{}` or nothing at all)."""

    empty_allowed = True


class PageQuery(BaseModel):
    """`?page=` of a listing (from 1; the views clamp what is out of range rather than refuse it)."""

    page: int = Field(None, ge=1)


def open_to_additions(schema: dict) -> None:
    """Answers refuse unknown fields when they are built, but readers must tolerate fields added later."""
    schema.pop("additionalProperties", None)


class Answer(BaseModel):
    """A response body; `dump()` gives the JSON object the contract fixes."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=open_to_additions)

    def dump(self) -> dict:
        """The JSON object, without the optional fields this answer did not set."""
        return self.model_dump(mode="json", exclude_unset=True)


class AgeBand(Answer):
    """An age band: only members whose age lies inside may read, write or follow there."""

    min: int
    max: int


class ErrorDetail(Answer):
    """The contract's error: a code, a message for people, and what the code needs."""

    code: str
    message: str
    field: str | None = None
    reason: str | None = None
    limit: int | None = None
    until: str | None = Field(None, json_schema_extra={"format": "date-time"})
    available_at: str | None = Field(None, json_schema_extra={"format": "date-time"})
    pseudonym: str | None = Field(None, description="`claimed_by_another`: who holds the item")
    age_band: AgeBand | None = Field(
        None,
        description="`age_band`: the band of the space that refused (reason `outside`, or `aged_out` for a "
        "member who has just turned 26)",
    )
    model_config = ConfigDict(extra="allow")


class Error(Answer):
    """The body of every error answer."""

    error: ErrorDetail
    crisis_support: bool | None = Field(
        None,
        description="The refused text spoke of crisis: show the help lines first. It already reached the "
        "moderators (stored hidden and queued at the top).",
    )


class ContractPlugin(FlaskPlugin):
    """spectree's Flask plugin, held to our contract: the body is read when the view asks for it, with our
    400 `bad_request` and 422 `invalid` (naming the field); answers are built by the views, not re-checked."""

    def request_validation(self, request, query, json, form, headers, cookies):
        """Remember the body's model; `body()` reads and validates it."""
        g.body_model = json
        request.context = Context(None, None, None, None, None)

    def validate_response(self, resp, resp_model, skip_validation, force_resp_serialize):
        """Pass the view's answer on unchanged (the schemathesis tests check answers against the document)."""
        return super().validate_response(resp, resp_model, True, force_resp_serialize)


api = SpecTree(
    "flask",
    backend=ContractPlugin,
    mode="strict",
    annotations=False,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
    validation_error_model=Error,
)


def invalid_input(error: ValidationError) -> InvalidInput:
    """The first problem pydantic found, as the contract's 422 `invalid` naming the field."""
    problems = error.errors()
    location = problems[0]["loc"] if problems else ()
    field = str(location[0]) if location else None
    return InvalidInput(field=field)


def body() -> Any:
    """The request's JSON body, validated by the model the view's `@documented(body=...)` names."""
    cached = g.get("body_value", NO_BODY)
    if cached is not NO_BODY:
        return cached
    model = g.get("body_model")
    if model is None:
        raise RuntimeError("body() in a view without @documented(body=...)")
    data = optional_json_body() if model.empty_allowed else json_body()
    try:
        value = model.model_validate(data)
    except ValidationError as error:
        raise invalid_input(error) from None
    g.body_value = value
    return value


def documented(
    *,
    body: type[Body] | None = None,
    responses: dict[int, type[Answer] | tuple[type[Answer], str] | str] | None = None,
    errors: tuple[int, ...] = (),
    query: type[BaseModel] | None = None,
    public: bool = False,
):
    """Name a view's request body, its answers ({status: model, (model, description) or description})
    and the error statuses it may give (with the contract's error body); `public`: no session needed."""
    models: dict[str, Any] = {}
    for status, answer in (responses or {}).items():
        models[f"HTTP_{status}"] = (None, answer) if isinstance(answer, str) else answer
    for status in errors:
        models[f"HTTP_{status}"] = (Error, ERROR_DESCRIPTIONS[status])
    described = Response(**models)
    if body is not None:
        BODIES[body.__name__] = body
    return api.validate(json=body, query=query, resp=described, security={} if public else None)


ERROR_DESCRIPTIONS = {
    400: "Bad request or missing CSRF token (`csrf_failed`)",
    401: "Not signed in, or invalid credentials",
    403: "Not allowed, suspended, or `age_band` (an age-banded space and a member outside its band)",
    404: "Not found",
    409: "Conflict",
    413: "Request too large",
    422: "Invalid input",
    429: "Rate limited (see Retry-After)",
    503: "`unavailable`: the database is out of reach for a moment; nothing was stored (see Retry-After)",
}


def generated_document() -> dict:
    """spectree's document of every `@documented` view of the current app (OpenAPI 3.1 schemas)."""
    cached = current_app.extensions.get("schemas.document")
    if cached is None:
        # spectree caches one document per SpecTree; tests build many apps, so each app keeps its own.
        # Generating lifts nested models out of the stored schemas (deleting their `$defs`), so a second
        # app's document would lack them: generate from a copy.
        models = api.models
        api.models = copy.deepcopy(models)
        try:
            cached = api._generate_spec()
        finally:
            api.models = models
        current_app.extensions["schemas.document"] = cached
    return cached
