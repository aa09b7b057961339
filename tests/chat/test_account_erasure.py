"""Erasing an account takes its chat messages out of every open room at once, on a real gevent server with
real python-socketio clients (before, the rooms kept showing them until a reload)."""

from __future__ import annotations

import pytest

from tests.conftest import STRONG_PASSWORD

pytestmark = pytest.mark.server


def delete_account(member, keep_posts: bool = False):
    """DELETE /api/v1/me from the member's own browser."""
    return member.http.delete(
        member.base_url + "/api/v1/me",
        json={"password": STRONG_PASSWORD, "keep_posts": keep_posts},
        headers={"X-CSRF-Token": member.token()},
        timeout=30,
    )


def test_erasing_an_account_removes_its_messages_from_every_open_room(member):
    anna, bertil = member(), member()
    for each in (anna, bertil):
        each.connect()
        for room in ("demens", "allmant"):
            assert each.call("join", {"room": room})["ok"] is True
    sent = [
        (anna.call("send", {"room": room, "body": f"Annas meddelande {index}"})["message"]["id"], room)
        for index, room in enumerate(("demens", "demens", "allmant"))
    ]
    kept = bertil.call("send", {"room": "demens", "body": "Bertils meddelande"})["message"]["id"]
    for message_id, _room in sent:
        bertil.wait_for("message", lambda data, message_id=message_id: data["id"] == message_id)

    assert delete_account(anna).status_code == 204
    for message_id, room in sent:
        removed = bertil.wait_for(
            "message_removed", lambda data, message_id=message_id: data["id"] == message_id
        )
        assert removed == {"id": message_id, "room": room}
    assert kept not in [data["id"] for data in bertil.received("message_removed")]
    history = bertil.call("join", {"room": "demens"})["history"]
    assert [item["id"] for item in history if item["id"] in {message_id for message_id, _ in sent}] == []


def test_keeping_the_texts_removes_no_message(member):
    anna, bertil = member(), member()
    for each in (anna, bertil):
        each.connect()
        assert each.call("join", {"room": "demens"})["ok"] is True
    message_id = anna.call("send", {"room": "demens", "body": "Får stå kvar"})["message"]["id"]
    bertil.wait_for("message", lambda data: data["id"] == message_id)
    assert delete_account(anna, keep_posts=True).status_code == 204
    history = bertil.call("join", {"room": "demens"})["history"]
    kept = next(item for item in history if item["id"] == message_id)
    assert kept["author"]["pseudonym"] == "Tidigare medlem"
    assert bertil.received("message_removed") == []
