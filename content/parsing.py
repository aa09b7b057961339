"""Reading the library folder: articles (`<slug>.md`) and films (`<slug>/` with video, captions, transcript
and poster), checked strictly so a malformed item is named with its file and problem. Pure: no Flask."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import frontmatter
import webvtt
import yaml
from mutagen import MutagenError
from mutagen.mp4 import MP4

from content import mediacheck
from content.rendering import markdown_problems
from content.topics import TOPICS, TOPICS_BY_SLUG

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# Addresses the library's own pages use; an item may not take them (the browser editor and the folder import
# both refuse them, so it lives here where both can import it).
RESERVED_SLUGS = frozenset({"edit", "editor", "new", "files", "synonyms", "preview"})
MAX_SLUG_LENGTH = 80
MAX_PLACE_SLUG_LENGTH = 60  # forum category and chat room slugs
MAX_TEXT_BYTES = 200_000
MAX_MEDIA_BYTES = 20_000_000
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
# A published film also needs exactly one of VIDEOS; a poster is optional, as in the browser.
FILM_REQUIRED = ("index.md", "captions.sv.vtt", "transcript.md")
FILM_OPTIONAL = ("captions.en.vtt",)
VIDEOS = {"video.mp4": "video/mp4", "video.webm": "video/webm"}
POSTERS = {"poster.jpg": "image/jpeg", "poster.png": "image/png"}
# Every name a film folder may hold (what `flask content export` clears before writing a film).
FILM_FILES = (*FILM_REQUIRED, *FILM_OPTIONAL, *VIDEOS, *POSTERS)
IMAGE_SIGNATURES = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}


@dataclass
class MediaFile:
    """A film's file as it will be served."""

    name: str
    role: str
    mime: str
    data: bytes
    language: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ItemSource:
    """One item as read from the folder, valid and ready to store."""

    slug: str
    kind: str
    title: str
    summary: str
    topic: str
    tags: list[str]
    sources: list[dict]
    reviewed_on: date
    body: str
    forum: str
    chat: str
    fingerprint: str
    transcript: str | None = None
    duration_seconds: float | None = None
    status: str = "published"
    review_by: date | None = None
    media: list[MediaFile] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """What is wrong, and in which file."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class LibraryFormatError(Exception):
    """The folder holds malformed items; nothing may be imported until every problem is fixed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


class ItemProblems(Exception):
    """Problems of one item, collected while reading it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems))
        self.problems = problems


def read_library(directory: Path, today: date) -> list[ItemSource]:
    """Every item in the folder, or LibraryFormatError listing every problem found."""
    if not directory.is_dir():
        raise LibraryFormatError([Problem(directory, "not a folder")])
    items: list[ItemSource] = []
    problems: list[Problem] = []
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_file() and entry.suffix == ".md":
                items.append(read_article(entry, today))
            elif entry.is_dir():
                items.append(read_film(entry, today))
            else:
                problems.append(
                    Problem(entry, "unexpected file: an article is a <slug>.md file and a film is a folder")
                )
        except ItemProblems as error:
            problems.extend(error.problems)
    slugs = [item.slug for item in items]
    for slug in sorted({slug for slug in slugs if slugs.count(slug) > 1}):
        problems.append(Problem(directory / slug, "both an article and a film have this slug"))
    if not items and not problems:
        # An empty or mistyped folder would otherwise remove the whole library.
        problems.append(Problem(directory, "holds no articles or films"))
    if problems:
        raise LibraryFormatError(problems)
    return items


def check_slug(path: Path, slug: str) -> list[Problem]:
    """Slugs become addresses: lower-case a–z, digits and single hyphens, not one of the library's pages."""
    if slug in RESERVED_SLUGS:
        reserved = ", ".join(sorted(RESERVED_SLUGS))
        return [
            Problem(path, f"the name '{slug}' is used by the library's pages ({reserved}); choose another")
        ]
    if SLUG.match(slug) and len(slug) <= MAX_SLUG_LENGTH:
        return []
    return [
        Problem(
            path,
            f"the name '{slug}' cannot be an address: use a–z, 0–9 and hyphens (no å, ä, ö or spaces), "
            f"at most {MAX_SLUG_LENGTH} characters",
        )
    ]


