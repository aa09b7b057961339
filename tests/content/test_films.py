"""The shipped films: short, small, with valid Swedish captions that match the transcript and end in time."""

from __future__ import annotations

import re

import pytest
import webvtt
from mutagen.mp4 import MP4

from content.filmfiles import seconds
from tests.content.conftest import SHIPPED_LIBRARY

FILMS = sorted(path for path in SHIPPED_LIBRARY.iterdir() if path.is_dir())
# Swedish captions are required for every film, English ones optional: check every caption file that exists.
CAPTIONS = [path for film in FILMS for path in sorted(film.glob("captions.*.vtt"))]
WITH_ENGLISH = [film for film in FILMS if (film / "captions.en.vtt").exists()]
WORDS = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return [word.casefold() for word in WORDS.findall(text)]


def test_at_least_two_films_are_shipped_each_with_swedish_captions():
    assert len(FILMS) >= 2
    assert all((film / "captions.sv.vtt") in CAPTIONS for film in FILMS)


@pytest.mark.parametrize("film", FILMS, ids=[film.name for film in FILMS])
def test_a_film_is_short_and_small(film):
    duration = MP4(str(film / "video.mp4")).info.length
    assert 10 <= duration <= 60
    assert (film / "video.mp4").stat().st_size < 1_000_000


@pytest.mark.parametrize("path", CAPTIONS, ids=[f"{path.parent.name}/{path.name}" for path in CAPTIONS])
def test_captions_are_valid_webvtt_ending_within_the_video(path):
    film = path.parent
    assert path.read_bytes().startswith(b"WEBVTT")
    cues = list(webvtt.read(str(path)))
    assert cues
    duration = MP4(str(film / "video.mp4")).info.length
    previous_end = 0.0
    for cue in cues:
        start, end = seconds(cue.start_time), seconds(cue.end_time)
        assert previous_end <= start < end
        assert len(cue.text.splitlines()) <= 2
        previous_end = end
    assert seconds(cues[-1].end_time) <= duration


@pytest.mark.parametrize("film", FILMS, ids=[film.name for film in FILMS])
def test_swedish_captions_say_exactly_what_the_transcript_says(film):
    captions = " ".join(cue.text for cue in webvtt.read(str(film / "captions.sv.vtt")))
    transcript = (film / "transcript.md").read_text(encoding="utf-8")
    assert words(captions) == words(transcript)


@pytest.mark.parametrize("film", WITH_ENGLISH, ids=[film.name for film in WITH_ENGLISH])
def test_english_captions_follow_the_swedish_timing(film):
    english = film / "captions.en.vtt"
    swedish_times = [(c.start_time, c.end_time) for c in webvtt.read(str(film / "captions.sv.vtt"))]
    english_times = [(c.start_time, c.end_time) for c in webvtt.read(str(english))]
    assert [tuple(map(str, pair)) for pair in english_times] == [
        tuple(map(str, pair)) for pair in swedish_times
    ]
