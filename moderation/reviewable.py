"""What moderation can act on: the `Reviewable` protocol and the registry of kinds, filled at app creation.

Moderation knows flags, review items, decisions and the audit log; it does not know what a post or a chat
message is. Each feature that has texts members can flag implements `Reviewable` for them (forum posts in
`forum/reviewable.py`, chat messages in `chat/reviewable.py`, as Discourse's Reviewable subclasses each
implement their own `perform_hide`) and registers it in `app.py`. Every rule in moderation that depends on
the kind of target asks the registered implementation.

Flags and review items point at their target through one column per kind (`column`: `post_id`,
`chat_message_id`); a new kind needs that column (and its migration) too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from flask import Flask, current_app
from sqlalchemy import Select

from core.exceptions import NotFound
from core.notices import Notice

REGISTRY_KEY = "bryggan.reviewables"


@runtime_checkable
class Reviewable(Protocol):
    """One kind of text moderators review: how to find it, read it, and change it.

    The changing methods (`hide`, `restore`, `unhide`, `delete`, `edit`, `put_back`) are called inside the
    decision's transaction and never commit; they keep whatever depends on the target's visibility
    consistent themselves (a forum thread is hidden exactly while its first post is).
    """

    kind: str  # the contract's name: `post`, `chat_message`
    column: str  # the column on `flags` and `review_items` that names a target of this kind
    label: Any  # what moderators call it ("Inlägg"), lazily translated
    link_label: Any  # the words of the link to where it was written ("Visa i tråden")
    keeps_revisions: bool  # whether delete and edit keep the old text, so undo can swap it back

    def load(self, target_id: int) -> Any | None:
        """The target with this id, or None."""

    def author_id(self, target: Any) -> int | None:
        """The account that wrote it (None once deleted)."""

    def author_pseudonym_id(self, target: Any) -> int:
        """The pseudonym it was written under."""

    def body_html(self, target: Any) -> str:
        """Its sanitized HTML, for excerpts (moderators see hidden text)."""

    def full_text(self, target: Any) -> str | None:
        """The source text a moderator may rewrite, or None when the kind cannot be edited."""

    def context(self, target: Any) -> dict:
        """Where it was written, as the queue shows it: at least `url`."""

    def is_hidden(self, target: Any) -> bool:
        """Whether members no longer see it (hidden or removed)."""

    def may_flag(self, member: Any, target: Any) -> bool:
        """Whether this member may report it (they can see it)."""

    def hide(self, target: Any, now: datetime) -> None:
        """Members stop seeing it (a moderator's hide or the flags' auto-hide)."""

    def unhide(self, target: Any) -> None:
        """Members see it again after a hide (dismissed flags); a removal stays."""

    def restore(self, target: Any) -> None:
        """Members see it again, a removal undone where the kind allows it."""

    def delete(self, target: Any, now: datetime) -> None:
        """Remove it for good (the kind decides what is kept)."""

    def edit(self, target: Any, body: object, note: object, now: datetime) -> None:
        """A moderator rewrites it with a note shown to members; InvalidInput(field="action") if the kind
        cannot be edited."""

    def snapshot(self, target: Any) -> dict:
        """The target's state an undo brings back (JSON: times as ISO strings)."""

    def put_back(self, target: Any, state: dict, text_changed: bool, now: datetime) -> None:
        """Bring back a `snapshot` (and the text before the last delete or edit, when `text_changed`)."""

    def became_visible(self, target: Any) -> list[Notice]:
        """After a decision that shows it again: what members are told (once), written in the
        transaction; announced after commit."""

    def written_by(self, author_id: int) -> Select:
        """A query of the ids of this kind's targets the member wrote."""

    def shown_by(self, author_id: int) -> Select:
        """A query of the ids of this kind's targets the member wrote that others can read."""


def register_reviewable(app: Flask, kind: str, implementation: Reviewable) -> None:
    """Let moderation act on a kind of target (called at app creation)."""
    if not isinstance(implementation, Reviewable):
        raise TypeError(f"{implementation!r} does not implement Reviewable")
    if implementation.kind != kind:
        raise ValueError(f"{implementation!r} names its kind {implementation.kind!r}, not {kind!r}")
    app.extensions.setdefault(REGISTRY_KEY, {})[kind] = implementation


def registered() -> dict[str, Reviewable]:
    """This app's kinds, in the order they were registered."""
    return current_app.extensions.get(REGISTRY_KEY, {})


def kinds() -> Iterator[Reviewable]:
    """Every registered implementation."""
    return iter(registered().values())


def reviewable(kind: object) -> Reviewable:
    """The implementation of a kind a path or form names; 404 for a kind nobody registered."""
    found = registered().get(kind) if isinstance(kind, str) else None
    if found is None:
        raise NotFound()
    return found


def by_column(column: str) -> Reviewable:
    """The implementation whose targets live in this column (screening names its targets so)."""
    for implementation in kinds():
        if implementation.column == column:
            return implementation
    raise LookupError(f"no reviewable kind uses the column {column!r}")


def of_row(row: Any) -> Reviewable:
    """The implementation of a flag or review item: the kind whose column it fills."""
    for implementation in kinds():
        if getattr(row, implementation.column, None) is not None:
            return implementation
    raise LookupError(f"no registered reviewable kind matches {row!r}")


def target_id_of(row: Any) -> int:
    """The id of the target a flag or review item points at."""
    return getattr(row, of_row(row).column)


def valid_id(target_id: object) -> bool:
    """An id that can name a row (a path or form may carry anything)."""
    return isinstance(target_id, int) and not isinstance(target_id, bool) and 0 < target_id < 2**31
