"""Young carers' chat room over real sockets: a 17-year-old and a 40-year-old joining, replaying history since
an id, sending, typing and flagging; moderators marked as staff; a band set on a room removing the sockets
outside it at once; and the 26th birthday ending a live membership through the maintenance sweep."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from accounts.models import User
from accounts.services import today
from chat.models import Room
from core.extensions import db
from moderation.models import ReviewItem
from tests.support.chat import on_database, set_role

pytestmark = pytest.mark.server
YOUNG = "unga-anhoriga"
rooms = (f"ungt-rum-{index}" for index in itertools.count())


def make_young(chat_db, member, until=None) -> None:
    """Give a member (signed up as an adult by the fixture) the young_until of a 17-year-old, or `until`."""

    def change():
        on = today()
        value = until(on) if until else on + timedelta(days=9 * 365)
        db.session.execute(update(User).where(User.username == member.username).values(young_until=value))

    on_database(chat_db, change)


@pytest.fixture
def young(member, chat_db):
    person = member()
    make_young(chat_db, person)
    person.connect()
    return person


@pytest.fixture
def adult(member):
    person = member()
    person.connect()
    return person


def refused(ack) -> None:
    assert ack["ok"] is False
    assert ack["error"]["code"] == "age_band"
    assert ack["error"]["age_band"] == {"min": 16, "max": 25}
    assert "history" not in ack and "message" not in ack


def test_a_17_year_old_joins_and_a_40_year_old_is_refused_without_history(young, adult):
    assert young.call("send", {"room": YOUNG, "body": "hej"})["error"]["code"] == "not_in_room"
    joined = young.call("join", {"room": YOUNG})
    assert joined["ok"] is True
    sent = young.call("send", {"room": YOUNG, "body": "Är det fler här som har en sjuk mamma?"})
    assert sent["ok"] is True
    message_id = sent["message"]["id"]
    refused(adult.call("join", {"room": YOUNG}))
    refused(adult.call("join", {"room": YOUNG, "since_id": 0}))
    refused(adult.call("join", {"room": YOUNG, "since_id": message_id - 1}))
    replay = young.call("join", {"room": YOUNG, "since_id": message_id - 1})
    assert [message["id"] for message in replay["history"]] == [message_id]


def test_a_40_year_old_cannot_send_type_or_flag_in_the_young_room(young, adult):
    young.call("join", {"room": YOUNG})
    message_id = young.call("send", {"room": YOUNG, "body": "Jag orkar inte plugga idag."})["message"]["id"]
    refused(adult.call("send", {"room": YOUNG, "body": "Hej! Hur gammal är du?"}))
    refused(adult.call("typing", {"room": YOUNG}))
    refused(adult.call("flag", {"message_id": message_id, "reason": "other"}))
    young.round_trip()  # anything the refused calls had let through would have arrived before this answer
    assert not [m for m in young.received("message") if "Hur gammal" in m["body_html"]]
    assert not young.received("typing")


def test_moderators_join_young_rooms_and_are_marked_as_staff(member, chat_db, young):
    moderator = member()
    set_role(chat_db, moderator, "moderator")
    moderator.connect()
    young.call("join", {"room": YOUNG})
    assert moderator.call("join", {"room": YOUNG})["ok"] is True
    sent = moderator.call("send", {"room": YOUNG, "body": "Hej, jag är moderator här ikväll."})
    assert sent["message"]["author"] == {"pseudonym": moderator.pseudonym, "staff": True}
    seen = young.wait_for("message", lambda data: data["author"]["pseudonym"] == moderator.pseudonym)
    assert seen["author"]["staff"] is True
    history = young.call("join", {"room": YOUNG})["history"]
    assert [m["author"].get("staff", False) for m in history if m["id"] == sent["message"]["id"]] == [True]


def test_grooming_signals_in_the_young_room_reach_the_queue(young, member, chat_db):
    young.call("join", {"room": YOUNG})
    other = member()
    make_young(chat_db, other)
    other.connect()
    other.call("join", {"room": YOUNG})
    sent = other.call("send", {"room": YOUNG, "body": "vad heter du på snap? vi kan ses i helgen"})
    assert sent["ok"] is True and sent["held"] is False

    def reasons():
        found = select(ReviewItem).where(ReviewItem.chat_message_id == sent["message"]["id"])
        item = db.session.scalar(found)
        return item.reasons if item else None

    assert on_database(chat_db, reasons) == ["grooming"]


def test_a_band_set_on_a_room_removes_everyone_outside_it_at_once(member, chat_db, chat_url, young, adult):
    admin = member()
    set_role(chat_db, admin, "admin")
    slug = next(rooms)
    token = admin.token()
    created = admin.http.post(
        chat_url + "/api/v1/chat/rooms",
        json={"slug": slug, "name_sv": "Ungt rum", "name_en": "Young room"},
        headers={"X-CSRF-Token": token},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    for person in (young, adult):
        assert person.call("join", {"room": slug})["ok"] is True
    changed = admin.http.patch(
        chat_url + f"/api/v1/chat/rooms/{slug}",
        json={"age_band": {"min": 16, "max": 25}},
        headers={"X-CSRF-Token": token},
        timeout=10,
    )
    assert changed.status_code == 200 and changed.json()["room"]["age_band"] == {"min": 16, "max": 25}
    notice = adult.wait_for("room_state", lambda data: data["room"] == slug and data.get("removed"))
    assert notice == {"room": slug, "removed": "age_band", "reason": "outside"}
    assert not [data for data in young.received("room_state") if data.get("removed")]
    young.call("send", {"room": slug, "body": "Nu är vi bara unga här."})
    young.wait_for("message", lambda data: data["room"] == slug)
    adult.round_trip()  # had the room's message been sent to the adult, it would have arrived before this
    assert not [data for data in adult.received("message") if data["room"] == slug]
    refused(adult.call("send", {"room": slug, "body": "Hallå?"}))
    refused(adult.call("join", {"room": slug}))


def test_on_the_26th_birthday_the_sweep_ends_a_live_membership_kindly(member, chat_db):
    person = member()
    make_young(chat_db, person, until=lambda on: on + timedelta(days=1))  # 25 until midnight
    person.connect()
    assert person.call("join", {"room": YOUNG})["ok"] is True
    make_young(chat_db, person, until=lambda on: on)  # midnight has passed: 26 today
    notice = person.wait_for("room_state", lambda data: data.get("removed"), timeout=5)
    assert notice == {"room": YOUNG, "removed": "age_band", "reason": "aged_out"}
    ack = person.call("send", {"room": YOUNG, "body": "Är jag kvar?"})
    assert ack["error"]["code"] == "age_band" and ack["error"]["reason"] == "aged_out"
    assert "grattis" in ack["error"]["message"]


def test_the_seeded_young_room_has_its_band(chat_db):
    room = select(Room).where(Room.slug == YOUNG)
    assert on_database(chat_db, lambda: db.session.scalar(room).age_band_json()) == {"min": 16, "max": 25}
