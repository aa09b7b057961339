"""The moderation API's bodies as pydantic models, as far as converted: private messages between the staff
and a member (moderation/member_api.py). The moderators' own routes are still described by hand in
moderation/openapi.py, which refers to `StaffMessage` here."""

from __future__ import annotations

from pydantic import Field

from core.schemas import Answer, Body, Moment, checked_by_service
from moderation.staff_messages import BODY_MAX


class StaffMessage(Answer):
    """A message between the moderators and one member; moderators also see who wrote, whether it was read,
    and crisis marks."""

    id: int
    from_staff: bool
    body_html: str
    created_at: Moment
    moderator: str | None = Field(None, description="Moderators' view only")
    read: bool | None = Field(None, description="Moderators' view only")
    crisis: bool | None = Field(
        None, description="Moderators' view only: the member's answer spoke of crisis"
    )

    @classmethod
    def for_member(cls, message) -> StaffMessage:
        """What the member (and the contract) sees of a message."""
        return cls(
            id=message.id,
            from_staff=message.from_staff,
            body_html=message.body_html,
            created_at=message.created_at,
        )


class StaffMessages(Answer):
    """The conversation, oldest first."""

    messages: list[StaffMessage]


class StaffMessageSent(Answer):
    """The member's message; `crisis_support` as for posts."""

    message: StaffMessage
    crisis_support: bool | None = None


class StaffMessageBody(Body):
    """A message's text (Markdown)."""

    body: checked_by_service({"type": "string", "minLength": 1, "maxLength": BODY_MAX}) = None
    model_config = {"json_schema_extra": {"required": ["body"]}}
