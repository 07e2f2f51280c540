"""``sorgende db``: the SQL storage's schema version and its upgrades; ``db check``.

The SQL storage's own commands, registered by :mod:`sorgende.default_plugins.commands`
(so the command line itself knows no storage).
"""

from __future__ import annotations

from typing import Any

import click

from sorgende.commands import STORAGE_HELP, CliState, state
from sorgende.default_plugins.check_command import db_check_command
from sorgende.i18n import translate


@click.group("db")
def db_command() -> None:
    """The storage: the SQL schema's version and upgrades, a check of stored records."""


db_command.add_command(db_check_command)


def _sql_engine(current: CliState, storage: str | None) -> Any:
    url = storage or current.settings.storage
    if not url.startswith(("sqlite", "postgresql")):
        raise click.UsageError(translate("cli.db.not_sql", current.language, url=url))
    from sorgende.default_plugins.sql.storage import make_engine

    return make_engine(url)


def _migrations(current: CliState) -> list[str]:
    """The migration directories of the installed plugins that own record kinds."""
    from sorgende.plugins import Hooks

    # hooks answer last registered first: upgrade in the order plugins were registered
    return [path for _, paths in reversed(Hooks(current.plugins).migrations()) for path in paths]


@db_command.command("current")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def db_current_command(ctx: click.Context, storage: str | None) -> None:
    """Show the database's schema version and the code's."""
    from sorgende.default_plugins.sql import schema

    current = state(ctx)
    engine = _sql_engine(current, storage)
    try:
        stored, latest = schema.current(engine), schema.head(engine, _migrations(current))
    finally:
        engine.dispose()
    click.echo(translate("cli.db.current", current.language, stored=stored or "-", latest=latest))


@db_command.command("upgrade")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def db_upgrade_command(ctx: click.Context, storage: str | None) -> None:
    """Upgrade the database's schema to the code's version (back it up first)."""
    from sorgende.default_plugins.sql import schema

    current = state(ctx)
    engine = _sql_engine(current, storage)
    try:
        locations = _migrations(current)
        schema.upgrade(engine, locations=locations)
        latest = schema.head(engine, locations)
    finally:
        engine.dispose()
    click.echo(translate("cli.db.upgraded", current.language, latest=latest))


@db_command.command("remove")
@click.argument("branch")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.option("--yes", is_flag=True, help="Confirm: the plugin's records are deleted.")
@click.pass_context
def db_remove_command(ctx: click.Context, branch: str, storage: str | None, yes: bool) -> None:
    """Drop a plugin's tables (its migration branch BRANCH) before uninstalling it.

    Run it while the plugin is still installed; export the communities first to keep its
    records. Afterwards the database opens without the plugin.
    """
    from sorgende.default_plugins.sql import schema

    current = state(ctx)
    if not yes:
        raise click.UsageError(translate("cli.db.remove_confirm", current.language, branch=branch))
    engine = _sql_engine(current, storage)
    try:
        schema.remove_branch(engine, branch, _migrations(current))
        stored = schema.current(engine)
    finally:
        engine.dispose()
    click.echo(translate("cli.db.removed", current.language, branch=branch, stored=stored or "-"))
