"""An item's front matter (title, summary, topic, tags, sources, dates, status, forum and chat places): the
fields, their limits and the checks that name every problem, for the folder import and the editors alike."""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime
from pathlib import Path

import frontmatter
import yaml

from content.rendering import markdown_problems
from content.sourcefiles import Problem, read_text
from content.topics import TOPICS, TOPICS_BY_SLUG

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# Addresses the library's own pages use; an item may not take them (the browser editor and the folder import
# both refuse them, so it lives here where both can import it).
RESERVED_SLUGS = frozenset({"edit", "editor", "new", "files", "synonyms", "preview"})
MAX_SLUG_LENGTH = 80
MAX_PLACE_SLUG_LENGTH = 60  # forum category and chat room slugs
FIELDS = frozenset(
    {"title", "summary", "topic", "tags", "reviewed", "sources", "kind", "forum", "chat", "status"}
    | {"review_by"}
)
STATUSES = ("draft", "published", "unpublished")
REQUIRED_FIELDS = ("title", "summary", "topic", "reviewed")
# Like the browser editor (editing.publish_problems): a draft may lack these until it is published.
REQUIRED_TO_PUBLISH = ("sources",)
LIMITS = {"title": 200, "summary": 300}
MAX_TAGS, MAX_TAG_LENGTH, MAX_SOURCES = 10, 40, 12
URL = re.compile(r"https?://[^\s/$.?#][^\s]*\Z")


def read_front_matter(path: Path, today: date, kind: str) -> tuple[dict, str, list[Problem]]:
    """The checked metadata (as ItemSource fields) and the Markdown body of an article or film page."""
    text = read_text(path)
    if not text.startswith("---"):
        return {}, "", [Problem(path, "has no front matter: the file must begin with a line '---'")]
    try:
        post = frontmatter.loads(text)
    except ValueError as error:  # PyYAML raises it for impossible dates such as 2026-02-30
        return {}, "", [Problem(path, f"the front matter is not valid: {error}")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error)
        return {}, "", [Problem(path, f"the front matter is not valid YAML: {reason}{where}")]
    meta, body = post.metadata, post.content.strip()
    problems: list[Problem] = []

    def problem(message: str) -> None:
        problems.append(Problem(path, message))

    if not isinstance(meta, dict):
        return {}, "", [Problem(path, "the front matter must be 'key: value' lines")]
    if holds_nul(meta):
        problem("the front matter contains a NUL character (\\0)")
    for key in sorted(set(meta) - FIELDS, key=str):
        problem(f"unknown field '{key}' (known fields: {', '.join(sorted(FIELDS))})")
    # A draft or an unpublished item may be unfinished; a published one (or an unknown status) may not.
    published = meta.get("status", "published") not in ("draft", "unpublished")
    for key in REQUIRED_FIELDS:
        if meta.get(key) in (None, "", []):
            problem(f"the field '{key}' is missing")
    for key in REQUIRED_TO_PUBLISH if published else ():
        if meta.get(key) in (None, "", []):
            problem(f"the field '{key}' is missing (a published item needs it)")
    checked: dict = {}
    for key, limit in LIMITS.items():
        value = meta.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str) or "\n" in value.strip():
            problem(f"'{key}' must be one line of text")
        elif len(value.strip()) > limit:
            problem(f"'{key}' is longer than {limit} characters")
        else:
            checked[key] = value.strip()
    topic = meta.get("topic")
    if topic not in (None, ""):
        if isinstance(topic, str) and topic in TOPICS_BY_SLUG:
            checked["topic"] = topic
        else:
            known = ", ".join(t.slug for t in TOPICS)
            problem(f"unknown topic '{topic}' (use one of: {known})")
    checked["tags"] = check_tags(meta.get("tags"), problem)
    checked["sources"] = check_sources(meta.get("sources"), problem)
    reviewed = meta.get("reviewed")
    if isinstance(reviewed, str):
        with contextlib.suppress(ValueError):
            reviewed = date.fromisoformat(reviewed)
    if reviewed not in (None, ""):
        if not isinstance(reviewed, date) or isinstance(reviewed, datetime):
            problem("'reviewed' must be a date such as 2026-11-20, without a time")
        elif reviewed > today:
            problem("'reviewed' is in the future")
        else:
            checked["reviewed_on"] = reviewed
    review_by = read_date(meta.get("review_by"))
    if review_by is not None:
        if not isinstance(review_by, date) or isinstance(review_by, datetime):
            problem("'review_by' must be a date such as 2027-11-20, without a time")
        elif isinstance(checked.get("reviewed_on"), date) and review_by <= checked["reviewed_on"]:
            problem("'review_by' must come after 'reviewed'")
        else:
            checked["review_by"] = review_by
    status = meta.get("status", "published")
    if status in STATUSES:
        checked["status"] = status
    else:
        problem(f"unknown status '{status}' (use one of: {', '.join(STATUSES)})")
    declared = meta.get("kind", kind)
    if declared != kind:
        problem(
            f"'kind: {declared}' does not match the layout: an article is <slug>.md, "
            "a film is a folder with index.md"
        )
    topic_links = TOPICS_BY_SLUG.get(checked.get("topic", ""))
    for key in ("forum", "chat"):
        value = meta.get(key)
        if value is not None and (
            not isinstance(value, str) or not SLUG.match(value) or len(value) > MAX_PLACE_SLUG_LENGTH
        ):
            problem(f"'{key}' must be the slug of a {'forum category' if key == 'forum' else 'chat room'}")
        checked[key] = value if isinstance(value, str) else getattr(topic_links, key, None)
    if kind == "article" and not body and published:
        problem("the article has no text below the front matter (a published article needs its text)")
    problems += [Problem(path, message) for message in markdown_problems(body)]
    return checked, body, problems


