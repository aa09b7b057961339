"""Young carers' spaces over HTTP: a 17-year-old and a 40-year-old on every path (listing, reading, posting,
search, notifications, the chat room page), the 26th birthday, moderators, staff setting a band, the one-time
age check on the account page, and grooming signals reaching the queue.

"Today" is the Swedish calendar day the app uses; birthdays are set relative to it (in the database where a
test needs a member who turns 26 today), never to the wall clock of the test.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import inspect, select, update

from accounts.age_gate import YOUNG_BAND
from accounts.errors import OutsideAgeBand
from accounts.models import User
from accounts.permissions import can_enter, ensure_can_enter
from accounts.services import today
from accounts.young import forget_passed_young_until
from core.extensions import db
from forum.models import Notification
from moderation.models import URGENCY, AuditEntry, ReviewItem
from tests.conftest import Api, years_ago
from tests.html import form_token

YOUNG = "unga-anhoriga"
SECRET_WORD = "kanelbullebak"


def swedish_today(app):
    with app.app_context():
        return today()


def signed_up(new_api, app, username: str, years: int):
    member = new_api()
    response = member.signup(username, birth_date=years_ago(years, swedish_today(app)))
    assert response.status_code == 201, response.get_json()
    return member


_friends = iter(range(1000))


def signed_up_in(app):
    """One more 18-year-old, on a client of the same app."""
    member = Api(app.test_client())
    name = f"ung.kompis{next(_friends)}"
    assert member.signup(name, birth_date=years_ago(18, swedish_today(app))).status_code == 201
    return member


def set_young_until(app, username: str, value) -> None:
    with app.app_context():
        db.session.execute(update(User).where(User.username == username).values(young_until=value))
        db.session.commit()


def stored(app, username: str) -> User:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        db.session.expunge(user)
        return user


@pytest.fixture
def young(seeded, new_api, app):
    """A 17-year-old."""
    return signed_up(new_api, app, "ung.anna", 17)


@pytest.fixture
def adult(seeded, new_api, app):
    """A 40-year-old."""
    return signed_up(new_api, app, "vuxen.bertil", 40)


@pytest.fixture
def moderator(seeded, new_api, app, runner):
    member = signed_up(new_api, app, "moderator.cecilia", 52)
    assert runner.invoke(args=["users", "set-role", "moderator.cecilia", "moderator"]).exit_code == 0
    return member


@pytest.fixture
def admin(seeded, new_api, app, runner):
    member = signed_up(new_api, app, "admin.david", 45)
    assert runner.invoke(args=["users", "set-role", "admin.david", "admin"]).exit_code == 0
    return member


@pytest.fixture
def young_thread(young):
    """A thread in the young carers' category, written by the 17-year-old."""
    response = young.new_thread("Pappa dricker", f"Jag bakar {SECRET_WORD} för att orka.", slug=YOUNG)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["thread"]["id"], response.get_json()["post"]["id"]


def who(request, name: str):
    return request.getfixturevalue(name)


# --- the named permission, with plain values and a chosen day ---


@pytest.mark.parametrize(
    ("role", "young_until", "allowed"),
    [
        ("member", date(2030, 1, 1), True),  # 17 or so
        ("member", date(2026, 6, 2), True),  # 26 tomorrow
        ("member", date(2026, 6, 1), False),  # 26 today
        ("member", None, False),  # 26 or older
        ("moderator", None, True),
        ("admin", None, True),
    ],
)
def test_can_enter_a_banded_space_on_a_given_day(role, young_until, allowed):
    member = SimpleNamespace(role=role, young_until=young_until)
    banded, open_space = SimpleNamespace(age_band=YOUNG_BAND), SimpleNamespace(age_band=None)
    on = date(2026, 6, 1)
    assert can_enter(member, banded, on) is allowed
    assert can_enter(member, open_space, on) is True
    if not allowed:
        with pytest.raises(OutsideAgeBand) as refusal:
            ensure_can_enter(member, banded, on)
        assert refusal.value.details["reason"] == ("aged_out" if young_until else "outside")


