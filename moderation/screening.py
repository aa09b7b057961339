"""Screening what members write before and after it is stored: personal data and crisis language.

Called by the forum and chat services inside their own transactions (policy → validate → change → log).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.exceptions import PersonalDataFound
from moderation.detectors import find_crisis_language, find_personal_data
from moderation.services import system_flag


@dataclass(frozen=True)
class Screening:
    """What a text contains that moderators should see."""

    personal_data: tuple[str, ...]
    crisis: tuple[str, ...]


def screen(text: str, confirmed_personal_data: object = False) -> Screening:
    """Look at a text before it is stored: personal data needs the writer's confirmation first."""
    kinds = tuple(dict.fromkeys(finding.kind for finding in find_personal_data(text)))
    if kinds and confirmed_personal_data is not True:
        raise PersonalDataFound(list(kinds))
    return Screening(personal_data=kinds, crisis=tuple(find_crisis_language(text)))


def report(screening: Screening, **target: int) -> None:
    """After storing: queue the text for moderators (crisis first). Does not commit."""
    if screening.crisis:
        system_flag("crisis", ", ".join(screening.crisis)[:500], **target)
    if screening.personal_data:
        system_flag("personal_info", ", ".join(screening.personal_data), **target)
