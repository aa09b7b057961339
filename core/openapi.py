"""The OpenAPI 3 description of `/api/v1`, served at `/api/v1/openapi.json`; a test keeps it complete."""

from __future__ import annotations

from flask import Blueprint, jsonify

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")


def ref(name: str) -> dict:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict) -> dict:
    """A JSON media type wrapper."""
    return {"application/json": {"schema": schema}}


def error_responses(*statuses: int) -> dict:
    """Error responses, all with the contract's error body."""
    descriptions = {
        400: "Bad request or missing CSRF token (`csrf_failed`)",
        401: "Not signed in, or invalid credentials",
        403: "Not allowed, or suspended",
        404: "Not found",
        409: "Conflict",
        413: "Request too large",
        422: "Invalid input",
        429: "Rate limited (see Retry-After)",
    }
    return {
        str(status): {"description": descriptions[status], "content": json_content(ref("Error"))}
        for status in statuses
    }


def operation(summary: str, responses: dict, body: dict | None = None, changes_state: bool = False) -> dict:
    """One operation; state-changing ones name the CSRF header."""
    op: dict = {"summary": summary, "responses": responses}
    if body is not None:
        op["requestBody"] = {"required": True, "content": json_content(body)}
    if changes_state:
        op["parameters"] = [{"$ref": "#/components/parameters/CsrfToken"}]
        op["responses"] = {**responses, **error_responses(400, 413, 429)}
    return op


def obj(properties: dict, required: list[str] | None = None, additional: bool = True) -> dict:
    """An object schema."""
    schema: dict = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if not additional:
        schema["additionalProperties"] = False
    return schema


STRING = {"type": "string"}
PASSWORD = {"type": "string", "minLength": 10, "maxLength": 1000}
RECOVERY_CODE = {"type": "string", "example": "K7QX-M2ZR-9HTP-4WCE-NB3D"}

SCHEMAS = {
    "Error": obj(
        {
            "error": obj(
                {
                    "code": STRING,
                    "message": STRING,
                    "field": STRING,
                    "reason": STRING,
                    "until": {"type": "string", "format": "date-time", "nullable": True},
                    "available_at": {"type": "string", "format": "date-time"},
                },
                ["code", "message"],
            )
        },
        ["error"],
    ),
    "User": obj(
        {"pseudonym": STRING, "role": {"type": "string", "enum": ["member", "moderator", "admin"]}},
        ["pseudonym", "role"],
    ),
    "Session": obj(
        {"csrf_token": STRING, "user": {"allOf": [ref("User")], "nullable": True}}, ["csrf_token", "user"]
    ),
    "SignedIn": obj({"user": ref("User"), "csrf_token": STRING}, ["user", "csrf_token"]),
    "SignupRequest": obj(
        {
            "username": {"type": "string", "minLength": 3, "maxLength": 40},
            "password": PASSWORD,
            "birth_date": {"type": "string", "format": "date"},
            "accept_guidelines": {"type": "boolean"},
        },
        ["username", "password", "birth_date", "accept_guidelines"],
    ),
    "SignupResponse": obj(
        {"user": ref("User"), "recovery_code": RECOVERY_CODE, "csrf_token": STRING}, ["user", "recovery_code"]
    ),
    "LoginRequest": obj({"username": STRING, "password": STRING}, ["username", "password"]),
    "RecoverRequest": obj(
        {"username": STRING, "recovery_code": RECOVERY_CODE, "new_password": PASSWORD},
        ["username", "recovery_code", "new_password"],
    ),
    "RecoverResponse": obj(
        {"recovery_code": RECOVERY_CODE, "user": ref("User"), "csrf_token": STRING}, ["recovery_code"]
    ),
    "Me": obj(
        {
            "user": ref("User"),
            "pseudonym_redraw_available_at": {"type": "string", "format": "date-time", "nullable": True},
        },
        ["user", "pseudonym_redraw_available_at"],
    ),
    "PasswordChange": obj(
        {"current_password": STRING, "new_password": PASSWORD}, ["current_password", "new_password"]
    ),
    "PasswordConfirmation": obj({"current_password": STRING}, ["current_password"]),
}


def paths() -> dict:
    """Every path of the API."""
    signed_in = {
        "200": {"description": "Signed in on a new session", "content": json_content(ref("SignedIn"))}
    }
    return {
        "/session": {
            "get": operation(
                "Who is signed in, and the CSRF token",
                {"200": {"description": "Session state", "content": json_content(ref("Session"))}},
            )
        },
        "/signup": {
            "post": operation(
                "Create an account (ages 16–94 on the day) and sign in",
                {
                    "201": {"description": "Created", "content": json_content(ref("SignupResponse"))},
                    **error_responses(409, 422),
                },
                ref("SignupRequest"),
                changes_state=True,
            )
        },
        "/login": {
            "post": operation(
                "Sign in",
                {**signed_in, **error_responses(401, 403, 422)},
                ref("LoginRequest"),
                changes_state=True,
            )
        },
        "/logout": {
            "post": operation(
                "Sign out on every device", {"204": {"description": "Signed out"}}, changes_state=True
            )
        },
        "/recover": {
            "post": operation(
                "Set a new password with the one-time recovery code",
                {
                    "200": {
                        "description": "A new recovery code",
                        "content": json_content(ref("RecoverResponse")),
                    },
                    **error_responses(401, 422),
                },
                ref("RecoverRequest"),
                changes_state=True,
            )
        },
        "/me": {
            "get": operation(
                "The signed-in member's own settings",
                {
                    "200": {"description": "Settings", "content": json_content(ref("Me"))},
                    **error_responses(401),
                },
            )
        },
        "/me/password": {
            "post": operation(
                "Change the password; other sessions end",
                {**signed_in, **error_responses(401, 422)},
                ref("PasswordChange"),
                changes_state=True,
            )
        },
        "/me/recovery-code": {
            "post": operation(
                "Replace the recovery code",
                {
                    "200": {
                        "description": "The new code",
                        "content": json_content(obj({"recovery_code": RECOVERY_CODE}, ["recovery_code"])),
                    },
                    **error_responses(401, 422),
                },
                ref("PasswordConfirmation"),
                changes_state=True,
            )
        },
        "/me/pseudonym": {
            "post": operation(
                "Draw a new pseudonym (old posts keep the old one)",
                {
                    "200": {
                        "description": "The new pseudonym",
                        "content": json_content(obj({"user": ref("User")})),
                    },
                    **error_responses(401, 409),
                },
                changes_state=True,
            )
        },
        "/openapi.json": {
            "get": operation("This document", {"200": {"description": "OpenAPI 3 document"}}),
        },
    }


def openapi_document() -> dict:
    """The whole document."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Bryggan API",
            "version": "1",
            "description": "Anonymous peer support for relatives. Members appear only by pseudonym. "
            "State-changing requests need the X-CSRF-Token header from GET /session.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths(),
        "components": {
            "schemas": SCHEMAS,
            "parameters": {
                "CsrfToken": {
                    "name": "X-CSRF-Token",
                    "in": "header",
                    "required": True,
                    "schema": STRING,
                    "description": "The csrf_token from GET /session",
                }
            },
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "bryggan_session"}},
        },
        "security": [{"session": []}],
    }


@bp.get("/openapi.json")
def openapi_json():
    """Serve the document."""
    return jsonify(openapi_document())