# --- signup keeps the day a young member turns 26, never the birth date ---


def test_signup_keeps_only_the_day_a_young_member_turns_26(app, young, adult):
    on = swedish_today(app)
    assert stored(app, "ung.anna").young_until.isoformat() == years_ago(-9, on)  # born 17 years ago today
    assert stored(app, "vuxen.bertil").young_until is None
    with app.app_context():
        columns = {column["name"] for column in inspect(db.engine).get_columns("users")}
    assert not any("birth" in name for name in columns)


def test_a_25_year_old_who_turns_26_tomorrow_is_young_until_tomorrow(seeded, new_api, app):
    on = swedish_today(app)
    member = new_api()
    birth = years_ago(26, on, days=-1)  # 26 years ago tomorrow
    assert member.signup("snart.tjugosex", birth_date=birth).status_code == 201
    assert stored(app, "snart.tjugosex").young_until == on + timedelta(days=1)
    assert member.get("/me").get_json()["young_until"] == (on + timedelta(days=1)).isoformat()


# --- listing ---


@pytest.mark.parametrize(("member", "allowed"), [("young", True), ("adult", False)])
def test_categories_and_rooms_carry_the_age_band_and_who_may_enter(request, member, allowed):
    api = who(request, member)
    categories = {item["slug"]: item for item in api.get("/categories").get_json()["categories"]}
    rooms = {item["slug"]: item for item in api.get("/chat/rooms").get_json()["rooms"]}
    for listing in (categories, rooms):
        assert listing[YOUNG]["age_band"] == {"min": 16, "max": 25}
        assert listing[YOUNG]["can_enter"] is allowed
        assert listing["demens"]["age_band"] is None
        assert listing["demens"]["can_enter"] is True


def test_adults_see_the_young_spaces_listed_kindly_without_a_way_in(adult):
    forum = adult.client.get("/forum").get_data(as_text=True)
    assert "Unga anhöriga (16–25)" in forum
    assert f'href="/forum/{YOUNG}"' not in forum
    assert "Den här delen av forumet är för unga anhöriga mellan 16 och 25 år" in forum
    lobby = adult.client.get("/chat").get_data(as_text=True)
    assert "Unga anhöriga (16–25)" in lobby
    assert f'href="/chat/{YOUNG}"' not in lobby
    assert "Det här rummet är för unga anhöriga mellan 16 och 25 år" in lobby
    assert 'href="/chat/allmant"' in lobby  # the way to the general rooms


def test_young_members_see_links_into_their_spaces(young):
    assert f'href="/forum/{YOUNG}"' in young.client.get("/forum").get_data(as_text=True)
    assert f'href="/chat/{YOUNG}"' in young.client.get("/chat").get_data(as_text=True)


# --- reading ---


def refused(response, reason: str = "outside") -> None:
    assert response.status_code == 403
    error = response.get_json()["error"]
    assert error["code"] == "age_band"
    assert error["reason"] == reason
    assert error["age_band"] == {"min": 16, "max": 25}


@pytest.mark.parametrize(("member", "allowed"), [("young", True), ("adult", False)])
def test_reading_the_young_category_its_threads_and_posts(request, member, allowed, young_thread):
    api = who(request, member)
    thread_id, post_id = young_thread
    api_paths = [f"/categories/{YOUNG}/threads", f"/threads/{thread_id}"]
    for path in api_paths:
        response = api.get(path)
        if allowed:
            assert response.status_code == 200, path
        else:
            refused(response)
            assert SECRET_WORD not in response.get_data(as_text=True)
    for path in (f"/forum/{YOUNG}", f"/threads/{thread_id}", f"/posts/{post_id}", f"/posts/{post_id}/flag"):
        response = api.client.get(path)
        assert response.status_code in ({200, 302} if allowed else {403}), path  # /posts/<id> redirects
        if not allowed:
            page = response.get_data(as_text=True)
            assert SECRET_WORD not in page and "Pappa dricker" not in page
            assert "En plats för unga anhöriga" in page
            assert 'href="/chat"' in page and 'href="/forum"' in page  # the way to the general spaces
            assert "Anhöriglinjen" in page  # and the help lines, at the foot of the page


