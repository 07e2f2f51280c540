"""The housekeeping jobs' record kinds, events, migrations and ``sorgende housekeeping``
(the jobs themselves: :mod:`sorgende.services.housekeeping`).

A default plugin of its own, its tables are the core's migrations 0010 (and 0011: conversations).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from sorgende.domain.events import DomainEvent
from sorgende.hookspecs import hookimpl
from sorgende.records import RecordKind
from sorgende.services.housekeeping_records import EVENT_TYPES, KINDS


@hookimpl
def sorgende_record_kinds() -> Sequence[RecordKind[Any]]:
    return KINDS


@hookimpl
def sorgende_event_types() -> Sequence[type[DomainEvent]]:
    return EVENT_TYPES


@hookimpl
def sorgende_register_commands(cli: click.Group) -> None:
    from sorgende.default_plugins.housekeeping_command import housekeeping_command

    cli.add_command(housekeeping_command)
