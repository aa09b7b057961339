"""A text that speaks of crisis is never refused: not by calm mode, flood limits, mutes, blocked words or the
posting limits. Screening runs first; the writer sees the help lines at once and the moderators get it
first."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from accounts.models import User
from chat.models import ChatMessage
from core.database import utcnow
from core.extensions import db, socketio
from tests.html import form_token

CRISIS = "Jag orkar inte leva längre"


def in_room(app, member, room: str = "allmant"):
    client = socketio.test_client(app, namespace="/chat", flask_test_client=member.client)
    assert client.emit("join", {"room": room}, namespace="/chat", callback=True)["ok"]
    return client


def send(client, body: str, **extra):
    return client.emit("send", {"room": "allmant", "body": body, **extra}, namespace="/chat", callback=True)


def sent_messages(client) -> list[dict]:
    """The `message` events a test client received (their single argument)."""
    packets = [packet for packet in client.get_received("/chat") if packet["name"] == "message"]
    return [packet["args"][0] if isinstance(packet["args"], list) else packet["args"] for packet in packets]


def queue_of(moderator) -> list[dict]:
    return moderator.get("/moderation/queue").get_json()["items"]


def test_calm_mode_lets_a_crisis_message_through_straight_after_another(app, anna):
    client = in_room(app, anna)
    assert send(client, "Hej alla, första gången här")["ok"]
    refused = send(client, "Någon som är vaken?")
    assert refused["error"]["code"] == "rate_limited"  # calm mode is on: no moderator online
    crisis = send(client, CRISIS)
    assert crisis["ok"] is True and crisis["crisis_support"] is True
    assert crisis["held"] is False
    assert crisis["message"]["id"] in [message["id"] for message in sent_messages(client)]


def test_flood_limit_does_not_stop_a_crisis_message(app, anna):
    app.config["CHAT_UNMODERATED_SLOW_MODE_SECONDS"] = 0
    client = in_room(app, anna)
    answers = [send(client, f"rad {number}") for number in range(app.config["CHAT_BURST"] + 1)]
    assert answers[-1]["error"]["code"] == "rate_limited"
    assert send(client, "Jag vill inte leva längre.")["ok"] is True


def test_a_muted_members_crisis_text_is_not_shown_but_queued_first_with_help(app, anna, moderator, new_api):
    other = new_api()
    other.signup("bertil")
    other.post("/categories/allmant/threads", {"title": "Spam", "body": "köp nu"})
    client = in_room(app, anna)
    with app.app_context():
        member = db.session.scalar(select(User).where(User.username == "anna"))
        member.chat_muted_until = utcnow() + timedelta(hours=2)
        db.session.commit()
    assert send(client, "vanlig text")["error"]["code"] == "muted"
    answer = send(client, CRISIS)
    assert answer["ok"] is False and answer["error"]["code"] == "muted"
    assert answer["crisis_support"] is True
    assert "moderator" in answer["error"]["message"].lower()
    assert sent_messages(client) == []
    first = queue_of(moderator)[0]
    assert first["kind"] == "chat_message" and first["reasons"][0] == "crisis" and first["hidden"] is True
    with app.app_context():
        stored = db.session.get(ChatMessage, first["id"])
        assert stored.body_source == CRISIS and stored.hidden_at is not None


def test_crisis_with_personal_data_asks_first_with_help_lines_and_confirming_publishes_it(
    app, anna, moderator
):
    client = in_room(app, anna)
    text = "Jag vill inte leva längre, ring mig 070-123 45 67"
    asked = send(client, text, client_id="kris-1")
    assert asked["ok"] is False and asked["error"]["code"] == "personal_data"
    assert asked["crisis_support"] is True
    (item,) = queue_of(moderator)
    assert item["reasons"][0] == "crisis" and "personal_info" in item["reasons"] and item["hidden"] is True
    confirmed = send(client, text, client_id="kris-1", confirm_personal_data=True)
    assert confirmed["ok"] is True and confirmed["message"]["id"] == item["id"]
    assert confirmed["held"] is False
    (still_queued,) = queue_of(moderator)
    assert still_queued["hidden"] is False and still_queued["reasons"][0] == "crisis"


def test_forum_crisis_post_is_never_refused_by_the_posting_limit(app, anna):
    app.config["RATELIMIT_ENABLED"] = True
    thread = anna.new_thread("Natten", "Jag kan inte sova").get_json()["thread"]["id"]
    statuses = [anna.reply(thread, f"Svar nummer {n}").status_code for n in range(12)]
    assert 429 in statuses
    crisis = anna.reply(thread, "Jag orkar inte leva längre, förlåt.")
    assert crisis.status_code == 201 and crisis.get_json()["crisis_support"] is True
    assert anna.reply(thread, "Ett vanligt svar till").status_code == 429


def test_forum_crisis_with_personal_data_shows_help_lines_above_the_question(anna):
    token = form_token(anna.client.get("/forum/demens").get_data(as_text=True))
    answer = anna.client.post(
        "/forum/demens",
        data={"csrf_token": token, "title": "Natt", "body": "Jag vill dö. Mitt nummer är 0701234567"},
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    support = html.index("notice--support")
    assert support < html.index('name="confirm_personal_data"')
    assert "90101" in html[support : html.index("</div>", support)]


def test_slow_mode_says_a_second_in_good_swedish(app, anna):
    client = in_room(app, anna)
    send(client, "ett")
    with app.app_context():
        from chat import services

        state = services.state()
        key = next(iter(state.last_sent))
        state.last_sent[key] -= app.config["CHAT_UNMODERATED_SLOW_MODE_SECONDS"] - 0.6
    message = send(client, "två")["error"]["message"]
    assert "om 1 sekunder" not in message and "om en sekund" in message


def test_confirming_personal_data_never_releases_another_hold(app, anna, moderator):
    moderator.post("/moderation/watched-words", {"word": "hemligt", "action": "hold"})
    client = in_room(app, anna)
    text = "Jag vill inte leva längre, hemligt, ring 070-123 45 67"
    assert send(client, text, client_id="k2")["error"]["code"] == "personal_data"
    confirmed = send(client, text, client_id="k2", confirm_personal_data=True)
    assert confirmed["ok"] is True and confirmed["held"] is True
    assert sent_messages(client) == []


def test_a_changed_text_is_stored_anew_and_the_copy_with_the_number_stays_hidden(app, anna, moderator):
    client = in_room(app, anna)
    assert send(client, "Jag vill dö, ring 070-123 45 67", client_id="k3")["error"]["code"] == "personal_data"
    changed = send(client, "Jag vill dö.", client_id="k3", confirm_personal_data=True)
    assert changed["ok"] is True and changed["held"] is False and changed["crisis_support"] is True
    assert [message["body_html"] for message in sent_messages(client)] == ["<p>Jag vill dö.</p>"]
    first, second = sorted(queue_of(moderator), key=lambda item: item["id"])
    assert first["hidden"] is True and "070" in first["excerpt"] and second["id"] == changed["message"]["id"]


def test_past_a_generous_allowance_crisis_messages_are_held_not_refused(app, anna):
    client = in_room(app, anna)
    answers = [
        send(client, f"Jag vill inte leva längre ({n})") for n in range(app.config["CHAT_CRISIS_BURST"] + 2)
    ]
    assert all(answer["ok"] and answer["crisis_support"] for answer in answers)
    assert [answer["held"] for answer in answers][-2:] == [True, True]
    assert len(sent_messages(client)) == app.config["CHAT_CRISIS_BURST"]


def test_an_edit_with_crisis_and_personal_data_keeps_the_post_queues_the_crisis_and_confirms(anna, moderator):
    post = anna.new_thread("Natt", "Svårt att sova").get_json()["post"]
    text = "Jag vill inte leva längre. Ring 0701234567"
    asked = anna.send("PATCH", f"/posts/{post['id']}", {"body": text})
    assert asked.status_code == 422 and asked.get_json()["crisis_support"] is True
    (item,) = queue_of(moderator)
    assert item["reasons"] == ["crisis"] and item["hidden"] is False and "Svårt att sova" in item["excerpt"]
    confirmed = anna.send("PATCH", f"/posts/{post['id']}", {"body": text, "confirm_personal_data": True})
    assert confirmed.status_code == 200 and "0701234567" in confirmed.get_json()["post"]["body_html"]
