"""`flask content import DIR` and `flask content export DIR`: the library as a folder of items."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from content import services
from content.export import export_library
from content.sourcefiles import LibraryFormatError

content_cli = AppGroup("content", help="The information library.")


@content_cli.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the folder and report what would change; write nothing.")
def import_command(directory: Path, dry_run: bool) -> None:
    """Add, update and remove library items so the library matches DIRECTORY, in one transaction."""
    try:
        report = services.import_library(directory, dry_run=dry_run)
    except LibraryFormatError as error:
        problems = "\n".join(f"  {problem}" for problem in error.problems)
        raise click.ClickException(
            f"Nothing was imported; the library is unchanged. Fix these problems and run the import again:\n"
            f"{problems}"
        ) from None
    for line in report.lines():
        click.echo(line)
    kept = f", {len(report.kept)} kept" if report.kept else ""
    click.echo(
        f"{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed{kept}, "
        f"{report.unchanged} unchanged{' (dry run: nothing was written)' if dry_run else ''}."
    )


@content_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def export_command(directory: Path) -> None:
    """Write every item (drafts too, with status, review dates, sources and media) to DIRECTORY, in the
    format `flask content import` reads."""
    written = export_library(directory)
    click.echo(f"{len(written)} items written to {directory}.")
