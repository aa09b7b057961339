"""Checking an uploaded film file by its bytes, never by its name. Pure: no Flask, no database.

MP4 must hold H.264 video (and AAC audio when it has sound) and a length, read with mutagen from a seekable
file; WebM is recognised by its EBML header and `webm` doctype (its length read from the Segment Info when
present); a poster must be JPEG or PNG by its magic bytes; captions must be WebVTT (webvtt-py) with every cue
ending after it starts, in order, and within the video. Each refusal is an Issue: an English message with
its values, translated where it is shown.
"""

from __future__ import annotations

import html
import io
import re
import struct
from dataclasses import dataclass, field

import webvtt
from mutagen import MutagenError
from mutagen.mp4 import MP4, Atoms

JPEG = b"\xff\xd8\xff"
PNG = b"\x89PNG\r\n\x1a\n"
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
H264 = (b"avc1", b"avc3")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Issue:
    """Why a file is refused: an English message (a gettext msgid) and the values it names."""

    message: str
    values: dict = field(default_factory=dict)


class MediaRefused(Exception):
    """The file cannot be used; nothing of it may be kept."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message % issue.values if issue.values else issue.message)
        self.issue = issue


def refuse(message: str, **values) -> MediaRefused:
    """Shorthand for the exception carrying one issue."""
    return MediaRefused(Issue(message, values))


def video_container(head: bytes) -> str:
    """`mp4` or `webm` from the first bytes, or MediaRefused (a renamed program, a document, …)."""
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(EBML_MAGIC):
        if ebml_doctype(head) == "webm":
            return "webm"
        raise refuse("The file is a Matroska file but not WebM. Export the film as MP4 (H.264 and AAC).")
    raise refuse("The file is not a video: upload an MP4 (H.264 video, AAC sound) or a WebM film.")


def read_vint(data: bytes, position: int, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at `position`: (value, next position)."""
    first = data[position]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or position + length > len(data):
        raise ValueError("bad EBML number")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[position + 1 : position + length]:
        value = (value << 8) | byte
    return value, position + length


def ebml_elements(data: bytes, start: int, end: int):
    """(id, payload start, payload end) of the elements between start and end; unknown sizes end the walk."""
    position = start
    while position < min(end, len(data)):
        element_id, position = read_vint(data, position, keep_marker=True)
        size, position = read_vint(data, position, keep_marker=False)
        payload_end = position + size
        yield element_id, position, payload_end
        position = payload_end


def ebml_doctype(head: bytes) -> str | None:
    """The DocType of the EBML header (`webm`, `matroska`), or None when it cannot be read."""
    try:
        for element_id, start, end in ebml_elements(head, 0, len(head)):
            if element_id != 0x1A45DFA3:
                return None
            for child, child_start, child_end in ebml_elements(head, start, end):
                if child == 0x4282:
                    return head[child_start:child_end].decode("ascii", "replace").rstrip("\0")
            return None
    except (ValueError, IndexError):
        return None
    return None


def webm_duration(head: bytes) -> float | None:
    """A WebM film's length in seconds from Segment → Info (Duration × TimecodeScale), when the first bytes
    hold it (they do for files written by ffmpeg and browsers that seek back to finish the header)."""
    try:
        elements = list(ebml_elements(head, 0, len(head)))
    except (ValueError, IndexError):
        return None
    for element_id, start, _end in elements:
        if element_id != 0x18538067:  # Segment: its size is often "unknown", so walk to the head's end
            continue
        try:
            for child, child_start, child_end in ebml_elements(head, start, len(head)):
                if child != 0x1549A966:  # Info
                    continue
                scale, duration = 1_000_000, None
                for field_id, field_start, field_end in ebml_elements(head, child_start, child_end):
                    payload = head[field_start:field_end]
                    if field_id == 0x2AD7B1:
                        scale = int.from_bytes(payload, "big")
                    elif field_id == 0x4489 and len(payload) in (4, 8):
                        duration = struct.unpack(">f" if len(payload) == 4 else ">d", payload)[0]
                return duration * scale / 1e9 if duration else None
        except (ValueError, IndexError):
            return None
    return None


def child(atom, name: bytes):
    """The first child atom of that name, or KeyError."""
    for found in atom.children or ():
        if found.name == name:
            return found
    raise KeyError(name)


