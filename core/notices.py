"""Telling members something happened, after it is committed: features announce `Notice`s, and whoever
registered at app creation (the live badge, Web Push) passes them on. Knows no feature."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import Flask, current_app

log = logging.getLogger(__name__)
LISTENERS_KEY = "bryggan.notice_listeners"


@dataclass(frozen=True)
class Notice:
    """One thing to tell one member: `kind` is `reply`, `mention`, `thread` (a new thread in a followed
    category, named in `category`) or `staff_message`; `author` and `excerpt` are shown only where the
    member chose to see them (the push text is discreet by default)."""

    user_id: int
    kind: str
    url: str
    author: str | None = None
    excerpt: str | None = None
    title: str | None = None
    category: str | None = None


Listener = Callable[[list[Notice]], None]


def register_notice_listener(app: Flask, listener: Listener) -> None:
    """Let a feature hear every notice (called at app creation)."""
    app.extensions.setdefault(LISTENERS_KEY, []).append(listener)


def announce(notices: Iterable[Notice]) -> None:
    """Pass committed notices on; a listener's failure is logged and never undoes or fails the write."""
    notices = list(notices)
    if not notices:
        return
    for listener in current_app.extensions.get(LISTENERS_KEY, ()):
        try:
            listener(notices)
        except Exception:  # the reply is stored; telling about it is best effort
            log.exception("a notice listener failed")
