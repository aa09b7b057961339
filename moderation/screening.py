"""Screening what members write before and after it is stored: watched words, personal data, crisis language,
and links from brand-new accounts.

Called by the forum and chat services inside their own transactions (policy → validate → change → log).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from core.database import utcnow
from core.exceptions import BlockedWord, PersonalDataFound
from core.extensions import db
from forum.accounts.models import User
from moderation.detectors import find_crisis_language, find_personal_data, normalize
from moderation.models import WatchedWord
from moderation.services import sync_thread_visibility, system_flag
from moderation.watchlist import WATCHED_WORDS_KEY

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
NEW_ACCOUNT_AGE = timedelta(hours=24)


@dataclass(frozen=True)
class Screening:
    """What a text contains that moderators should see, and whether it waits for their approval."""

    personal_data: tuple[str, ...] = ()
    crisis: tuple[str, ...] = ()  # each as moderators read it: "intent (vill + dö): «vill bara dö»"
    flagged_words: tuple[str, ...] = ()
    hold_reason: str | None = None


@dataclass(frozen=True)
class Watched:
    """A watched word as screening needs it."""

    word: str
    action: str


def watched_words() -> tuple[Watched, ...]:
    """The moderators' list, read at most every WATCHED_WORDS_CACHE_SECONDS per process (every text is
    screened against it); a change made in this process applies at once, in others within that time."""
    cached = current_app.extensions.get(WATCHED_WORDS_KEY)
    now = time.monotonic()
    if cached is None or now - cached[0] > current_app.config["WATCHED_WORDS_CACHE_SECONDS"]:
        words = tuple(Watched(row.word, row.action) for row in db.session.scalars(select(WatchedWord)))
        cached = (now, words)
        current_app.extensions[WATCHED_WORDS_KEY] = cached
    return cached[1]


def contains(text: str, word: str) -> bool:
    """Whole-word (or whole-phrase) match, case-insensitive."""
    return re.search(r"(?<!\w)" + re.escape(normalize(word)) + r"(?!\w)", text) is not None


def screen(text: str, confirmed_personal_data: object = False, author: User | None = None) -> Screening:
    """Look at a text before it is stored. A blocked word refuses it, personal data needs the writer's
    confirmation first; held texts are stored but hidden until a moderator approves them.

    Crisis language comes first and is never refused: someone who writes that they want to die is published,
    sees the help lines at once, and lands at the top of the moderators' queue, whatever else the text holds.
    """
    crisis = tuple(find_crisis_language(text))
    folded = normalize(text)
    hold_reason = None
    flagged = []
    for watched in watched_words():
        if contains(folded, watched.word):
            if watched.action == "block" and not crisis:
                raise BlockedWord(watched.word)
            if watched.action == "hold":
                hold_reason = f"watched word: {watched.word}"
            else:
                flagged.append(watched.word)
    kinds = tuple(dict.fromkeys(finding.kind for finding in find_personal_data(text)))
    if kinds and confirmed_personal_data is not True and not crisis:
        raise PersonalDataFound(list(kinds))
    if (
        author is not None
        and hold_reason is None
        and LINK.search(text)
        and author.created_at > utcnow() - NEW_ACCOUNT_AGE
    ):
        hold_reason = "link from an account younger than 24 hours"
    return Screening(
        personal_data=kinds,
        crisis=crisis,
        flagged_words=tuple(flagged),
        hold_reason=hold_reason,
    )


def needs_review(screening: Screening) -> bool:
    """Whether storing this text put something in the moderators' queue."""
    return bool(
        screening.hold_reason or screening.crisis or screening.personal_data or screening.flagged_words
    )


def report(screening: Screening, target_model=None, **target: int) -> None:
    """After storing: hold the text if needed and queue it for moderators (crisis first). Does not commit."""
    if screening.hold_reason and target_model is not None:
        target_model.hidden_at = utcnow()
        sync_thread_visibility(target_model)
        system_flag("held", screening.hold_reason, **target)
    if screening.crisis:
        # Which signal fired and on which words, so moderators see why at a glance.
        system_flag("crisis", "; ".join(screening.crisis)[:500], **target)
    if screening.personal_data:
        system_flag("personal_info", ", ".join(screening.personal_data), **target)
    if screening.flagged_words:
        system_flag("other", "watched words: " + ", ".join(screening.flagged_words)[:480], **target)
