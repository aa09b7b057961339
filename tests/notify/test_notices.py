"""Who hears of a reply, and what they are told: following on reply, mentions, author and excerpt."""

from __future__ import annotations

import pytest


def start_thread(member, body="Min mamma känner inte igen mig längre."):
    answer = member.new_thread("Hur orkar ni?", body)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["thread"]["id"]


def notifications(member):
    return member.get("/notifications").get_json()


def test_replying_follows_the_thread_so_the_replier_hears_the_answer(members):
    anna, bertil = members("anna"), members("bertil")
    thread = start_thread(anna)
    assert bertil.reply(thread, "Jag har det likadant med min pappa.").status_code == 201
    assert bertil.get(f"/threads/{thread}").get_json()["following"] is True
    assert (
        anna.reply(thread, "Tack Bertil, **det hjälper** att höra. Hur gör du på nätterna?").status_code
        == 201
    )
    seen = notifications(bertil)
    assert seen["unread"] == 1
    note = seen["notifications"][0]
    assert note["kind"] == "reply"
    assert note["author"] == {"pseudonym": anna.pseudonym}
    # Plain text: the Markdown emphasis is gone, the words stay.
    assert note["excerpt"] == "Tack Bertil, det hjälper att höra. Hur gör du på nätterna?"


def test_a_member_who_turned_following_on_reply_off_is_not_told(members):
    anna, bertil = members("anna"), members("bertil")
    changed = bertil.send("PATCH", "/me/notification-settings", {"follow_on_reply": False})
    assert changed.status_code == 200
    assert changed.get_json()["settings"] == {
        "follow_on_reply": False,
        "push_details": False,
        "neutral_app": False,
    }
    thread = start_thread(anna)
    bertil.reply(thread, "Jag med.")
    assert bertil.get(f"/threads/{thread}").get_json()["following"] is False
    anna.reply(thread, "Tack!")
    assert notifications(bertil)["unread"] == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [({"follow_on_reply": "yes"}, "follow_on_reply"), ({"email": True}, "email")],
)
def test_settings_refuse_anything_but_true_or_false_naming_the_field(members, body, field):
    anna = members("anna")
    answer = anna.send("PATCH", "/me/notification-settings", body)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["field"] == field
    assert anna.get("/me/notification-settings").get_json()["settings"]["follow_on_reply"] is True


def test_a_long_reply_is_cut_at_a_word_with_an_ellipsis(members):
    anna, bertil = members("anna"), members("bertil")
    thread = start_thread(anna)
    bertil.reply(thread, "Först")
    anna.reply(thread, "ord " * 100)
    excerpt = notifications(bertil)["notifications"][0]["excerpt"]
    assert excerpt.endswith("…") and len(excerpt) <= 140 and "  " not in excerpt
    assert excerpt[:-1].split() == ["ord"] * len(excerpt[:-1].split())


def test_the_author_is_named_as_they_were_when_writing(members):
    anna, bertil = members("anna"), members("bertil")
    thread = start_thread(anna)
    bertil.reply(thread, "Jag med.")
    before = anna.pseudonym
    anna.reply(thread, "Tack.")
    assert anna.post("/me/pseudonym").status_code == 200
    assert anna.get("/session").get_json()["user"]["pseudonym"] != before
    assert notifications(bertil)["notifications"][0]["author"] == {"pseudonym": before}


def test_a_deleted_reply_shows_no_excerpt(members):
    anna, bertil = members("anna"), members("bertil")
    thread = start_thread(anna)
    bertil.reply(thread, "Jag med.")
    post = anna.reply(thread, "Något jag ångrar.").get_json()["post"]["id"]
    assert anna.send("DELETE", f"/posts/{post}").status_code == 204
    assert notifications(bertil)["notifications"][0]["excerpt"] is None


