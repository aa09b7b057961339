"""OpenAPI description of the account endpoints (assembled by core.openapi)."""

from __future__ import annotations

from core.openapi import STRING, error_responses, json_content, obj, operation, ref

PASSWORD = {"type": "string", "minLength": 10, "maxLength": 1000}
RECOVERY_CODE = {"type": "string", "example": "K7QX-M2ZR-9HTP-4WCE-NB3D"}

SCHEMAS = {
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
            "young_until": {
                "type": "string",
                "format": "date",
                "nullable": True,
                "description": "The day the member turns 26 (young carers' spaces close then); null: 26+",
            },
            "age_check_available": {
                "type": "boolean",
                "description": "Whether POST /me/age-check may still be used (once, for members who joined "
                "before young carers' spaces existed)",
            },
        },
        ["user", "pseudonym_redraw_available_at"],
    ),
    "AgeCheck": obj({"birth_date": {"type": "string", "format": "date"}}, ["birth_date"]),
    "PasswordChange": obj(
        {"current_password": STRING, "new_password": PASSWORD}, ["current_password", "new_password"]
    ),
    "PasswordConfirmation": obj({"current_password": STRING}, ["current_password"]),
}


DELETE_SCHEMA = obj({"password": STRING, "keep_posts": {"type": "boolean", "default": False}}, ["password"])
EXPORT_SCHEMA = obj({"export_version": {"type": "integer"}, "exported_at": STRING}, ["export_version"])


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
                "Sign out on every device; an optional JSON body {push_endpoint} also forgets this"
                " browser's Web Push subscription",
                {"204": {"description": "Signed out"}},
                changes_state=True,
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
            ),
            "delete": operation(
                "Delete the account after the password; keep_posts keeps the texts signed 'Tidigare "
                "medlem'. Limited like a login, per address and per account (429)",
                {"204": {"description": "Deleted; the session has ended"}, **error_responses(401, 422, 429)},
                body=DELETE_SCHEMA,
                changes_state=True,
            ),
        },
        "/me/export": {
            "get": operation(
                "Everything the member wrote, as a JSON file (Content-Disposition: attachment)",
                {
                    "200": {
                        "description": "The export: account, threads_started, posts (with earlier_versions), "
                        "chat_messages, flags_made, reactions, following_threads, ignored_pseudonyms, "
                        "muted_words",
                        "content": json_content(EXPORT_SCHEMA),
                    },
                    **error_responses(401, 429),
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
        "/me/age-check": {
            "post": operation(
                "Once: show a birth date, checked as at signup and then discarded; only the day the member "
                "turns 26 is kept, which opens young carers' spaces to members aged 16–25",
                {
                    "200": {
                        "description": "young_until: the day the member turns 26, or null (26 or older)",
                        "content": json_content(
                            obj(
                                {"young_until": {"type": "string", "format": "date", "nullable": True}},
                                ["young_until"],
                            )
                        ),
                    },
                    **error_responses(401, 409, 422),
                },
                ref("AgeCheck"),
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
    }
