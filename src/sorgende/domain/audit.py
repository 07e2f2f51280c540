"""The audit trail: the privileged acts of a community, read from its event log.

An event type is *audited* when it records a privileged act: an adjustment of the
ledger and its approval or rejection, a person's export or erasure, a role granted or
revoked, a membership set, a change of the settings, a deactivation, a solidarity mark.
Besides these, every event with ``acted_for`` set is in the trail: someone acted on
another person's behalf.

A plugin marks its own privileged event types the same way as the core marks its own,
with :func:`audited` (naming the fields that hold the persons acted on), and gives each
a text under ``audit.what.<TypeName>`` (see ``docs/audit.md``)::

    @audited("member_id")
    @attrs.frozen
    class ShiftLeaderChanged(sorgende.DomainEvent):
        member_id: uuid.UUID

An :class:`AuditEntry` says who acted, when, for whom and what, with a text for people
(names, the local time of the community; never an id).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Final, TypeVar

import attrs

from sorgende.domain import events as ev
from sorgende.domain.events import DomainEvent, LoggedEvent
from sorgende.i18n import DEFAULT_LANGUAGE, Message, Text, format_when, localise, translate

E = TypeVar("E", bound=type[DomainEvent])

#: the class attribute :func:`audited` sets
MARK: Final = "__sorgende_audited__"


@attrs.frozen
class AuditMark:
    """How an audited event type names the persons it acted on (``subjects``: fields
    holding a person's id, or a tuple or frozenset of ids)."""

    subjects: tuple[str, ...] = ()


def audited(*subjects: str) -> Callable[[E], E]:
    """Mark an event type as a privileged act: its events are in the audit trail.

    ``subjects`` name the fields that hold the persons (or accounts) acted on: they are
    the entry's "for whom". Subclasses of a marked type are audited too.
    """
    for name in subjects:
        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f"audited() takes the names of fields, not {name!r}")

    def mark(cls: E) -> E:
        fields = {f.name for f in attrs.fields(cls)}
        unknown = [name for name in subjects if name not in fields]
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(unknown)}")
        setattr(cls, MARK, AuditMark(tuple(subjects)))
        return cls

    return mark


def audit_mark(event_type: type[DomainEvent]) -> AuditMark | None:
    """The mark of ``event_type`` (or of a type it derives from), ``None`` if unmarked."""
    found = getattr(event_type, MARK, None)
    return found if isinstance(found, AuditMark) else None


def in_trail(entry: LoggedEvent) -> bool:
    """Whether the logged event is in the audit trail: audited, or done for someone."""
    return entry.acted_for is not None or audit_mark(type(entry.event)) is not None


def subjects(event: DomainEvent) -> tuple[uuid.UUID, ...]:
    """The persons (or accounts) an audited event acted on, by its mark."""
    mark = audit_mark(type(event))
    if mark is None:
        return ()
    found: list[uuid.UUID] = []
    for name in mark.subjects:
        value = getattr(event, name, None)
        values = value if isinstance(value, tuple | frozenset) else (value,)
        found.extend(v for v in values if isinstance(v, uuid.UUID) and v not in found)
    return tuple(found)


# the core's privileged acts
for _type, _subjects in (
    (ev.HoursAdjusted, ()),
    (ev.AdjustmentRequested, ("from_account", "to_account")),
    (ev.AdjustmentApproved, ()),
    (ev.AdjustmentRejected, ()),
    (ev.PersonExported, ("actor_id",)),
    (ev.PersonErased, ("actor_id",)),
    (ev.PersonDeactivated, ("actor_id",)),
    (ev.PersonReactivated, ("actor_id",)),
    (ev.RoleGranted, ("actor_id",)),
    (ev.RoleRevoked, ("actor_id",)),
    (ev.MembershipChanged, ("actor_id",)),
    (ev.SettingsChanged, ()),
    (ev.SolidarityMarked, ("actor_id",)),
):
    audited(*_subjects)(_type)


@attrs.frozen
class AuditEntry:
    """One privileged act: who, when, for whom, what.

    ``by`` is the acting person's id (``None``: the operator); ``acted_for`` the person
    they acted on behalf of, if any; ``subjects`` the persons or accounts acted on.
    ``who`` and ``what`` are their words for people (names, never ids) and ``local_at``
    the time in the community's time zone; :meth:`text` is the whole line.
    """

    seq: int
    at: datetime
    type: str
    by: uuid.UUID | None
    acted_for: uuid.UUID | None
    subjects: tuple[uuid.UUID, ...]
    #: the words (compared by the facts above, not by their words)
    who: Text = attrs.field(eq=False)
    what: Text = attrs.field(eq=False)
    local_at: datetime = attrs.field(eq=False)
    event: DomainEvent = attrs.field(repr=False)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """``Montag, 2. März 2026, 09:15 Uhr: Kira hat beantragt, ...``"""
        return translate(
            "audit.line",
            lang,
            when=format_when(self.local_at, lang),
            who=str(localise(self.who, lang)),
            what=str(localise(self.what, lang)),
        )

    def __str__(self) -> str:
        return self.text("en")


def who_text(by: Text, acted_for: Text | None) -> Text:
    """Who acted, for a line: ``Carla`` or ``Carla für Anna``."""
    if acted_for is None:
        return by
    return Message("audit.who_for", name=by, person=acted_for)
