"""Reading the library folder's files: a problem found in one (with its path), the errors that carry them,
and a text file read safely (size, UTF-8, no NUL, composed characters)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_TEXT_BYTES = 200_000


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