def test_the_young_category_page_tells_young_members_who_is_there_and_where_help_is(young):
    page = young.client.get(f"/forum/{YOUNG}").get_data(as_text=True)
    assert "En plats för unga anhöriga mellan 16 och 25 år" in page
    for link in ("https://www.bris.se", "https://maskrosbarn.org", "https://www.umo.se"):
        assert link in page


@pytest.mark.parametrize(("member", "allowed"), [("young", True), ("adult", False)])
def test_the_young_chat_room_page_shows_history_only_inside_the_band(request, member, allowed, app, young):
    api = who(request, member)
    from chat.models import ChatMessage, Room

    with app.app_context():
        room = db.session.scalar(select(Room).where(Room.slug == YOUNG))
        author = db.session.scalar(select(User).where(User.username == "ung.anna"))
        db.session.add(
            ChatMessage(
                room_id=room.id,
                author_id=author.id,
                author_pseudonym_id=author.pseudonym.id,
                body_source=SECRET_WORD,
                body_html=f"<p>{SECRET_WORD}</p>",
            )
        )
        db.session.commit()
    response = api.client.get(f"/chat/{YOUNG}")
    page = response.get_data(as_text=True)
    if allowed:
        assert response.status_code == 200 and SECRET_WORD in page
        assert "https://www.bris.se" in page
    else:
        assert response.status_code == 403
        assert SECRET_WORD not in page and "chat.js" not in page
        assert "Det här är en plats för unga anhöriga mellan 16 och 25 år, så den är stängd för dig." in page


# --- writing ---


@pytest.mark.parametrize(("member", "allowed"), [("young", True), ("adult", False)])
def test_posting_reacting_following_and_flagging_in_the_young_category(request, member, allowed, app):
    api = who(request, member)
    started = (
        signed_up_in(app).new_thread("Syskon", "Någon mer med en sjuk lillebror?", slug=YOUNG).get_json()
    )
    thread_id, post_id = started["thread"]["id"], started["post"]["id"]
    attempts = [
        api.new_thread("Hej", "Jag är ny här.", slug=YOUNG),
        api.reply(thread_id, "Jag känner igen mig."),
        api.post(f"/threads/{thread_id}/follow"),
        api.post(f"/threads/{thread_id}/read", {"last_post_id": post_id}),
        api.post(f"/posts/{post_id}/reactions"),
        api.post(f"/posts/{post_id}/flags", {"reason": "other"}),
    ]
    for response in attempts:
        if allowed:
            assert response.status_code in (200, 201), response.get_json()
        else:
            refused(response)


def test_an_adult_posting_through_the_page_forms_gets_the_refusal_page(adult, young_thread):
    thread_id, _post_id = young_thread
    token = form_token(adult.client.get("/forum/demens").get_data(as_text=True))
    for action, data in (
        (f"/threads/{thread_id}/reply", {"body": "Hej!"}),
        (f"/forum/{YOUNG}", {"title": "Hej", "body": "Hej!"}),
    ):
        response = adult.client.post(action, data={"csrf_token": token, **data})
        assert response.status_code == 403
        assert "En plats för unga anhöriga" in response.get_data(as_text=True)


