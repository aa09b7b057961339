"""Quick exit signs out (unless the member chose not to), the welcome page after signup, the recovery code
in groups, the flag thank-you beside the post, the "new" marker never above one's own reply, and a
suspended member told why and until when, with a way to write to the moderators."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from accounts import services
from accounts.models import User
from core.extensions import db
from forum.reading import first_new_post_id
from moderation.models import StaffMessage
from moderation.sanctions import sanction
from tests.conftest import STRONG_PASSWORD
from tests.html import form_token
from tests.support.accounts import login_form, signup_form


def csrf_of(client, path="/account") -> str:
    return form_token(client.get(path).get_data(as_text=True))


def test_quick_exit_beacon_signs_out_every_session(client, app, new_api):
    signup_form(client)
    other_device = new_api()
    other_device.login()
    token = csrf_of(client)
    assert client.post("/leave", data={"csrf_token": token}).status_code == 204
    assert client.get("/account").status_code == 302  # to the login page
    assert other_device.get("/session").get_json()["user"] is None


def test_quick_exit_without_csrf_token_is_refused_and_signs_nobody_out(client):
    signup_form(client)
    assert client.post("/leave").status_code == 400
    assert client.get("/account").status_code == 200


def test_a_member_may_choose_to_stay_signed_in_on_quick_exit(client, app):
    signup_form(client)
    token = csrf_of(client)
    response = client.post("/account/quick-exit", data={"csrf_token": token, "stay_signed_in": "1"})
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="quick-exit-stay" name="stay_signed_in" value="1" checked' in html
    assert client.post("/leave", data={"csrf_token": token}).status_code == 204
    assert client.get("/account").status_code == 200
    client.post("/account/quick-exit", data={"csrf_token": token, "stay_signed_in": "0"})
    with app.app_context():
        assert db.session.scalar(select(User.stay_signed_in_on_exit)) is False


def test_quick_exit_for_a_stranger_is_a_quiet_204(client):
    token = csrf_of(client, "/login")
    assert client.post("/leave", data={"csrf_token": token}).status_code == 204


def test_member_pages_are_never_cached(client):
    signup_form(client)
    for path in ("/account", "/welcome", "/chat"):
        assert client.get(path).headers["Cache-Control"] == "no-store"


def test_signup_continues_to_a_welcome_page_and_the_code_is_shown_in_groups(client, seeded):
    html = signup_form(client).get_data(as_text=True)
    assert 'href="/welcome"' in html
    assert html.count('class="recovery-code__group"') == 5  # 20 characters in groups of 4
    welcome = client.get("/welcome").get_data(as_text=True)
    assert "/chat" in welcome and "/guidelines" in welcome
    assert "/forum/demens" in welcome


def test_the_new_marker_never_sits_above_ones_own_reply():
    # (post id, own): read up to 3; others wrote 4 and 5, then the member replied (6), then 7 came.
    assert first_new_post_id([(3, False), (4, False), (5, False), (6, True), (7, False)], 3) == 7
    assert first_new_post_id([(3, False), (4, False), (5, True)], 3) is None
    assert first_new_post_id([(3, False), (4, False)], 3) == 4
    assert first_new_post_id([(1, False), (2, False)], 0) is None  # first visit: no marker


def test_own_reply_after_new_posts_shows_no_marker_above_it(api, new_api, seeded):
    anna = api
    anna.signup("anna")
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    bertil = new_api()
    bertil.signup("bertil")
    first = bertil.reply(thread_id, "Jag med.").get_json()["post"]["id"]
    bertil.post(f"/threads/{thread_id}/read", {"last_post_id": first})
    anna.reply(thread_id, "Tack för att du skriver.")
    bertil.reply(thread_id, "Ett svar till.")
    bertil.reply(thread_id, "Mitt eget nya svar.")
    html = bertil.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    # Anna's reply came before Bertil's own: he saw it when he answered, so no marker at all.
    assert "Tack för att du skriver." in html and 'id="unread"' not in html
    # Anna writes again after Bertil's reply: only that is below the marker.
    anna.reply(thread_id, "Och en sak till.")
    html = bertil.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert html.index("Mitt eget nya svar.") < html.index('id="unread"') < html.index("Och en sak till.")


def test_the_flag_thank_you_appears_beside_the_post(api, new_api, client, seeded):
    api.signup("anna")
    thread_id = api.new_thread().get_json()["thread"]["id"]
    post_id = api.reply(thread_id, "Något som oroar.").get_json()["post"]["id"]
    reporter = new_api()
    reporter.signup("bertil")
    token = form_token(reporter.client.get(f"/posts/{post_id}/flag").get_data(as_text=True))
    response = reporter.client.post(f"/posts/{post_id}/flag", data={"csrf_token": token, "reason": "other"})
    assert response.headers["Location"].endswith(f"#post-{post_id}-done")
    html = reporter.client.get(response.headers["Location"]).get_data(as_text=True)
    notice = html.index(f'id="post-{post_id}-done"')
    assert html.index(f'id="post-{post_id}"') < notice
    assert "Tack. En moderator kommer att titta på inlägget." in html[notice:notice + 300]
    # Not also at the top of the page.
    assert html.count("Tack. En moderator kommer att titta på inlägget.") == 1


@pytest.fixture
def suspended_anna(app, client):
    signup_form(client)
    client.post("/logout", data={"csrf_token": csrf_of(client)})
    moderator_client = app.test_client()
    signup_form(moderator_client, username="moderatorn")
    with app.app_context():
        services.set_role("moderatorn", "moderator")
        moderator = db.session.scalar(select(User).where(User.username == "moderatorn"))
        anna = db.session.scalar(select(User).where(User.username == "anna"))
        sanction(moderator, anna.pseudonym.name, "suspend", 48, "Du delade en annan medlems namn.")
    return client


def test_a_suspended_member_is_told_why_until_when_and_can_write_to_the_moderators(app, suspended_anna):
    client = suspended_anna
    response = login_form(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/suspended")
    html = client.get("/account/suspended").get_data(as_text=True)
    assert "Du delade en annan medlems namn." in html
    assert "Ditt konto är pausat" in html and "<time datetime=" in html
    assert 'id="password-error"' not in html
    # Not signed in anywhere else.
    assert client.get("/account").status_code == 302
    token = form_token(html)
    body = "Varför? Jag förstår inte."
    answer = client.post("/account/suspended", data={"csrf_token": token, "body": body})
    assert answer.status_code == 302
    page = client.get("/account/suspended").get_data(as_text=True)
    assert "Varför? Jag förstår inte." in page and "Skickat till moderatorerna" in page
    with app.app_context():
        stored = db.session.scalars(select(StaffMessage)).all()
        assert [message.body_source for message in stored] == ["Varför? Jag förstår inte."]
        assert stored[0].from_staff is False


def test_an_empty_message_while_suspended_gets_a_field_error(suspended_anna):
    client = suspended_anna
    login_form(client)
    token = form_token(client.get("/account/suspended").get_data(as_text=True))
    response = client.post("/account/suspended", data={"csrf_token": token, "body": "  "})
    assert response.status_code == 422
    assert 'id="suspended-body-error"' in response.get_data(as_text=True)


def test_the_suspension_page_needs_the_right_password_and_ends_with_the_suspension(app, suspended_anna):
    client = suspended_anna
    assert client.get("/account/suspended").status_code == 302  # no password given yet
    wrong = login_form(client, password=STRONG_PASSWORD + "x")
    assert wrong.status_code != 302
    login_form(client)
    assert client.get("/account/suspended").status_code == 200
    with app.app_context():
        anna = db.session.scalar(select(User).where(User.username == "anna"))
        anna.suspended_until = None
        db.session.commit()
    assert client.get("/account/suspended").headers["Location"].endswith("/login")


def test_a_suspended_member_writing_of_crisis_gets_the_help_lines_and_staff_see_it_first(app, suspended_anna):
    client = suspended_anna
    login_form(client)
    token = form_token(client.get("/account/suspended").get_data(as_text=True))
    body = "Jag orkar inte mer, jag vill inte leva längre."
    client.post("/account/suspended", data={"csrf_token": token, "body": body})
    page = client.get("/account/suspended").get_data(as_text=True)
    assert 'class="notice notice--support"' in page
    with app.app_context():
        assert db.session.scalar(select(StaffMessage.crisis)) is True


def test_quick_exit_from_the_suspension_page_ends_that_limited_session_too(app, suspended_anna):
    client = suspended_anna
    login_form(client)
    html = client.get("/account/suspended").get_data(as_text=True)
    # The page's quick exit knows where to end the session (site.js sends its beacon there).
    assert 'data-sign-out-url="/leave"' in html
    assert client.post("/leave", data={"csrf_token": form_token(html)}).status_code == 204
    assert client.get("/account/suspended").status_code == 302  # the limited session is gone
