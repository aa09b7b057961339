"""Moderation's blinker signals, sent only after the transaction that made the change has committed.

`decided` follows every moderator decision (hide, restore, delete, dismiss, edit, undo: `moderation.services`
and `moderation.undo`); `flagged` follows a member's flag (which may have hidden the target at the flag
threshold); `sanctioned` follows a warning, mute, suspension or ban (`moderation.sanctions`). The sender is
the app, as Flask's own signals do; features connect to their app at app creation (`app.py`), so nobody who
calls a moderation service has to remember a follow-up call: chat rooms drop a hidden message, the forum
tells followers of a post shown again, a sanctioned member's chat sockets hear of it.

A service calls `after_commit(...)` inside its transaction; a session hook sends the queued signals once the
outermost transaction has committed, and drops them on rollback, so listeners only ever see committed data.
A listener's failure is logged and never fails the decision, which is already stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from blinker import Namespace, Signal
from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from core.extensions import db
from core.notices import Notice

log = logging.getLogger(__name__)
signals = Namespace()
decided = signals.signal("decided")
flagged = signals.signal("flagged")
sanctioned = signals.signal("sanctioned")

PENDING_KEY = "bryggan.moderation_pending"
COMMITTED_KEY = "bryggan.moderation_committed"


@dataclass(frozen=True)
class Decision:
    """What changed on a target: its kind and id, the review item, the action (`hide`, `restore`, `delete`,
    `dismiss`, `edit`, `undo`, or `flag`), the item's status after it, whether members now miss the target,
    and what members are to be told (notices written in the same transaction)."""

    kind: str
    target_id: int
    item_id: int
    action: str
    status: str
    hidden: bool
    moderator_id: int | None = None
    notices: tuple[Notice, ...] = field(default=())


@dataclass(frozen=True)
class SanctionGiven:
    """A sanction on a member, as the member's own sockets are told it."""

    user_id: int
    kind: str
    until: datetime | None
    reason: str

    def json(self) -> dict:
        """`{kind, until, reason}`, as the `sanction` socket event and the API give it."""
        return {
            "kind": self.kind,
            "until": self.until.isoformat() if self.until else None,
            "reason": self.reason,
        }


def after_commit(signal: Signal, **data: Decision | SanctionGiven) -> None:
    """Queue a signal and its keyword data (`decision=…`, `sanction=…`) for when the current transaction
    commits (dropped if it rolls back)."""
    db.session.info.setdefault(PENDING_KEY, []).append((signal, data))


def send_now(signal: Signal, data: dict) -> None:
    """Call every listener of this app; one listener's failure does not keep the others from hearing."""
    app = current_app._get_current_object()
    for receiver in signal.receivers_for(app):
        try:
            receiver(app, **data)
        except Exception:  # the decision is committed; telling about it is best effort
            log.exception("a moderation signal listener failed")


def note_commit(session: Session) -> None:
    """The transaction committed: what it queued may go out when it has ended. A savepoint's release fires
    this too, but commits nothing yet."""
    if session.in_nested_transaction():
        return
    if session.info.get(PENDING_KEY):
        session.info[COMMITTED_KEY] = True


def send_committed(session: Session, transaction: SessionTransaction) -> None:
    """At the end of the outermost transaction: send what it queued if it committed, else forget it."""
    if transaction.parent is not None or transaction.nested:
        return
    pending = session.info.pop(PENDING_KEY, None)
    committed = session.info.pop(COMMITTED_KEY, False)
    if not pending or not committed:
        return
    for signal, data in pending:
        send_now(signal, data)


def configure_signals() -> None:
    """Install the session hooks once per process (every app shares the extension's session factory)."""
    target = db.session
    if not event.contains(target, "after_commit", note_commit):
        event.listen(target, "after_commit", note_commit)
        event.listen(target, "after_transaction_end", send_committed)
