"""A plugin installed through the ``sorgende`` entry point group, for the test suite."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

import sorgende
from sorgende.domain.events import DomainEvent
from sorgende.records import RecordKind
from sorgende_testplugin.notes import NOTE, NoteWritten

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


@sorgende.hookimpl
def sorgende_record_kinds() -> list[RecordKind[object]]:
    return [NOTE]  # type: ignore[list-item]


@sorgende.hookimpl
def sorgende_event_types() -> list[type[DomainEvent]]:
    return [NoteWritten]


@sorgende.hookimpl
def sorgende_migrations() -> list[str]:
    return [str(Path(__file__).parent / "migrations")]
