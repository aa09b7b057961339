"""The shipped library content, imported by `flask seed` from LIBRARY_DIRECTORY."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from content.services import import_library


def library_directory() -> Path:
    """The configured content folder, relative to the application's root unless absolute."""
    return Path(current_app.root_path) / current_app.config["LIBRARY_DIRECTORY"]


def seed() -> list[str]:
    """Import the shipped articles and films; report each one added, changed or removed."""
    return import_library(library_directory()).lines()
