"""The plugin's records: a crisis, the helpers who registered for it without an
account, its tasks and the dispatches of helpers to tasks. Frozen attrs classes,
stored through the record kinds of :mod:`sorgende_crisis.kinds`; the rules on them
are in :mod:`sorgende_crisis.rules`.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping
from datetime import datetime

import attrs

from sorgende.domain.personal import personal

#: the default retention of a spontaneous helper's intake data after the crisis ends
RETENTION_DAYS = 30
#: a helper's id is derived from the crisis and the phone number, so that a second
#: registration with the same number lands on the same record (and two racing ones
#: meet on its key): duplicates are merged by the storage, not by a search
HELPER_NAMESPACE = uuid.UUID("6d1c3f0e-6a4e-4a47-9a36-2f3c0e5b8c11")


def _new_id() -> uuid.UUID:
    return uuid.uuid4()


def helper_id(crisis_id: uuid.UUID, phone: str) -> uuid.UUID:
    """The key of the helper registered with the (normalised) ``phone`` for a crisis."""
    return uuid.uuid5(HELPER_NAMESPACE, f"{crisis_id}:{phone}")


@attrs.frozen
class Crisis:
    """A crisis opened by the municipality's crisis staff for places of the community."""

    community_id: uuid.UUID
    title: str
    place_ids: tuple[uuid.UUID, ...]
    opened_at: datetime
    opened_by: uuid.UUID | None = None
    closed_at: datetime | None = None
    #: days after the crisis ends until unconverted helpers' intake data is erased
    retention_days: int = RETENTION_DAYS
    #: the retention has run: the intake data is gone
    erased: bool = False
    active: bool = True
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


class HelperState(enum.StrEnum):
    REGISTERED = "registered"
    DISPATCHED = "dispatched"
    ON_SITE = "on_site"


@attrs.frozen
class Helper:
    """A spontaneous helper's registration (no account): personal, kept until the
    retention runs or the helper becomes a member."""

    community_id: uuid.UUID
    crisis_id: uuid.UUID
    name: str = personal(erased="")
    #: normalised: ``+49…``
    phone: str = personal(erased="")
    email: str = personal(default="", erased="")
    skills: tuple[str, ...] = personal(default=(), erased=())
    equipment: tuple[str, ...] = personal(default=(), erased=())
    #: where the helper comes from (a place of the community or a town in words)
    comes_from: str = personal(default="", erased="")
    #: the place of the community the helper prefers to help in (``None``: anywhere)
    place_id: uuid.UUID | None = None
    #: when the helper can help (local times as given, aware)
    available_from: datetime | None = None
    available_until: datetime | None = None
    adult: bool = True
    guardian_consent: bool = False
    consent_contact: bool = False
    consent_retention: bool = False
    #: ``de`` or ``en``: the language of the form the helper used
    language: str = "de"
    #: ``sms`` or ``email``: how the helper wants to be told
    channel: str = "sms"
    registered_at: datetime | None = None
    #: registrations merged into this one (the same phone number)
    registrations: int = 1
    state: HelperState = HelperState.REGISTERED
    #: the secret of the helper's own page (confirm, check-in): sent by their channel
    token: str = personal(default="", erased="")
    #: minutes given, from the check-outs
    minutes: int = 0
    #: the member the helper became (with consent), ``None`` while a spontaneous helper
    member_id: uuid.UUID | None = None
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class CrisisTask:
    """A task of a crisis: where, when, how many helpers with what, how urgent.

    Every dispatch to the task writes the task (its count and version), so that two
    batches racing for its last places meet on its compare-and-set and never give a
    place twice (the shift discipline of the projects plugin, see docs/crisis.md).
    """

    community_id: uuid.UUID
    crisis_id: uuid.UUID
    title: str
    place_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    capacity: int
    created_at: datetime
    skills: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    #: 1 urgent, 2 high, 3 normal
    priority: int = 3
    meeting_point: str = ""
    #: helpers dispatched and not declined
    dispatched: int = 0
    on_site: int = 0
    #: minutes given on the task (kept after the helpers' data is erased)
    minutes: int = 0
    #: a place is free (indexed: triage lists open tasks)
    open: bool = True
    #: reported by a resident through the public form: not open for ``dispatch_all``
    #: until the staff send a first group to it (their triage)
    reported: bool = False
    #: a reported need's address and who reported it, to call back (personal: erased
    #: with the helpers' intake data after the retention period)
    address: str = personal(default="", erased="")
    reporter_name: str = personal(default="", erased="")
    reporter_phone: str = personal(default="", erased="")
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.dispatched)


class DispatchState(enum.StrEnum):
    SENT = "sent"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"


@attrs.frozen
class Dispatch:
    """A helper sent to a task, and what followed: confirmation, check-in, check-out."""

    community_id: uuid.UUID
    crisis_id: uuid.UUID
    task_id: uuid.UUID
    helper_id: uuid.UUID
    dispatched_at: datetime
    state: DispatchState = DispatchState.SENT
    checked_in_at: datetime | None = None
    checked_out_at: datetime | None = None
    minutes: int = 0
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class Situation:
    """The crisis staff's situation picture of one crisis."""

    crisis: Crisis
    registered: int
    dispatched: int
    on_site: int
    #: minutes given, of all tasks (kept after the helpers' data is erased)
    minutes: int
    #: open places by (place id, priority)
    needs: Mapping[tuple[uuid.UUID, int], int]
    tasks: tuple[CrisisTask, ...]
