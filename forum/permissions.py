"""The forum's named permission checks on posts and threads (the account-wide ones, such as `can_moderate`,
are in accounts/permissions.py), used alike by pages, the JSON API and templates."""

from __future__ import annotations

from accounts.models import User
from accounts.permissions import can_moderate
from forum.models import Post, Thread


def can_edit(user: User | None, post: Post) -> bool:
    """Authors may edit or delete their own posts while the text is still there."""
    return (
        user is not None and post.author_id == user.id and post.deleted_at is None and post.hidden_at is None
    )


def can_reply(user: User | None, thread: Thread) -> bool:
    """Members may reply unless a moderator locked the thread; moderators always may."""
    return user is not None and (not thread.locked or can_moderate(user))


def can_react(user: User | None, post: Post) -> bool:
    """Members may say "I recognise this" about others' visible posts."""
    return user is not None and post.author_id != user.id and post.visible


def can_flag(user: User | None, post: Post) -> bool:
    """Members may flag others' posts, never their own."""
    return user is not None and post.author_id != user.id and post.visible