def test_a_mention_notifies_the_member_named_once_even_when_following(members):
    anna, bertil, carin = members("anna"), members("bertil"), members("carin")
    thread = start_thread(anna)
    bertil.reply(thread, "Jag följer.")
    # Typed in lower case, next to punctuation: still a mention.
    anna.reply(thread, f"Vad tror du, @{carin.pseudonym.lower()}? Och @{bertil.pseudonym}!")
    for member in (bertil, carin):
        seen = notifications(member)
        assert seen["unread"] == 1
        assert seen["notifications"][0]["kind"] == "mention"
        assert seen["notifications"][0]["author"] == {"pseudonym": anna.pseudonym}
    # Mentioning oneself notifies nobody (Anna has one unread already: Bertil's reply in her thread).
    assert notifications(anna)["unread"] == 1
    anna.reply(thread, f"Jag, @{anna.pseudonym}, skrev det.")
    assert notifications(anna)["unread"] == 1


def test_a_mention_by_someone_ignored_is_not_told(members):
    anna, bertil = members("anna"), members("bertil")
    assert bertil.post("/me/ignored", {"pseudonym": anna.pseudonym}).status_code == 201
    thread = start_thread(anna)
    anna.reply(thread, f"Hej @{bertil.pseudonym}")
    assert notifications(bertil)["unread"] == 0


def test_a_mention_in_code_or_of_a_retired_pseudonym_is_not_a_mention(members):
    anna, bertil = members("anna"), members("bertil")
    old = bertil.pseudonym
    assert bertil.post("/me/pseudonym").status_code == 200
    thread = start_thread(anna)
    anna.reply(thread, f"Hej @{old}")
    anna.reply(thread, f"Skriv så här: `@{bertil.get('/session').get_json()['user']['pseudonym']}`")
    assert notifications(bertil)["unread"] == 0


def test_a_mention_in_a_young_carers_space_reaches_nobody_outside_its_band(members, new_api):
    young = new_api()
    assert young.signup("unga", birth_date="2006-01-01").status_code == 201
    older = members("aldre")
    categories = young.get("/categories").get_json()["categories"]
    banded = next(category["slug"] for category in categories if category["age_band"])
    thread = young.new_thread("Hej", "Någon mer?", slug=banded).get_json()["thread"]["id"]
    young.reply(thread, f"@{older.pseudonym} hej")
    assert notifications(older)["unread"] == 0


def test_the_notifications_page_shows_who_wrote_and_how_it_begins(members):
    anna, bertil = members("anna"), members("bertil")
    thread = start_thread(anna)
    bertil.reply(thread, "Jag med.")
    anna.reply(thread, "Nätterna är värst, tycker jag.")
    html = bertil.client.get("/notifications").get_data(as_text=True)
    assert f"Nytt svar i ”Hur orkar ni?” från {anna.pseudonym}" in html
    assert "Nätterna är värst, tycker jag." in html


def test_a_mention_in_an_opening_post_notifies_the_member_named(members):
    anna, bertil = members("anna"), members("bertil")
    anna.new_thread("Fråga", f"@{bertil.pseudonym} hur gick det i går?")
    seen = notifications(bertil)
    assert seen["unread"] == 1 and seen["notifications"][0]["kind"] == "mention"


def test_a_held_reply_notifies_when_a_moderator_releases_it_and_only_once(members, runner):
    anna, bertil, cecilia = members("anna"), members("bertil"), members("cecilia")
    assert runner.invoke(args=["users", "set-role", "cecilia", "moderator"]).exit_code == 0
    thread = start_thread(anna)
    bertil.reply(thread, "Jag följer.")
    held = anna.reply(thread, "Se evil.se/p för tips")  # a link: held for review
    assert held.get_json()["held"] is True
    post_id = held.get_json()["post"]["id"]
    assert notifications(bertil)["unread"] == 0
    decide = f"/moderation/posts/{post_id}"
    assert cecilia.post(decide, {"action": "restore", "reason": "Bra tips"}).status_code == 200
    seen = notifications(bertil)
    assert seen["unread"] == 1 and seen["notifications"][0]["post_id"] == post_id
    # Hidden and shown again: nobody is told a second time.
    assert cecilia.post(decide, {"action": "hide", "reason": "x"}).status_code == 200
    assert cecilia.post(decide, {"action": "restore", "reason": "y"}).status_code == 200
    assert notifications(bertil)["unread"] == 1
