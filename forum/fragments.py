"""Rendered posts shared between readers, so a busy thread page is assembled rather than rendered anew.

A post's article depends on the post itself (text, edits, hiding, reactions), the page's language and a few
facts about the reader: whether it is their own post, whether they reacted, whether they ignore its writer or
muted a word in it, and whether they may reply. All of those are in the cache key, so two readers share an
entry only when they would see exactly the same markup. The one per-session value, the CSRF token of the
forms, is rendered as a placeholder and filled in for each request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import current_app, g
from markupsafe import Markup

from core.dates import local_today
from core.i18n import current_language
from forum.reading import PostView

# NUL is refused in every stored text, so no post can contain the placeholder.
CSRF_SLOT = "\x00csrf\x00"
EXTENSION_KEY = "bryggan.post_fragments"


class PostFragments:
    """A bounded, least-recently-used store of rendered post articles."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[tuple, str] = OrderedDict()
        self.lock = threading.Lock()

    def article(self, view: PostView, thread, can_reply: bool, page_number: int, csrf: str) -> Markup:
        """The post's article for this reader."""
        post = view.post
        key = (
            current_language(),
            today(),  # "i dag 23:14" becomes "i går 23:14" at midnight
            thread.id,
            page_number,
            bool(can_reply),
            view.own,
            view.reacted,
            view.collapsed,
            post.id,
            post.author_pseudonym.name,
            post.created_at,
            post.edited_at,
            post.deleted_at,
            post.hidden_at,
            post.moderator_note,
            post.reaction_count,
            post.body_html,
            # Staff are marked in age-banded categories only.
            post.by_staff,
            thread.category.age_max,
        )
        with self.lock:
            html = self.entries.get(key)
            if html is not None:
                self.entries.move_to_end(key)
        if html is None:
            macro = current_app.jinja_env.get_template("forum/_post.html").module.post_article
            html = str(macro(view, thread, can_reply, CSRF_SLOT, page_number))
            with self.lock:
                self.entries[key] = html
                while len(self.entries) > self.size:
                    self.entries.popitem(last=False)
        return Markup(html.replace(CSRF_SLOT, csrf))


def today():
    """The reader's date, found once per request rather than once per post."""
    if "fragments_today" not in g:
        g.fragments_today = local_today()
    return g.fragments_today


def post_article(view: PostView, thread, can_reply: bool, page_number: int, csrf: str) -> Markup:
    """The template global: this app's store, made on first use."""
    store = current_app.extensions.get(EXTENSION_KEY)
    if store is None:
        store = current_app.extensions.setdefault(
            EXTENSION_KEY, PostFragments(current_app.config["POST_FRAGMENT_CACHE_SIZE"])
        )
    return store.article(view, thread, can_reply, page_number, csrf)
