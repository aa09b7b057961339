"""Moderators in a chat room see hidden and removed messages in place, marked with who decided and why, and
act on them there; members' sockets never get a hidden message or its text. Real server, real clients."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from accounts.models import User
from core.database import utcnow
from core.extensions import db
from tests.support.chat import on_database, put_on_duty, set_role

pytestmark = pytest.mark.server

SECRET = "Det här borde ingen annan läsa i kväll"


def texts_seen(member) -> str:
    """Everything a member's socket has received, as one string."""
    return repr(member.events)


def test_a_moderator_sees_a_hidden_message_with_who_and_why_and_restores_it(member, chat_db):
    anna, bertil, moderator, colleague = member(), member(), member(), member()
    set_role(chat_db, moderator, "moderator")
    set_role(chat_db, colleague, "moderator")
    for each in (anna, bertil, moderator):
        each.connect()
        assert "moderated" not in each.call("join", {"room": "beroende"}) or each is moderator
    assert "moderated" not in bertil.call("join", {"room": "beroende"})  # members: the protocol as before
    message_id = anna.call("send", {"room": "beroende", "body": SECRET})["message"]["id"]
    bertil.wait_for("message", lambda data: data["id"] == message_id)

    reason = "Namnger en tredje person"
    assert (
        bertil.call("moderate", {"message_id": message_id, "action": "hide"})["error"]["code"] == "forbidden"
    )
    assert (
        moderator.call("moderate", {"message_id": message_id, "action": "wave"})["error"]["field"] == "action"
    )
    ack = moderator.call("moderate", {"message_id": message_id, "action": "hide", "reason": reason})
    assert ack == {"ok": True}
    marked = moderator.wait_for("message_moderated", lambda data: data["id"] == message_id)
    assert marked["state"] == "hidden" and marked["body_html"] == f"<p>{SECRET}</p>"
    assert marked["decided_by"] == moderator.pseudonym and marked["reason"] == reason
    assert marked["decided_when"].startswith("i dag ") and marked["can_undo"] is True
    assert bertil.wait_for("message_removed", lambda data: data["id"] == message_id) == {
        "id": message_id,
        "room": "beroende",
    }

    # A colleague opening the room now finds it in place, marked, with who and why.
    colleague.connect()
    joined = colleague.call("join", {"room": "beroende"})
    assert message_id not in [item["id"] for item in joined["history"]]
    (hidden,) = [item for item in joined["moderated"] if item["id"] == message_id]
    assert hidden["state"] == "hidden" and hidden["decided_by"] == moderator.pseudonym
    assert hidden["reason"] == reason
    # A member opening it does not.
    late = member()
    late.connect()
    assert SECRET not in repr(late.call("join", {"room": "beroende"}))

    # Restored by the colleague: both moderators see it shown again; members see it in history again.
    assert colleague.call("moderate", {"message_id": message_id, "action": "restore", "reason": "Ok"})["ok"]
    for each in (moderator, colleague):
        shown = each.wait_for(
            "message_moderated", lambda data: data["id"] == message_id and data["state"] == "shown"
        )
        assert shown["decided_by"] == colleague.pseudonym
    assert message_id in [item["id"] for item in late.call("join", {"room": "beroende"})["history"]]

    # Deleted in place, then restored: a removed chat line keeps its text until purged, so it can come back.
    assert moderator.call("moderate", {"message_id": message_id, "action": "delete", "reason": "Namn"})["ok"]
    moderator.wait_for(
        "message_moderated", lambda data: data["id"] == message_id and data["state"] == "removed"
    )
    assert moderator.call("moderate", {"message_id": message_id, "action": "restore"})["ok"]
    moderator.wait_for(
        "message_moderated",
        lambda data: data["id"] == message_id and data["state"] == "shown" and data["reason"] == "",
    )

    # Through every step, members' sockets got the message once (before it was hidden) and never a
    # moderated state, a reason or a moderator's name.
    for each in (anna, bertil, late):
        assert each.received("message_moderated") == []
        assert reason not in texts_seen(each) and "Namn" not in repr(each.received("message_removed"))
    assert [data["id"] for data in bertil.received("message")] == [message_id]


def test_flags_that_hide_a_message_reach_the_rooms_moderators_marked_as_waiting(member, chat_db):
    writer, moderator = member(), member()
    flaggers = [member() for _ in range(3)]
    set_role(chat_db, moderator, "moderator")
    for each in (writer, moderator, *flaggers):
        each.connect()
        each.call("join", {"room": "allmant"})
    message_id = writer.call("send", {"room": "allmant", "body": "Ni är alla idioter"})["message"]["id"]
    # Only flags of members whose accounts are a day old and who have written something others can read count
    # toward hiding.
    names = [each.username for each in flaggers]
    on_database(
        chat_db,
        lambda: db.session.execute(
            update(User).where(User.username.in_(names)).values(created_at=utcnow() - timedelta(days=2))
        ),
    )
    for number, each in enumerate(flaggers):
        assert each.call("send", {"room": "allmant", "body": f"Hej, jag är ny nummer {number}"})["ok"]
    for each in flaggers:
        assert each.call("flag", {"message_id": message_id, "reason": "harassment"})["ok"]
    marked = moderator.wait_for("message_moderated", lambda data: data["id"] == message_id)
    assert marked["state"] == "hidden" and marked["waiting"] is True and marked["decided_by"] is None
    assert marked["flag_reasons"] == ["Trakasserier"]
    for each in (writer, *flaggers):
        each.wait_for("message_removed", lambda data: data["id"] == message_id)
        assert each.received("message_moderated") == []


def test_a_demoted_moderator_stops_hearing_the_rooms_moderation(member, chat_db):
    anna, moderator, former = member(), member(), member()
    set_role(chat_db, moderator, "moderator")
    set_role(chat_db, former, "moderator")
    put_on_duty(chat_db, former)
    for each in (anna, moderator, former):
        each.connect()
        each.call("join", {"room": "natten"})
    anna.wait_for("moderators", lambda data: data["online"] is True)
    set_role(chat_db, former, "member")
    # The sweep that notices nobody is on duty any more has also taken the former moderator out.
    anna.wait_for("moderators", lambda data: data["online"] is False)
    message_id = anna.call("send", {"room": "natten", "body": "Hej på er"})["message"]["id"]
    assert moderator.call("moderate", {"message_id": message_id, "action": "hide", "reason": "Test"})["ok"]
    former.wait_for("message_removed", lambda data: data["id"] == message_id)
    moderator.wait_for("message_moderated", lambda data: data["id"] == message_id)
    former.call("typing", {"room": "natten"})  # an ack after everything the server sent this socket before
    assert former.received("message_moderated") == []
    assert (
        former.call("moderate", {"message_id": message_id, "action": "restore"})["error"]["code"]
        == "forbidden"
    )
