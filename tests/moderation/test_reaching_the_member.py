"""Moderators reach the person behind a crisis: claims on queue items, and private staff messages that the
member sees live and answers (to the staff only); exported, erased with the account, purged in time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.database import utcnow
from core.extensions import db, socketio
from core.retention import purge_expired
from moderation.models import AuditEntry, StaffMessage
from tests.conftest import STRONG_PASSWORD
from tests.html import form_token
from tests.support.accounts import staff_member

CRISIS = "Jag vill inte leva längre"


def staff(new_api, runner, name: str):
    return staff_member(new_api, runner, name, "moderator")


def crisis_item(anna, moderator) -> dict:
    anna.new_thread("Natt", CRISIS)
    (item,) = moderator.get("/moderation/queue").get_json()["items"]
    assert item["reasons"][0] == "crisis"
    # Moderators see why: the signal that fired, on the member's own words.
    assert [signal["reason"] for signal in item["signals"]] == ["crisis"]
    assert "leva" in item["signals"][0]["note"] and item["signals"][0]["note"].startswith("intent")
    return item


def test_a_crisis_item_is_claimed_others_see_who_and_cannot_take_it_and_it_can_be_released(
    anna, moderator, new_api, runner
):
    item = crisis_item(anna, moderator)
    assert item["claimed_by"] is None
    path = f"/moderation/items/post/{item['id']}/claim"
    taken = moderator.post(path)
    assert taken.status_code == 200
    name = moderator.get("/session").get_json()["user"]["pseudonym"]
    assert taken.get_json()["claimed_by"] == {"pseudonym": name} and taken.get_json()["since"]
    colleague = staff(new_api, runner, "kollegan")
    refused = colleague.post(path)
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "claimed_by_another"
    assert name in refused.get_json()["error"]["message"]
    (seen,) = colleague.get("/moderation/queue").get_json()["items"]
    assert seen["claimed_by"] == {"pseudonym": name} and seen["claimed_since"]
    released = colleague.send("DELETE", path)
    assert released.status_code == 200 and released.get_json()["claimed_by"] is None
    assert colleague.post(path).status_code == 200
    actions = [entry["action"] for entry in moderator.get("/moderation/audit").get_json()["entries"]]
    assert actions[:3] == ["item.claim", "item.release", "item.claim"]


@pytest.mark.parametrize("who", ["stranger", "member"])
def test_only_moderators_claim_or_message(anna, moderator, new_api, who):
    item = crisis_item(anna, moderator)
    other = new_api()
    if who == "member":
        other.signup("bertil")
    author = item["author"]["pseudonym"]
    expected = 401 if who == "stranger" else 403
    assert other.post(f"/moderation/items/post/{item['id']}/claim").status_code == expected
    assert other.post(f"/moderation/members/{author}/messages", {"body": "hej"}).status_code == expected


def test_claims_on_unknown_items_are_404_and_create_nothing(anna, moderator):
    assert moderator.post("/moderation/items/post/999999/claim").status_code == 404
    assert moderator.post("/moderation/items/thread/1/claim").status_code == 404
    plain = anna.new_thread("Fråga", "Hur gör ni med matlådor?").get_json()["post"]["id"]
    assert moderator.post(f"/moderation/items/post/{plain}/claim").status_code == 404
    assert moderator.get("/moderation/queue").get_json()["items"] == []


def test_a_moderator_cannot_claim_their_own_crisis_colleagues_handle_it(moderator, new_api, runner):
    moderator.new_thread("Natt", CRISIS)
    colleague = staff(new_api, runner, "kollegan")
    (item,) = colleague.get("/moderation/queue").get_json()["items"]
    assert moderator.post(f"/moderation/items/post/{item['id']}/claim").status_code == 403
    assert colleague.post(f"/moderation/items/post/{item['id']}/claim").status_code == 200


def test_staff_message_reaches_the_member_live_and_the_member_answers_the_staff_only(app, anna, moderator):
    item = crisis_item(anna, moderator)
    socket = socketio.test_client(app, namespace="/chat", flask_test_client=anna.client)
    author = item["author"]["pseudonym"]
    sent = moderator.post(
        f"/moderation/members/{author}/messages", {"body": "Hej, vi finns här. Hur har du det?"}
    )
    assert sent.status_code == 201
    events = [packet for packet in socket.get_received("/chat") if packet["name"] == "staff_message"]
    assert len(events) == 1
    live = events[0]["args"][0] if isinstance(events[0]["args"], list) else events[0]["args"]
    assert set(live) == {"id", "body_html", "created_at"} and "vi finns här" in live["body_html"]
    page = anna.client.get("/").get_data(as_text=True)
    assert "Från moderatorerna" in page  # the header names unread staff messages
    inbox = anna.get("/me/staff-messages").get_json()["messages"]
    assert anna.client.get("/").get_data(as_text=True).count("Från moderatorerna") == 1  # a GET never writes
    assert anna.post("/me/staff-messages/read").status_code == 204
    assert "Från moderatorerna" not in anna.client.get("/").get_data(as_text=True)
    assert [message["from_staff"] for message in inbox] == [True]
    assert "moderatorn" not in str(inbox) and moderator.get("/session").get_json()["user"][
        "pseudonym"
    ] not in str(inbox)
    answer = anna.post("/me/staff-messages", {"body": "Tack. Det är tungt ikväll."})
    assert answer.status_code == 201 and answer.get_json()["message"]["from_staff"] is False
    waiting = moderator.get("/moderation/staff-inbox").get_json()["members"]
    assert [row["pseudonym"] for row in waiting] == [author]
    conversation = moderator.get(f"/moderation/members/{author}/messages").get_json()["messages"]
    assert [message["from_staff"] for message in conversation] == [True, False]
    assert len(moderator.get("/moderation/staff-inbox").get_json()["members"]) == 1  # reading writes nothing
    assert moderator.post(f"/moderation/members/{author}/messages/read").status_code == 204
    assert moderator.get("/moderation/staff-inbox").get_json()["members"] == []
    audit = moderator.get("/moderation/audit").get_json()["entries"][0]
    assert audit["action"] == "staff_message.send" and "tungt" not in str(audit)


def test_staff_messages_are_refused_clearly(anna, moderator):
    item = crisis_item(anna, moderator)
    author = item["author"]["pseudonym"]
    empty = moderator.post(f"/moderation/members/{author}/messages", {"body": "  "})
    assert empty.status_code == 422 and empty.get_json()["error"]["field"] == "body"
    long = anna.post("/me/staff-messages", {"body": "x" * 4001})
    assert long.status_code == 422 and long.get_json()["error"]["field"] == "body"
    assert moderator.post("/moderation/members/Finns Inte 1/messages", {"body": "hej"}).status_code == 404
    assert anna.post("/me/staff-messages", {"body": 5}).status_code == 422


def test_a_members_crisis_answer_gets_help_lines_and_is_marked_for_staff(anna, moderator):
    answer = anna.post("/me/staff-messages", {"body": CRISIS})
    assert answer.get_json()["crisis_support"] is True
    (row,) = moderator.get("/moderation/staff-inbox").get_json()["members"]
    assert row["crisis"] is True


def test_staff_messages_are_exported_erased_with_the_account_and_purged_in_time(app, anna, moderator):
    item = crisis_item(anna, moderator)
    moderator.post(f"/moderation/members/{item['author']['pseudonym']}/messages", {"body": "Hur mår du?"})
    anna.post("/me/staff-messages", {"body": "Bättre nu"})
    exported = anna.get("/me/export").get_json()["staff_messages"]
    assert [(row["from_staff"], row["body"]) for row in exported] == [
        (True, "Hur mår du?"),
        (False, "Bättre nu"),
    ]
    with app.app_context():
        old = db.session.scalars(select(StaffMessage)).first()
        old.created_at = utcnow() - timedelta(days=app.config["STAFF_MESSAGE_RETENTION_DAYS"] + 1)
        db.session.commit()
        assert purge_expired()["staff_messages"] == 1
    assert anna.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 204
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StaffMessage)) == 0
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) >= 1


def test_moderator_pages_claim_and_write_and_the_member_page_answers(anna, moderator):
    item = crisis_item(anna, moderator)
    queue_page = moderator.client.get("/moderation").get_data(as_text=True)
    assert "Jag tar den här" in queue_page
    token = form_token(queue_page)
    moderator.client.post("/moderation/claim", data={"csrf_token": token, "kind": "post", "id": item["id"]})
    queue_page = moderator.client.get("/moderation").get_data(as_text=True)
    assert "tar hand om detta sedan" in queue_page and "Släpp" in queue_page
    author = item["author"]["pseudonym"]
    conversation = moderator.client.get(f"/moderation/members/{author}/messages")
    assert conversation.status_code == 200
    sent = moderator.client.post(
        f"/moderation/members/{author}/messages",
        data={
            "csrf_token": form_token(conversation.get_data(as_text=True)),
            "body": "Vi läser. Ring 90101 om det blir för tungt.",
        },
    )
    assert sent.status_code == 302
    inbox = anna.client.get("/account/staff-messages").get_data(as_text=True)
    assert "Ring 90101" in inbox
    answered = anna.client.post(
        "/account/staff-messages", data={"csrf_token": form_token(inbox), "body": "Tack för att ni skrev."}
    )
    assert answered.status_code == 302
    refused = anna.client.post("/account/staff-messages", data={"csrf_token": form_token(inbox), "body": ""})
    assert refused.status_code == 422 and "staff-answer-error" in refused.get_data(as_text=True)


def test_each_pseudonym_is_its_own_conversation_so_staff_messages_never_tie_names(anna, moderator):
    item = crisis_item(anna, moderator)
    old_name = item["author"]["pseudonym"]
    moderator.post(f"/moderation/members/{old_name}/messages", {"body": "Hur har du det?"})
    new_name = anna.post("/me/pseudonym").get_json()["user"]["pseudonym"]
    assert new_name != old_name
    anna.post("/me/staff-messages", {"body": "Lite bättre"})
    # The answer is filed under the name the staff wrote to; the new name has no conversation at all.
    assert [row["pseudonym"] for row in moderator.get("/moderation/staff-inbox").get_json()["members"]] == [
        old_name
    ]
    assert moderator.get(f"/moderation/members/{new_name}/messages").get_json()["messages"] == []
    page = moderator.client.get(f"/moderation/members/{old_name}/messages").get_data(as_text=True)
    assert old_name in page and new_name not in page
    audit = moderator.get("/moderation/audit").get_json()["entries"]
    assert new_name not in str(audit)


def test_a_deleted_moderators_name_leaves_the_messages_they_wrote(app, anna, new_api, runner):
    leaving = staff(new_api, runner, "avgar")
    item = crisis_item(anna, leaving)
    leaving.post(f"/moderation/members/{item['author']['pseudonym']}/messages", {"body": "Vi finns här."})
    assert leaving.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 204
    with app.app_context():
        (message,) = db.session.scalars(select(StaffMessage)).all()
        assert message.staff_id is None and message.staff_pseudonym is None
