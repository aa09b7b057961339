"""The moderators' workbench: decided items, undo, who decided, sanctions from an item."""

from __future__ import annotations

from tests.html import form_token, unlabelled_fields


def reply(anna, body: str = "Ett svar som någon flaggar") -> tuple[int, int]:
    """A thread with a flagged reply: (thread id, reply id)."""
    thread_id = anna.new_thread("Rubrik", "Hej allihop").get_json()["thread"]["id"]
    post_id = anna.post(f"/threads/{thread_id}/posts", {"body": body}).get_json()["post"]["id"]
    return thread_id, post_id


def bodies(member, thread_id: int) -> list[str]:
    return [post["body_html"] for post in member.get(f"/threads/{thread_id}").get_json()["posts"]]


def test_hide_is_listed_as_decided_and_undo_brings_it_back_and_undo_again_redoes(anna, moderator):
    thread_id, post_id = reply(anna)
    hidden = moderator.post(f"/moderation/posts/{post_id}", {"action": "hide", "reason": "Ton"})
    name = moderator.get("/session").get_json()["user"]["pseudonym"]
    assert hidden.get_json()["item"]["decided_by"] == {"pseudonym": name}
    assert not any("Ett svar" in body for body in bodies(anna, thread_id))
    decided = moderator.get("/moderation/queue?status=decided").get_json()["items"]
    assert [(item["id"], item["status"], item["status_label"], item["can_undo"]) for item in decided] == [
        (post_id, "hidden", "Dold", True)
    ]
    undone = moderator.post(f"/moderation/items/post/{post_id}/undo", {"reason": "Fel knapp"})
    # The state before the hide: waiting (nobody had decided), visible.
    assert undone.status_code == 200 and undone.get_json()["item"]["status"] == "pending"
    assert any("Ett svar" in body for body in bodies(anna, thread_id))
    redone = moderator.post(f"/moderation/items/post/{post_id}/undo")
    assert redone.get_json()["item"]["status"] == "hidden"
    assert not any("Ett svar" in body for body in bodies(anna, thread_id))
    actions = [entry["action"] for entry in moderator.get("/moderation/audit").get_json()["entries"]]
    assert actions[:3] == ["post.undo", "post.undo", "post.hide"]


def test_undo_of_a_flagged_items_decision_puts_it_back_in_the_queue(anna, moderator, new_api):
    flagger = new_api()
    flagger.signup("flaggare")
    _thread_id, post_id = reply(anna)
    assert flagger.post(f"/posts/{post_id}/flags", {"reason": "harassment"}).status_code == 201
    moderator.post(f"/moderation/posts/{post_id}", {"action": "dismiss", "reason": ""})
    assert moderator.get("/moderation/queue").get_json()["items"] == []
    moderator.post(f"/moderation/items/post/{post_id}/undo")
    (item,) = moderator.get("/moderation/queue").get_json()["items"]
    assert item["id"] == post_id and item["reasons"] == ["harassment"] and item["flag_count"] == 1


def test_undo_of_a_delete_brings_the_text_back(anna, moderator):
    thread_id, post_id = reply(anna, "Text som raderas")
    moderator.post(f"/moderation/posts/{post_id}", {"action": "delete", "reason": "Namn"})
    assert not any("Text som raderas" in body for body in bodies(anna, thread_id))
    moderator.post(f"/moderation/items/posts/{post_id}/undo")
    assert any("Text som raderas" in body for body in bodies(anna, thread_id))


def test_an_item_decided_by_someone_else_is_409_naming_them(anna, moderator, colleague):
    _thread_id, post_id = reply(anna)
    moderator.post(f"/moderation/posts/{post_id}", {"action": "hide", "reason": ""})
    name = moderator.get("/session").get_json()["user"]["pseudonym"]
    refused = colleague.post(f"/moderation/posts/{post_id}", {"action": "restore", "reason": ""})
    error = refused.get_json()["error"]
    assert refused.status_code == 409 and error["code"] == "already_decided" and error["pseudonym"] == name
    assert name in error["message"]
    meant = colleague.post(
        f"/moderation/posts/{post_id}", {"action": "restore", "reason": "", "override": True}
    )
    assert meant.status_code == 200
    # An undo by the colleague is allowed, and audited under their name.
    assert colleague.post(f"/moderation/items/post/{post_id}/undo").status_code == 200


