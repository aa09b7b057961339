"""Search synonyms: seeded from content/synonyms.tsv, edited in the browser, and widening every library
search on SQLite (FTS5) and PostgreSQL alike."""

from __future__ import annotations

import re

import pytest

from content.synonyms import parse_text
from tests.content.editing_helpers import make_editor

RIGHTS = "din-ratt-till-anhorigstod"
DEMENTIA = "vad-ar-demens"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    """Both engines must widen a search the same way."""
    return request.param


def found(client, query: str) -> list[str]:
    response = client.get("/api/v1/library", query_string={"q": query})
    assert response.status_code == 200, response.get_json()
    return [item["slug"] for item in response.get_json()["items"]]


def test_the_synonyms_file_is_read_as_groups_with_comments_skipped():
    text = "# a comment\nGlömska, demens ,minnessjukdom  # trailing\n\nensam\nA, b, a\n"
    assert parse_text(text) == [["glömska", "demens", "minnessjukdom"], ["a", "b"]]


def test_seeded_synonyms_find_the_dementia_and_rights_articles(seeded):
    client = seeded.test_client()
    assert DEMENTIA in found(client, "glömska")
    assert RIGHTS in found(client, "anhörigbidrag")
    assert RIGHTS in found(client, "omvårdnadsbidrag")
    assert found(client, "glömska anhörigbidrag") == [] or all(
        slug in found(client, "anhörigbidrag") for slug in found(client, "glömska anhörigbidrag")
    )
    # Any form of a term finds its group.
    assert RIGHTS in found(client, "omvårdnadsbidraget")


def test_editors_change_the_groups_in_the_browser_and_search_follows(seeded):
    client = seeded.test_client()
    assert found(client, "tankedimma") == []
    editor = make_editor(seeded)
    page = editor.client.get("/library/edit/synonyms").get_data(as_text=True)
    assert "glömska, glömsk, demens, demenssjukdom, minnessjukdom" in page  # the first group of the file
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    rows = re.findall(r'name="group" rows="2" maxlength="800">([^<]*)</textarea>', page)
    bad = editor.client.post(
        "/library/edit/synonyms", data={"csrf_token": csrf, "group": [*rows, "demens, <script>"]}
    )
    assert bad.status_code == 400
    assert 'id="group-' in bad.get_data(as_text=True) and "bara innehålla bokstäver" in bad.get_data(
        as_text=True
    )
    assert found(client, "tankedimma") == []  # nothing was saved
    twice = editor.client.post(
        "/library/edit/synonyms", data={"csrf_token": csrf, "group": [*rows, "demens, minne"]}
    )
    assert twice.status_code == 400 and "finns redan på rad 1" in twice.get_data(as_text=True)
    saved = editor.client.post(
        "/library/edit/synonyms", data={"csrf_token": csrf, "group": [*rows, "tankedimma, hjärnan"]}
    )
    assert saved.status_code == 303
    assert DEMENTIA in found(client, "tankedimma")
    # Emptying a row removes its group.
    saved = editor.client.post("/library/edit/synonyms", data={"csrf_token": csrf, "group": [*rows, ""]})
    assert saved.status_code == 303
    assert found(client, "tankedimma") == []
    # A restart's seed does not bring back terms the editors moved, nor duplicate groups.
    assert seeded.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    listed = editor.get("/library/editor/synonyms").get_json()["groups"]
    assert sum(1 for group in listed if "anhörigbidrag" in group) == 1


def test_the_synonyms_api(seeded):
    editor = make_editor(seeded)
    replaced = editor.send(
        "PUT", "/library/editor/synonyms", {"groups": [["Glömska", "demens"], "stöd, hjälp"]}
    )
    assert replaced.status_code == 200
    assert replaced.get_json()["groups"] == [["glömska", "demens"], ["stöd", "hjälp"]]
    bad = editor.send("PUT", "/library/editor/synonyms", {"groups": [["ett"]]})
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "groups[0]"
    assert editor.send("PUT", "/library/editor/synonyms", {"groups": "x"}).status_code == 400
