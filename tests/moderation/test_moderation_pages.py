"""Moderation pages through the test client, and the live /moderation namespace."""

from __future__ import annotations

import pytest

from core.extensions import socketio
from moderation.live import drop_former_moderators
from tests.html import form_token, parse, unlabelled_fields


@pytest.mark.parametrize("path", ["/moderation", "/moderation/audit", "/moderation/queue-fragment"])
def test_members_get_403_and_strangers_are_sent_to_login(seeded, client, anna, path):
    assert client.get(path).status_code == 302
    response = anna.client.get(path)
    assert response.status_code == 403 and response.mimetype == "text/html"


def test_moderator_works_the_queue_from_the_page(anna, moderator, new_api):
    thread_id = anna.new_thread("Rubrik", "Jag vill inte leva längre").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    page = moderator.client.get("/moderation")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Jag vill inte leva längre" in html
    assert unlabelled_fields(html) == [] and parse(html).inline_scripts == 0
    assert 'id="moderation-badge">1<' in html
    token = form_token(html)
    response = moderator.client.post(
        "/moderation/act",
        data={
            "csrf_token": token,
            "kind": "post",
            "id": post_id,
            "action": "hide",
            "reason": "Kontaktar skribenten",
        },
    )
    assert response.status_code == 302
    assert anna.get(f"/threads/{thread_id}").status_code == 404  # a hidden opening post hides its thread
    audit = moderator.client.get("/moderation/audit").get_data(as_text=True)
    assert "Dolde ett inlägg" in audit and "Kontaktar skribenten" in audit and "i dag " in audit


def test_warning_is_shown_to_the_member_until_read(anna, moderator):
    name = anna.get("/session").get_json()["user"]["pseudonym"]
    token = form_token(moderator.client.get("/moderation").get_data(as_text=True))
    moderator.client.post(
        "/moderation/sanction",
        data={"csrf_token": token, "pseudonym": name, "kind": "warning", "reason": "Tänk på tonen i tråden"},
    )
    html = anna.client.get("/").get_data(as_text=True)
    assert "Tänk på tonen i tråden" in html
    anna.client.post("/account/warnings/read", data={"csrf_token": form_token(html)})
    assert "Tänk på tonen i tråden" not in anna.client.get("/").get_data(as_text=True)


def test_new_flags_reach_moderators_live(app, anna, moderator, new_api):
    listener = socketio.test_client(app, namespace="/moderation", flask_test_client=moderator.client)
    assert listener.is_connected(namespace="/moderation")
    outsider = socketio.test_client(app, namespace="/moderation", flask_test_client=anna.client)
    assert not outsider.is_connected(namespace="/moderation")
    flagger = new_api()
    flagger.signup("flaggare")
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    flagger.post(f"/posts/{post_id}/flags", {"reason": "crisis"})
    events = listener.get_received("/moderation")
    assert events and events[-1]["name"] == "queue" and events[-1]["args"][0]["pending"] == 1
    fragment = moderator.client.get("/moderation/queue-fragment").get_data(as_text=True)
    assert f'id="review-post-{post_id}"' in fragment


def test_a_demoted_moderator_stops_hearing_the_queue_at_the_next_sweep(app, anna, moderator, runner):
    listener = socketio.test_client(app, namespace="/moderation", flask_test_client=moderator.client)
    assert listener.is_connected(namespace="/moderation")
    with app.app_context():
        assert drop_former_moderators() == 0  # still a moderator: kept
    assert listener.is_connected(namespace="/moderation")
    assert runner.invoke(args=["users", "set-role", "moderatorn", "member"]).exit_code == 0
    with app.app_context():
        assert drop_former_moderators() == 1
    assert not listener.is_connected(namespace="/moderation")


def test_staff_notes_from_the_page(anna, moderator):
    name = anna.get("/session").get_json()["user"]["pseudonym"]
    token = form_token(moderator.client.get("/moderation").get_data(as_text=True))
    saved = moderator.client.post(
        "/moderation/notes",
        data={"csrf_token": token, "pseudonym": name, "body": "Skriver ofta sent på natten"},
    )
    assert saved.status_code == 302
    html = moderator.client.get("/moderation", query_string={"notes_for": name}).get_data(as_text=True)
    assert "Skriver ofta sent på natten" in html
    assert anna.client.post("/moderation/notes", data={"csrf_token": token}).status_code in (400, 403)


