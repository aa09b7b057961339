"""The account API's bodies: what `accounts/api.py` reads and answers, and what the OpenAPI document says.

The services check credentials themselves, with their own error codes (`weak_password`, `invalid_username`,
`invalid_credentials`…), so those fields are passed through as sent and documented with the services' limits.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema

from accounts.credentials import USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH
from accounts.models import ROLES
from config.defaults import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from core.schemas import Answer, Body, Moment, checked_by_service

STRING = {"type": "string"}
PASSWORD = {"type": "string", "minLength": PASSWORD_MIN_LENGTH, "maxLength": PASSWORD_MAX_LENGTH}
RECOVERY_CODE = {"type": "string", "example": "K7QX-M2ZR-9HTP-4WCE-NB3D"}
BIRTH_DATE = {"type": "string", "format": "date"}


class User(Answer):
    """The contract's user: a pseudonym and a role, never a login name."""

    pseudonym: str
    role: Literal[ROLES]  # every role the accounts know, editors included


class Session(Answer):
    """Who is signed in (null: nobody), and the CSRF token."""

    csrf_token: str
    user: User | None


class SignedIn(Answer):
    """Signed in on a new session."""

    user: User
    csrf_token: str


class SignupRequest(Body):
    """A new account: ages 16–94 on the day; the birth date is checked and discarded."""

    username: checked_by_service(
        {"type": "string", "minLength": USERNAME_MIN_LENGTH, "maxLength": USERNAME_MAX_LENGTH}
    ) = None
    password: checked_by_service(PASSWORD) = None
    birth_date: checked_by_service(BIRTH_DATE) = None
    accept_guidelines: checked_by_service({"type": "boolean"}) = None
    model_config = {
        "json_schema_extra": {"required": ["username", "password", "birth_date", "accept_guidelines"]}
    }


class SignupResponse(Answer):
    """The new account; the recovery code is shown this once."""

    user: User
    recovery_code: Annotated[str, WithJsonSchema(RECOVERY_CODE)]
    csrf_token: str | None = None


class LoginRequest(Body):
    """A login name and a password."""

    username: checked_by_service(STRING) = None
    password: checked_by_service(STRING) = None
    model_config = {"json_schema_extra": {"required": ["username", "password"]}}


class LogoutRequest(Body):
    """An optional body: `push_endpoint` also forgets this browser's Web Push subscription."""

    empty_allowed = True
    push_endpoint: checked_by_service(STRING) = None


class RecoverRequest(Body):
    """A new password with the one-time recovery code."""

    username: checked_by_service(STRING) = None
    recovery_code: checked_by_service(RECOVERY_CODE) = None
    new_password: checked_by_service(PASSWORD) = None
    model_config = {"json_schema_extra": {"required": ["username", "recovery_code", "new_password"]}}


class RecoverResponse(Answer):
    """The next recovery code; signed in."""

    recovery_code: Annotated[str, WithJsonSchema(RECOVERY_CODE)]
    user: User | None = None
    csrf_token: str | None = None


class Me(Answer):
    """The signed-in member's own settings."""

    user: User
    pseudonym_redraw_available_at: Moment | None
    young_until: date | None = Field(
        None, description="The day the member turns 26 (young carers' spaces close then); null: 26+"
    )
    age_check_available: bool | None = Field(
        None,
        description="Whether POST /me/age-check may still be used (once, for members who joined before young "
        "carers' spaces existed)",
    )


class AgeCheck(Body):
    """A birth date, checked as at signup and then discarded."""

    birth_date: checked_by_service(BIRTH_DATE) = None
    model_config = {"json_schema_extra": {"required": ["birth_date"]}}


class YoungUntil(Answer):
    """The day the member turns 26, or null (26 or older)."""

    young_until: date | None


class PasswordChange(Body):
    """The current password and a new one."""

    current_password: checked_by_service(STRING) = None
    new_password: checked_by_service(PASSWORD) = None
    model_config = {"json_schema_extra": {"required": ["current_password", "new_password"]}}


class PasswordConfirmation(Body):
    """The current password, to confirm."""

    current_password: checked_by_service(STRING) = None
    model_config = {"json_schema_extra": {"required": ["current_password"]}}


class AccountDeletion(Body):
    """The password; `keep_posts: true` keeps the texts, signed "Tidigare medlem"."""

    password: checked_by_service(STRING) = None
    keep_posts: checked_by_service({"type": "boolean", "default": False}) = False
    model_config = {"json_schema_extra": {"required": ["password"]}}


class NewRecoveryCode(Answer):
    """The new recovery code."""

    recovery_code: Annotated[str, WithJsonSchema(RECOVERY_CODE)]


class NewPseudonym(Answer):
    """The member with the new pseudonym."""

    user: User | None = None


class Export(Answer):
    """The export: account, threads_started, posts (with earlier_versions), chat_messages, flags_made,
    reactions, following_threads, ignored_pseudonyms, muted_words."""

    model_config = {"extra": "allow"}
    export_version: int
    exported_at: str | None = None
