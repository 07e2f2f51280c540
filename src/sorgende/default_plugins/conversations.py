"""The exchanges' conversations: their record kinds, events and migrations (the use
cases: :mod:`sorgende.services.conversations`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sorgende.domain.events import DomainEvent
from sorgende.hookspecs import hookimpl
from sorgende.records import RecordKind
from sorgende.services.conversation_records import EVENT_TYPES, KINDS


@hookimpl
def sorgende_record_kinds() -> Sequence[RecordKind[Any]]:
    return KINDS


@hookimpl
def sorgende_event_types() -> Sequence[type[DomainEvent]]:
    return EVENT_TYPES
