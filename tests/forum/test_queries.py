"""Quality bars: a fixed, small number of SQL statements per page, and GET requests never write."""

from __future__ import annotations

import pytest

from tests.support.queries import WRITE, statements


@pytest.fixture
def busy_forum(seeded, new_api, app):
    """Two members, one thread of 25 posts and 35 threads in a category, reactions and ignores."""
    app.config["RATELIMIT_POSTS_PER_MEMBER"] = "1000 per minute"
    anna, bertil = new_api(), new_api()
    anna.signup("anna")
    bertil.signup("bertil")
    thread_id = anna.new_thread("Lång tråd", "Start").get_json()["thread"]["id"]
    for index in range(24):
        post_id = (anna if index % 2 else bertil).reply(thread_id, f"Svar {index}").get_json()["post"]["id"]
        if index % 3 == 0:
            (bertil if index % 2 else anna).post(f"/posts/{post_id}/reactions")
    for index in range(34):
        bertil.new_thread(f"Tråd {index}", "Text")
    anna.post("/me/ignored", {"pseudonym": bertil.get("/session").get_json()["user"]["pseudonym"]})
    anna.send("PUT", "/me/muted-words", {"words": ["svar 3"]})
    return anna, thread_id


def count_for(app, client, path: str) -> int:
    with statements(app) as seen:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(seen)


@pytest.mark.parametrize("kind", ["page", "api"])
def test_thread_page_of_20_posts_runs_a_fixed_small_number_of_statements(busy_forum, app, kind):
    anna, thread_id = busy_forum
    path = f"/threads/{thread_id}" if kind == "page" else f"/api/v1/threads/{thread_id}"
    full = count_for(app, anna.client, path)
    second_page = count_for(app, anna.client, path + "?page=2")  # 5 posts: same count, whatever the data
    assert full == second_page
    assert full <= 9, full


@pytest.mark.parametrize("kind", ["page", "api"])
def test_category_page_of_30_threads_runs_a_fixed_small_number_of_statements(busy_forum, app, kind):
    anna, _thread_id = busy_forum
    path = "/forum/demens" if kind == "page" else "/api/v1/categories/demens/threads"
    full = count_for(app, anna.client, path)
    assert full == count_for(app, anna.client, path + "?page=2")
    assert full <= 7, full


def test_get_requests_never_write(busy_forum, app):
    anna, thread_id = busy_forum
    paths = [
        "/",
        "/forum",
        "/forum/demens",
        f"/threads/{thread_id}",
        f"/threads/{thread_id}?page=2",
        "/forum/search?q=svar",
        "/notifications",
        "/forum/settings",
        "/account",
        "/api/v1/session",
        "/api/v1/categories",
        "/api/v1/categories/demens/threads",
        f"/api/v1/threads/{thread_id}",
        "/api/v1/search?q=svar",
        "/api/v1/notifications",
        "/api/v1/me",
        "/api/v1/me/ignored",
        "/api/v1/me/muted-words",
        "/account/staff-messages",
        "/api/v1/me/staff-messages",
        "/welcome",
        "/welcome?saved=1",
        "/api/v1/me/category-follows",
    ]
    with statements(app) as seen:
        for path in paths:
            assert anna.client.get(path).status_code == 200, path
    writes = [statement for statement in seen if WRITE.match(statement)]
    assert writes == []
    assert seen  # the listener did see the reads
