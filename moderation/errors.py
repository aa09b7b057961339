"""Domain exceptions of moderation: flags, the queue (claims, decisions, undo), sanctions and the
text checks (personal data, blocked words). Each owns its code, status and texts
(core/exceptions.py explains the machinery); no Flask import.
"""

from __future__ import annotations

from typing import ClassVar

from core.exceptions import N_, DomainError


class AlreadyFlagged(DomainError):
    """A member flags the same post twice."""

    code = "already_flagged"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "already_flagged": N_("You have already flagged this post. Thank you; a moderator will look at it."),
    }


class CannotFlagOwn(DomainError):
    """A member flags their own post."""

    code = "cannot_flag_own"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "cannot_flag_own": N_("You cannot flag your own post. You can edit or delete it instead."),
    }


class FlagLimitReached(DomainError):
    """The daily number of flags per member is used up."""

    code = "flag_limit_reached"
    status = 429
    messages: ClassVar[dict[str, str]] = {
        "flag_limit_reached": N_("You have flagged many posts today. Thank you! You can flag more tomorrow."),
    }


class PersonalDataFound(DomainError):
    """The text seems to hold an identity number, phone number or e-mail address; nothing was stored.

    Sending again with `confirm_personal_data: true` stores it, and moderators are asked to look.
    """

    code = "personal_data"
    status = 422
    messages: ClassVar[dict[str, str]] = {
        "personal_data": N_(
            "It looks as if you wrote a personal identity number, a phone number or an e-mail "
            "address. To protect your and others' anonymity, check the text. If you still want "
            "to publish it, confirm and send it again; a moderator will look at it."
        ),
    }

    def __init__(self, kinds: list[str], crisis_support: bool = False) -> None:
        super().__init__(field="body", kinds=kinds, crisis_support=crisis_support)


class BlockedWord(DomainError):
    """The text contains a word moderators have blocked; nothing is stored."""

    code = "blocked_word"
    status = 422
    messages: ClassVar[dict[str, str]] = {
        "blocked_word": N_(
            "Your text contains “%(word)s”, which is not allowed here. Change it and try again."
        ),
    }

    def __init__(self, word: str) -> None:
        super().__init__(field="body", word=word)


class ClaimedByAnother(DomainError):
    """Another moderator has already taken this queue item; `pseudonym` says who."""

    code = "claimed_by_another"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "claimed_by_another": N_("%(pseudonym)s has already taken this one."),
    }

    def __init__(self, pseudonym: str) -> None:
        super().__init__(pseudonym=pseudonym)


class AlreadyDecided(DomainError):
    """Another moderator has already decided this queue item; `pseudonym` says who (undo it instead)."""

    code = "already_decided"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "already_decided": N_(
            "%(pseudonym)s has already decided this one. Undo their decision if it was wrong."
        ),
    }

    def __init__(self, pseudonym: str) -> None:
        super().__init__(pseudonym=pseudonym)


class NothingToUndo(DomainError):
    """The item has no decision that can be undone."""

    code = "nothing_to_undo"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "nothing_to_undo": N_("There is no decision to undo."),
    }


class DuplicateSanction(DomainError):
    """The same sanction on the same member was given moments ago."""

    code = "duplicate_sanction"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "duplicate_sanction": N_("%(pseudonym)s was given the same sanction a few minutes ago."),
    }

    def __init__(self, pseudonym: str) -> None:
        super().__init__(field="kind", pseudonym=pseudonym)
