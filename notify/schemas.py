"""The notification settings and Web Push API's bodies as pydantic models (notify/api.py)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from core.schemas import Answer, Body, Moment, checked_by_service
from notify import subscriptions

BOOLEAN = {"type": "boolean"}


class NotificationSettings(Answer):
    """How the member wants to hear back."""

    follow_on_reply: bool = Field(
        description='Follow a thread when replying in it ("Följ trådar som jag svarar i"); default true'
    )
    push_details: bool = Field(
        description="Push texts name the writer and quote the post; default false (discreet: "
        '"Något nytt på Bryggan")'
    )
    neutral_app: bool = Field(
        description='The installed app is called "Anteckningar" with a plain icon; default false'
    )


class Settings(Answer):
    """The settings."""

    settings: NotificationSettings


class SettingsChange(Body):
    """Any subset of the settings, each true or false; the service names a field that is unknown or not
    a boolean, so unknown fields are passed on, not dropped."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"additionalProperties": False})
    follow_on_reply: checked_by_service(BOOLEAN) = None
    push_details: checked_by_service(BOOLEAN) = None
    neutral_app: checked_by_service(BOOLEAN) = None


class PushSubscription(Answer):
    """One of the member's browsers."""

    id: int
    endpoint: str = Field(description="Shown only to its member, to recognise this browser")
    service: str | None = Field(description="The push service's host")
    created_at: Moment
    last_sent_at: Moment | None

    @classmethod
    def of(cls, row) -> PushSubscription:
        """As its member sees it."""
        return cls(
            **subscriptions.subscription_json(row)
            | {"created_at": row.created_at, "last_sent_at": row.last_sent_at}
        )


class PushState(Answer):
    """Whether push is on here, the key to subscribe with, and the member's browsers."""

    available: bool
    public_key: str | None = Field(description="applicationServerKey (base64url P-256 point)")
    subscriptions: list[PushSubscription]


class OneSubscription(Answer):
    """The browser, registered."""

    subscription: PushSubscription


class NewSubscription(Body):
    """The browser's PushSubscription.toJSON(); the service checks it as sent."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "properties": {
                "endpoint": {"type": "string"},
                "expirationTime": {"type": "number", "nullable": True},
                "keys": {
                    "type": "object",
                    "properties": {"p256dh": {"type": "string"}, "auth": {"type": "string"}},
                    "required": ["p256dh", "auth"],
                },
            },
            "required": ["endpoint", "keys"],
        },
    )
