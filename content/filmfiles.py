"""A film folder's media files: read within their size, videos checked (MP4 by its header, WebM by its
bytes) with their length, and captions checked as WebVTT that ends within the video."""

from __future__ import annotations

import io
from pathlib import Path

import webvtt
from mutagen import MutagenError
from mutagen.mp4 import MP4

from content import mediacheck
from content.sourcefiles import Problem

MAX_MEDIA_BYTES = 20_000_000


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
