"""Rooms tighten themselves while no moderator is online (Flask-SocketIO's test client, in-process)."""

from __future__ import annotations

from core.extensions import socketio


def socket_for(app, member):
    return socketio.test_client(app, namespace="/chat", flask_test_client=member.client)


def test_without_a_moderator_every_room_gets_slow_mode(app, anna):
    client = socket_for(app, anna)
    ack = client.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)
    assert ack["moderator_online"] is False
    assert ack["slow_mode_seconds"] == app.config["CHAT_UNMODERATED_SLOW_MODE_SECONDS"] == 10
    assert client.emit("send", {"room": "allmant", "body": "ett"}, namespace="/chat", callback=True)["ok"]
    second = client.emit("send", {"room": "allmant", "body": "två"}, namespace="/chat", callback=True)
    assert second["error"]["code"] == "rate_limited"
    assert "Lugnt läge" in second["error"]["message"]


def test_a_moderator_online_lifts_the_automatic_slow_mode(app, anna, new_api, runner):
    moderator = new_api()
    moderator.signup("moderatorn")
    runner.invoke(args=["users", "set-role", "moderatorn", "moderator"])
    assert moderator.send("PUT", "/moderation/duty", {"on_duty": True}).get_json()["on_duty"] is True
    watcher = socket_for(app, moderator)
    assert watcher.is_connected(namespace="/chat")
    client = socket_for(app, anna)
    ack = client.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)
    assert ack["moderator_online"] is True and ack["slow_mode_seconds"] == 0
    for body in ("ett", "två", "tre"):
        assert client.emit("send", {"room": "allmant", "body": body}, namespace="/chat", callback=True)["ok"]
    watcher.disconnect(namespace="/chat")
    events = [event["name"] for event in client.get_received("/chat")]
    assert "moderators" in events


def test_a_demoted_moderators_open_socket_stops_counting_at_the_next_sweep(app, anna, new_api, runner):
    from chat import services
    from chat.events import announce_moderator_flip

    moderator = new_api()
    moderator.signup("moderatorn")
    runner.invoke(args=["users", "set-role", "moderatorn", "moderator"])
    moderator.send("PUT", "/moderation/duty", {"on_duty": True})
    watcher = socket_for(app, moderator)
    client = socket_for(app, anna)
    assert client.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)["moderator_online"]
    client.get_received("/chat")
    result = runner.invoke(args=["users", "set-role", "moderatorn", "member"])
    assert result.exit_code == 0, result.output
    assert watcher.is_connected(namespace="/chat")  # still reading, as a member now
    with app.app_context():
        # One step of the maintenance sweep (chat/background.py), as every process runs it twice a second.
        assert announce_moderator_flip(True) is False
        assert services.moderator_online() is False
    events = {event["name"]: event["args"][0] for event in client.get_received("/chat")}
    assert events["moderators"] == {"online": False}
    assert events["room_state"]["slow_mode_seconds"] == app.config["CHAT_UNMODERATED_SLOW_MODE_SECONDS"]
    ack = client.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)
    assert ack["moderator_online"] is False and ack["slow_mode_seconds"] == 10
    assert client.emit("send", {"room": "allmant", "body": "ett"}, namespace="/chat", callback=True)["ok"]
    second = client.emit("send", {"room": "allmant", "body": "två"}, namespace="/chat", callback=True)
    assert second["error"]["code"] == "rate_limited"


def received(client) -> dict:
    """The latest data of each event the socket received."""
    found = {}
    for event in client.get_received("/chat"):
        args = event["args"]
        found[event["name"]] = args[0] if isinstance(args, list) and args else args
    return found


def test_calm_mode_follows_on_duty_moderators_only(app, anna, new_api, runner):
    """A signed-in moderator with the chat open is not present until on duty; going on and off duty flips
    calm mode in every room at once, and duty ends by itself after the idle time."""
    from datetime import timedelta

    from sqlalchemy import update

    from core.database import utcnow
    from core.extensions import db
    from moderation.models import ModeratorDuty

    moderator = new_api()
    moderator.signup("moderatorn")
    runner.invoke(args=["users", "set-role", "moderatorn", "moderator"])
    watcher = socket_for(app, moderator)
    assert watcher.is_connected(namespace="/chat")
    client = socket_for(app, anna)
    ack = client.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)
    assert ack["moderator_online"] is False and ack["slow_mode_seconds"] == 10  # signed in, not on duty
    client.get_received("/chat")

    state = moderator.send("PUT", "/moderation/duty", {"on_duty": True}).get_json()
    name = moderator.get("/session").get_json()["user"]["pseudonym"]
    assert state["on_duty"] is True and state["on_duty_now"] == [{"pseudonym": name}]
    events = received(client)
    assert events["moderators"] == {"online": True} and events["room_state"]["slow_mode_seconds"] == 0
    for body in ("ett", "två"):
        assert client.emit("send", {"room": "allmant", "body": body}, namespace="/chat", callback=True)["ok"]

    moderator.send("PUT", "/moderation/duty", {"on_duty": False})
    events = received(client)
    assert events["moderators"] == {"online": False}
    assert events["room_state"]["slow_mode_seconds"] == 10

    # Duty that nobody kept up ends by itself: the sweep notices, as for a demoted moderator.
    from chat.events import announce_moderator_flip

    moderator.send("PUT", "/moderation/duty", {"on_duty": True})
    with app.app_context():
        db.session.execute(update(ModeratorDuty).values(active_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        assert announce_moderator_flip(True) is False
    assert moderator.get("/moderation/duty").get_json()["on_duty"] is False
    bad = moderator.send("PUT", "/moderation/duty", {"on_duty": "ja"})
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "on_duty"
    actions = [entry["action"] for entry in moderator.get("/moderation/audit").get_json()["entries"]]
    assert actions[:3] == ["duty.on", "duty.off", "duty.on"]
