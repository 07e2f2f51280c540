"""``sorgende calendar``: the address of a person's calendar feed, and the feed itself."""

from __future__ import annotations

import uuid
from typing import IO

import click

from sorgende.hookspecs import hookimpl

_STORAGE_HELP = "Storage URL (default: the settings' storage)."


@hookimpl
def sorgende_register_commands(cli: click.Group) -> None:
    cli.add_command(calendar_command)


@click.group("calendar")
def calendar_command() -> None:
    """Calendar feeds (iCalendar) of people's exchanges and self-commitments."""


@calendar_command.command("url")
@click.option("--community", "name", required=True, help="The community's name.")
@click.option("--person", type=click.UUID, required=True, help="The person's id.")
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.pass_context
def url_command(ctx: click.Context, name: str, person: uuid.UUID, storage: str | None) -> None:
    """Print the secret address of a person's feed (needs [plugins.calendar] secret)."""
    import sorgende
    from sorgende.calendar import calendar_settings, feed_url
    from sorgende.commands import state
    from sorgende.i18n import translate

    current = state(ctx)
    with sorgende.open(
        storage or current.settings.storage,
        plugins=current.extra_plugins,
        settings=current.settings,
    ) as platform:
        community = platform.find_community(name)
        actor = community.actor(person)
        if calendar_settings(platform.settings).url is None:
            click.echo(translate("cli.calendar.no_url", current.language), err=True)
        click.echo(feed_url(platform.settings, community.community_id, actor.id))


@calendar_command.command("feed")
@click.argument("token")
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.option("--out", type=click.File("wb"), default="-", help="File to write (default: stdout).")
@click.pass_context
def feed_command(ctx: click.Context, token: str, storage: str | None, out: IO[bytes]) -> None:
    """Write the feed of a token (as `calendar url` prints it) as an .ics file."""
    import sorgende
    from sorgende.calendar import calendar_response
    from sorgende.commands import state

    current = state(ctx)
    with sorgende.open(
        storage or current.settings.storage,
        plugins=current.extra_plugins,
        settings=current.settings,
    ) as platform:
        out.write(calendar_response(platform, token, language=current.language))