def test_an_adult_cannot_edit_even_their_own_post_after_a_band_was_set(adult, admin, app):
    thread_id = adult.new_thread("Öppen tråd", "Text", slug="fikarummet").get_json()["thread"]["id"]
    post_id = adult.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    assert (
        admin.send("PATCH", "/categories/fikarummet", {"age_band": {"min": 16, "max": 25}}).status_code == 200
    )
    refused(adult.send("PATCH", f"/posts/{post_id}", {"body": "Ändrad"}))
    refused(adult.get(f"/threads/{thread_id}"))


# --- search and notifications ---


POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)
BOTH_DATABASES = pytest.mark.parametrize("backend", ["sqlite", POSTGRES])


@BOTH_DATABASES
@pytest.mark.parametrize(("member", "found"), [("young", 1), ("adult", 0), ("moderator", 1)])
def test_search_finds_young_posts_only_for_those_who_may_read_them(request, member, found, young_thread):
    api = who(request, member)
    results = api.get(f"/search?q={SECRET_WORD}").get_json()
    assert results["total"] == found
    assert len(results["results"]) == found
    page = api.client.get(f"/forum/search?q={SECRET_WORD}").get_data(as_text=True)
    assert ("Pappa dricker" in page) is bool(found)


@BOTH_DATABASES
def test_notifications_from_the_young_category_stop_on_the_26th_birthday(app, young, young_thread, new_api):
    thread_id, _post_id = young_thread
    friend = signed_up(new_api, app, "ung.vän", 19)
    assert friend.reply(thread_id, "Samma här.").status_code == 201
    assert young.get("/notifications").get_json()["unread"] == 1
    set_young_until(app, "ung.anna", swedish_today(app))  # 26 today
    notifications = young.get("/notifications").get_json()
    assert notifications["unread"] == 0 and notifications["notifications"] == []
    page = young.client.get("/notifications").get_data(as_text=True)
    assert "Pappa dricker" not in page


def test_a_follower_who_has_turned_26_is_not_told_of_new_replies_at_all(app, young, young_thread, new_api):
    """Not stored, so neither the push (with details) nor the badge's tooltip carries the title or text."""
    thread_id, _post_id = young_thread
    friend = signed_up(new_api, app, "ung.vän", 19)
    set_young_until(app, "ung.anna", swedish_today(app))  # 26 today, still following the thread
    assert friend.reply(thread_id, f"Samma här, {SECRET_WORD}.").status_code == 201
    with app.app_context():
        member = db.session.scalar(select(User).where(User.username == "ung.anna"))
        stored_notes = db.session.scalars(select(Notification).where(Notification.user_id == member.id)).all()
    assert stored_notes == []


def test_an_adult_never_gets_notifications_about_a_category_that_became_age_banded(
    adult, admin, new_api, app
):
    thread_id = adult.new_thread("Om sömn", "Hur sover ni?", slug="fikarummet").get_json()["thread"]["id"]
    young_writer = signed_up(new_api, app, "ung.skribent", 18)
    assert young_writer.reply(thread_id, "Dåligt.").status_code == 201
    assert adult.get("/notifications").get_json()["unread"] == 1
    assert (
        admin.send("PATCH", "/categories/fikarummet", {"age_band": {"min": 16, "max": 25}}).status_code == 200
    )
    assert adult.get("/notifications").get_json() == {"notifications": [], "unread": 0}


# --- the 26th birthday ---


def test_on_the_26th_birthday_access_ends_kindly_and_old_posts_stay(app, young, young_thread, moderator):
    thread_id, post_id = young_thread
    set_young_until(app, "ung.anna", swedish_today(app) + timedelta(days=1))
    assert young.get(f"/threads/{thread_id}").status_code == 200  # 25 until midnight
    set_young_until(app, "ung.anna", swedish_today(app))
    refused(young.get(f"/threads/{thread_id}"), reason="aged_out")
    page = young.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert "Du har fyllt 26 – grattis!" in page and "Det du har skrivit här finns kvar." in page
    posts = moderator.get(f"/threads/{thread_id}").get_json()["posts"]
    assert [post["id"] for post in posts] == [post_id] and SECRET_WORD in posts[0]["body_html"]