def test_moderator_edits_with_a_note_from_the_queue(anna, moderator, new_api):
    flagger = new_api()
    flagger.signup("flaggare")
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    post_id = anna.reply(thread_id, "Grannen Kalle Svensson är elak").get_json()["post"]["id"]
    flagger.post(f"/posts/{post_id}/flags", {"reason": "personal_info"})
    html = moderator.client.get("/moderation").get_data(as_text=True)
    assert "Grannen Kalle Svensson är elak" in html and unlabelled_fields(html) == []
    moderator.client.post(
        "/moderation/act",
        data={
            "csrf_token": form_token(html),
            "kind": "post",
            "id": post_id,
            "action": "edit",
            "body": "Grannen är elak",
            "reason": "En moderator tog bort ett namn",
        },
    )
    post = anna.get(f"/threads/{thread_id}").get_json()["posts"][1]
    assert (
        post["body_html"] == "<p>Grannen är elak</p>"
        and post["moderator_note"] == "En moderator tog bort ett namn"
    )


def test_moderators_retitle_a_thread_from_its_page(anna, moderator):
    thread_id = anna.new_thread("Om Kalle Svensson", "Text").get_json()["thread"]["id"]
    assert 'name="title"' not in anna.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    html = moderator.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert unlabelled_fields(html) == [] and 'value="retitle"' in html
    form = {"csrf_token": form_token(html), "action": "retitle", "reason": "Namn"}
    empty = moderator.client.post(f"/threads/{thread_id}/moderate", data={**form, "title": " "})
    assert empty.status_code == 302
    assert "Om Kalle Svensson" in moderator.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    moderator.client.post(f"/threads/{thread_id}/moderate", data={**form, "title": "Om en granne"})
    page = anna.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert "Om en granne" in page and "Svensson" not in page
    assert "thread.title" in moderator.client.get("/moderation/audit").get_data(as_text=True)
    refused = anna.client.post(
        f"/threads/{thread_id}/moderate", data={**form, "csrf_token": form_token(page), "title": "Min"}
    )
    assert refused.status_code == 403


def test_the_queue_page_shows_who_flagged_and_whether_it_counted(anna, moderator, new_api):
    thread_id = anna.new_thread("Rubrik", "Vanlig text").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    flagger = new_api()
    flagger.signup("flaggare")
    flagger.post(f"/posts/{post_id}/flags", {"reason": "spam"})
    name = flagger.get("/session").get_json()["user"]["pseudonym"]
    html = moderator.client.get("/moderation").get_data(as_text=True)
    assert "Anmäld av:" in html and f"{name} (kontot 0 dagar gammalt, räknas inte)" in html
    assert "yngre än 24 timmar" in html


def test_audit_log_is_readable_paged_and_filtered(anna, moderator, monkeypatch):
    from moderation import history

    name = anna.get("/session").get_json()["user"]["pseudonym"]
    for word in ("ett", "två", "tre"):
        assert (
            moderator.post("/moderation/watched-words", {"word": word, "action": "flag"}).status_code == 201
        )
    moderator.post("/moderation/sanctions", {"pseudonym": name, "kind": "warning", "reason": "Tonen"})
    monkeypatch.setattr(history, "PER_PAGE", 2)
    first = moderator.get("/moderation/audit").get_json()
    assert first["page"] == 1 and first["pages"] == 2
    assert first["entries"][0]["action_label"] == "Varning"
    assert first["entries"][0]["target_label"] == f"medlemmen {name}"
    only = moderator.get(f"/moderation/audit?pseudonym={name}").get_json()
    assert [entry["action"] for entry in only["entries"]] == ["sanction.warning"]
    words = moderator.get("/moderation/audit?action=watched_word&page=2").get_json()
    assert [entry["action"] for entry in words["entries"]] == ["watched_word.flag"]
    html = moderator.client.get("/moderation/audit?action=sanction").get_data(as_text=True)
    assert "Varning" in html and "Tonen" in html and "sanction.warning</" not in html
    assert unlabelled_fields(html) == []
    bad = moderator.get("/moderation/audit?from=igår")
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "from"


def test_relative_times_in_swedish(app):
    from datetime import UTC, datetime

    from moderation.labels import when

    now = datetime(2026, 11, 27, 22, 30, tzinfo=UTC)
    with app.test_request_context("/"):
        assert when(datetime(2026, 11, 27, 22, 14, tzinfo=UTC), now) == "i dag 23:14"
        assert when(datetime(2026, 11, 26, 7, 5, tzinfo=UTC), now) == "i går 08:05"
        assert when(datetime(2026, 10, 2, 7, 5, tzinfo=UTC), now) == "2 okt. 2026"
