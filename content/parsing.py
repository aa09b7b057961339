"""Reading the library folder: articles (`<slug>.md`) and films (`<slug>/` with video, captions, transcript
and poster), checked strictly so a malformed item is named with its file and problem. Pure: no Flask."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import frontmatter
import yaml

from content.filmfiles import check_captions, read_media, video_length
from content.metadata import MAX_SLUG_LENGTH, RESERVED_SLUGS, SLUG, STATUSES, read_front_matter
from content.rendering import markdown_problems
from content.sourcefiles import ItemProblems, LibraryFormatError, Problem, read_text

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