def test_nothing_to_undo_is_409(anna, moderator):
    _thread_id, post_id = reply(anna)
    response = moderator.post(f"/moderation/items/post/{post_id}/undo")
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "nothing_to_undo"


def test_decided_items_are_filtered(anna, moderator, colleague):
    _t1, first = reply(anna, "Första")
    _t2, second = reply(anna, "Andra")
    moderator.post(f"/moderation/posts/{first}", {"action": "hide", "reason": ""})
    colleague.post(f"/moderation/posts/{second}", {"action": "dismiss", "reason": ""})
    name = colleague.get("/session").get_json()["user"]["pseudonym"]

    def ids(query: str) -> list[int]:
        return [item["id"] for item in moderator.get(f"/moderation/queue?{query}").get_json()["items"]]

    assert ids("status=decided") == [second, first]
    assert ids("status=decided&outcome=hidden") == [first]
    assert ids(f"status=decided&moderator={name}") == [second]
    assert ids("status=decided&kind=chat_message") == []
    assert ids("status=decided&from=2000-01-01&to=2000-01-02") == []
    bad = moderator.get("/moderation/queue?status=decided&outcome=borta")
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "outcome"


def test_decided_tab_shows_outcome_and_undoes_from_the_page(anna, moderator):
    thread_id, post_id = reply(anna)
    moderator.post(f"/moderation/posts/{post_id}", {"action": "hide", "reason": ""})
    page = moderator.client.get("/moderation?tab=decided")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Beslutade (1)" in html and "Väntar (0)" in html
    assert "Dold" in html and "Ångra" in html and unlabelled_fields(html) == []
    response = moderator.client.post(
        "/moderation/undo",
        data={"csrf_token": form_token(html), "kind": "post", "id": post_id, "reason": "x"},
    )
    assert response.status_code == 302
    assert any("Ett svar" in body for body in bodies(anna, thread_id))
    audit = moderator.client.get("/moderation/audit").get_data(as_text=True)
    assert "Ångrade ett beslut om ett inlägg" in audit


def test_sanction_the_author_from_the_item_with_choices_and_no_duplicates(anna, moderator):
    name = anna.get("/session").get_json()["user"]["pseudonym"]
    thread_id = anna.new_thread("Rubrik", "Jag vill inte leva längre").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    html = moderator.client.get("/moderation").get_data(as_text=True)
    assert f'name="pseudonym" value="{name}"' in html and unlabelled_fields(html) == []
    assert "väntat 0 min" in html
    form = {
        "csrf_token": form_token(html),
        "pseudonym": name,
        "item": f"review-post-{post_id}",
        "kind": "warning",
        "hours": "",
        "reason_code": "harassment",
        "reason": "Tonen mot andra",
    }
    response = moderator.client.post("/moderation/sanction", data=form)
    assert response.status_code == 302 and response.location.endswith(f"/moderation#review-post-{post_id}")
    assert "Trakasserier: Tonen mot andra" in anna.client.get("/").get_data(as_text=True)
    again = moderator.client.post("/moderation/sanction", data=form, follow_redirects=True)
    assert f"{name} fick samma åtgärd för några minuter sedan." in again.get_data(as_text=True)
    api = moderator.post("/moderation/sanctions", {"pseudonym": name, "kind": "warning", "reason": "x"})
    error = api.get_json()["error"]
    assert api.status_code == 409 and error["code"] == "duplicate_sanction" and error["field"] == "kind"
    # Another kind is not a duplicate; a mute without a duration names the field.
    muted = moderator.client.post(
        "/moderation/sanction", data={**form, "kind": "mute"}, follow_redirects=True
    )
    assert "Timmar: Ange antal timmar" in muted.get_data(as_text=True)
    muted = moderator.client.post(
        "/moderation/sanction", data={**form, "kind": "mute", "hours": "24"}, follow_redirects=True
    )
    assert "Åtgärden gäller nu." in muted.get_data(as_text=True)


