"""Domain exceptions of the forum: locked threads and other members' posts. Each owns its code,
status and texts (core/exceptions.py explains the machinery); no Flask import.
"""

from __future__ import annotations

from typing import ClassVar

from core.exceptions import N_, DomainError


class ThreadLocked(DomainError):
    """Replies to a locked thread."""

    code = "thread_locked"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "thread_locked": N_("This thread is locked by the moderators; no new replies can be written."),
    }


class NotTheAuthor(DomainError):
    """Editing or deleting someone else's post."""

    code = "not_the_author"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "not_the_author": N_("You can only change your own posts."),
    }
