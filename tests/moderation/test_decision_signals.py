"""Moderation's signals go out only after the decision's transaction committed: listeners see committed data,
a rolled-back change is never announced, and nobody has to call anything after a decision."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select

from core.extensions import db
from forum.models import Category, Post
from moderation.models import ReviewItem
from moderation.signals import Decision, after_commit, decided, sanctioned
from tests.support.moderation import first_post


@pytest.fixture
def heard(app):
    """Every `decided` this app sends, with the item's status as a separate connection read it then."""
    received: list[tuple[Decision, str | None]] = []
    other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])

    def listen(sender, decision):
        with other.connect() as connection:
            status = connection.scalar(select(ReviewItem.status).where(ReviewItem.id == decision.item_id))
        received.append((decision, status))

    decided.connect(listen, sender=app)
    yield received
    decided.disconnect(listen, sender=app)
    other.dispose()


def a_decision(item_id: int = 0) -> Decision:
    return Decision(kind="post", target_id=1, item_id=item_id, action="hide", status="hidden", hidden=True)


def test_a_queued_signal_is_dropped_on_rollback_and_sent_once_after_a_commit(seeded, heard):
    with seeded.app_context():
        category = db.session.scalar(select(Category).limit(1))
        category.description = "ändrad men ångrad"
        after_commit(decided, decision=a_decision())
        assert heard == []
        db.session.rollback()
        assert heard == []
        db.session.commit()  # a later commit does not bring back what was rolled back
        assert heard == []

        category = db.session.scalar(select(Category).limit(1))
        category.description = "ändrad"
        after_commit(decided, decision=a_decision())
        db.session.flush()
        assert heard == []  # a flush is not a commit
        db.session.commit()
        assert [decision.action for decision, _status in heard] == ["hide"]
        db.session.commit()
        assert len(heard) == 1


def test_a_savepoint_does_not_send_what_its_transaction_queued(seeded, heard):
    with seeded.app_context():
        after_commit(decided, decision=a_decision())
        with db.session.begin_nested():
            db.session.scalar(select(Category).limit(1)).description = "i en sparpunkt"
        assert heard == []
        db.session.rollback()
        assert heard == []


def test_a_decision_is_announced_once_after_it_is_committed(anna, moderator, app, heard):
    thread_id = anna.new_thread("Rubrik", "En text att gömma").get_json()["thread"]["id"]
    post_id = first_post(anna, thread_id)
    answer = moderator.post(f"/moderation/posts/{post_id}", {"action": "hide", "reason": "test"})
    assert answer.status_code == 200
    ((decision, status_then),) = heard
    assert (decision.kind, decision.target_id, decision.action) == ("post", post_id, "hide")
    assert decision.hidden is True
    # Another connection already read the decided item when the listener ran: it was committed.
    assert status_then == "hidden"


def test_a_refused_decision_is_never_announced(anna, moderator, colleague, app, heard):
    thread_id = anna.new_thread("Rubrik", "En text").get_json()["thread"]["id"]
    post_id = first_post(anna, thread_id)
    hidden = moderator.post(f"/moderation/posts/{post_id}", {"action": "hide", "reason": "a"})
    assert hidden.status_code == 200
    refused = colleague.post(f"/moderation/posts/{post_id}", {"action": "restore", "reason": "b"})
    assert refused.status_code == 409
    too_long = moderator.post(f"/moderation/posts/{post_id}", {"action": "restore", "reason": "x" * 501})
    assert too_long.status_code == 422
    assert [decision.action for decision, _status in heard] == ["hide"]
    with app.app_context():
        assert db.session.get(Post, post_id).hidden_at is not None


def test_a_failing_listener_does_not_fail_the_decision_or_silence_the_others(anna, moderator, app, heard):
    def broken(sender, decision):
        raise RuntimeError("a listener's own bug")

    decided.connect(broken, sender=app)
    try:
        thread_id = anna.new_thread("Rubrik", "En text").get_json()["thread"]["id"]
        post_id = first_post(anna, thread_id)
        answer = moderator.post(f"/moderation/posts/{post_id}", {"action": "hide", "reason": "a"})
        assert answer.status_code == 200
        assert len(heard) == 1
    finally:
        decided.disconnect(broken, sender=app)


def test_a_sanction_is_announced_once_it_is_stored_and_a_refused_one_never(anna, moderator, app):
    told = []

    def listen(sender, sanction):
        told.append(sanction.json())

    sanctioned.connect(listen, sender=app)
    try:
        pseudonym = anna.get("/session").get_json()["user"]["pseudonym"]
        body = {"pseudonym": pseudonym, "kind": "mute", "hours": 2, "reason": "lugna ner dig"}
        assert moderator.post("/moderation/sanctions", body).status_code == 201
        assert moderator.post("/moderation/sanctions", body).status_code == 409  # the same, moments later
        assert moderator.post("/moderation/sanctions", {**body, "hours": 0}).status_code == 422
    finally:
        sanctioned.disconnect(listen, sender=app)
    assert [(entry["kind"], entry["reason"]) for entry in told] == [("mute", "lugna ner dig")]
    assert told[0]["until"] is not None
