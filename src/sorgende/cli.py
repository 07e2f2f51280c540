"""The ``sorgende`` command line. Plugins add subcommands via ``sorgende_register_commands``."""

from __future__ import annotations

import click


@click.group()
def cli() -> None:
    """sorgende: caring-community platforms."""


@click.command("plugins")
def plugins_command() -> None:
    """List loaded plugins and their hooks."""


@click.command("demo")
def demo_command() -> None:
    """Demo."""


def main() -> None:
    cli()