def test_moderators_see_hidden_posts_in_the_thread_with_who_and_why_and_act_there(anna, moderator, colleague):
    thread_id, post_id = reply(anna, "Något olämpligt")
    moderator.post(f"/moderation/posts/{post_id}", {"action": "hide", "reason": "Hård ton"})
    name = moderator.get("/session").get_json()["user"]["pseudonym"]
    member_html = anna.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert "post-tools" not in member_html and "Något olämpligt" not in member_html
    html = colleague.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert "Dolt för medlemmar" in html and f"av {name}" in html and "Anledning: Hård ton" in html
    assert "Något olämpligt" in html and unlabelled_fields(html) == []
    response = colleague.client.post(
        "/moderation/act",
        data={
            "csrf_token": form_token(html),
            "kind": "post",
            "id": post_id,
            "action": "restore",
            "reason": "Inom riktlinjerna",
            "override": "1",
            "next": f"/threads/{thread_id}?page=1#post-{post_id}",
        },
    )
    assert response.status_code == 302 and response.location.endswith(
        f"/threads/{thread_id}?page=1#post-{post_id}"
    )
    assert any("Något olämpligt" in body for body in bodies(anna, thread_id))
    # Elsewhere than a thread is never a place to go back to.
    evil = colleague.client.post(
        "/moderation/act",
        data={
            "csrf_token": form_token(html),
            "kind": "post",
            "id": post_id,
            "action": "hide",
            "next": "//evil",
        },
    )
    assert evil.location.endswith("/moderation")


def test_admins_plan_shifts_and_rooms_say_when_the_next_moderator_is_on(anna, moderator, admin, colleague):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    name = moderator.get("/session").get_json()["user"]["pseudonym"]
    other = colleague.get("/session").get_json()["user"]["pseudonym"]
    start = (datetime.now(ZoneInfo("Europe/Stockholm")) + timedelta(days=1)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    shift = {
        "pseudonym": name,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=4)).isoformat(),
    }
    assert moderator.post("/moderation/shifts", shift).status_code == 403  # admins edit the rota
    made = admin.post("/moderation/shifts", shift)
    assert made.status_code == 201 and made.get_json()["shift"]["moderator"] == {"pseudonym": name}
    # Overlaps are allowed: two moderators at once.
    assert admin.post("/moderation/shifts", {**shift, "pseudonym": other}).status_code == 201
    past = admin.post("/moderation/shifts", {**shift, "starts_at": "2020-01-01T18:00"})
    assert past.status_code == 422 and past.get_json()["error"]["field"] == "starts_at"
    backwards = admin.post("/moderation/shifts", {**shift, "ends_at": shift["starts_at"]})
    assert backwards.status_code == 422 and backwards.get_json()["error"]["field"] == "ends_at"
    member_name = anna.get("/session").get_json()["user"]["pseudonym"]
    not_staff = admin.post("/moderation/shifts", {**shift, "pseudonym": member_name})
    assert not_staff.status_code == 422 and not_staff.get_json()["error"]["field"] == "pseudonym"

    week = moderator.get(f"/moderation/shifts?week={start.date().isoformat()}").get_json()
    assert len(week["shifts"]) == 2
    lobby = anna.client.get("/chat").get_data(as_text=True)
    assert "Nästa moderator är här i morgon kl. 18:00." in lobby and name not in lobby
    assert "Nästa moderator är här i morgon kl. 18:00." in anna.client.get("/").get_data(as_text=True)
    html = admin.client.get(f"/moderation/rota?week={start.date().isoformat()}").get_data(as_text=True)
    assert name in html and other in html and "18:00–22:00" in html and unlabelled_fields(html) == []
    # The page's form: a day, from and to; a shift in the past names its field.
    refused = admin.client.post(
        "/moderation/rota",
        data={
            "csrf_token": form_token(html),
            "pseudonym": name,
            "day": "2020-01-01",
            "from": "18:00",
            "to": "22:00",
        },
        follow_redirects=True,
    )
    assert "Från: Ett pass måste börja senare än nu" in refused.get_data(as_text=True)
    shift_id = week["shifts"][0]["id"]
    assert admin.send("DELETE", f"/moderation/shifts/{shift_id}").status_code == 204
    actions = [entry["action"] for entry in admin.get("/moderation/audit").get_json()["entries"]]
    assert actions[:3] == ["shift.remove", "shift.add", "shift.add"]
