"""Library fixtures: a writable copy of the shipped content folder, and apps with the library imported."""

from __future__ import annotations

import shutil
from pathlib import Path

import frontmatter
import pytest
from flask import Flask

from tests.conftest import LIBRARY_PRELOADED
from tests.support.apps import SHIPPED_LIBRARY

FILM = "vad-gor-en-anhorigkonsulent"
ARTICLE = "vad-ar-demens"


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    """A copy of the shipped library that a test may change."""
    target = tmp_path / "library"
    shutil.copytree(SHIPPED_LIBRARY, target)
    return target


def shipped_slugs_of_topic(topic: str) -> set[str]:
    """The slugs of the shipped articles and films on this topic, read from their front matter."""
    slugs = set()
    for path in SHIPPED_LIBRARY.iterdir():
        page = path / "index.md" if path.is_dir() else path
        if page.suffix == ".md" and frontmatter.load(page)["topic"] == topic:
            slugs.add(path.name if path.is_dir() else path.stem)
    return slugs


def run_import(app: Flask, directory: Path, *options: str):
    """`flask content import DIR` through the real CLI."""
    return app.test_cli_runner().invoke(args=["content", "import", *options, str(directory)])


@pytest.fixture
def library(request, app: Flask) -> Flask:
    """The app with the shipped library imported (and nothing else seeded): the database was copied from a
    template the same import made once (`library_sqlite`, or PostgreSQL's), unless the test is seeded too."""
    if not request.node.stash.get(LIBRARY_PRELOADED, False):
        result = run_import(app, SHIPPED_LIBRARY)
        assert result.exit_code == 0, result.output
    return app


def article_text(title: str, body: str, summary: str = "Kort.", tags: str = "") -> str:
    """A valid article file with this title and body (for tests that write their own folder)."""
    return f"""---
title: {title}
summary: {summary}
topic: egen-halsa
tags: [{tags}]
reviewed: 2026-01-01
sources:
  - title: "1177"
    url: https://www.1177.se/
---

{body}
"""
