"""The built-in ``sorgende`` subcommands, added through the same hook plugins use."""

from __future__ import annotations

import click

from sorgende.hookspecs import hookimpl


@hookimpl
def sorgende_register_commands(cli: click.Group) -> None:
    from sorgende.cli import (
        demo_command,
        export_command,
        import_command,
        plugins_command,
    )
    from sorgende.default_plugins.audit_command import audit_command
    from sorgende.default_plugins.events_command import events_command
    from sorgende.default_plugins.notify_command import notify_command
    from sorgende.default_plugins.sql.commands import db_command

    for command in (
        plugins_command,
        demo_command,
        export_command,
        import_command,
        db_command,
        notify_command,
        events_command,
        audit_command,
    ):
        cli.add_command(command)