def mp4_facts(fileobj: io.BufferedIOBase) -> float:
    """The length of an MP4 film in seconds, after checking it holds H.264 video and AAC sound (if any)."""
    try:
        info = MP4(fileobj).info
        fileobj.seek(0)
        atoms = Atoms(fileobj)
        tracks: dict[str, list] = {"vide": [], "soun": []}
        for trak in atoms.path(b"moov")[-1].findall(b"trak"):
            mdia = child(trak, b"mdia")
            ok, data = child(mdia, b"hdlr").read(fileobj)
            handler = data[8:12].decode("latin-1") if ok else ""
            stsd = child(child(child(mdia, b"minf"), b"stbl"), b"stsd")
            ok, data = stsd.read(fileobj)
            # stsd: version and flags, entry count, then the first entry's size and its format (avc1, mp4a)
            if handler in tracks:
                tracks[handler].append(data[12:16] if ok and len(data) >= 16 else None)
    except (MutagenError, KeyError, ValueError, IndexError, struct.error):
        raise refuse("The file is not a readable MP4 film: export it again as MP4 (H.264 and AAC).") from None
    if not tracks["vide"]:
        raise refuse("The MP4 file holds no video track.")
    if any(sample_format not in H264 for sample_format in tracks["vide"]):
        raise refuse("The video must be H.264 (AVC), which every phone plays; export it again as H.264.")
    if tracks["soun"] and not (info.codec or "").startswith("mp4a.40"):
        raise refuse("The sound must be AAC; export the film again with AAC sound.")
    if not info.length or info.length <= 0:
        raise refuse("The MP4 file has no playable length.")
    return float(info.length)


def image_type(head: bytes) -> str:
    """`jpeg` or `png` from the magic bytes (a renamed file is refused)."""
    if head.startswith(JPEG):
        return "jpeg"
    if head.startswith(PNG):
        return "png"
    raise refuse("The poster must be a JPEG or PNG image; this file is not one.")


def seconds(timestamp) -> float:
    """A WebVTT timestamp in seconds."""
    return timestamp.hours * 3600 + timestamp.minutes * 60 + timestamp.seconds + timestamp.milliseconds / 1000


def clock(value: float) -> str:
    """Seconds as the caption file writes them: 00:01:02.500."""
    millis = round(value * 1000)
    return (
        f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"
    )


@dataclass(frozen=True)
class Cue:
    """One caption: its times and its plain text."""

    start: float
    end: float
    text: str


def parse_captions(data: bytes) -> list[Cue]:
    """The cues of a WebVTT file, or MediaRefused naming the first problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse("The captions are not UTF-8 text: save the file as UTF-8 WebVTT.") from None
    if "\x00" in text:
        raise refuse("The captions contain a NUL character.")
    try:
        captions = webvtt.from_string(text, strict=True)
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError):
        raise refuse(
            "The file is not valid WebVTT: it must begin with WEBVTT, and each caption needs a time line "
            "such as 00:00:01.000 --> 00:00:04.000."
        ) from None
    cues = [
        Cue(seconds(cue.start_time), seconds(cue.end_time), html.unescape(TAG.sub("", cue.text)).strip())
        for cue in captions
    ]
    if not cues:
        raise refuse("The captions file holds no captions.")
    return cues


def check_cues(cues: list[Cue], duration: float | None) -> None:
    """Every cue ends after it starts, starts no earlier than the one before it, has text, and ends within
    the video (when its length is known)."""
    previous = 0.0
    for number, cue in enumerate(cues, start=1):
        if cue.end <= cue.start:
            raise refuse(
                "Caption %(number)s ends (%(end)s) before it starts (%(start)s).",
                number=number,
                start=clock(cue.start),
                end=clock(cue.end),
            )
        if cue.start < previous:
            raise refuse("Caption %(number)s starts before the caption above it.", number=number)
        if not cue.text:
            raise refuse("Caption %(number)s has no text.", number=number)
        previous = cue.start
    if duration is not None and cues[-1].end > duration + 0.05:
        raise refuse(
            "The last caption ends at %(end)s, after the end of the video (%(length)s).",
            end=clock(cues[-1].end),
            length=clock(duration),
        )


def transcript_paragraphs(cues: list[Cue], pause: float = 1.5) -> list[str]:
    """The spoken text of the captions as paragraphs: a pause of `pause` seconds starts a new one."""
    paragraphs: list[list[str]] = []
    last_end = None
    for cue in cues:
        line = " ".join(cue.text.split())
        if last_end is None or cue.start - last_end >= pause:
            paragraphs.append([])
        paragraphs[-1].append(line)
        last_end = cue.end
    return [" ".join(lines) for lines in paragraphs]
