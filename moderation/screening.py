"""Screening what members write before and after it is stored: watched words, personal data, crisis language,
links from brand-new accounts, and grooming signals in age-banded spaces.

Called by the forum and chat services inside their own transactions (policy → validate → change → log).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, request
from sqlalchemy import select

from accounts.models import User
from accounts.permissions import can_moderate
from core.api import read_json_silently
from core.database import utcnow
from core.extensions import db
from core.markdown import link_targets, render_markdown
from moderation.detectors import find_crisis_language, find_personal_data, normalize
from moderation.errors import BlockedWord, PersonalDataFound
from moderation.grooming import grooming_categories
from moderation.models import Flag, WatchedWord
from moderation.reviewable import by_column
from moderation.services import refresh, review_item_for, system_flag
from moderation.watchlist import WATCHED_WORDS_KEY

# The note of the hold on a crisis text whose writer has not yet confirmed its personal data.
AWAITING_CONFIRMATION = "crisis text with personal data, awaiting the writer's confirmation"
MUTED_CRISIS = "crisis text from a member muted in chat: not published"
# An address spelled out to copy ("hxxps://" aside); the rendered links are checked as well.
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
NEW_ACCOUNT_AGE = timedelta(hours=24)


@dataclass(frozen=True)
class Screening:
    """What a text contains that moderators should see, and whether it waits for their approval."""

    personal_data: tuple[str, ...] = ()
    crisis: tuple[str, ...] = ()  # each as moderators read it: "intent (vill + dö): «vill bara dö»"
    flagged_words: tuple[str, ...] = ()
    # Every reason the text waits hidden for a moderator (each becomes its own "held" flag, so releasing one,
    # such as the writer's confirmation, never releases the others).
    holds: tuple[str, ...] = ()
    # A crisis text with personal data the writer has not confirmed: stored hidden and queued at once, while
    # the writer is asked to confirm (confirming publishes the stored copy).
    awaiting_confirmation: bool = False

    @property
    def hold_reason(self) -> str | None:
        """The first reason the text is held, if it is."""
        return self.holds[0] if self.holds else None
    # Grooming signal categories, looked for only in age-banded (young carers') spaces.
    grooming: tuple[str, ...] = ()


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


def screen(
    text: str, confirmed_personal_data: object = False, author: User | None = None, age_banded: bool = False
) -> Screening:
    """Look at a text before it is stored. A blocked word refuses it, personal data needs the writer's
    confirmation first; held texts are stored but hidden until a moderator approves them.

    Crisis language comes first and is never refused: someone who writes that they want to die is published,
    sees the help lines at once, and lands at the top of the moderators' queue, whatever else the text holds.
    With personal data the writer has not confirmed, a crisis text is stored hidden (so moderators see it at
    once) and the caller asks the writer to confirm, help lines first: see `refusal_after_storing`.
    """
    crisis = tuple(find_crisis_language(text))
    folded = normalize(text)
    holds = []
    flagged = []
    for watched in watched_words():
        if contains(folded, watched.word):
            if watched.action == "block":
                if not crisis:
                    raise BlockedWord(watched.word)
                # Never refused, but not published with the blocked word either: moderators see it first.
                holds.append(f"watched word (blocked): {watched.word}")
            elif watched.action == "hold":
                holds.append(f"watched word: {watched.word}")
            else:
                flagged.append(watched.word)
    kinds = tuple(dict.fromkeys(finding.kind for finding in find_personal_data(text)))
    awaiting_confirmation = bool(kinds) and confirmed_personal_data is not True
    if awaiting_confirmation and not crisis:
        raise PersonalDataFound(list(kinds))
    if awaiting_confirmation:
        holds.append(AWAITING_CONFIRMATION)
    if author is not None and author.created_at > utcnow() - NEW_ACCOUNT_AGE and contains_link(text):
        holds.append("link from an account younger than 24 hours")
    return Screening(
        personal_data=kinds,
        crisis=crisis,
        flagged_words=tuple(flagged),
        holds=tuple(holds),
        awaiting_confirmation=awaiting_confirmation,
        grooming=grooming_signals(text, author) if age_banded else (),
    )


def contains_link(text: str) -> bool:
    """Whether a text becomes a link when shown, decided on what members would get: the text rendered as the
    forum and chat render it (Markdown, linkify, nh3), so "[x](//evil.example/p)" and a bare "evil.se/p" count
    as the links they become. Rendering twice costs little, and only new accounts' texts get here."""
    return LINK.search(text) is not None or bool(link_targets(render_markdown(text)))


