"""`flask content export DIR`: write the library out as the folder format that `flask content import` reads,
so the folder workflow (editing files, review in git) keeps working beside the browser: every item with its
status, review dates, sources and, for films, the media files."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from sqlalchemy import select

from content import chunks
from content.models import LibraryItem
from content.parsing import FILM_FILES
from content.rendering import plain_text_of_html
from content.topics import TOPICS_BY_SLUG
from core.extensions import db


def front_matter(item: LibraryItem) -> dict:
    """The item's fields as the importer's front matter (forum and chat only when not the topic's own)."""
    meta: dict = {
        "title": item.title,
        "summary": item.summary,
        "topic": item.topic,
        "tags": list(item.tags or []),
        "reviewed": item.reviewed_on,
    }
    if item.review_by:
        meta["review_by"] = item.review_by
    meta["status"] = item.status
    meta["sources"] = [dict(source) for source in item.sources or []]
    topic = TOPICS_BY_SLUG.get(item.topic)
    if item.forum_category and (topic is None or item.forum_category != topic.forum):
        meta["forum"] = item.forum_category
    if item.chat_room and (topic is None or item.chat_room != topic.chat):
        meta["chat"] = item.chat_room
    return meta


def page_text(item: LibraryItem) -> str:
    """Front matter and Markdown body, as one file."""
    meta = yaml.safe_dump(front_matter(item), allow_unicode=True, sort_keys=False, width=1000)
    body = (item.body_markdown or "").strip()
    return f"---\n{meta}---\n\n{body}\n" if body else f"---\n{meta}---\n"


# Backslash-escaped, so spoken words read as text in Markdown ("# 1" or "<3" is no heading or HTML).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!&|~])")
LINE_START_SPECIAL = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))", re.MULTILINE)


def markdown_text(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A list marker or a setext underline only counts at the start of a line.
    return LINE_START_SPECIAL.sub(lambda match: match[1] + escape_start(match[2]), escaped)


def escape_start(marker: str) -> str:
    r"""`-` → `\-`; `12` (of `12.`) → `12\`, so the dot or parenthesis after it is escaped instead."""
    return f"\\{marker}" if not marker.isdigit() else f"{marker}\\"


def transcript_of(item: LibraryItem) -> str:
    """The film's transcript as Markdown: the written one, else the one made from its captions."""
    if item.transcript_markdown:
        return item.transcript_markdown.strip()
    # A transcript made from the captions has no Markdown; the folder format wants one, in paragraphs.
    paragraphs = (plain_text_of_html(part) for part in (item.transcript_html or "").split("</p>"))
    return "\n\n".join(markdown_text(text) for text in paragraphs if text)


def clear_film_folder(folder: Path) -> None:
    """Remove the film files an earlier export left (an old poster.jpg beside a new poster.png would be
    refused by the import); any other file is the editor's, and stays."""
    for name in FILM_FILES:
        (folder / name).unlink(missing_ok=True)


def export_library(directory: Path) -> list[str]:
    """Write every item into `directory` (created if needed; an exported film's folder is cleared of film
    files first, other files are left alone). Returns the slugs written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for item in db.session.scalars(select(LibraryItem).order_by(LibraryItem.slug)):
        if item.kind == "article":
            (directory / f"{item.slug}.md").write_text(page_text(item), encoding="utf-8")
        else:
            folder = directory / item.slug
            folder.mkdir(exist_ok=True)
            clear_film_folder(folder)
            (folder / "index.md").write_text(page_text(item), encoding="utf-8")
            transcript = transcript_of(item)
            if transcript:
                (folder / "transcript.md").write_text(transcript + "\n", encoding="utf-8")
            for media in item.media:
                if media.staged_at is not None or media.role == "transcript":
                    continue  # an upload still arriving; the transcript is written above
                with (folder / media.name).open("wb") as out:
                    for piece in chunks.iter_bytes(db.engine, media.id):
                        out.write(piece)
        written.append(item.slug)
    return written
