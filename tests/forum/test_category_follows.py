"""Following a whole category over HTTP: the welcome page's checkboxes, the category page's button and the
API; who hears of a new thread (never the author, an ignoring member, a held or hidden text, or a member
outside a young carers' category's age band); the export and account deletion."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from accounts.models import User
from accounts.services import today
from core.extensions import db
from core.notices import Notice, register_notice_listener
from forum.models import CategoryFollow, Thread
from notify.push import push_text
from tests.conftest import STRONG_PASSWORD, Api, years_ago
from tests.html import form_token, parse, unlabelled_fields

YOUNG = "unga-anhoriga"


@pytest.fixture
def members(seeded, new_api, app):
    """Make signed-up members of a given age: `members("anna", 40)`."""

    def make(username: str, years: int = 40) -> Api:
        with app.app_context():
            born = years_ago(years, today())
        client = new_api()
        answer = client.signup(username, birth_date=born)
        assert answer.status_code == 201, answer.get_json()
        client.username = username
        client.pseudonym = answer.get_json()["user"]["pseudonym"]
        return client

    return make


def notifications(member: Api) -> dict:
    return member.get("/notifications").get_json()


def follow(member: Api, *slugs: str):
    answer = member.send("PUT", "/me/category-follows", {"categories": list(slugs)})
    assert answer.status_code == 200, answer.get_json()
    return answer


def welcome_form(member: Api) -> str:
    page = member.client.get("/welcome")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_a_new_thread_in_a_followed_category_tells_the_follower_with_its_category(members):
    anna, bertil = members("anna"), members("bertil")
    follow(bertil, "demens")
    started = anna.new_thread("Nätterna", "Min mamma vandrar på natten.").get_json()
    seen = notifications(bertil)
    assert seen["unread"] == 1
    note = seen["notifications"][0]
    assert note["kind"] == "thread"
    assert note["thread"] == {"id": started["thread"]["id"], "title": "Nätterna"}
    assert note["post_id"] == started["post"]["id"]
    assert note["category"] == {"slug": "demens", "name": "Demens"}
    assert note["author"] == {"pseudonym": anna.pseudonym}
    assert note["excerpt"] == "Min mamma vandrar på natten."
    # A thread in another category says nothing; the author hears nothing of her own thread.
    anna.new_thread("Annat", "Om beroende.", slug="beroende")
    assert notifications(bertil)["unread"] == 1
    assert notifications(anna)["unread"] == 0
    page = bertil.client.get("/notifications").get_data(as_text=True)
    assert f"Ny tråd i Demens: ”Nätterna” från {anna.pseudonym}" in page


def test_a_mentioned_follower_of_the_category_is_told_once_of_the_mention_and_live(members, app):
    anna, bertil, carin = members("anna"), members("bertil"), members("carin")
    follow(bertil, "demens")
    follow(carin, "demens")
    told: list[Notice] = []
    register_notice_listener(app, told.extend)  # beside the live badge and Web Push
    anna.new_thread("Nätterna", f"Hur gör du, @{bertil.pseudonym}?")
    assert [note["kind"] for note in notifications(bertil)["notifications"]] == ["mention"]
    assert [note["kind"] for note in notifications(carin)["notifications"]] == ["thread"]
    # Both are announced (the mention's notice was once dropped, so the badge and push never heard of it).
    assert sorted((notice.kind, notice.user_id) for notice in told) == sorted(
        [("mention", user_id(app, "bertil")), ("thread", user_id(app, "carin"))]
    )


def user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.username == username))


def test_the_author_following_her_own_category_is_not_told_of_her_thread(members):
    anna = members("anna")
    follow(anna, "demens")
    anna.new_thread()
    assert notifications(anna)["unread"] == 0


def test_a_follower_ignoring_the_author_hears_nothing(members):
    anna, bertil = members("anna"), members("bertil")
    follow(bertil, "demens")
    assert bertil.post("/me/ignored", {"pseudonym": anna.pseudonym}).status_code == 201
    anna.new_thread()
    assert notifications(bertil)["unread"] == 0


def test_a_held_thread_tells_nobody_and_a_hidden_one_disappears(members, app):
    anna, bertil = members("anna"), members("bertil")
    follow(bertil, "demens")
    # A link from a brand-new account waits for a moderator.
    assert anna.new_thread("Tips", "Läs mer på https://example.org/info").get_json()["held"] is True
    assert notifications(bertil)["unread"] == 0
    shown = anna.new_thread("Fråga", "Hur gör ni?").get_json()["thread"]["id"]
    assert notifications(bertil)["unread"] == 1
    with app.app_context():
        db.session.execute(update(Thread).where(Thread.id == shown).values(hidden_at=func.now()))
        db.session.commit()
    assert notifications(bertil) == {"notifications": [], "unread": 0}


def test_the_young_carers_category_is_only_followed_inside_its_band(members, app):
    young, adult = members("ung.anna", 17), members("vuxen.bertil", 40)
    refused = adult.post(f"/categories/{YOUNG}/follow")
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "age_band"
    wrong = adult.send("PUT", "/me/category-follows", {"categories": ["demens", YOUNG]})
    assert wrong.status_code == 422
    assert wrong.get_json()["error"]["field"] == "categories"
    assert adult.get("/me/category-follows").get_json() == {"categories": []}  # nothing changed
    assert f'value="{YOUNG}"' not in welcome_form(adult)
    assert f'value="{YOUNG}"' in welcome_form(young)

    follow(young, YOUNG)
    friend = members("ung.kalle", 18)
    friend.new_thread("Skolan", "Svårt att plugga.", slug=YOUNG)
    assert notifications(young)["notifications"][0]["kind"] == "thread"
    # From the 26th birthday (today) on, the follow stays stored but tells nothing and shows nothing.
    with app.app_context():
        db.session.execute(
            update(User).where(User.username == "ung.anna").values(young_until=today())
        )
        db.session.commit()
    friend.new_thread("Mer", "Igen.", slug=YOUNG)
    assert notifications(young)["unread"] == 0
    assert young.get("/me/category-follows").get_json() == {"categories": []}


def test_the_category_page_button_follows_and_unfollows(members, app):
    anna = members("anna")
    page = anna.client.get("/forum/demens").get_data(as_text=True)
    assert "Följ kategorin" in page
    answer = anna.client.post("/forum/demens/follow", data={"csrf_token": form_token(page), "follow": "1"})
    assert answer.status_code == 302
    page = anna.client.get("/forum/demens").get_data(as_text=True)
    assert "Sluta följa" in page and "Du följer kategorin." in page
    assert [c["slug"] for c in anna.get("/me/category-follows").get_json()["categories"]] == ["demens"]
    anna.client.post("/forum/demens/follow", data={"csrf_token": form_token(page), "follow": "0"})
    assert anna.get("/me/category-follows").get_json() == {"categories": []}
    # Without the CSRF token nothing changes.
    assert anna.client.post("/forum/demens/follow", data={"follow": "1"}).status_code in (400, 403)
    assert anna.get("/me/category-follows").get_json() == {"categories": []}


def test_the_welcome_page_saves_the_chosen_categories_and_confirms(members):
    anna = members("anna")
    html = welcome_form(anna)
    assert unlabelled_fields(html) == []
    assert "<legend>Kategorier att följa</legend>" in html
    answer = anna.client.post(
        "/welcome",
        data={"csrf_token": form_token(html), "category": ["demens", "beroende"]},
    )
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/welcome?saved=1#follow-categories")
    html = anna.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Sparat." in html
    checked = {attrs["value"] for attrs in parse(html).find("input") if "checked" in attrs}
    assert checked == {"demens", "beroende"}
    settings = anna.client.get("/notifications/settings").get_data(as_text=True)
    assert "Kategorier du följer" in settings and 'href="/forum/beroende"' in settings
    assert 'href="/welcome#follow-categories"' in settings
    # Unticking one and saving again stops following it.
    anna.client.post("/welcome", data={"csrf_token": form_token(html), "category": ["beroende"]})
    assert [c["slug"] for c in anna.get("/me/category-follows").get_json()["categories"]] == ["beroende"]


def test_the_welcome_page_refuses_an_unknown_category_next_to_the_form_and_keeps_the_rest(members):
    anna = members("anna")
    follow(anna, "demens")
    html = welcome_form(anna)
    answer = anna.client.post(
        "/welcome", data={"csrf_token": form_token(html), "category": ["beroende", "finns-inte"]}
    )
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "Den kategorin finns inte" in page
    checked = {attrs["value"] for attrs in parse(page).find("input") if "checked" in attrs}
    assert checked == {"beroende"}  # what was ticked is kept on the page
    assert [c["slug"] for c in anna.get("/me/category-follows").get_json()["categories"]] == ["demens"]


@pytest.mark.parametrize(
    "body",
    [{}, {"categories": "demens"}, {"categories": [1]}, {"categories": ["finns-inte"]}],
)
def test_the_api_refuses_a_bad_list_naming_the_field(members, body):
    anna = members("anna")
    follow(anna, "demens")
    answer = anna.send("PUT", "/me/category-follows", body)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["field"] == "categories"
    assert [c["slug"] for c in anna.get("/me/category-follows").get_json()["categories"]] == ["demens"]


def test_the_api_follow_endpoints_and_signed_out_refusal(members, seeded, new_api):
    anna = members("anna")
    assert anna.post("/categories/demens/follow").get_json() == {"following": True}
    assert anna.post("/categories/demens/follow").get_json() == {"following": True}  # twice is fine
    assert anna.post("/categories/finns-inte/follow").status_code == 404
    listed = anna.get("/me/category-follows").get_json()["categories"]
    assert [(c["slug"], c["name"]) for c in listed] == [("demens", "Demens")]
    assert anna.send("DELETE", "/categories/demens/follow").get_json() == {"following": False}
    stranger = new_api()
    assert stranger.get("/me/category-follows").status_code == 401
    assert stranger.send("PUT", "/me/category-follows", {"categories": []}).status_code in (401, 403)


def test_the_export_lists_followed_categories_and_deletion_removes_them(members, app):
    anna = members("anna")
    follow(anna, "beroende", "demens")
    exported = anna.get("/me/export").get_json()["following_categories"]
    assert [row["slug"] for row in exported] == ["demens", "beroende"]
    assert all(row["since"] for row in exported)
    assert anna.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 204
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CategoryFollow)) == 0


def test_the_push_text_for_a_new_thread_is_discreet_unless_details_were_chosen(app):
    notice = Notice(
        1, "thread", "/threads/7", author="Lugn Ek 12", excerpt="Hej", title="Nätter", category="Demens"
    )
    with app.test_request_context():
        assert push_text(notice, details=False, neutral=False)["title"] == "Något nytt på Bryggan"
        detailed = push_text(notice, details=True, neutral=False)
    assert detailed["title"] == "Ny tråd i Demens: ”Nätter”"
    assert detailed["body"] == "Hej"