def read_date(value):
    """A YAML date, or an ISO date written as a string; anything else as it was, for the caller to refuse."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value)
    return value


def holds_nul(value) -> bool:
    """Whether any string in parsed YAML holds NUL, which PostgreSQL cannot store."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(holds_nul(item) for item in value)
    return False


def check_tags(value, problem) -> list[str]:
    """Tags: a short list of short words."""
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(tag, str) and tag.strip() for tag in value):
        problem("'tags' must be a list of words, such as [minne, vardag]")
        return []
    if len(value) > MAX_TAGS or any(len(tag) > MAX_TAG_LENGTH for tag in value):
        problem(f"at most {MAX_TAGS} tags of at most {MAX_TAG_LENGTH} characters")
    return [tag.strip() for tag in value]


def check_sources(value, problem) -> list[dict]:
    """Sources: each a title and a web address (and when it was read), so a reader can check the facts."""
    if value in (None, "", []):
        return []
    if not isinstance(value, list):
        problem("'sources' must be a list of entries with 'title', 'url' and optionally 'read'")
        return []
    sources = []
    for number, source in enumerate(value[:MAX_SOURCES], start=1):
        if not isinstance(source, dict) or not {"title", "url"} <= set(source) <= {"title", "url", "read"}:
            problem(f"source {number} must have exactly 'title' and 'url' (and optionally 'read')")
            continue
        title, url, read = source["title"], source["url"], read_date(source.get("read"))
        if not isinstance(title, str) or not title.strip():
            problem(f"source {number} has no title")
        elif not isinstance(url, str) or not URL.match(url):
            problem(f"source {number} needs a web address beginning with https:// or http://")
        elif read is not None and (not isinstance(read, date) or isinstance(read, datetime)):
            problem(f"source {number}: 'read' must be a date such as 2026-11-20")
        else:
            entry = {"title": title.strip(), "url": url}
            if read is not None:
                entry["read"] = read.isoformat()
            sources.append(entry)
    if len(value) > MAX_SOURCES:
        problem(f"at most {MAX_SOURCES} sources")
    return sources
