"""`flask content import DIR`: make the library match a folder of articles and films."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from content import services
from content.parsing import LibraryFormatError

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
    click.echo(
        f"{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged{' (dry run: nothing was written)' if dry_run else ''}."
    )
