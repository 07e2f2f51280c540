"""The platform's record kinds, and what follows from them for every kind alike.

:func:`collect_registry` asks the plugins for their kinds (``sorgende_record_kinds``)
and their SQL migrations (``sorgende_migrations``). The functions below are the only
place that walks the kinds: the community's export and import
(:mod:`sorgende.services.transfer`) and a person's export and erasure
(:mod:`sorgende.services.personal_data`) call them, so a plugin's new kind needs no
change in any of those.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import cattrs

from sorgende.plugins import Hooks, PluginManager
from sorgende.ports import UnitOfWork
from sorgende.records import RecordKind, Registry


def collect_registry(pm: PluginManager) -> Registry:
    """The record kinds and migrations of every registered plugin."""
    hooks = Hooks(pm)
    # hooks answer last registered first: the registry keeps the order of registration,
    # the core's kinds first
    return Registry.of(reversed(hooks.record_kinds()), reversed(hooks.migrations()))


def scan_records(uow: UnitOfWork, registry: Registry) -> Iterator[tuple[RecordKind[Any], Any]]:
    """Every record of the unit of work's community, kind by kind in import order."""
    for kind in registry:
        for record in kind.accessor().scan(uow):
            yield kind, record


def person_records(
    uow: UnitOfWork, registry: Registry, person: uuid.UUID, conv: cattrs.Converter
) -> dict[str, list[Any]]:
    """Every record that is the person's or mentions them, by kind name (an export).

    Kinds that hold nothing about the person are left out, and so are the fields a
    kind declares ``confidential`` (a password hash).
    """
    found: dict[str, list[Any]] = {}
    for kind in registry:
        records = kind.accessor().about(uow, person)
        if records:
            data = [conv.unstructure(r) for r in records]
            for item in data:
                for name in kind.confidential:
                    item.pop(name, None)
            found[kind.name] = data
    return found


def erase_records(uow: UnitOfWork, registry: Registry, person: uuid.UUID) -> dict[str, int]:
    """Erase what every kind holds about the person, as its declaration says.

    Returns how many records of each kind changed (kinds with none are left out).
    """
    changed: dict[str, int] = {}
    for kind in registry:
        count = kind.accessor().erase(uow, person)
        if count:
            changed[kind.name] = count
    return changed
