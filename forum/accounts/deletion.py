"""Deleting an account: after the password, everything that tied the member to what they wrote goes.

The member chooses what happens to their texts. Erased: every post becomes the "deleted" placeholder (its
earlier versions go too, except while moderators are reviewing it), thread titles are replaced and chat
messages deleted. Kept: the texts stay, signed "Tidigare medlem" instead of any pseudonym they used. Either
way their pseudonyms are retired and unlinked (never given out again, tied to nobody), the account row with
its login name is deleted (settings, follows, reactions, notifications and sanctions go with it through the
foreign keys), and every session and socket ends: the session check finds no account.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from core.database import utcnow
from core.exceptions import InvalidCredentials, InvalidInput
from core.extensions import db
from forum import search
from forum.accounts.hashing import verify_secret
from forum.accounts.models import Pseudonym, User
from forum.models import Post, PostRevision, Thread

FORMER_MEMBER = "Tidigare medlem"
ERASED_TITLE = "Borttagen tråd"


def former_member_pseudonym() -> Pseudonym:
    """The one shared signature of texts whose writers left (made on first use)."""
    found = db.session.scalar(select(Pseudonym).where(Pseudonym.name == FORMER_MEMBER))
    if found is not None:
        return found
    pseudonym = Pseudonym(name=FORMER_MEMBER, user_id=None, created_at=utcnow(), retired_at=utcnow())
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
    # Imported here: chat models and forum services import the accounts package, which imports this module.
    from chat.models import ChatMessage
    from forum.services import under_review

    now = utcnow()
    own_pseudonyms = select(Pseudonym.id).where(Pseudonym.user_id == user.id)
    if keep_posts:
        former = former_member_pseudonym()
        for model in (Post, Thread, ChatMessage):
            db.session.execute(
                update(model).where(model.author_id == user.id).values(author_pseudonym_id=former.id)
            )
    else:
        for post in db.session.scalars(select(Post).where(Post.author_id == user.id)):
            if not under_review(post):
                db.session.execute(delete(PostRevision).where(PostRevision.post_id == post.id))
            post.body_source = ""
            post.body_html = ""
            post.deleted_at = post.deleted_at or now
            search.unindex_post(post.id)
        for thread in db.session.scalars(select(Thread).where(Thread.author_id == user.id)):
            thread.title = ERASED_TITLE
        db.session.execute(delete(ChatMessage).where(ChatMessage.author_id == user.id))
        former = former_member_pseudonym()
        for model in (Post, Thread):
            db.session.execute(
                update(model).where(model.author_id == user.id).values(author_pseudonym_id=former.id)
            )
    db.session.execute(
        update(Pseudonym)
        .where(Pseudonym.id.in_(own_pseudonyms))
        .values(user_id=None, retired_at=func.coalesce(Pseudonym.retired_at, now))
        .execution_options(synchronize_session=False)
    )
    # The database's foreign keys remove or unlink every row that points at the account.
    db.session.execute(delete(User).where(User.id == user.id).execution_options(synchronize_session=False))
    db.session.commit()
