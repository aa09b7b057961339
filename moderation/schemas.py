"""The moderation API's bodies as pydantic models: private messages between the staff and a member (both
sides), the rota, duty, sanctions, staff notes and watched words. The review queue's are in
moderation/queue_schemas.py. Limits and choices come from the services' constants; fields the services check
themselves, with their own error codes, are passed on as sent."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from core.schemas import Answer, Body, Moment, checked_by_service
from moderation.models import SANCTION_KINDS, WATCHED_WORD_ACTIONS
from moderation.queue_schemas import REASON, Named
from moderation.sanctions import MAX_SANCTION_HOURS, STAFF_NOTE_MAX
from moderation.staff_messages import BODY_MAX
from moderation.watchlist import WORD_MAX

STRING = {"type": "string"}
MOMENT = {"type": "string", "format": "date-time"}


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


class OneStaffMessage(Answer):
    """A message the moderators sent."""

    message: StaffMessage


class WaitingMember(Answer):
    """A member's name whose answers nobody on the staff has read yet."""

    pseudonym: str
    count: int
    crisis: bool
    since: Moment


class StaffInbox(Answer):
    """Crisis first, then the longest waiting."""

    members: list[WaitingMember]


# The rota and duty


class Shift(Answer):
    """A moderator's shift on the rota."""

    id: int
    moderator: Named
    starts_at: Moment
    ends_at: Moment


class Week(Answer):
    """The rota's week: its Monday and its shifts by start."""

    week: str = Field(json_schema_extra={"format": "date"})
    shifts: list[Shift]


class OneShift(Answer):
    """The shift added."""

    shift: Shift


class WeekQuery(BaseModel):
    """Any day of the week (YYYY-MM-DD); this week without."""

    week: str = Field(None, json_schema_extra={"format": "date"})


class ShiftBody(Body):
    """Who and when (times without an offset are Swedish time); checked by the service, naming the field."""

    pseudonym: checked_by_service(STRING) = None
    starts_at: checked_by_service(MOMENT) = None
    ends_at: checked_by_service(MOMENT) = None
    model_config = ConfigDict(json_schema_extra={"required": ["pseudonym", "starts_at", "ends_at"]})


class Duty(Answer):
    """Whether I am on duty, until when without further activity, and who is on duty now."""

    on_duty: bool
    until: Moment | None
    on_duty_now: list[Named]


class DutyBody(Body):
    """On duty or off it."""

    on_duty: checked_by_service({"type": "boolean"}) = None
    model_config = ConfigDict(json_schema_extra={"required": ["on_duty"]})


# Sanctions and staff notes


class Sanction(Answer):
    """A sanction and its end (null: it does not end by itself, or a warning)."""

    kind: str = Field(json_schema_extra={"enum": list(SANCTION_KINDS)})
    until: Moment | None
    reason: str


class SanctionRecorded(Answer):
    """The sanction given."""

    sanction: Sanction


class SanctionBody(Body):
    """Whom, how and for how long; checked by the service, naming the field."""

    pseudonym: checked_by_service(STRING) = None
    kind: checked_by_service({"type": "string", "enum": list(SANCTION_KINDS)}) = None
    hours: checked_by_service({"type": "number", "minimum": 0, "maximum": MAX_SANCTION_HOURS}) = None
    reason: checked_by_service(REASON) = None
    model_config = ConfigDict(json_schema_extra={"required": ["pseudonym", "kind"]})


class StaffNote(Answer):
    """A note on a pseudonym, signed with the pseudonym its writer had then."""

    body: str
    at: Moment
    author: str | None


class StaffNotes(Answer):
    """Notes, oldest first."""

    notes: list[StaffNote]


class OneStaffNote(Answer):
    """The note added."""

    note: StaffNote


class StaffNoteBody(Body):
    """The note's text."""

    body: checked_by_service({"type": "string", "maxLength": STAFF_NOTE_MAX}) = None
    model_config = ConfigDict(json_schema_extra={"required": ["body"]})


# Watched words


class WatchedWord(Answer):
    """A word and what it does to a text that contains it."""

    word: str
    action: str = Field(json_schema_extra={"enum": list(WATCHED_WORD_ACTIONS)})

    @classmethod
    def of(cls, word) -> WatchedWord:
        """A stored watched word."""
        return cls(word=word.word, action=word.action)


class WatchedWords(Answer):
    """Every watched word."""

    words: list[WatchedWord]


class OneWatchedWord(Answer):
    """The word as stored (spaces collapsed, case folded)."""

    word: WatchedWord


class WatchedWordBody(Body):
    """Block, hold or flag a word; checked by the service, naming the field."""

    word: checked_by_service({"type": "string", "minLength": 1, "maxLength": WORD_MAX}) = None
    action: checked_by_service({"type": "string", "enum": list(WATCHED_WORD_ACTIONS)}) = None
    model_config = ConfigDict(json_schema_extra={"required": ["word", "action"]})
