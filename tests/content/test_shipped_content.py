"""The shipped library as the content brief asks: enough items on every topic, real sources from Swedish
authorities and organisations, links to places that exist, findable by the words relatives type, and a
well-formed synonym file for search."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
import pytest

from chat.seed import DEFAULT_ROOMS
from content.topics import TOPICS
from forum.seed import DEFAULT_CATEGORIES
from tests.content.conftest import SHIPPED_LIBRARY

SYNONYMS = SHIPPED_LIBRARY.parent / "synonyms.tsv"

# Authorities and organisations whose pages may back a fact in the library (a source must be one of these
# or a subdomain, so an editor's typo or a random blog is caught).
KNOWN_DOMAINS = {
    "1177.se",
    "anhoriga.se",
    "anhorigasriksforbund.se",
    "socialstyrelsen.se",
    "demenscentrum.se",
    "mind.se",
    "cancerfonden.se",
    "riksdagen.se",
    "forsakringskassan.se",
    "skatteverket.se",
    "efterlevandeguiden.se",
    "folkhalsomyndigheten.se",
    "stodlinjen.se",
    "domstol.se",
    "bris.se",
    "umo.se",
}


def items(client) -> list[dict]:
    response = client.get("/api/v1/library")
    assert response.status_code == 200
    return response.get_json()["items"]


def found(client, query: str) -> list[str]:
    response = client.get("/api/v1/library", query_string={"q": query})
    assert response.status_code == 200, response.get_json()
    return [item["slug"] for item in response.get_json()["items"]]


def known_domain(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == domain or host.endswith("." + domain) for domain in KNOWN_DOMAINS)


def test_the_library_has_at_least_24_items_and_two_on_every_topic(library, client):
    listed = items(client)
    assert len(listed) >= 24
    for topic in TOPICS:
        on_topic = [item["slug"] for item in listed if item["topic"] == topic.slug]
        assert len(on_topic) >= 2, (topic.slug, on_topic)


def test_every_item_cites_an_https_page_of_a_known_swedish_authority_or_organisation(library, client):
    for item in items(client):
        detail = client.get(f"/api/v1/library/{item['slug']}").get_json()
        sources = detail["sources"]
        assert sources, item["slug"]
        assert all(urlsplit(source["url"]).scheme == "https" for source in sources), item["slug"]
        assert any(known_domain(source["url"]) for source in sources), (item["slug"], sources)


def test_the_known_domain_check_refuses_lookalikes():
    assert known_domain("https://www.1177.se/liv--halsa/")
    assert not known_domain("https://1177.se.example.com/")
    assert not known_domain("https://fake1177.se/")


def test_every_item_links_to_a_forum_category_and_chat_room_that_are_seeded():
    categories = {row[0] for row in DEFAULT_CATEGORIES}
    rooms = {row[0] for row in DEFAULT_ROOMS}
    topics = {topic.slug: topic for topic in TOPICS}
    for topic in TOPICS:
        assert topic.forum in categories, topic.slug
        assert topic.chat in rooms, topic.slug
    for path in SHIPPED_LIBRARY.iterdir():
        meta = frontmatter.load(path / "index.md" if path.is_dir() else path).metadata
        assert meta.get("forum", topics[meta["topic"]].forum) in categories, path.name
        assert meta.get("chat", topics[meta["topic"]].chat) in rooms, path.name


def words(path: Path) -> int:
    return len(re.findall(r"\w+", frontmatter.load(path).content))


def test_every_article_is_long_enough_to_help_and_short_enough_to_read_at_night():
    for path in SHIPPED_LIBRARY.glob("*.md"):
        assert 300 <= words(path) <= 800, (path.name, words(path))
        assert "\n## " in frontmatter.load(path).content, path.name  # headings to find one's way


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("närståendepenning", {"narstaendepenning", "kan-jag-fa-betalt-for-att-hjalpa"}),
        ("sorg", {"sorg-efter-ett-dodsfall", "att-sorja-nagon-som-lever"}),
        ("ung anhörig", {"ung-anhorig", "var-kan-jag-prata-som-ung-anhorig"}),
        ("framtidsfullmakt", {"framtidsfullmakt-och-god-man"}),
        ("spelberoende", {"nar-nagon-spelar-om-pengar"}),
        ("bouppteckning", {"praktiskt-nar-nagon-har-dott"}),
        ("självmordslinjen", {"om-du-ar-orolig-for-sjalvmord"}),
        ("utmattning", {"nar-du-inte-orkar-mer"}),
        ("palliativ", {"nar-sjukdomen-inte-gar-att-bota"}),
    ],
)
def test_words_relatives_type_find_the_articles_about_them(library, client, query, expected):
    results = found(client, query)
    assert expected <= set(results), results
    assert results[0] in expected, results  # the article about it comes first, not one that mentions it


def read_synonyms() -> list[list[str]]:
    groups = []
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            groups.append([term.strip() for term in line.split(",")])
    return groups


def test_the_synonym_file_holds_at_least_30_clean_groups():
    groups = read_synonyms()
    assert len(groups) >= 30
    for group in groups:
        assert len(group) >= 2, group
        assert all(term and term == term.lower() for term in group), group
        assert len(set(group)) == len(group), group
        assert all("\t" not in term for term in group), group


def test_the_synonym_file_covers_what_relatives_ask_about():
    groups = [set(group) for group in read_synonyms()]

    def same_group(*terms: str) -> bool:
        return any(set(terms) <= group for group in groups)

    assert same_group("glömska", "demens", "minnessjukdom", "alzheimer")
    assert same_group("anhörigbidrag", "omvårdnadsbidrag", "anhörigersättning", "anhörigstöd")
    assert same_group("missbruk", "beroende", "alkohol")
    assert same_group("utbrändhet", "utmattning", "orkar inte")
    assert same_group("sorg", "förlust", "dödsfall")
