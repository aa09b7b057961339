"""The OpenAPI 3 description of `/api/v1`, served at `/api/v1/openapi.json`; a test keeps it complete."""

from __future__ import annotations

import importlib

from flask import Blueprint, jsonify

from core.schemas import BODIES, ERROR_DESCRIPTIONS, generated_document

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")


def ref(name: str) -> dict:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict) -> dict:
    """A JSON media type wrapper."""
    return {"application/json": {"schema": schema}}


def error_responses(*statuses: int) -> dict:
    """Error responses, all with the contract's error body."""
    return {
        str(status): {"description": ERROR_DESCRIPTIONS[status], "content": json_content(ref("Error"))}
        for status in statuses
    }


def operation(
    summary: str,
    responses: dict,
    body: dict | None = None,
    changes_state: bool = False,
    parameters: list[dict] | None = None,
) -> dict:
    """One operation; state-changing ones name the CSRF header."""
    # Any request may carry a NUL character (400) or meet a database that is out of reach (503).
    op: dict = {"summary": summary, "responses": {**error_responses(400, 503), **responses}}
    params = list(parameters or [])
    if body is not None:
        op["requestBody"] = {"required": True, "content": json_content(body)}
    if changes_state:
        params.append({"$ref": "#/components/parameters/CsrfToken"})
        op["responses"] = {**op["responses"], **error_responses(400, 413, 429)}
    if any(param.get("in") == "path" for param in params):
        # A value in the path that names nothing, or cannot be routed at all, is a 404.
        op["responses"] = {**error_responses(404), **op["responses"]}
    if params:
        op["parameters"] = params
    return op


def path_parameter(name: str, schema: dict | None = None) -> dict:
    """A required parameter in the path."""
    return {"name": name, "in": "path", "required": True, "schema": schema or {"type": "integer"}}


def query_parameter(name: str, schema: dict | None = None) -> dict:
    """An optional query-string parameter."""
    return {"name": name, "in": "query", "required": False, "schema": schema or {"type": "string"}}


def obj(properties: dict, required: list[str] | None = None, additional: bool = True) -> dict:
    """An object schema."""
    schema: dict = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if not additional:
        schema["additionalProperties"] = False
    return schema


STRING = {"type": "string"}

ERROR_SCHEMA = obj(
    {
        "error": obj(
            {
                "code": STRING,
                "message": STRING,
                "field": STRING,
                "reason": STRING,
                "limit": {"type": "integer"},
                "until": {"type": "string", "format": "date-time", "nullable": True},
                "available_at": {"type": "string", "format": "date-time"},
                "pseudonym": {"type": "string", "description": "`claimed_by_another`: who holds the item"},
                "age_band": {
                    "allOf": [{"$ref": "#/components/schemas/AgeBand"}],
                    "description": "`age_band`: the band of the space that refused (reason `outside`, or "
                    "`aged_out` for a member who has just turned 26)",
                },
            },
            ["code", "message"],
        ),
        "crisis_support": {
            "type": "boolean",
            "description": "The refused text spoke of crisis: show the help lines first. It already reached "
            "the moderators (stored hidden and queued at the top).",
        },
    },
    ["error"],
)

# Each feature describes its own paths and schemas beside its API.
PROVIDERS = (
    "moderation.openapi",
    "content.film_openapi",
    "notify.openapi",
)


# Operational endpoints live at the site's root, outside /api/v1: their path items name their own server.
ROOT_SERVER = [{"url": "/", "description": "The site's root, not /api/v1"}]
PART_STATUS = {"type": "string", "enum": ["ok", "unreachable", "not_configured", "not_checked"]}


def operational_paths() -> dict:
    """`/healthz` and `/readyz` (unauthenticated, cheap, never cached, no data) and `/metrics`."""
    readiness = obj({"database": PART_STATUS, "queue": PART_STATUS}, ["database", "queue"])
    return {
        "/healthz": {
            "servers": ROOT_SERVER,
            "get": {
                "summary": "Liveness: the process serves requests",
                "security": [],
                "responses": {
                    "200": {
                        "description": "Alive",
                        "content": json_content(obj({"ok": {"type": "boolean", "enum": [True]}}, ["ok"])),
                    }
                },
            },
        },
        "/readyz": {
            "servers": ROOT_SERVER,
            "get": {
                "summary": "Readiness: the database and (when configured) the Redis message queue answer",
                "security": [],
                "responses": {
                    "200": {"description": "Ready", "content": json_content(readiness)},
                    "503": {
                        "description": "Not ready: a part is `unreachable`",
                        "content": json_content(readiness),
                    },
                },
            },
        },
        "/metrics": {
            "servers": ROOT_SERVER,
            "get": {
                "summary": "Prometheus metrics of the answering process (allowed addresses or bearer token)",
                "security": [{"metricsToken": []}, {}],
                "responses": {
                    "200": {
                        "description": "Prometheus text exposition format",
                        "content": {"text/plain": {"schema": STRING}},
                    },
                    "403": {"description": "Neither an allowed address nor the token"},
                },
            },
        },
    }