def test_the_day_a_member_turned_26_is_forgotten_30_days_later(app, young):
    on = swedish_today(app)
    set_young_until(app, "ung.anna", on - timedelta(days=30))
    with app.app_context():
        assert forget_passed_young_until(on) == 1
    assert stored(app, "ung.anna").young_until is None
    set_young_until(app, "ung.anna", on - timedelta(days=29))
    with app.app_context():
        assert forget_passed_young_until(on) == 0


# --- moderators ---


def test_moderators_read_and_write_in_young_spaces_and_are_shown_as_staff(moderator, young, young_thread):
    thread_id, _post_id = young_thread
    assert moderator.get(f"/categories/{YOUNG}/threads").status_code == 200
    reply = moderator.reply(thread_id, "Hej, jag är moderator här. Säg till om något känns fel.")
    assert reply.status_code == 201
    assert reply.get_json()["post"]["author"]["staff"] is True
    posts = young.get(f"/threads/{thread_id}").get_json()["posts"]
    assert [post["author"].get("staff", False) for post in posts] == [False, True]
    page = young.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert page.count('class="tag tag--staff"') == 1
    # Elsewhere a moderator writes as a member among members.
    other = moderator.new_thread("Kaffe", "Någon mer som dricker för mycket kaffe?", slug="fikarummet")
    assert "staff" not in other.get_json()["post"]["author"]


# --- staff set the band ---


def test_admins_set_and_clear_a_band_and_it_is_audited(admin, adult, app):
    body = {
        "slug": "unga-syskon",
        "name_sv": "Unga syskon",
        "name_en": "Young siblings",
        "description_sv": "För unga syskon.",
        "description_en": "For young siblings.",
        "age_band": {"min": 16, "max": 25},
    }
    created = admin.post("/categories", body)
    assert created.status_code == 201 and created.get_json()["category"]["age_band"] == {"min": 16, "max": 25}
    refused(adult.get("/categories/unga-syskon/threads"))
    cleared = admin.send("PATCH", "/categories/unga-syskon", {"age_band": None})
    assert cleared.get_json()["category"]["age_band"] is None
    assert adult.get("/categories/unga-syskon/threads").status_code == 200
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEntry.action)))
    assert actions == ["category.age_band"]  # the band given at creation is not a change


@pytest.mark.parametrize(
    ("band", "reason"),
    [
        ({"min": 18, "max": 25}, "age_band.unsupported"),
        ({"min": 16}, "age_band.invalid"),
        ("16-25", "age_band.invalid"),
    ],
)
def test_bands_that_cannot_be_checked_are_refused(admin, band, reason):
    for path in ("/categories/demens", "/chat/rooms/demens"):
        response = admin.send("PATCH", path, {"age_band": band})
        assert response.status_code == 422
        assert response.get_json()["error"]["field"] == "age_band"


def test_only_admins_set_bands(moderator):
    assert moderator.send("PATCH", "/categories/demens", {"age_band": None}).status_code == 403
    assert moderator.send("PATCH", "/chat/rooms/demens", {"age_band": None}).status_code == 403


# --- the one-time age check on the account page ---


def test_a_member_who_joined_before_young_spaces_existed_may_check_once(app, new_api, seeded):
    member = signed_up(new_api, app, "tidig.medlem", 40)
    with app.app_context():  # as the migration leaves every earlier member
        db.session.execute(update(User).values(young_checked_at=None, young_until=None))
        db.session.commit()
    assert member.get("/me").get_json()["age_check_available"] is True
    on = swedish_today(app)
    bad = member.post("/me/age-check", {"birth_date": "2008-02-30"})
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "invalid_birth_date"
    too_young = member.post("/me/age-check", {"birth_date": years_ago(15, on)})
    assert too_young.get_json()["error"]["code"] == "age_out_of_range"
    assert member.get("/me").get_json()["age_check_available"] is True  # refused dates do not use it up
    checked = member.post("/me/age-check", {"birth_date": years_ago(19, on)})
    assert checked.status_code == 200
    assert checked.get_json()["young_until"] == years_ago(-7, on)
    assert member.get(f"/categories/{YOUNG}/threads").status_code == 200
    again = member.post("/me/age-check", {"birth_date": years_ago(19, on)})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "age_already_checked"


