"""`flask chat purge`: delete chat messages past the retention period (the server also does it hourly)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from chat import services

chat_cli = AppGroup("chat", help="Chat maintenance.")


@chat_cli.command("purge")
def purge_command() -> None:
    """Delete messages older than CHAT_RETENTION_DAYS."""
    removed = services.purge_expired(current_app.config["CHAT_RETENTION_DAYS"])
    click.echo(f"Purged {removed} chat messages older than {current_app.config['CHAT_RETENTION_DAYS']} days.")
