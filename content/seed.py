"""The shipped library content, imported by `flask seed` from LIBRARY_DIRECTORY."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from content.parsing import LibraryFormatError
from content.services import import_library


def library_directory() -> Path:
    """The configured content folder, relative to the application's root unless absolute."""
    return Path(current_app.root_path) / current_app.config["LIBRARY_DIRECTORY"]


def seed() -> list[str]:
    """Import the shipped articles and films; report each one added, changed or removed."""
    try:
        return import_library(library_directory()).lines()
    except LibraryFormatError as error:
        problems = "\n".join(f"  {problem}" for problem in error.problems)
        raise click.ClickException(f"The library was not imported. Fix these problems:\n{problems}") from None
