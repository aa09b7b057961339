"""Deleting an account: after the password, everything that tied the member to what they wrote goes.

The member chooses what happens to their texts. Erased: every post becomes the "deleted" placeholder (its
earlier versions go too, except while moderators are reviewing it), thread titles are replaced and chat
messages deleted (open rooms drop them at once). Kept: the texts stay, signed "Tidigare medlem" instead of any
pseudonym they used. Either way their pseudonyms are retired and unlinked (never given out again, tied to
nobody, their dates blanked so they no longer tell which pseudonym followed which), the account row with its
login name is deleted (settings, follows, reactions, notifications and sanctions go with it through the
foreign keys), every session and socket ends (the session check finds no account), and on SQLite the write-
ahead log is emptied into the database file, whose deleted content is overwritten (secure_delete), so the
login name is gone from every file. docs/ACCOUNTS.md says what remains.

The features' parts (forum: posts and threads; chat: its messages; moderation; notify) are erasers they
register at app creation (core/registry.py, wired in app.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from accounts.errors import InvalidCredentials
from accounts.hashing import verify_secret
from accounts.models import Pseudonym, User
from core.database import truncate_wal, utcnow
from core.exceptions import InvalidInput
from core.extensions import db
from core.registry import erasers

FORMER_MEMBER = "Tidigare medlem"
# The one date every pseudonym of a deleted account gets, as created and as retired: their real dates would
# tell which name followed which (a redraw retires one at the moment the next is created) and that they all
# went at the same moment.
UNLINKED_AT = datetime(1970, 1, 1, tzinfo=UTC)


def former_member_pseudonym() -> Pseudonym:
    """The one shared signature of texts whose writers left (made on first use)."""
    found = db.session.scalar(select(Pseudonym).where(Pseudonym.name == FORMER_MEMBER))
    if found is not None:
        return found
    pseudonym = Pseudonym(name=FORMER_MEMBER, user_id=None, created_at=UNLINKED_AT, retired_at=UNLINKED_AT)
    db.session.add(pseudonym)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # made at the same moment by another deletion
        return db.session.scalar(select(Pseudonym).where(Pseudonym.name == FORMER_MEMBER))
    return pseudonym


def delete_account(user: User, password: object, keep_posts: object = False) -> None:
    """Delete the member's account after checking their password; `keep_posts` keeps their texts unsigned."""
    if not isinstance(keep_posts, bool):
        raise InvalidInput(field="keep_posts")
    if not verify_secret(user.password_hash, password if isinstance(password, str) else ""):
        raise InvalidCredentials(field="password")
    now = utcnow()
    former = former_member_pseudonym()
    after_commit = [eraser(user, keep_posts, former, now) for eraser in erasers(current_app)]
    db.session.execute(
        update(Pseudonym)
        .where(Pseudonym.user_id == user.id)
        .values(user_id=None, created_at=UNLINKED_AT, retired_at=UNLINKED_AT)
        .execution_options(synchronize_session=False)
    )
    # The database's foreign keys remove or unlink every row that points at the account.
    db.session.execute(delete(User).where(User.id == user.id).execution_options(synchronize_session=False))
    db.session.commit()
    for action in after_commit:
        if action is not None:
            action()
    # The login name must not linger in SQLite's write-ahead log (best effort, see core.database).
    truncate_wal()
