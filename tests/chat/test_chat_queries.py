"""The chat's hot path stays lean: a message costs a fixed, small number of SQL statements, whatever the
room's size, and is broadcast once."""

from __future__ import annotations

import pytest

from core.extensions import socketio
from tests.support.queries import statements


@pytest.fixture
def chatters(seeded, app, new_api):
    """Three signed-in members in the same room, through Flask-SocketIO's test client."""
    app.config.update(CHAT_BURST=1000, CHAT_MESSAGES_PER_SECOND=1000.0, CHAT_UNMODERATED_SLOW_MODE_SECONDS=0)
    clients = []
    for name in ("anna", "bertil", "cecilia"):
        member = new_api()
        member.signup(name)
        client = socketio.test_client(app, namespace="/chat", flask_test_client=member.client)
        assert client.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)["ok"]
        clients.append(client)
    yield clients
    for client in clients:
        client.disconnect(namespace="/chat")


def test_a_message_costs_four_statements_and_one_broadcast(chatters, app, monkeypatch):
    # The count is of a message in the steady state: the per-process caches (moderators online, read at
    # most once a second; watched words) stay fresh between the warm-up and the counted message even when a
    # loaded machine takes longer than a second over it.
    monkeypatch.setattr("chat.services.MODERATOR_PRESENCE_MAX_AGE", 3600.0)
    app.config["WATCHED_WORDS_CACHE_SECONDS"] = 3600.0
    anna, bertil, cecilia = chatters
    anna.emit("send", {"room": "allmant", "body": "Värmer upp"}, namespace="/chat", callback=True)
    for client in chatters:
        client.get_received("/chat")
    with statements(app) as seen:
        ack = anna.emit(
            "send",
            {"room": "allmant", "body": "Hej alla", "client_id": "k-1"},
            namespace="/chat",
            callback=True,
        )
    assert ack["ok"], ack
    # The member (session check), the room, the idempotency key, the insert.
    assert len(seen) == 4, seen
    for listener in (bertil, cecilia):
        messages = [packet for packet in listener.get_received("/chat") if packet["name"] == "message"]
        assert len(messages) == 1
        args = messages[0]["args"]
        assert (args[0] if isinstance(args, list) else args)["body_html"] == "<p>Hej alla</p>"


def test_a_moderators_arrival_is_seen_by_the_slow_mode_at_once(chatters, app, new_api):
    from accounts.models import User
    from core.extensions import db

    app.config["CHAT_UNMODERATED_SLOW_MODE_SECONDS"] = 30
    anna = chatters[0]
    assert anna.emit("send", {"room": "allmant", "body": "ett"}, namespace="/chat", callback=True)["ok"]
    refused = anna.emit("send", {"room": "allmant", "body": "två"}, namespace="/chat", callback=True)
    assert refused["error"]["code"] == "rate_limited"
    moderator = new_api()
    moderator.signup("moderatorn")
    with app.app_context():
        user = db.session.query(User).filter_by(username="moderatorn").one()
        user.role = "moderator"
        db.session.commit()
    # Only a moderator on duty ("I tjänst") counts as present.
    assert moderator.send("PUT", "/moderation/duty", {"on_duty": True}).status_code == 200
    guard = socketio.test_client(app, namespace="/chat", flask_test_client=moderator.client)
    try:
        assert anna.emit("send", {"room": "allmant", "body": "tre"}, namespace="/chat", callback=True)["ok"]
    finally:
        guard.disconnect(namespace="/chat")


def test_a_join_costs_a_fixed_number_of_statements_whatever_the_history(chatters, app, new_api):
    """A reconnect storm is thousands of joins: the history comes from the per-room cache, so 60 messages in
    the room cost no more than none, and a message hidden later leaves the next joiner's history at once."""
    anna = chatters[0]
    ids = []
    for number in range(60):
        ack = anna.emit(
            "send", {"room": "allmant", "body": f"rad {number}"}, namespace="/chat", callback=True
        )
        assert ack["ok"], ack
        ids.append(ack["message"]["id"])
    member = new_api()
    member.signup("david")
    late = socketio.test_client(app, namespace="/chat", flask_test_client=member.client)
    first = late.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)
    assert [message["id"] for message in first["history"]] == ids[-50:]
    late.emit("leave", {"room": "allmant"}, namespace="/chat", callback=True)
    with statements(app) as seen:
        again = late.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)
    assert again["ok"] and again["history"] == first["history"]
    # The messages are read once, ids only (the history's key): before the cache, 51 reads with 50 messages.
    reads = [statement for statement in seen if "FROM chat_messages" in statement]
    assert len(reads) == 1 and "body_html" not in reads[0], reads
    # Member, room, key, already in? then the insert and the online count; then what a clock may add on a
    # slow machine: the once-a-second moderator presence and the room's presence broadcast (room, count).
    assert len(seen) <= 11, seen

    from chat.models import ChatMessage
    from core.database import utcnow
    from core.extensions import db

    with app.app_context():
        db.session.get(ChatMessage, ids[-1]).hidden_at = utcnow()
        db.session.commit()
    late.emit("leave", {"room": "allmant"}, namespace="/chat", callback=True)
    hidden = late.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)
    assert [message["id"] for message in hidden["history"]] == ids[-51:-1]
    late.disconnect(namespace="/chat")
