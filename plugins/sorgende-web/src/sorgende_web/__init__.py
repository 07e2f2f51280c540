"""sorgende-web: the web platform a municipality runs (pages, REST API, ``sorgende serve``).

Loaded through the ``sorgende`` entry point group, it adds the ``serve`` command and
the web hooks (:mod:`sorgende_web.hookspecs`) that plugins implement to extend it.
In code, :func:`create_app` builds the Litestar application for a platform; accounts
are made with :func:`sorgende_web.accounts.create_account`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sorgende.hookspecs import hookimpl
from sorgende_web import account_texts as _account_texts  # noqa: F401
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts,
from sorgende_web import texts as _texts  # noqa: F401  as every plugin does on load)

if TYPE_CHECKING:
    import click
    import pluggy
    from litestar import Litestar

    from sorgende.records import RecordKind
    from sorgende_web.settings import WebSettings

__version__ = "0.1.0"


def create_app(platform: Any, settings: WebSettings | None = None) -> Litestar:
    """The Litestar application of the web platform for ``platform`` (see :mod:`.app`)."""
    from sorgende_web.app import create_app as make

    return make(platform, settings)


@hookimpl
def sorgende_addhooks(pluginmanager: pluggy.PluginManager) -> None:
    # the web hooks belong to the web front end, which calls them
    from sorgende_web import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


@hookimpl
def sorgende_record_kinds() -> Sequence[RecordKind[object]]:
    # accounts, sessions, tokens and addresses: known whenever the plugin is installed,
    # so export and erasure reach them without the web application (see .records);
    # links, sign-ins, consents, initial passwords, erasure requests (.account_records)
    from sorgende_web.account_records import KINDS as ACCOUNT_KINDS
    from sorgende_web.records import KINDS

    return (*KINDS, *ACCOUNT_KINDS)


@hookimpl
def sorgende_migrations() -> list[str]:
    return [str(Path(__file__).parent / "migrations")]


@hookimpl
def sorgende_register_commands(cli: click.Group) -> None:
    # imported here: the command line starts without loading the web framework
    from sorgende_web.cli import serve_command, web_command

    cli.add_command(serve_command)
    cli.add_command(web_command)


__all__ = [
    "create_app",
    "sorgende_addhooks",
    "sorgende_migrations",
    "sorgende_record_kinds",
    "sorgende_register_commands",
]