def needs_review(screening: Screening) -> bool:
    """Whether storing this text put something in the moderators' queue."""
    return bool(
        screening.hold_reason
        or screening.crisis
        or screening.personal_data
        or screening.flagged_words
        or screening.grooming
    )


def report(screening: Screening, target_model=None, **target: int) -> None:
    """After storing: hold the text if needed and queue it for moderators (crisis first). Does not commit."""
    if screening.holds and target_model is not None:
        now = utcnow()
        target_model.hidden_at = now  # held from now on, even if an earlier version was held too
        by_column(next(iter(target))).hide(target_model, now)  # its kind keeps the rest in step (a thread)
        for reason in screening.holds:
            system_flag("held", reason, **target)
    if screening.crisis:
        # Which signal fired and on which words, so moderators see why at a glance.
        system_flag("crisis", "; ".join(screening.crisis)[:500], **target)
    if screening.grooming:
        system_flag("grooming", ", ".join(screening.grooming), **target)
    if screening.personal_data:
        system_flag("personal_info", ", ".join(screening.personal_data), **target)
    if screening.flagged_words:
        system_flag("other", "watched words: " + ", ".join(screening.flagged_words)[:480], **target)


def refusal_after_storing(screening: Screening) -> None:
    """After a crisis text was stored hidden for want of the writer's confirmation, tell the writer as any
    personal-data warning does, but with the help lines first (`crisis_support`). Call after commit."""
    if screening.awaiting_confirmation:
        raise PersonalDataFound(list(screening.personal_data), crisis_support=True)


def awaiting_holds(**target_id: int) -> list[Flag]:
    """The open holds of a stored text that wait for its writer's confirmation."""
    ((name, value),) = target_id.items()
    column = getattr(Flag, name)
    return list(
        db.session.scalars(
            select(Flag).where(
                column == value,
                Flag.reason == "held",
                Flag.reporter_id.is_(None),
                Flag.resolved_at.is_(None),
                Flag.note == AWAITING_CONFIRMATION,
            )
        )
    )


def superseded(target, text: str, **target_id: int) -> bool:
    """A retry (same client id) of a text held for the writer's confirmation, with different words: the
    writer changed it (perhaps took the phone number out). The stored copy stays hidden in the queue and
    gives up its client id, so the new words are screened and stored as a text of their own. Does not
    commit."""
    if target.hidden_at is None or target.body_source == text or not awaiting_holds(**target_id):
        return False
    target.client_id = None
    db.session.flush()
    return True


def confirmed_screening(text: str) -> Screening:
    """What a confirmed, now published text shows its writer (the help lines again if it spoke of crisis)."""
    return Screening(crisis=tuple(find_crisis_language(text)))


def release_confirmed(target, **target_id: int) -> bool:
    """The writer confirmed a crisis text held for its personal data: publish the stored copy (unless
    something else holds it too) and keep it in the queue. Returns whether it is now shown. Does not
    commit."""
    ((name, value),) = target_id.items()
    column = getattr(Flag, name)
    holds = list(
        db.session.scalars(
            select(Flag).where(
                column == value, Flag.reason == "held", Flag.reporter_id.is_(None), Flag.resolved_at.is_(None)
            )
        )
    )
    waiting = [flag for flag in holds if flag.note == AWAITING_CONFIRMATION]
    if not waiting:
        return False
    now = utcnow()
    for flag in waiting:
        flag.resolved_at = now
    if len(waiting) == len(holds) and target.hidden_at is not None:
        by_column(name).unhide(target)
    db.session.flush()
    refresh(review_item_for(**target_id))
    return target.hidden_at is None


def request_speaks_of_crisis() -> bool:
    """Whether the text written in this request (a form's or a JSON body's title and body) speaks of crisis:
    such a write is never refused by the posting limits."""
    data = read_json_silently() if request.is_json else request.form
    if not (isinstance(data, dict) or hasattr(data, "getlist")):
        return False
    text = "\n".join(value for value in (data.get("title"), data.get("body")) if isinstance(value, str))
    return bool(text) and bool(find_crisis_language(text[:40_000]))


def grooming_signals(text: str, author: User | None) -> tuple[str, ...]:
    """The grooming signal categories in a text written in an age-banded space. Staff texts are not screened:
    moderators' own warnings name the very things to watch for ("never share your Snapchat")."""
    if author is not None and can_moderate(author):
        return ()
    return grooming_categories(text)
