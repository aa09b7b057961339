"""`flask seed`: load every feature's defaults, idempotently."""

from __future__ import annotations

import importlib

import click
from flask.cli import with_appcontext

# Each feature that has defaults exposes `seed() -> list[str]`, reporting what it created.
SEEDERS: tuple[str, ...] = ("forum.seed", "chat.seed", "content.seed")


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load default categories, chat rooms and library content; running it twice changes nothing."""
    reports: list[str] = []
    for module_name in SEEDERS:
        reports.extend(importlib.import_module(module_name).seed())
    for line in reports:
        click.echo(line)
    click.echo(f"Seeding done ({len(reports)} changes).")
