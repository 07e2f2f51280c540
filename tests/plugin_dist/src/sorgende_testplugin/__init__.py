"""A plugin installed through the ``sorgende`` entry point group, for the test suite."""

from __future__ import annotations

from collections.abc import Sequence

import click

import sorgende
from sorgende.domain.events import DomainEvent

#: every event this plugin observed, in order
RECORDED: list[DomainEvent] = []


@sorgende.hookimpl
def sorgende_categories() -> list[sorgende.Category]:
    return [sorgende.Category("dog_walking", {"de": "Gassi gehen", "en": "Dog walking"})]


@sorgende.hookimpl
def sorgende_events_committed(events: Sequence[DomainEvent]) -> None:
    RECORDED.extend(events)


@sorgende.hookimpl
def sorgende_register_commands(cli: click.Group) -> None:
    @cli.command("testplugin-hello")
    def hello() -> None:
        """Say hello from the test plugin."""
        click.echo("hello from testplugin")
