"""The editors' rules: checking an item's fields, creating, saving, publishing, unpublishing and restoring
items with optimistic locking (a save names the revision it began from), and what is due for review.

Markdown with HTML, images or misordered headings is REFUSED with a message on the body field, as the
folder import refuses it: the editor sees exactly what readers will get, and nothing is silently dropped.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from content import revisions
from content.metadata import (
    MAX_SLUG_LENGTH,
    MAX_SOURCES,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    RESERVED_SLUGS,
    SLUG,
)
from content.models import STATUSES, LibraryItem
from content.rendering import checking_parser, plain_text, plain_text_of_html, render_article
from content.review import due_for_review, is_due_for_review, review_due  # noqa: F401  (the editors' API)
from content.services import KINDS, find_items, index
from content.topics import TOPICS_BY_SLUG
from core.database import utcnow
from core.exceptions import DomainError, InvalidInput
from core.extensions import db

LIMITS = {"title": 200, "summary": 300}
MAX_BODY_LENGTH = 100_000
MAX_REVIEW_AHEAD = timedelta(days=3 * 366)
ACTIONS = ("save", "publish", "unpublish")
URL = re.compile(r"https?://[^\s/$.?#][^\s]*\Z")


class ItemInvalid(DomainError):
    """Fields that cannot be saved; `problems` maps each field to its message. Nothing is stored."""

    code = "invalid"
    status = 400

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(field=next(iter(problems)))
        self.problems = problems


class EditConflict(DomainError):
    """The item was saved by someone else since the editor's base revision; nothing is stored."""

    code = "edit_conflict"
    status = 409

    def __init__(self, item: LibraryItem, base: dict, base_revision: int) -> None:
        super().__init__()
        self.current_revision = item.revision
        self.base_revision = base_revision
        self.diff = revisions.diff(base, revisions.snapshot(item))


def body_problems(source: str) -> list[str]:
    """What in a body readers would not see as written (the same rules as the folder import)."""
    problems: list[str] = []
    level = 1
    for token in checking_parser().parse(source):
        line = token.map[0] + 1 if token.map else 1
        if token.type == "heading_open":
            found = int(token.tag[1])
            if found == 1:
                problems.append(_("Line %(line)s: use ‘##’ for headings; the title is the only top heading.",
                                  line=line))
            elif found > 4:
                problems.append(_("Line %(line)s: use at most four levels of heading (‘####’).", line=line))
            elif found > level + 1:
                problems.append(_("Line %(line)s: a heading skips a level.", line=line))
            level = found
        elif token.type == "html_block":
            problems.append(_("Line %(line)s: HTML is not shown to readers; write Markdown.", line=line))
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "image":
                    problems.append(_("Line %(line)s: images are not supported in library text.", line=line))
                elif child.type == "html_inline":
                    problems.append(_("Line %(line)s: HTML is not shown to readers; write Markdown.",
                                      line=line))
    return list(dict.fromkeys(problems))


def preview(source: object) -> tuple[str, list[str]]:
    """The body as readers will see it (the public page's own renderer) and what would be refused."""
    text = source if isinstance(source, str) else ""
    text = text[:MAX_BODY_LENGTH]
    return render_article(text), body_problems(text)


def parse_date(value: object) -> date | None | str:
    """A date from 'YYYY-MM-DD'; None when empty; 'bad' when it is no such day."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return "bad"
    return "bad"


def one_line(value: object) -> str:
    """A single-line text field, trimmed; anything not a string is empty."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def clean_tags(value: object, problems: dict) -> list[str]:
    """Tags as a list or a comma-separated text."""
    if isinstance(value, str):
        value = value.split(",")
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        problems["tags"] = _("Write the tags as words separated by commas.")
        return []
    tags = list(dict.fromkeys(one_line(tag) for tag in value if one_line(tag)))
    if len(tags) > MAX_TAGS or any(len(tag) > MAX_TAG_LENGTH for tag in tags):
        problems["tags"] = _("At most %(count)s tags of at most %(limit)s characters each.",
                             count=MAX_TAGS, limit=MAX_TAG_LENGTH)
    return tags


