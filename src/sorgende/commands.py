"""What a plugin's ``sorgende`` subcommand uses: the running command's state, refusals.

Public API. A command registered through ``sorgende_register_commands`` gets the
settings, the plugin manager and the language with :func:`state`, opens the platform
with :func:`open_platform`, and reports a refusal with :class:`Refused` (one line in
the chosen language, exit code :data:`EXIT_REFUSED`)::

    @click.command("hello")
    @click.pass_context
    def hello(ctx: click.Context) -> None:
        current = state(ctx)
        with open_platform(current, None) as platform:
            ...
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

import attrs
import click

from sorgende.config import Settings
from sorgende.plugins import PluginManager

if TYPE_CHECKING:
    from sorgende.services.platform import Platform

#: the help text of a command's ``--storage`` option
STORAGE_HELP = "Storage URL (default: the settings' storage)."
#: the exit code for refusals of sorgende (click uses it for usage errors too)
EXIT_REFUSED = 2


@attrs.frozen
class CliState:
    """What every subcommand finds in ``ctx.obj``: settings, plugins and the language."""

    settings: Settings
    plugins: PluginManager
    #: ``de`` or ``en``: from ``--lang``, else from the settings
    language: str
    #: plugin objects given in code (see :func:`make_cli`), for ``sorgende.open``
    extra_plugins: tuple[object, ...] = ()


class Refused(click.ClickException):
    """A :class:`SorgendeError` as the command line shows it: one line, exit code 2."""

    exit_code = EXIT_REFUSED

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, err=True)


def state(ctx: click.Context) -> CliState:
    """The :class:`CliState` of a running ``sorgende`` command (for plugin commands)."""
    obj = ctx.find_object(CliState)
    if obj is None:
        raise click.UsageError("not run as a subcommand of sorgende")
    return obj


def open_platform(current: CliState, storage: str | None = None) -> Platform:
    """The platform on ``storage`` (default: the settings'), with the command's plugins."""
    import sorgende

    return sorgende.open(
        storage or current.settings.storage,
        plugins=current.extra_plugins,
        settings=current.settings,
    )
