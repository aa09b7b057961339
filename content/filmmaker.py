"""Developer tool: build a library film folder from a short script, with espeak-ng's Swedish voice and ffmpeg.

    python -m content.filmmaker content/film_scripts/SLUG.yaml content/library

Each spoken line becomes one caption whose timing is the measured length of that line's speech, so the
captions match what is said by construction. Needs Debian's espeak-ng and ffmpeg (with libx264); the app and
its tests do not, since the films are committed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import textwrap
import wave
from pathlib import Path

import yaml

WIDTH, HEIGHT, FPS = 640, 360, 12
TITLE_SECONDS = 2.0
PAUSE_SECONDS = 0.5
VOICE, WORDS_PER_MINUTE = "sv", 145
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BACKGROUND, FOREGROUND = "0x1d4550", "white"
CAPTION_WIDTH = 42


def speak(text: str, target: Path) -> float:
    """Record one line with espeak-ng; its length in seconds."""
    subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(target), text], check=True
    )
    with wave.open(str(target)) as recording:
        return recording.getnframes() / recording.getframerate()


def ffmpeg(*arguments: str) -> None:
    """Run ffmpeg quietly, overwriting its output, failing loudly."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", *arguments], check=True)


def record_silence(target: Path, seconds: float) -> Path:
    """Silence in espeak-ng's rate and format, so the parts concatenate without resampling."""
    ffmpeg(
        "-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono", "-t", str(seconds), "-c:a", "pcm_s16le", str(target)
    )
    return target


def timestamp(seconds: float) -> str:
    """A WebVTT timestamp."""
    millis = round(seconds * 1000)
    hours, minutes, whole = millis // 3_600_000, millis // 60_000 % 60, millis // 1000 % 60
    return f"{hours:02d}:{minutes:02d}:{whole:02d}.{millis % 1000:03d}"


def cue_text(text: str) -> str:
    """At most two short caption rows, as captioning guidelines ask."""
    rows = textwrap.wrap(text, CAPTION_WIDTH)
    if len(rows) > 2:
        raise SystemExit(f"line too long for two caption rows: {text!r}")
    return "\n".join(rows)


def webvtt(cues: list[tuple[float, float, str]]) -> str:
    """A WebVTT file of the cues."""
    blocks = ["WEBVTT"]
    for number, (start, end, text) in enumerate(cues, start=1):
        blocks.append(f"{number}\n{timestamp(start)} --> {timestamp(end)}\n{cue_text(text)}")
    return "\n\n".join(blocks) + "\n"


def escape_filter_path(path: Path) -> str:
    """A path inside an ffmpeg filter argument."""
    return str(path).replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'")


def build(script_path: Path, library: Path) -> Path:
    """Write LIBRARY/SLUG/ with index.md, video.mp4, poster.jpg, captions and transcript.md."""
    script = yaml.safe_load(script_path.read_text(encoding="utf-8"))
    folder = library / script["slug"]
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        silence = record_silence(work / "silence.wav", PAUSE_SECONDS)
        title_silence = record_silence(work / "title.wav", TITLE_SECONDS)
        parts, cues_sv, cues_en, slides = [title_silence], [], [], []
        slides.append((0.0, TITLE_SECONDS, script["title_card"]))
        clock = TITLE_SECONDS
        for number, line in enumerate(script["lines"]):
            recording = work / f"line{number}.wav"
            length = speak(line["say"], recording)
            start, end = clock, clock + length
            cues_sv.append((start, end, line["say"]))
            if "en" in line:
                cues_en.append((start, end, line["en"]))
            slides.append((start, end + PAUSE_SECONDS, line["show"]))
            parts += [recording, silence]
            clock = end + PAUSE_SECONDS
        duration = clock
        concat_list = work / "parts.txt"
        concat_list.write_text("".join(f"file '{part}'\n" for part in parts))
        audio = work / "audio.wav"
        ffmpeg("-f", "concat", "-safe", "0", "-i", str(concat_list), "-c", "copy", str(audio))
        filters = []
        for number, (start, end, text) in enumerate(slides):
            text_file = work / f"slide{number}.txt"
            text_file.write_text(text, encoding="utf-8")
            size = 40 if number == 0 else 34
            filters.append(
                f"drawtext=fontfile={FONT}:textfile='{escape_filter_path(text_file)}':fontcolor={FOREGROUND}"
                f":fontsize={size}:line_spacing=12:x=(w-text_w)/2:y=(h-text_h)/2"
                f":enable='between(t,{start:.3f},{end:.3f})'"
            )
        ffmpeg(
            "-f",
            "lavfi",
            "-i",
            f"color=c={BACKGROUND}:s={WIDTH}x{HEIGHT}:r={FPS}:d={duration:.3f}",
            "-i",
            str(audio),
            "-vf",
            ",".join(filters),
            "-c:v",
            "libx264",
            "-preset",
            "veryslow",
            "-tune",
            "stillimage",
            "-crf",
            "30",
            "-pix_fmt",
            "yuv420p",
            "-profile:v",
            "main",
            "-c:a",
            "aac",
            "-b:a",
            "40k",
            "-ac",
            "1",
            "-ar",
            "22050",
            "-movflags",
            "+faststart",
            "-t",
            f"{duration:.3f}",
            str(folder / "video.mp4"),
        )
        ffmpeg(
            "-ss",
            "1",
            "-i",
            str(folder / "video.mp4"),
            "-frames:v",
            "1",
            "-q:v",
            "5",
            str(folder / "poster.jpg"),
        )
    (folder / "captions.sv.vtt").write_text(webvtt(cues_sv), encoding="utf-8")
    if cues_en:
        (folder / "captions.en.vtt").write_text(webvtt(cues_en), encoding="utf-8")
    paragraphs = [" ".join(line["say"] for line in group) for group in paragraph_groups(script["lines"])]
    (folder / "transcript.md").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    front = {key: script[key] for key in ("title", "summary", "topic", "tags", "reviewed", "sources")}
    (folder / "index.md").write_text(
        "---\n"
        + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        + "---\n\n"
        + script["description"].strip()
        + "\n",
        encoding="utf-8",
    )
    return folder


def paragraph_groups(lines: list[dict]) -> list[list[dict]]:
    """Lines grouped into the transcript's paragraphs (a line with `paragraph: true` starts a new one)."""
    groups: list[list[dict]] = []
    for line in lines:
        if not groups or line.get("paragraph"):
            groups.append([])
        groups[-1].append(line)
    return groups


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("script", type=Path)
    parser.add_argument("library", type=Path)
    arguments = parser.parse_args()
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed: apt-get install -y espeak-ng ffmpeg")
    print(build(arguments.script, arguments.library))


if __name__ == "__main__":
    main()
