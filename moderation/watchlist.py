"""Watched words: moderators block, hold or flag words; screening reads the list, cached per process."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from accounts.models import User
from core.exceptions import InvalidInput, NotFound
from core.extensions import db
from moderation.models import WATCHED_WORD_ACTIONS, WatchedWord
from moderation.services import audit, require_moderator

# Where screening keeps this process's copy of the watched words (moderation.screening.watched_words).
WATCHED_WORDS_KEY = "bryggan.watched_words"
WORD_MAX = 60


def forget_watched_words() -> None:
    """After the list changed: this process reads it again for the next text."""
    current_app.extensions.pop(WATCHED_WORDS_KEY, None)


def add_watched_word(moderator: User, word: object, action: object) -> WatchedWord:
    """Block, hold or flag a word from now on."""
    require_moderator(moderator)
    if action not in WATCHED_WORD_ACTIONS:
        raise InvalidInput(field="action")
    if not isinstance(word, str) or not word.strip() or len(word.strip()) > WORD_MAX:
        raise InvalidInput(field="word")
    word = " ".join(word.split()).casefold()
    existing = db.session.scalar(select(WatchedWord).where(WatchedWord.word == word))
    if existing is None:
        existing = WatchedWord(word=word, action=action)
        db.session.add(existing)
    existing.action = action
    audit(moderator, f"watched_word.{action}", f"word {word}", "")
    db.session.commit()
    forget_watched_words()
    return existing


def remove_watched_word(moderator: User, word: object) -> None:
    """Stop watching a word."""
    require_moderator(moderator)
    word = " ".join(word.split()).casefold() if isinstance(word, str) else None  # as stored by add
    found = db.session.scalar(select(WatchedWord).where(WatchedWord.word == word)) if word else None
    if found is None:
        raise NotFound()
    db.session.delete(found)
    audit(moderator, "watched_word.remove", f"word {found.word}", "")
    db.session.commit()
    forget_watched_words()


def list_watched_words(moderator: User) -> list[WatchedWord]:
    """The list, alphabetically."""
    require_moderator(moderator)
    return list(db.session.scalars(select(WatchedWord).order_by(WatchedWord.word)))
