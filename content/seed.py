"""The shipped library content and search synonyms, added by `flask seed` (which `make run` runs every time).

The rule: the seed only ADDS what the library lacks. An item whose slug the library has already is left alone,
whoever wrote it, and nothing is removed, so an editor's work in the browser never changes or disappears on a
restart. To bring a changed shipped item into a live library, run `flask content import content/library`
(each change is kept as a revision). Synonym groups: see content.synonyms.seed_from_file.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from content.services import import_library
from content.sourcefiles import LibraryFormatError
from content.synonyms import seed_from_file

SYNONYMS_FILE = Path(__file__).with_name("synonyms.tsv")


def library_directory() -> Path:
    """The configured content folder, relative to the application's root unless absolute."""
    return Path(current_app.root_path) / current_app.config["LIBRARY_DIRECTORY"]


def seed() -> list[str]:
    """Add the shipped articles and films the library lacks, and missing synonym groups; report each."""
    try:
        lines = import_library(library_directory(), only_missing=True).lines()
    except LibraryFormatError as error:
        problems = "\n".join(f"  {problem}" for problem in error.problems)
        raise click.ClickException(f"The library was not imported. Fix these problems:\n{problems}") from None
    return lines + seed_from_file(SYNONYMS_FILE)
