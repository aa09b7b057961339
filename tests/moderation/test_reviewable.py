"""Moderation acts through the registered `Reviewable` kinds: a kind registered in a test app is queued,
decided, audited and undone by the same code as posts and chat messages, through the same routes."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from accounts.models import User
from core.exceptions import InvalidInput
from core.extensions import db
from forum.models import Post
from moderation import services
from moderation.reviewable import register_reviewable, registered
from moderation.signals import decided
from tests.support.moderation import first_post, members


class Shouts:
    """A third kind, for this test only: shouts stored as forum posts (the `post_id` column), with their
    own name, excerpt and context, and a record of every change moderation asks of them."""

    kind = "shout"
    column = "post_id"
    label = "Utrop"
    link_label = "Visa utropet"
    keeps_revisions = False

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def load(self, target_id):
        return db.session.get(Post, target_id)

    def author_id(self, target):
        return target.author_id

    def author_pseudonym_id(self, target):
        return target.author_pseudonym_id

    def body_html(self, target):
        return "<p>UTROP:</p>" + target.body_html

    def full_text(self, target):
        return None

    def context(self, target):
        return {"url": f"/shouts/{target.id}"}

    def is_hidden(self, target):
        return target.hidden_at is not None

    def may_flag(self, member, target):
        return target.hidden_at is None

    def hide(self, target, now):
        self.calls.append(("hide", target.id))
        target.hidden_at = now

    def unhide(self, target):
        self.calls.append(("unhide", target.id))
        target.hidden_at = None

    def restore(self, target):
        self.calls.append(("restore", target.id))
        target.hidden_at = None

    def delete(self, target, now):
        self.calls.append(("delete", target.id))
        target.deleted_at = now

    def edit(self, target, body, note, now):
        raise InvalidInput(field="action")

    def snapshot(self, target):
        return {"hidden_at": target.hidden_at.isoformat() if target.hidden_at else None}

    def put_back(self, target, state, text_changed, now):
        self.calls.append(("put_back", target.id))
        target.hidden_at = datetime.fromisoformat(state["hidden_at"]) if state["hidden_at"] else None

    def became_visible(self, target):
        return []

    def written_by(self, author_id):
        return select(Post.id).where(Post.author_id == author_id)

    def shown_by(self, author_id):
        return select(Post.id).where(Post.author_id == author_id, Post.hidden_at.is_(None))


@pytest.fixture
def shouts(app):
    """This app moderates shouts where it moderated posts (the kinds share the `post_id` column)."""
    kind = Shouts()
    with app.app_context():
        registered().pop("post")
    register_reviewable(app, "shout", kind)
    return kind


def test_a_kind_registered_in_an_app_is_queued_decided_audited_and_undone_through_it(
    anna, moderator, new_api, app, shouts
):
    thread_id = anna.new_thread("Rubrik", "Jag skriker ut det här").get_json()["thread"]["id"]
    shout_id = first_post(anna, thread_id)
    heard = []

    def listen(sender, decision):
        heard.append(decision)

    members(new_api, 1, prefix="ropare")
    decided.connect(listen, sender=app)
    try:
        with app.app_context():
            flagger = db.session.scalar(select(User).where(User.username == "ropare0"))
            services.flag(flagger, "shout", db.session.get(Post, shout_id), "spam")

        items = moderator.get("/moderation/queue").get_json()["items"]
        assert [(item["kind"], item["id"]) for item in items] == [("shout", shout_id)]
        item = items[0]
        assert item["kind_label"] == "Utrop" and item["link_label"] == "Visa utropet"
        assert item["excerpt"].startswith("UTROP:") and "skriker ut" in item["excerpt"]
        assert item["context"] == {"url": f"/shouts/{shout_id}"}
        assert "full_text" not in item

        page = moderator.client.get("/moderation").get_data(as_text=True)
        assert "Utrop" in page and f'href="/shouts/{shout_id}"' in page

        # The built-in kinds' paths are gone from this app; the shout's own path decides.
        assert moderator.post(f"/moderation/posts/{shout_id}", {"action": "hide"}).status_code == 404
        answer = moderator.post(f"/moderation/shouts/{shout_id}", {"action": "hide", "reason": "för högt"})
        assert answer.status_code == 200, answer.get_json()
        assert answer.get_json()["item"]["status"] == "hidden" and answer.get_json()["item"]["hidden"] is True
        assert shouts.calls == [("hide", shout_id)]
        assert [(d.kind, d.target_id, d.action, d.hidden) for d in heard] == [
            ("shout", shout_id, "hide", True)
        ]

        entry = moderator.get("/moderation/audit").get_json()["entries"][0]
        assert entry["action"] == "shout.hide" and entry["target"].startswith(f"shout {shout_id} by ")
        decided_items = moderator.get("/moderation/queue?status=hidden&kind=shout").get_json()["items"]
        assert [item["id"] for item in decided_items] == [shout_id]

        undone = moderator.post(f"/moderation/items/shout/{shout_id}/undo", {"reason": "fel"})
        assert undone.status_code == 200 and undone.get_json()["item"]["status"] == "pending"
        assert shouts.calls[-1] == ("put_back", shout_id)
        assert heard[-1].action == "undo" and heard[-1].hidden is False
        with app.app_context():
            assert db.session.get(Post, shout_id).hidden_at is None
    finally:
        decided.disconnect(listen, sender=app)


def test_only_a_whole_implementation_can_be_registered(app):
    class HalfDone:
        kind = "half"
        column = "post_id"

        def load(self, target_id):
            return None

    with pytest.raises(TypeError):
        register_reviewable(app, "half", HalfDone())
    with pytest.raises(ValueError):
        register_reviewable(app, "another_name", Shouts())
    assert "half" not in app.extensions["bryggan.reviewables"]
