"""Retention: resolved flags and review items go after FLAG_RETENTION_DAYS, audit entries after
AUDIT_RETENTION_DAYS, chat messages after CHAT_RETENTION_DAYS; nothing still waiting for a moderator goes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from chat.models import ChatMessage
from core.database import utcnow
from core.extensions import db, socketio
from moderation.models import AuditEntry, Flag, ReviewItem
from tests.support.moderation import members


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_flask_maintenance_purge_forgets_old_decisions_but_keeps_pending_ones(anna, moderator, new_api, app):  # noqa: F811
    (flagger,) = members(new_api, 1)
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    decided = anna.reply(thread_id, "ett avgjort svar").get_json()["post"]["id"]
    waiting = anna.reply(thread_id, "ett väntande svar").get_json()["post"]["id"]
    recent = anna.reply(thread_id, "ett nyss avgjort svar").get_json()["post"]["id"]
    for post_id in (decided, waiting, recent):
        assert flagger.post(f"/posts/{post_id}/flags", {"reason": "spam"}).status_code == 201
    for post_id in (decided, recent):
        assert (
            moderator.post(f"/moderation/posts/{post_id}", {"action": "dismiss", "reason": "ok"}).status_code
            == 200
        )
    app.config.update(CHAT_UNMODERATED_SLOW_MODE_SECONDS=0)
    chat = socketio.test_client(app, namespace="/chat", flask_test_client=anna.client)
    assert chat.emit("join", {"room": "natten"}, namespace="/chat", callback=True)["ok"]
    assert chat.emit("send", {"room": "natten", "body": "gammalt"}, namespace="/chat", callback=True)["ok"]
    assert chat.emit("send", {"room": "natten", "body": "nytt"}, namespace="/chat", callback=True)["ok"]
    chat.disconnect(namespace="/chat")

    long_ago = utcnow() - timedelta(days=400)
    with app.app_context():
        db.session.execute(
            update(Flag).where(Flag.post_id.in_([decided, waiting])).values(created_at=long_ago)
        )
        db.session.execute(update(Flag).where(Flag.post_id == decided).values(resolved_at=long_ago))
        db.session.execute(
            update(ReviewItem).where(ReviewItem.post_id == decided).values(resolved_at=long_ago)
        )
        db.session.execute(
            update(ReviewItem).where(ReviewItem.post_id == waiting).values(created_at=long_ago)
        )
        oldest_audit = db.session.scalar(select(func.min(AuditEntry.id)))
        db.session.execute(
            update(AuditEntry).where(AuditEntry.id == oldest_audit).values(at=utcnow() - timedelta(days=800))
        )
        db.session.execute(
            update(ChatMessage)
            .where(ChatMessage.body_source == "gammalt")
            .values(created_at=utcnow() - timedelta(days=31))
        )
        db.session.commit()
    audits_before = count(app, AuditEntry)

    result = app.test_cli_runner().invoke(args=["maintenance", "purge"])
    assert result.exit_code == 0, result.output
    assert (
        "1 chat messages, 1 flags, 1 review items, 1 audit entries, 0 deleted post copies, "
        "0 staff messages, 0 stale search rows, 0 young until dates, 0 stale library uploads deleted."
        in result.output
    )
    with app.app_context():
        flagged = set(db.session.scalars(select(Flag.post_id)))
        reviewed = set(db.session.scalars(select(ReviewItem.post_id)))
        bodies = set(db.session.scalars(select(ChatMessage.body_source)))
    assert flagged == {waiting, recent}
    assert reviewed == {waiting, recent}
    assert bodies == {"nytt"}
    assert count(app, AuditEntry) == audits_before - 1

    again = app.test_cli_runner().invoke(args=["maintenance", "purge"])
    assert (
        "0 chat messages, 0 flags, 0 review items, 0 audit entries, 0 deleted post copies, "
        "0 staff messages, 0 stale search rows, 0 young until dates, 0 stale library uploads deleted."
        in again.output
    )