def openapi30(schema: object, names: bool = False) -> object:
    """A pydantic (JSON Schema 2020-12, OpenAPI 3.1) schema written as OpenAPI 3.0.3, which the document
    keeps for the tools that read it: `anyOf [X, null]` becomes `nullable`, `const` an enum of one.
    `names`: a mapping of names to schemas (`properties`), where a field may be called `title`."""
    if isinstance(schema, list):
        return [openapi30(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if names:
        return {name: openapi30(value) for name, value in schema.items()}
    # pydantic's `title` annotations go; a property named `title` stays (handled above).
    schema = {
        key: openapi30(value, names=key in NAMED_SCHEMAS) for key, value in schema.items() if key != "title"
    }
    if "const" in schema:
        schema["enum"] = [schema.pop("const")]
    choices = schema.get("anyOf")
    if isinstance(choices, list) and {"type": "null"} in choices:
        rest = [choice for choice in choices if choice != {"type": "null"}]
        del schema["anyOf"]
        if len(rest) == 1 and "$ref" not in rest[0]:
            schema = {**rest[0], **schema}
        elif len(rest) == 1:
            schema["allOf"] = rest
        else:
            schema["anyOf"] = rest
        schema["nullable"] = True
    if schema.get("default", 0) is None and not schema.get("nullable"):
        del schema["default"]
    return schema


# Keys whose value maps names to schemas, not a schema itself.
NAMED_SCHEMAS = {"properties", "patternProperties", "$defs", "definitions"}


def operation_id(method: str, path: str) -> str:
    """`post_me_age_check` for POST /me/age-check: stable as long as the path is."""
    words = "".join(char if char.isalnum() else " " for char in path).split()
    return "_".join([method, *words])


def contract_operation(method: str, path: str, generated: dict) -> dict:
    """A generated operation with what every operation of ours carries (see `operation`)."""
    responses = {}
    for status, answer in generated["responses"].items():
        schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
        is_error = schema.get("$ref") == "#/components/schemas/Error"
        responses.update(error_responses(int(status)) if is_error else {status: answer})
    parameters = [
        openapi30({key: value for key, value in parameter.items() if value != ""})
        for parameter in generated.get("parameters", [])
    ]
    body = None
    request_body = generated.get("requestBody")
    if request_body:
        body = request_body["content"]["application/json"]["schema"]
    op = operation(
        generated["summary"],
        responses,
        body,
        changes_state=method != "get",
        parameters=parameters,
    )
    if body is not None and BODIES[body["$ref"].rsplit("/", 1)[1]].empty_allowed:
        op["requestBody"]["required"] = False
    op["operationId"] = operation_id(method, path)
    if "security" in generated:
        op["security"] = generated["security"]
    if generated.get("description"):
        op["description"] = generated["description"]
    return op


def generated_parts() -> tuple[dict, dict]:
    """The paths and schemas written from the `@documented` views' models."""
    spec = generated_document()
    paths = {
        path.removeprefix("/api/v1"): {
            method: contract_operation(method, path.removeprefix("/api/v1"), generated)
            for method, generated in item.items()
        }
        for path, item in spec["paths"].items()
    }
    return paths, openapi30(spec["components"]["schemas"], names=True)


def openapi_document() -> dict:
    """The whole document."""
    paths: dict = {
        "/openapi.json": {
            "get": operation(
                "This document",
                {"200": {"description": "OpenAPI 3 document", "content": json_content({"type": "object"})}},
            )
        },
        **operational_paths(),
    }
    schemas: dict = {"Error": ERROR_SCHEMA}
    for name in PROVIDERS:
        provider = importlib.import_module(name)
        paths.update(provider.paths())
        schemas.update(provider.SCHEMAS)
    generated_paths, generated_schemas = generated_parts()
    for path, item in generated_paths.items():
        paths[path] = {**paths.get(path, {}), **item}
    schemas.update(generated_schemas)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Bryggan API",
            "version": "1",
            "description": "Anonymous peer support for relatives. Members appear only by pseudonym. "
            "State-changing requests need the X-CSRF-Token header from GET /session.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": {
                "CsrfToken": {
                    "name": "X-CSRF-Token",
                    "in": "header",
                    "required": True,
                    "schema": STRING,
                    "description": "The csrf_token from GET /session",
                }
            },
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "bryggan_session"},
                "metricsToken": {"type": "http", "scheme": "bearer", "description": "BRYGGAN_METRICS_TOKEN"},
            },
        },
        "security": [{"session": []}],
    }


@bp.get("/openapi.json")
def openapi_json():
    """Serve the document."""
    return jsonify(openapi_document())