def read_text(path: Path) -> str:
    """A UTF-8 text file of reasonable size."""
    data = path.read_bytes()
    if len(data) > MAX_TEXT_BYTES:
        raise ItemProblems([Problem(path, f"is larger than {MAX_TEXT_BYTES // 1000} kB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ItemProblems([Problem(path, f"is not UTF-8 text (byte {error.start})")]) from None
    if "\x00" in text:
        raise ItemProblems([Problem(path, "contains a NUL character")])
    # Composed characters, so "ö" is one character whichever way the editor saved it.
    return unicodedata.normalize("NFC", text)


def fingerprint(files: list[Path]) -> str:
    """A hash of every file's name and bytes: equal fingerprints mean nothing changed."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_article(path: Path, today: date) -> ItemSource:
    """An article: front matter and a Markdown body."""
    problems = check_slug(path, path.stem)
    meta, body, meta_problems = read_front_matter(path, today, kind="article")
    problems += meta_problems
    if problems:
        raise ItemProblems(problems)
    return ItemSource(slug=path.stem, kind="article", body=body, fingerprint=fingerprint([path]), **meta)


def read_film(folder: Path, today: date) -> ItemSource:
    """A film folder: index.md, a video (video.mp4 or video.webm), Swedish captions, transcript.md and
    optionally English captions and a poster."""
    problems = check_slug(folder, folder.name)
    names = {path.name for path in folder.iterdir() if not path.name.startswith(".")}
    # A draft film (exported from the browser before its media were uploaded) needs only its index.md.
    complete = "index.md" not in names or declared_status(folder / "index.md") == "published"
    for name in FILM_REQUIRED if complete else ("index.md",):
        if name not in names:
            problems.append(Problem(folder / name, missing_file_message(name)))
    videos = [name for name in VIDEOS if name in names]
    if len(videos) > 1:
        problems.append(Problem(folder, "a film has one video: keep either video.mp4 or video.webm"))
    elif complete and not videos:
        problems.append(Problem(folder / "video.mp4", missing_file_message("video.mp4")))
    posters = [name for name in POSTERS if name in names]
    if len(posters) > 1:
        problems.append(Problem(folder, "a film has at most one poster image: poster.jpg or poster.png"))
    for name in sorted(names - set(FILM_FILES)):
        problems.append(
            Problem(
                folder / name,
                "unexpected file in a film folder (captions are captions.sv.vtt and captions.en.vtt)",
            )
        )
    if problems:
        raise ItemProblems(problems)

    meta, body, meta_problems = read_front_matter(folder / "index.md", today, kind="film")
    problems += meta_problems
    transcript = ""
    try:
        if "transcript.md" in names:
            transcript = read_text(folder / "transcript.md").strip()
        if not transcript and complete:
            problems.append(Problem(folder / "transcript.md", "is empty"))
        problems += [
            Problem(folder / "transcript.md", message)
            for message in markdown_problems(transcript, headings=False)
        ]
    except ItemProblems as error:
        problems += error.problems

    media: list[MediaFile] = []
    duration = None
    video_name = videos[0] if videos else ""
    video = read_media(folder / video_name, problems) if video_name else None
    if video is not None:
        checked, duration = video_length(folder / video_name, video, problems)
        if checked:
            media.append(MediaFile(video_name, "video", VIDEOS[video_name], video))
    poster_name = posters[0] if posters else ""
    poster = read_media(folder / poster_name, problems) if poster_name else None
    if poster is not None:
        mime = POSTERS[poster_name]
        if not poster.startswith(IMAGE_SIGNATURES[mime]):
            problems.append(Problem(folder / poster_name, f"is not a {mime.split('/')[1].upper()} image"))
        media.append(MediaFile(poster_name, "poster", mime, poster))
    for name in ("captions.sv.vtt", "captions.en.vtt"):
        if name in names:
            captions = read_media(folder / name, problems)
            if captions is not None and check_captions(folder / name, captions, duration, problems):
                media.append(MediaFile(name, "captions", "text/vtt", captions, language=name.split(".")[1]))
    if problems:
        raise ItemProblems(problems)
    return ItemSource(
        slug=folder.name,
        kind="film",
        body=body,
        transcript=transcript,
        duration_seconds=duration,
        media=media,
        fingerprint=fingerprint([path for path in folder.iterdir() if not path.name.startswith(".")]),
        **meta,
    )


def declared_status(path: Path) -> str:
    """The status an index.md declares (published when it says none or cannot be read: the strict case)."""
    try:
        meta = frontmatter.loads(path.read_text(encoding="utf-8-sig")).metadata
    except (ValueError, UnicodeDecodeError, yaml.YAMLError):
        return "published"
    status = meta.get("status", "published") if isinstance(meta, dict) else "published"
    return status if status in STATUSES else "published"


def missing_file_message(name: str) -> str:
    """Why a film's file is needed."""
    if name == "captions.sv.vtt":
        return (
            "is missing: every film needs Swedish captions (WebVTT) so that it can be followed without sound"
        )
    if name == "video.mp4":
        return "is missing: a published film needs its video, as video.mp4 (H.264 and AAC) or video.webm"
    return (
        "is missing: a published film's folder needs index.md, video.mp4 or video.webm, captions.sv.vtt "
        "and transcript.md (a poster and English captions are optional)"
    )


def read_media(path: Path, problems: list[Problem]) -> bytes | None:
    """A media file's bytes, unless it is empty or too large."""
    data = path.read_bytes()
    if not data:
        problems.append(Problem(path, "is empty"))
        return None
    if len(data) > MAX_MEDIA_BYTES:
        problems.append(Problem(path, f"is larger than {MAX_MEDIA_BYTES // 1_000_000} MB"))
        return None
    return data


def video_length(path: Path, data: bytes, problems: list[Problem]) -> tuple[bool, float | None]:
    """Whether the video is usable, and its length in seconds: MP4 by its header; WebM checked by its bytes
    as a browser upload is (content/mediacheck.py), its length read from its Segment Info when present."""
    if path.name == "video.mp4":
        duration = mp4_duration(path, data, problems)
        return duration is not None, duration
    try:
        if mediacheck.video_container(data) != "webm":
            raise mediacheck.refuse("it is an MP4 file: name it video.mp4")
    except mediacheck.MediaRefused as refused:
        problems.append(Problem(path, f"is not a WebM video: {refused}"))
        return False, None
    return True, mediacheck.webm_duration(data)


def mp4_duration(path: Path, data: bytes, problems: list[Problem]) -> float | None:
    """The video's length in seconds, read from its MP4 header."""
    try:
        length = MP4(io.BytesIO(data)).info.length
    except (MutagenError, ValueError) as error:
        problems.append(Problem(path, f"is not a readable MP4 video ({error})"))
        return None
    if not length or length <= 0:
        problems.append(Problem(path, "has no playable length"))
        return None
    return float(length)


def seconds(timestamp) -> float:
    """A WebVTT timestamp in seconds, with its milliseconds."""
    return timestamp.hours * 3600 + timestamp.minutes * 60 + timestamp.seconds + timestamp.milliseconds / 1000


def check_captions(path: Path, data: bytes, duration: float | None, problems: list[Problem]) -> bool:
    """Captions must be valid WebVTT, in order, and end within the video."""
    before = len(problems)
    try:
        captions = webvtt.from_string(data.decode("utf-8-sig"), strict=True)
    except UnicodeDecodeError:
        problems.append(Problem(path, "is not UTF-8 text"))
        return False
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError) as error:
        problems.append(Problem(path, f"is not valid WebVTT: {error}"))
        return False
    cues = list(captions)
    if not cues:
        problems.append(Problem(path, "holds no captions"))
    previous_start = 0.0
    for number, cue in enumerate(cues, start=1):
        start, end = seconds(cue.start_time), seconds(cue.end_time)
        if end <= start:
            problems.append(Problem(path, f"caption {number} ends before it starts"))
        if start < previous_start:
            problems.append(Problem(path, f"caption {number} starts before the one above it"))
        if not cue.text.strip():
            problems.append(Problem(path, f"caption {number} has no text"))
        previous_start = start
    if cues and duration is not None and seconds(cues[-1].end_time) > duration:
        problems.append(
            Problem(
                path,
                f"the last caption ends at {seconds(cues[-1].end_time):.3f} s, after the video's end "
                f"({duration:.3f} s)",
            )
        )
    return len(problems) == before


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
