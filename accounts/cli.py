"""`flask users ...`: account administration from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from accounts import services
from accounts.models import ROLES
from core.exceptions import DomainError

users_cli = AppGroup("users", help="Manage member accounts.")


@users_cli.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(ROLES))
def set_role_command(username: str, role: str) -> None:
    """Give USERNAME (the private login name) the role member, moderator, editor or admin."""
    try:
        user = services.set_role(username, role)
    except DomainError as error:
        raise click.ClickException(f"no member with the login name {username!r}") from error
    click.echo(f"{user.pseudonym.name} is now {role}.")
