"""`flask maintenance backup PATH`: a consistent online copy of the SQLite database.

SQLite's backup API copies a live database page by page while the server keeps running (WAL readers and
writers are not blocked). PostgreSQL has its own tool: see README (`pg_dump`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from flask.cli import AppGroup

from core.extensions import db
from core.retention import purge_expired

maintenance_cli = AppGroup("maintenance", help="Backups and other upkeep.")


def backup_sqlite(destination: Path) -> int:
    """Copy the app's SQLite database to `destination`; returns the number of pages copied."""
    if db.engine.dialect.name != "sqlite":
        raise click.ClickException("backup copies SQLite databases; on PostgreSQL use pg_dump (see README)")
    destination = destination.resolve()
    if destination.exists():
        raise click.ClickException(f"{destination} exists already; choose a new file")
    destination.parent.mkdir(parents=True, exist_ok=True)
    raw = db.engine.raw_connection()
    try:
        source = raw.driver_connection
        with sqlite3.connect(destination) as target:
            source.backup(target)
            pages = target.execute("PRAGMA page_count").fetchone()[0]
            if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise click.ClickException("the copy failed its integrity check")
        return pages
    finally:
        raw.close()


@maintenance_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write a consistent copy of the running SQLite database to PATH."""
    pages = backup_sqlite(path)
    click.echo(f"Backed up {pages} pages to {path}.")


@maintenance_cli.command("purge")
def purge_command() -> None:
    """Delete everything past its retention period now (servers also do it hourly)."""
    removed = purge_expired()
    click.echo(
        ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in removed.items()) + " deleted."
    )
