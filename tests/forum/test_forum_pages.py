"""Forum pages through the HTTP test client: members only, noindex, real forms, drafts never lost."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.extensions import db
from forum.models import Post, Thread
from tests.html import field_value, form_token, parse, unlabelled_fields


@pytest.fixture
def bertil(seeded, new_api):
    member = new_api()
    member.signup("bertil")
    return member


def page_form_post(member, page_path: str, action: str, data: dict):
    token = form_token(member.client.get(page_path).get_data(as_text=True))
    return member.client.post(action, data={"csrf_token": token, **data})


@pytest.mark.parametrize("path", ["/forum", "/forum/demens"])
def test_strangers_at_the_forums_front_pages_are_told_why_it_is_closed(seeded, client, path):
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Forumet är för medlemmar</h1>" in html
    assert 'href="/signup"' in html and f'href="/login?next={path}"' in html
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize(
    "path",
    [
        "/threads/1",
        "/forum/search?q=x",
        "/notifications",
        "/forum/settings",
        "/posts/1/edit",
    ],
)
def test_strangers_are_sent_to_login(seeded, client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]


def test_every_forum_page_is_noindex_and_labelled(anna, bertil):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    bertil.reply(thread_id, "Svar")
    for path in (
        "/forum",
        "/forum/demens",
        f"/threads/{thread_id}",
        "/forum/search?q=pappa",
        "/notifications",
        "/forum/settings",
    ):
        response = anna.client.get(path)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, path
        assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert unlabelled_fields(html) == [], path
        assert parse(html).inline_scripts == 0


def test_new_thread_and_reply_through_the_forms(anna, bertil, app):
    created = page_form_post(
        anna, "/forum/demens", "/forum/demens", {"title": "Trött", "body": "Så *trött*."}
    )
    assert created.status_code == 302
    thread_path = created.headers["Location"]
    html = anna.client.get(thread_path).get_data(as_text=True)
    assert "<em>trött</em>" in html and "Trött" in html
    thread_id = int(thread_path.rstrip("/").split("/")[-1])
    replied = page_form_post(bertil, thread_path, f"/threads/{thread_id}/reply", {"body": "Jag med."})
    assert replied.status_code == 302 and "#post-" in replied.headers["Location"]
    assert "Jag med." in anna.client.get(thread_path).get_data(as_text=True)
    assert '<span class="badge">1' in anna.client.get("/forum").get_data(as_text=True)  # header unread count


def test_a_form_sent_twice_stores_the_reply_once(anna, bertil, app):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    html = bertil.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    client_id = field_value(html, "client_id")
    assert client_id
    form = {"csrf_token": form_token(html), "client_id": client_id, "body": "Dubbelklick."}
    first = bertil.client.post(f"/threads/{thread_id}/reply", data=form)
    second = bertil.client.post(f"/threads/{thread_id}/reply", data=form)  # a double click, or a resend
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    # Each showing of the form has its own id, so the next reply is a new one.
    assert (
        field_value(bertil.client.get(f"/threads/{thread_id}").get_data(as_text=True), "client_id")
        != client_id
    )
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(Post).where(Post.body_source == "Dubbelklick.")
            )
            == 1
        )


def test_a_refused_reply_keeps_the_text(anna, bertil, app):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    long_text = "Mitt långa svar som jag inte vill förlora. " * 500  # over 20,000 characters
    response = page_form_post(
        bertil, f"/threads/{thread_id}", f"/threads/{thread_id}/reply", {"body": long_text}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Mitt långa svar som jag inte vill förlora." in html
    assert 'aria-invalid="true"' in html
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Post)) == 1


def test_a_refused_thread_keeps_title_and_text(anna, app):
    response = page_form_post(
        anna, "/forum/demens", "/forum/demens", {"title": "x" * 151, "body": "Min text"}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Min text" in html and "x" * 151 in html
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Thread)) == 0


def test_quote_reply_prefills_the_reply_form(anna, bertil):
    thread_id = anna.new_thread("Rubrik", "Det var en tung dag.").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    html = bertil.client.get(f"/threads/{thread_id}?quote={post_id}").get_data(as_text=True)
    name = anna.get("/session").get_json()["user"]["pseudonym"]
    assert f"&gt; **{name}:**\n&gt; Det var en tung dag." in html


def test_edit_and_delete_pages(anna, bertil):
    thread_id = anna.new_thread("Rubrik", "Gammal text").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    assert bertil.client.get(f"/posts/{post_id}/edit").status_code == 403
    edited = page_form_post(anna, f"/posts/{post_id}/edit", f"/posts/{post_id}/edit", {"body": "Ny text"})
    assert edited.status_code == 302
    html = anna.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert "Ny text" in html and "ändrat" in html
    deleted = page_form_post(anna, f"/threads/{thread_id}", f"/posts/{post_id}/delete", {})
    assert deleted.status_code == 302
    html = anna.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert "Ny text" not in html and "Skribenten har tagit bort inlägget." in html


def test_reaction_follow_and_flag_forms(anna, bertil, app):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    page = f"/threads/{thread_id}"
    page_form_post(bertil, page, f"/posts/{post_id}/react", {"on": "1"})
    assert 'aria-pressed="true">Jag känner igen mig (1)' in bertil.client.get(page).get_data(as_text=True)
    page_form_post(bertil, page, f"/threads/{thread_id}/follow", {"follow": "1"})
    assert bertil.get(f"/threads/{thread_id}").get_json()["following"] is True
    thread_page = bertil.client.get(page).get_data(as_text=True)
    assert f'href="/posts/{post_id}/flag"' in thread_page
    assert 'name="reason"' not in thread_page  # the report form has its own page, keeping threads small
    flag_page = bertil.client.get(f"/posts/{post_id}/flag").get_data(as_text=True)
    assert flag_page.count('name="reason"') == 5
    assert 'action="/posts/' + str(post_id) + '/flag"' in flag_page
    flagged = page_form_post(
        bertil, f"/posts/{post_id}/flag", f"/posts/{post_id}/flag", {"reason": "crisis", "note": "Orolig"}
    )
    assert flagged.status_code == 302
    assert "Tack. En moderator" in bertil.client.get(page).get_data(as_text=True)
    again = page_form_post(bertil, page, f"/posts/{post_id}/flag", {"reason": "spam"})
    assert again.status_code == 302
    assert "Du har redan anmält" in bertil.client.get(page).get_data(as_text=True)
    own = anna.client.get(f"/posts/{post_id}/flag").get_data(as_text=True)
    assert 'name="reason"' not in own  # nobody reports their own post


def test_settings_page_ignores_and_mutes(anna, bertil):
    thread_id = anna.new_thread("Rubrik", "Om spel och skulder").get_json()["thread"]["id"]
    name = anna.get("/session").get_json()["user"]["pseudonym"]
    refused = page_form_post(
        bertil, "/forum/settings", "/forum/settings", {"action": "ignore", "pseudonym": "Ingen 1"}
    )
    assert refused.status_code == 422 and "Ingen 1" in refused.get_data(as_text=True)
    page_form_post(
        bertil, "/forum/settings", "/forum/settings", {"action": "muted_words", "words": "skulder\nspel"}
    )
    assert bertil.get("/me/muted-words").get_json()["words"] == ["skulder", "spel"]
    html = bertil.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert "Inlägget innehåller ett ord som du har valt att dölja" in html
    page_form_post(bertil, "/forum/settings", "/forum/settings", {"action": "ignore", "pseudonym": name})
    assert name in bertil.client.get("/forum/settings").get_data(as_text=True)


def test_search_page(anna):
    anna.new_thread("Pappa", "Min pappa glömmer.")
    html = anna.client.get("/forum/search?q=papporna").get_data(as_text=True)
    assert "1 träff" in html and "Min pappa glömmer." in html
    assert "Inget matchade" in anna.client.get("/forum/search?q=giraff").get_data(as_text=True)


def test_notifications_page(anna, bertil):
    thread_id = anna.new_thread("Min tråd").get_json()["thread"]["id"]
    bertil.reply(thread_id, "Svar")
    html = anna.client.get("/notifications").get_data(as_text=True)
    assert "Nytt svar i ”Min tråd”" in html
    page_form_post(anna, "/notifications", "/notifications/read", {})
    assert anna.get("/notifications").get_json()["unread"] == 0


def test_moderator_pins_and_locks_from_the_page(anna, bertil, runner):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    assert 'value="lock"' not in anna.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    runner.invoke(args=["users", "set-role", "bertil", "moderator"])
    page_form_post(bertil, f"/threads/{thread_id}", f"/threads/{thread_id}/moderate", {"action": "lock"})
    html = anna.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert "Tråden är låst" in html and 'action="/threads/' + str(thread_id) + '/reply"' not in html