def test_the_age_check_on_the_account_page(app, new_api, seeded):
    member = signed_up(new_api, app, "sida.medlem", 40)
    with app.app_context():
        db.session.execute(update(User).values(young_checked_at=None, young_until=None))
        db.session.commit()
    page = member.client.get("/account").get_data(as_text=True)
    assert "Kontrollera min ålder" in page
    born = years_ago(22, swedish_today(app)).split("-")
    response = member.client.post(
        "/account/young",
        data={
            "csrf_token": form_token(page),
            "birth_year": born[0],
            "birth_month": born[1],
            "birth_day": born[2],
        },
    )
    assert response.status_code == 302 and "done=young" in response.headers["Location"]
    page = member.client.get("/account?done=young").get_data(as_text=True)
    assert "tills du fyller 26" in page and "Kontrollera min ålder" not in page
    assert "-".join(born) not in page


def test_members_who_gave_their_birth_date_at_signup_cannot_check_again(young, adult):
    for member in (young, adult):
        assert member.get("/me").get_json()["age_check_available"] is False
        assert member.post("/me/age-check", {"birth_date": "2005-01-01"}).status_code == 409


# --- grooming signals ---


def queue_reasons(app) -> list[tuple[list, int]]:
    with app.app_context():
        return [(item.reasons, item.urgency) for item in db.session.scalars(select(ReviewItem))]


def test_grooming_signals_in_young_spaces_go_to_the_queue_right_after_crisis(
    app, young_thread, moderator, adult
):
    thread_id, _post_id = young_thread
    friend = signed_up_in(app)
    assert friend.reply(thread_id, "hur gammal är du? har du snap?").status_code == 201
    assert queue_reasons(app) == [(["grooming"], URGENCY.index("grooming"))]
    assert URGENCY.index("grooming") == URGENCY.index("crisis") + 1
    queue = moderator.get("/moderation/queue").get_json()["items"]
    assert queue[0]["reasons"] == ["grooming"]


def test_the_same_words_elsewhere_or_from_staff_are_not_queued(app, young_thread, moderator, adult):
    thread_id, _post_id = young_thread
    assert adult.new_thread("Fråga", "hur gammal är du? har du snap?", slug="demens").status_code == 201
    warning = moderator.reply(thread_id, "Dela aldrig din snap. Har du snap? Säg till oss om någon frågar.")
    assert warning.status_code == 201
    assert queue_reasons(app) == []


def test_admins_set_a_rooms_band_from_the_lobby(admin, adult):
    token = form_token(admin.client.get("/chat").get_data(as_text=True))
    settings = {"csrf_token": token, "action": "age_band"}
    assert admin.client.post("/chat/natten/settings", data={**settings, "young_only": "1"}).status_code == 302
    rooms = {room["slug"]: room for room in adult.get("/chat/rooms").get_json()["rooms"]}
    assert rooms["natten"]["age_band"] == {"min": 16, "max": 25} and rooms["natten"]["can_enter"] is False
    assert adult.client.get("/chat/natten").status_code == 403
    assert admin.client.post("/chat/natten/settings", data=settings).status_code == 302
    assert adult.client.get("/chat/natten").status_code == 200
    new_room = {"csrf_token": token, "slug": "unga-natten", "name_sv": "Unga natten", "name_en": "Young"}
    assert admin.client.post("/chat", data={**new_room, "young_only": "1"}).status_code == 302
    assert adult.client.get("/chat/unga-natten").status_code == 403