def clean_sources(value: object, today: date, problems: dict) -> list[dict]:
    """Sources: a title, the exact web address and the day it was read; empty rows are dropped."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        problems["sources"] = _("Sources must be a list of title, address and date read.")
        return []
    sources = []
    for number, source in enumerate(value):
        if not isinstance(source, dict):
            problems[f"sources[{number}]"] = _("A source needs a title and an address.")
            continue
        title, url = one_line(source.get("title")), source.get("url")
        url = url.strip() if isinstance(url, str) else ""
        read = parse_date(source.get("read"))
        if not title and not url and read is None:
            continue
        field = f"sources[{number}]"
        if not title:
            problems[f"{field}.title"] = _("Give the source a title.")
        if not URL.match(url) or not urlsplit(url).hostname:
            problems[f"{field}.url"] = _("Give the exact web address, beginning with https://.")
        if read == "bad":
            problems[f"{field}.read"] = _("Write the date as YYYY-MM-DD, for example 2026-11-20.")
        elif read is not None and read > today:
            problems[f"{field}.read"] = _("The date read cannot be in the future.")
        entry = {"title": title[:300], "url": url[:2000]}
        if isinstance(read, date):
            entry["read"] = read.isoformat()
        sources.append(entry)
    if len(sources) > MAX_SOURCES:
        problems["sources"] = _("At most %(limit)s sources.", limit=MAX_SOURCES)
    return sources


def clean_fields(data: dict, today: date, places: dict[str, set[str]]) -> tuple[dict, dict[str, str]]:
    """The editable fields from a form or JSON body, as a snapshot, and every problem found by field.

    `places` holds the slugs that may be linked: {"forum": {...}, "chat": {...}}.
    """
    problems: dict[str, str] = {}
    fields: dict = {}
    for name, limit in LIMITS.items():
        value = one_line(data.get(name))
        if not value:
            problems[name] = _("This field is required.")
        elif len(value) > limit:
            problems[name] = _("At most %(limit)s characters.", limit=limit)
        fields[name] = value[:limit]
    topic = data.get("topic")
    if topic not in TOPICS_BY_SLUG:
        problems["topic"] = _("Choose a topic.")
    fields["topic"] = topic if topic in TOPICS_BY_SLUG else None
    fields["tags"] = clean_tags(data.get("tags"), problems)
    body = data.get("body")
    body = body.replace("\r\n", "\n").strip() if isinstance(body, str) else ""
    if len(body) > MAX_BODY_LENGTH:
        problems["body"] = _("The text is longer than %(limit)s characters.", limit=MAX_BODY_LENGTH)
    elif "\x00" in body:
        problems["body"] = _("The text holds a character that cannot be stored.")
    elif found := body_problems(body):
        problems["body"] = " ".join(found)
    fields["body"] = body
    fields["sources"] = clean_sources(data.get("sources"), today, problems)
    for name, kind, message in (
        ("forum_category", "forum", _("Choose a forum category from the list.")),
        ("chat_room", "chat", _("Choose a chat room from the list.")),
    ):
        value = data.get(name) or None
        if value is not None and value not in places.get(kind, set()):
            problems[name] = message
        fields[name] = value if isinstance(value, str) else None
    reviewed = parse_date(data.get("reviewed_on"))
    if reviewed is None:
        reviewed = today
    if reviewed == "bad":
        problems["reviewed_on"] = _("Write the date as YYYY-MM-DD, for example 2026-11-20.")
    elif reviewed > today:
        problems["reviewed_on"] = _("The facts cannot have been checked on a day still to come.")
    fields["reviewed_on"] = reviewed.isoformat() if isinstance(reviewed, date) else None
    review_by = parse_date(data.get("review_by"))
    if review_by == "bad":
        problems["review_by"] = _("Write the date as YYYY-MM-DD, for example 2027-11-20.")
    elif isinstance(review_by, date) and isinstance(reviewed, date):
        if review_by <= reviewed:
            problems["review_by"] = _("The next review must come after the day the facts were checked.")
        elif review_by > reviewed + MAX_REVIEW_AHEAD:
            problems["review_by"] = _("Check the facts again within three years.")
    fields["review_by"] = review_by.isoformat() if isinstance(review_by, date) else None
    return fields, problems


def clean_new_slug(value: object, problems: dict) -> str:
    """A new item's address: a–z, 0–9 and hyphens, not taken, not one of the library's own pages."""
    slug = value.strip() if isinstance(value, str) else ""
    if not slug:
        problems["slug"] = _("This field is required.")
    elif not SLUG.match(slug) or len(slug) > MAX_SLUG_LENGTH:
        problems["slug"] = _("Use a–z, 0–9 and hyphens (no å, ä, ö or spaces), at most %(limit)s characters.",
                             limit=MAX_SLUG_LENGTH)
    elif slug in RESERVED_SLUGS:
        problems["slug"] = _("That address is used by the library itself. Choose another.")
    elif db.session.scalar(select(LibraryItem.id).where(LibraryItem.slug == slug)) is not None:
        problems["slug"] = _("Another item already has that address. Choose another.")
    return slug


def publish_problems(item: LibraryItem, fields: dict) -> dict[str, str]:
    """What a published item must have: a text (articles), sources, and for films a video with Swedish
    captions (uploaded on the film's media page)."""
    problems = {}
    if item.kind == "article" and not fields["body"]:
        problems["body"] = _("A published article needs its text.")
    if not fields["sources"]:
        problems["sources"] = _("A published item needs at least one source.")
    if item.kind == "film":
        roles = {(media.role, media.language) for media in item.media if media.staged_at is None}
        if not any(role == "video" for role, _language in roles):
            problems["video"] = _("Upload the film's video on its media page before publishing.")
        if ("captions", "sv") not in roles:
            problems["captions"] = _("Upload Swedish captions on the film's media page before publishing: "
                                     "a film must be possible to follow without sound.")
    return problems


def apply(item: LibraryItem, fields: dict) -> None:
    """Write the checked fields to the item, render the body and keep the search entry in step."""
    item.title, item.summary, item.topic = fields["title"], fields["summary"], fields["topic"]
    item.tags, item.sources = fields["tags"], fields["sources"]
    item.body_markdown = fields["body"]
    item.body_html = render_article(fields["body"]) if fields["body"] else ""
    # A film's transcript may be written or made from its captions (content/uploads.py): either way it is
    # in transcript_html, and the search must keep finding what is said in the film.
    transcript = plain_text_of_html(item.transcript_html or "")
    item.search_text = f"{plain_text(fields['body'])}\n{transcript}".strip()
    topic = TOPICS_BY_SLUG[fields["topic"]]
    item.forum_category = fields["forum_category"] or topic.forum
    item.chat_room = fields["chat_room"] or topic.chat
    item.reviewed_on = date.fromisoformat(fields["reviewed_on"])
    item.review_by = date.fromisoformat(fields["review_by"]) if fields["review_by"] else None
    item.status = fields["status"]
    # The folder's fingerprint no longer describes the item, so the next import of that folder updates it.
    item.fingerprint = hashlib.sha256(f"edited:{item.id}:{item.revision}".encode()).hexdigest()
    item.updated_at = utcnow()


def create_item(editor, data: dict, places: dict, source: str = "browser") -> LibraryItem:
    """A new draft article or film from the editor's fields; revision 1."""
    today = utcnow().date()
    fields, problems = clean_fields(data, today, places)
    kind = data.get("kind") or "article"
    if kind not in KINDS:
        problems["kind"] = _("Choose article or film.")
    slug = clean_new_slug(data.get("slug"), problems)
    if problems:
        raise ItemInvalid(problems)
    item = LibraryItem(slug=slug, kind=kind, revision=0, fingerprint="", created_at=utcnow())
    db.session.add(item)
    fields["status"] = "draft"
    apply(item, fields)
    db.session.flush()
    index(item)
    revisions.record(item, None, editor.id, source)
    db.session.commit()
    return item


def check_base(item: LibraryItem, base_revision: object) -> int:
    """The editor's base revision, or EditConflict when someone saved since."""
    try:
        base = int(str(base_revision))
    except ValueError:
        message = _("The form is missing its revision. Reload the page.")
        raise ItemInvalid({"base_revision": message}) from None
    if base != item.revision:
        before = revisions.get_revision(item, base).snapshot if 0 < base < item.revision else {}
        raise EditConflict(item, before, base)
    return base


def commit_or_conflict(item: LibraryItem, base: int) -> None:
    """Commit; when another save of the same base committed first (both passed check_base), the revision
    number is taken and the database refuses ours: that is an edit conflict too, and nothing is stored."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        db.session.refresh(item)
        before = revisions.get_revision(item, base).snapshot if 0 < base < item.revision else {}
        raise EditConflict(item, before, base) from None


def save_item(editor, item: LibraryItem, data: dict, base_revision: object, action: str, places: dict,
              source: str = "browser") -> LibraryItem:
    """Save the editor's fields as a new revision; `publish` and `unpublish` change the status too.

    A published item stays published on save, so it must meet the publishing rules then as well.
    """
    base = check_base(item, base_revision)
    fields, problems = clean_fields(data, utcnow().date(), places)
    status = {"publish": "published", "unpublish": "unpublished"}.get(action, item.status)
    if status == "published" and not problems:
        problems.update(publish_problems(item, fields))
    if problems:
        raise ItemInvalid(problems)
    fields["status"] = status
    before = revisions.snapshot(item)
    apply(item, fields)
    index(item)
    revisions.record(item, before, editor.id, source)
    commit_or_conflict(item, base)
    return item


def set_status(editor, item: LibraryItem, base_revision: object, status: str, source: str) -> LibraryItem:
    """Publish or unpublish the item as it stands (the API's publish and unpublish)."""
    base = check_base(item, base_revision)
    fields = revisions.snapshot(item)
    if status == "published":
        problems = publish_problems(item, fields)
        if problems:
            raise ItemInvalid(problems)
    fields["status"] = status
    before = revisions.snapshot(item)
    apply(item, fields)
    revisions.record(item, before, editor.id, source)
    commit_or_conflict(item, base)
    return item


def restore(editor, item: LibraryItem, number: object, base_revision: object, source: str) -> LibraryItem:
    """Bring back an earlier revision's text and fields as a new revision (the status stays as it is)."""
    base = check_base(item, base_revision)
    old = revisions.get_revision(item, number)
    fields = revisions.snapshot(item)
    fields.update({name: old.snapshot.get(name) for name in revisions.RESTORED_FIELDS})
    if fields["status"] == "published":
        problems = publish_problems(item, fields)
        if problems:
            raise ItemInvalid(problems)
    before = revisions.snapshot(item)
    apply(item, fields)
    index(item)
    revisions.record(item, before, editor.id, "restore")
    commit_or_conflict(item, base)
    return item


def editor_items(query: str, status: str | None, topic: str | None, kind: str | None, today: date):
    """Every item for the editors' list, filtered; status 'due' means due for review."""
    if status and status not in (*STATUSES, "due"):
        raise InvalidInput("invalid_filter.status", field="status")
    items = find_items(query, topic, kind, status=None if status in (None, "", "due") else status)
    if status == "due":
        items = [item for item in items if is_due_for_review(item, today)]
    return items
