"""The forum's JSON API through the real app, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.database import utcnow
from core.extensions import db
from forum.models import Notification, Post, PostRevision, Thread
from moderation.models import Flag


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    """Every test here runs on both databases (search differs most)."""
    return request.param


@pytest.fixture
def bertil(seeded, new_api):
    member = new_api()
    member.signup("bertil")
    return member


def rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_strangers_get_401_everywhere(seeded, api):
    for path in ("/categories", "/categories/demens/threads", "/threads/1", "/search?q=x", "/notifications"):
        response = api.get(path)
        assert response.status_code == 401, path
        assert response.get_json()["error"]["code"] == "not_signed_in"
    assert api.new_thread().status_code == 401


def test_categories_are_seeded_with_swedish_names(anna):
    categories = anna.get("/categories").get_json()["categories"]
    slugs = [category["slug"] for category in categories]
    for slug in (
        "demens",
        "psykisk-ohalsa",
        "beroende",
        "funktionsnedsattning",
        "cancer",
        "unga-anhoriga",
        "sorg",
        "fikarummet",
    ):
        assert slug in slugs
    assert categories[0] == {
        "slug": "demens",
        "name": "Demens",
        "description": categories[0]["description"],
        "thread_count": 0,
        "age_band": None,
        "can_enter": True,
    }
    english = anna.get("/categories?lang=en").get_json()["categories"][0]
    assert english["name"] == "Dementia"


def test_start_thread_and_reply(anna, bertil, app):
    created = anna.new_thread("Hur orkar ni?", "Min **pappa** känner inte igen mig.")
    assert created.status_code == 201
    body = created.get_json()
    thread_id = body["thread"]["id"]
    assert body["post"]["body_html"] == "<p>Min <strong>pappa</strong> känner inte igen mig.</p>"
    assert set(body["post"]) >= {"id", "author", "body_html", "created_at", "edited_at"}
    reply = bertil.reply(thread_id, "Jag känner igen mig.")
    assert reply.status_code == 201
    page = anna.get(f"/threads/{thread_id}").get_json()
    assert page["thread"]["title"] == "Hur orkar ni?"
    assert page["thread"]["category"] == {"slug": "demens", "name": "Demens"}
    assert [post["author"]["pseudonym"] for post in page["posts"]] == [
        anna.get("/session").get_json()["user"]["pseudonym"],
        bertil.get("/session").get_json()["user"]["pseudonym"],
    ]
    listing = anna.get("/categories/demens/threads").get_json()
    assert listing["threads"][0]["reply_count"] == 1
    assert anna.get("/categories").get_json()["categories"][0]["thread_count"] == 1


def test_unknown_category_and_thread_are_404(anna):
    assert anna.get("/categories/nope/threads").status_code == 404
    assert anna.get("/threads/999").status_code == 404
    assert anna.new_thread(slug="nope").status_code == 404
    assert anna.reply(999).status_code == 404


@pytest.mark.parametrize(
    ("title", "body", "status", "code"),
    [
        ("", "text", 422, "empty"),
        ("   ", "text", 422, "empty"),
        ("x" * 151, "text", 422, "too_long"),
        ("Rubrik", "", 422, "empty"),
        ("Rubrik", "x" * 20_001, 422, "too_long"),
        (None, "text", 422, "empty"),
        ("Rubrik", ["list"], 422, "empty"),
    ],
)
def test_bad_threads_are_refused_and_nothing_is_stored(anna, app, title, body, status, code):
    response = anna.post("/categories/demens/threads", {"title": title, "body": body})
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert rows(app, Thread) == 0 and rows(app, Post) == 0


def test_limits_are_inclusive(anna):
    assert anna.new_thread("x" * 150, "y" * 20_000).status_code == 201


def test_hostile_markdown_is_sanitized_in_stored_html(anna):
    body = anna.new_thread(
        "XSS", "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    html = body.get_json()["post"]["body_html"]
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html


def test_pagination_twenty_posts_a_page(anna, bertil, app):
    app.config["RATELIMIT_POSTS_PER_MEMBER"] = "100 per minute"
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    for index in range(24):
        (bertil if index % 2 else anna).reply(thread_id, f"Svar {index}")
    first = anna.get(f"/threads/{thread_id}").get_json()
    second = anna.get(f"/threads/{thread_id}?page=2").get_json()
    assert (first["page"], first["pages"], len(first["posts"])) == (1, 2, 20)
    assert (second["page"], len(second["posts"])) == (2, 5)
    assert anna.get(f"/threads/{thread_id}?page=abc").get_json()["page"] == 1
    assert anna.get(f"/threads/{thread_id}?page=99").get_json()["page"] == 2


def test_category_lists_pinned_first_then_last_activity_with_unread_markers(
    anna, bertil, new_api, app, runner
):
    old = anna.new_thread("Gammal").get_json()["thread"]["id"]
    new = anna.new_thread("Ny").get_json()["thread"]["id"]
    bertil.reply(old, "Ett nytt svar")  # the old thread now has the latest activity
    titles = [t["title"] for t in bertil.get("/categories/demens/threads").get_json()["threads"]]
    assert titles == ["Gammal", "Ny"]
    runner.invoke(args=["users", "set-role", "bertil", "moderator"])
    assert bertil.send("PATCH", f"/threads/{new}", {"pinned": True}).status_code == 200
    listing = anna.get("/categories/demens/threads").get_json()["threads"]
    assert [t["title"] for t in listing] == ["Ny", "Gammal"]
    assert listing[0]["pinned"] is True
    assert all(t["unread"] for t in listing)
    last = anna.get(f"/threads/{old}").get_json()["posts"][-1]["id"]
    assert anna.post(f"/threads/{old}/read", {"last_post_id": last}).status_code == 200
    unread = {t["title"]: t["unread"] for t in anna.get("/categories/demens/threads").get_json()["threads"]}
    assert unread == {"Ny": True, "Gammal": False}


def test_only_moderators_pin_and_lock(anna, bertil, runner):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    assert anna.send("PATCH", f"/threads/{thread_id}", {"locked": True}).status_code == 403
    runner.invoke(args=["users", "set-role", "bertil", "moderator"])
    assert bertil.send("PATCH", f"/threads/{thread_id}", {"locked": "yes"}).status_code == 422
    assert bertil.send("PATCH", f"/threads/{thread_id}", {"locked": True}).status_code == 200
    refused = anna.reply(thread_id, "Får jag svara?")
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "thread_locked"
    assert bertil.reply(thread_id, "Moderatorer får").status_code == 201


def test_edit_keeps_previous_versions_for_moderators_and_marks_the_post(anna, bertil, app, runner):
    thread_id = anna.new_thread("Rubrik", "Första versionen").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    assert bertil.send("PATCH", f"/posts/{post_id}", {"body": "Kapat"}).status_code == 403
    edited = anna.send("PATCH", f"/posts/{post_id}", {"body": "Andra versionen"})
    assert edited.status_code == 200
    post = edited.get_json()["post"]
    assert post["body_html"] == "<p>Andra versionen</p>" and post["edited_at"] is not None
    with app.app_context():
        revisions = list(
            db.session.scalars(select(PostRevision.body_source).where(PostRevision.post_id == post_id))
        )
    assert revisions == ["Första versionen"]
    assert anna.send("PATCH", f"/posts/{post_id}", {"body": ""}).status_code == 422
    assert anna.get(f"/posts/{post_id}/revisions").status_code == 403
    runner.invoke(args=["users", "set-role", "bertil", "moderator"])
    shown = bertil.get(f"/posts/{post_id}/revisions").get_json()["revisions"]
    assert [item["body_html"] for item in shown] == ["<p>Första versionen</p>"]


def test_delete_leaves_a_placeholder(anna, bertil, app):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    post_id = bertil.reply(thread_id, "Något jag ångrar").get_json()["post"]["id"]
    assert anna.send("DELETE", f"/posts/{post_id}").status_code == 403
    assert bertil.send("DELETE", f"/posts/{post_id}").status_code == 204
    posts = anna.get(f"/threads/{thread_id}").get_json()["posts"]
    assert len(posts) == 2
    assert posts[1]["deleted"] is True and posts[1]["body_html"] == ""
    assert "ångrar" not in anna.client.get(f"/threads/{thread_id}").get_data(as_text=True)
    assert bertil.send("PATCH", f"/posts/{post_id}", {"body": "tillbaka?"}).status_code == 403


def test_one_reaction_per_member_never_on_own_post(anna, bertil, new_api):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    assert anna.post(f"/posts/{post_id}/reactions").status_code == 403
    assert bertil.post(f"/posts/{post_id}/reactions").get_json() == {"reaction_count": 1, "reacted": True}
    assert bertil.post(f"/posts/{post_id}/reactions").get_json()["reaction_count"] == 1
    third = new_api()
    third.signup("cecilia")
    assert third.post(f"/posts/{post_id}/reactions").get_json()["reaction_count"] == 2
    assert bertil.send("DELETE", f"/posts/{post_id}/reactions").get_json()["reaction_count"] == 1
    post = bertil.get(f"/threads/{thread_id}").get_json()["posts"][0]
    assert post["reaction_count"] == 1 and post["reacted"] is False


def test_flags_one_per_member_not_own_with_a_daily_cap(anna, bertil, app):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    assert (
        anna.post(f"/posts/{post_id}/flags", {"reason": "spam"}).get_json()["error"]["code"]
        == "cannot_flag_own"
    )
    assert bertil.post(f"/posts/{post_id}/flags", {"reason": "rude"}).status_code == 422
    assert bertil.post(f"/posts/{post_id}/flags", {"reason": "crisis", "note": "Orolig"}).status_code == 201
    again = bertil.post(f"/posts/{post_id}/flags", {"reason": "spam"})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_flagged"
    assert rows(app, Flag) == 1
    app.config["FLAGS_PER_DAY"] = 2
    other = [anna.reply(thread_id, f"svar {i}").get_json()["post"]["id"] for i in range(2)]
    assert bertil.post(f"/posts/{other[0]}/flags", {"reason": "spam"}).status_code == 201
    capped = bertil.post(f"/posts/{other[1]}/flags", {"reason": "spam"})
    assert capped.status_code == 429 and capped.get_json()["error"]["code"] == "flag_limit_reached"


def test_followers_and_thread_authors_are_notified_of_replies(anna, bertil, new_api):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    cecilia = new_api()
    cecilia.signup("cecilia")
    assert cecilia.post(f"/threads/{thread_id}/follow").get_json() == {"following": True}
    bertil.reply(thread_id, "Ett svar")
    assert anna.get("/notifications").get_json()["unread"] == 1  # own thread
    assert cecilia.get("/notifications").get_json()["unread"] == 1  # followed
    assert bertil.get("/notifications").get_json()["unread"] == 0  # not for one's own reply
    cecilia.send("DELETE", f"/threads/{thread_id}/follow")
    bertil.reply(thread_id, "Ett till")
    assert cecilia.get("/notifications").get_json()["unread"] == 1
    assert anna.get("/notifications").get_json()["unread"] == 2
    assert anna.post("/notifications/read").get_json() == {"unread": 0}
    assert anna.get("/notifications").get_json()["notifications"][0]["read"] is True


def test_reading_a_thread_clears_its_notifications(anna, bertil, app):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    last = bertil.reply(thread_id, "Svar").get_json()["post"]["id"]
    assert anna.get("/notifications").get_json()["unread"] == 1
    anna.post(f"/threads/{thread_id}/read", {"last_post_id": last})
    assert anna.get("/notifications").get_json()["unread"] == 0
    assert anna.post(f"/threads/{thread_id}/read", {"last_post_id": "x"}).status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 1


def test_ignored_pseudonyms_and_muted_words_collapse_posts_for_that_member_only(anna, bertil, new_api):
    thread_id = anna.new_thread("Tråd", "Om alkohol i familjen").get_json()["thread"]["id"]
    bertil.reply(thread_id, "Ett vänligt svar")
    bertil_name = bertil.get("/session").get_json()["user"]["pseudonym"]
    cecilia = new_api()
    cecilia.signup("cecilia")
    assert cecilia.post("/me/ignored", {"pseudonym": bertil_name.upper()}).status_code == 201
    assert cecilia.post("/me/ignored", {"pseudonym": "Finns Inte 1"}).status_code == 422
    assert cecilia.send("PUT", "/me/muted-words", {"words": ["Alkohol", "alkohol", " "]}).get_json() == {
        "words": ["alkohol"]
    }
    posts = cecilia.get(f"/threads/{thread_id}").get_json()["posts"]
    assert [post["collapsed"] for post in posts] == ["muted_word", "ignored"]
    assert posts[1]["body_html"]  # collapsed, not removed: one click shows it
    assert [post["collapsed"] for post in anna.get(f"/threads/{thread_id}").get_json()["posts"]] == [
        None,
        None,
    ]
    assert cecilia.get("/me/ignored").get_json() == {"pseudonyms": [bertil_name]}
    assert cecilia.send("DELETE", f"/me/ignored/{bertil_name}").status_code == 204
    assert cecilia.get(f"/threads/{thread_id}").get_json()["posts"][1]["collapsed"] is None
    too_many = cecilia.send("PUT", "/me/muted-words", {"words": [f"ord{i}" for i in range(51)]})
    assert too_many.status_code == 422


def test_ignoring_a_pseudonym_does_not_follow_the_member_to_a_new_one(anna, bertil, new_api):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    old_name = bertil.get("/session").get_json()["user"]["pseudonym"]
    anna.post("/me/ignored", {"pseudonym": old_name})
    bertil.post("/me/pseudonym")
    bertil.reply(thread_id, "Skrivet under nytt alias")
    posts = anna.get(f"/threads/{thread_id}").get_json()["posts"]
    assert posts[1]["collapsed"] is None  # nothing links the new name to the ignored one


def test_old_posts_keep_the_pseudonym_they_were_written_under(anna, bertil):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    bertil.reply(thread_id, "Före")
    old_name = bertil.get("/session").get_json()["user"]["pseudonym"]
    new_name = bertil.post("/me/pseudonym").get_json()["user"]["pseudonym"]
    bertil.reply(thread_id, "Efter")
    names = [
        post["author"]["pseudonym"] for post in anna.get(f"/threads/{thread_id}").get_json()["posts"][1:]
    ]
    assert names == [old_name, new_name]


def test_search_matches_swedish_word_forms_case_insensitively(anna, bertil):
    first = anna.new_thread("Pappa och demensen", "Min pappa glömmer allt nu.").get_json()["thread"]["id"]
    bertil.reply(first, "Mammorna i min grupp säger samma sak om sjukdomen.")
    anna.new_thread("Om sömn", "Jag sover dåligt.", slug="fikarummet")
    for query, expected in (
        ("papporna", 1),
        ("PAPPA", 1),
        ("mamma", 1),
        ("sjukdom", 1),
        ("sover", 1),
        ("demens", 1),
        ("giraff", 0),
    ):
        body = bertil.get(f"/search?q={query}").get_json()
        assert body["total"] == expected, (query, body)
    hit = bertil.get("/search?q=mamma").get_json()["results"][0]
    assert hit["thread"] == {"id": first, "title": "Pappa och demensen"}
    assert "Mammorna" in hit["excerpt"]


def test_search_never_shows_deleted_text_and_survives_odd_queries(anna, bertil):
    thread_id = anna.new_thread("Rubrik", "Vanlig text").get_json()["thread"]["id"]
    post_id = bertil.reply(thread_id, "hemligt ångerord").get_json()["post"]["id"]
    assert bertil.get("/search?q=ångerord").get_json()["total"] == 1
    bertil.send("DELETE", f"/posts/{post_id}")
    assert bertil.get("/search?q=ångerord").get_json()["total"] == 0
    for query in ('"', "AND OR NOT", "*", "NEAR(", "'; DROP TABLE posts; --", "", "   ", "a" * 500, "ö"):
        response = bertil.get("/search", query_string={"q": query})
        assert response.status_code == 200, query
    first_post = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    assert anna.send("PATCH", f"/posts/{first_post}", {"body": "Ny formulering"}).status_code == 200
    assert bertil.get("/search?q=formulering").get_json()["total"] == 1
    assert bertil.get("/search?q=vanlig").get_json()["total"] == 0  # the old text left the index
    assert bertil.get("/search?q=rubrik").get_json()["total"] == 1  # the title is still found


def test_a_suspended_member_is_told_so_when_writing(anna, app):
    from datetime import timedelta

    from accounts.models import User
    from core.database import utcnow

    with app.app_context():
        for user in db.session.scalars(select(User)):
            user.suspended_until = utcnow() + timedelta(days=1)
        db.session.commit()
    refused = anna.new_thread()
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "suspended"
    assert anna.get("/session").get_json()["user"] is None  # the session has ended


def test_writing_is_rate_limited_per_member(anna):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    statuses = [anna.reply(thread_id, f"svar {i}").status_code for i in range(8)]
    assert statuses[:7] == [201] * 7 and statuses[7] == 429


def test_double_clicks_and_parallel_tabs_are_harmless(anna, bertil, app):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    assert [bertil.post(f"/posts/{post_id}/reactions").status_code for _ in range(3)] == [200, 200, 200]
    assert bertil.get(f"/threads/{thread_id}").get_json()["posts"][0]["reaction_count"] == 1
    assert [bertil.post(f"/threads/{thread_id}/follow").status_code for _ in range(2)] == [200, 200]
    assert [
        bertil.post(
            "/me/ignored", {"pseudonym": anna.get("/session").get_json()["user"]["pseudonym"]}
        ).status_code
        for _ in range(2)
    ] == [201, 201]
    last = anna.get(f"/threads/{thread_id}").get_json()["posts"][-1]["id"]
    for up_to in (last, 0, last):
        assert bertil.post(f"/threads/{thread_id}/read", {"last_post_id": up_to}).status_code == 200
    assert bertil.get(f"/threads/{thread_id}").get_json()["last_read_post_id"] == last  # never moves back


def test_concurrent_replies_are_all_counted(anna, app, database_url):
    import threading

    from tests.conftest import Api

    app.config["RATELIMIT_POSTS_PER_MEMBER"] = "100 per minute"
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    writers = []
    for index in range(4):
        writer = Api(app.test_client())
        writer.signup(f"skribent{index}")
        writers.append(writer)
    threads = [threading.Thread(target=writer.reply, args=(thread_id, "samtidigt")) for writer in writers]
    for each in threads:
        each.start()
    for each in threads:
        each.join()
    listing = anna.get("/categories/demens/threads").get_json()["threads"][0]
    assert listing["reply_count"] == 4
    assert len(anna.get(f"/threads/{thread_id}").get_json()["posts"]) == 5


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/categories/demens/threads", {"title": "a\x00b", "body": "text"}),
        ("POST", "/categories/demens/threads", {"title": "Rubrik", "body": "te\x00xt"}),
        ("POST", "/me/ignored", {"pseudonym": "x\x00"}),
        ("PUT", "/me/muted-words", {"words": ["a\x00"]}),
    ],
)
def test_nul_characters_are_refused_with_400(anna, app, method, path, body):
    response = anna.send(method, path, body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"
    assert rows(app, Thread) == 0


def test_huge_ids_and_odd_quotes_are_404_or_ignored(anna):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    assert anna.get("/threads/" + "9" * 30).status_code == 404
    assert anna.client.get("/threads/" + "9" * 30).status_code == 404
    for quote in ("²", "9" * 5000, "-1", "abc"):
        assert anna.client.get(f"/threads/{thread_id}", query_string={"quote": quote}).status_code == 200
    assert anna.client.get("/forum/search", query_string={"q": "a\x00b"}).status_code == 400


def test_hidden_threads_do_not_leak_through_notifications(anna, bertil, app):
    thread_id = anna.new_thread("Hemlig rubrik").get_json()["thread"]["id"]
    bertil.reply(thread_id, "svar")
    assert anna.get("/notifications").get_json()["unread"] == 1
    with app.app_context():
        db.session.get(Thread, thread_id).hidden_at = utcnow()
        db.session.commit()
    assert anna.get("/notifications").get_json() == {"notifications": [], "unread": 0}
    assert "Hemlig rubrik" not in anna.client.get("/notifications").get_data(as_text=True)


def test_a_posts_own_address_leads_to_the_right_page(anna, bertil, app):
    app.config["RATELIMIT_POSTS_PER_MEMBER"] = "100 per minute"
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    last = None
    for index in range(22):
        last = bertil.reply(thread_id, f"svar {index}").get_json()["post"]["id"]
    response = anna.client.get(f"/posts/{last}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/threads/{thread_id}?page=2#post-{last}")


def test_deleting_a_post_removes_its_text_and_earlier_versions(anna, app):
    thread_id = anna.new_thread("Rubrik", "första").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    anna.send("PATCH", f"/posts/{post_id}", {"body": "andra"})
    anna.send("DELETE", f"/posts/{post_id}")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PostRevision)) == 0
        post = db.session.get(Post, post_id)
        assert post.body_source == "" and post.body_html == ""


def test_search_handles_stopwords_and_swedish_letters(anna, bertil):
    anna.new_thread("Hur mår du?", "Jag mår inte bra i dag.")
    anna.new_thread("Far", "Min far är sjuk.", slug="fikarummet")
    assert bertil.get("/search?q=jag mår").get_json()["total"] == 1
    hits = bertil.get("/search?q=får").get_json()
    assert hits["total"] == 0  # "får" is not "far"


def test_a_retried_reply_or_thread_with_the_same_client_id_is_stored_once(anna, bertil, app):
    started = anna.post(
        "/categories/demens/threads", {"title": "Natten", "body": "Vaken igen.", "client_id": "t-1"}
    )
    assert started.status_code == 201
    again = anna.post(
        "/categories/demens/threads", {"title": "Natten", "body": "Vaken igen.", "client_id": "t-1"}
    )
    assert again.status_code == 200  # the answer was lost; the retry gets the thread stored the first time
    assert again.get_json()["thread"] == started.get_json()["thread"]
    assert again.get_json()["post"]["id"] == started.get_json()["post"]["id"]
    thread_id = started.get_json()["thread"]["id"]

    first = anna.post(f"/threads/{thread_id}/posts", {"body": "Tillägg.", "client_id": "r-1"})
    retry = anna.post(f"/threads/{thread_id}/posts", {"body": "Tillägg.", "client_id": "r-1"})
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.get_json()["post"]["id"] == first.get_json()["post"]["id"]
    # Client ids are each member's own: Bertil's "r-1" is a new reply.
    assert (
        bertil.post(f"/threads/{thread_id}/posts", {"body": "Jag också.", "client_id": "r-1"}).status_code
        == 201
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Thread)) == 1
        assert db.session.scalar(select(func.count()).select_from(Post)) == 3
        assert db.session.get(Thread, thread_id).reply_count == 2


@pytest.mark.parametrize("client_id", ["", "x" * 65, "mellan rum", 17, ["a"], "ö"])
def test_malformed_client_ids_are_refused(anna, client_id):
    response = anna.post(
        "/categories/demens/threads", {"title": "Natten", "body": "Vaken igen.", "client_id": client_id}
    )
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "invalid"


def test_a_client_id_used_for_another_write_is_a_conflict_not_a_retry(anna, app):
    first = anna.post("/categories/demens/threads", {"title": "A", "body": "Första.", "client_id": "id-1"})
    other = anna.post("/categories/demens/threads", {"title": "B", "body": "Andra."}).get_json()["thread"][
        "id"
    ]
    thread_id = first.get_json()["thread"]["id"]
    reply = anna.post(f"/threads/{thread_id}/posts", {"body": "Svar.", "client_id": "id-2"})
    assert reply.status_code == 201
    for path, body in (
        ("/categories/demens/threads", {"title": "C", "body": "Ny.", "client_id": "id-2"}),  # a reply's id
        (f"/threads/{other}/posts", {"body": "Svar.", "client_id": "id-2"}),  # another thread
        (f"/threads/{thread_id}/posts", {"body": "Svar.", "client_id": "id-1"}),  # the thread's own opener
    ):
        refused = anna.post(path, body)
        assert refused.status_code == 409, path
        assert refused.get_json()["error"]["code"] == "client_id_reused"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Post)) == 3


def test_two_retries_racing_past_the_check_are_settled_by_the_unique_index(anna, app, monkeypatch):
    """The second copy passes the "stored before?" check before the first commits: the unique index stops
    it, and it answers with the first copy instead of an error."""
    from forum import services

    thread_id = anna.new_thread().get_json()["thread"]["id"]
    first = anna.post(f"/threads/{thread_id}/posts", {"body": "Tvilling.", "client_id": "twin"})
    real = services.reply_before
    calls = []

    def too_early_once(member, thread, client_id):
        calls.append(client_id)
        return None if len(calls) == 1 else real(member, thread, client_id)

    monkeypatch.setattr(services, "reply_before", too_early_once)
    twin = anna.post(f"/threads/{thread_id}/posts", {"body": "Tvilling.", "client_id": "twin"})
    assert twin.status_code == 200, twin.get_json()
    assert twin.get_json()["post"]["id"] == first.get_json()["post"]["id"]
    assert len(calls) == 2
    started = anna.post(
        "/categories/demens/threads", {"title": "T", "body": "Tvilling.", "client_id": "t-twin"}
    )
    real_opening = services.opening_post_before
    calls.clear()

    def too_early_once_for_threads(member, client_id):
        calls.append(client_id)
        return None if len(calls) == 1 else real_opening(member, client_id)

    monkeypatch.setattr(services, "opening_post_before", too_early_once_for_threads)
    again = anna.post(
        "/categories/demens/threads", {"title": "T", "body": "Tvilling.", "client_id": "t-twin"}
    )
    assert again.status_code == 200
    assert again.get_json()["thread"] == started.get_json()["thread"]
    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).select_from(Post).where(Post.body_source == "Tvilling."))
            == 2
        )
        assert db.session.get(Thread, thread_id).reply_count == 1
