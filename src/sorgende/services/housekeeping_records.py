"""What the housekeeping jobs store and record: their marks, leases and settings, the
events they notify people with, and those events' words.

A job's *mark* (``housekeeping.mark``) says "this was done": its key names the job and
what it was done for (``remind:<exchange>:<time>``). It is written in the same unit of
work as the event that the notification outbox turns into messages, so a second run, a
run after a crash, or a run in another worker finds the mark and sends nothing again; two
runs at the same instant both try to add the same key, and the storage lets only one
commit (the other's conflict re-runs it, and it then finds the mark).

A *lease* (``housekeeping.lease``) lets one process at a time run a job for a community:
taken and given back by compare-and-set, so it works on every storage; a holder that
died is replaced once its lease ran out.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import attrs

from sorgende.domain.events import DomainEvent
from sorgende.domain.notices import notifies
from sorgende.errors import Message, naming
from sorgende.i18n import register_messages
from sorgende.records import Erasure, RecordKind


@attrs.frozen
class Mark:
    """A job did something once for one subject (see the module's documentation)."""

    key: str
    community_id: uuid.UUID
    job: str
    done_at: datetime


@attrs.frozen
class Lease:
    """Who runs a job of a community until when."""

    key: str
    community_id: uuid.UUID
    holder: str
    until: datetime
    version: int = 1


@attrs.frozen
class HousekeepingSettings:
    """A community's choices for its housekeeping (one record, keyed by the community)."""

    community_id: uuid.UUID
    #: confirm a completed exchange nobody confirmed after this many days; ``None``: never
    auto_confirm_days: int | None = None
    version: int = 1


MARK: RecordKind[Mark] = RecordKind(
    name="housekeeping.mark",
    cls=Mark,
    key="key",
    indexes=("job", "done_at"),
    erasure=Erasure.KEEP,
    version=None,
    order="done_at",
)

LEASE: RecordKind[Lease] = RecordKind(
    name="housekeeping.lease", cls=Lease, key="key", erasure=Erasure.KEEP
)

SETTINGS: RecordKind[HousekeepingSettings] = RecordKind(
    name="housekeeping.settings", cls=HousekeepingSettings, key="community_id", erasure=Erasure.KEEP
)

KINDS: tuple[RecordKind[Any], ...] = (MARK, LEASE, SETTINGS)


def _zone(uow: Any) -> str:
    return str(uow.community.get().time_zone)


def _exchange_words(uow: Any, exchange_id: uuid.UUID, language: str) -> tuple[str, str]:
    exchange = uow.exchanges.find(exchange_id)
    if exchange is None:
        return "", ""
    category = uow.categories.find(exchange.category)
    what = naming.category(category if category is not None else exchange.category)
    when = naming.moment(exchange.scheduled, _zone(uow))
    return what.text(language), when.text(language)


def _reminder(uow: Any, event: Any, language: str) -> str:
    what, when = _exchange_words(uow, event.exchange_id, language)
    return Message("housekeeping.notice.reminder", what=what, when=when).text(language)


def _confirm(uow: Any, event: Any, language: str) -> str:
    what, when = _exchange_words(uow, event.exchange_id, language)
    return Message("housekeeping.notice.confirm", what=what, when=when).text(language)


def _qualification(uow: Any, event: Any, language: str) -> str:
    holder = uow.actors.find(event.holder_id)
    return Message(
        "housekeeping.notice.qualification",
        person=naming.person(holder if holder is not None else "—"),
        qualification=naming.qualification(event.qualification),
        until=naming.day(event.valid_until, _zone(uow)),
    ).text(language)


@notifies("helper_id", "recipient_id", summary=_reminder)
@attrs.frozen
class ExchangeReminder(DomainEvent):
    """Tomorrow's help: both sides are reminded the day before."""

    exchange_id: uuid.UUID
    helper_id: uuid.UUID
    recipient_id: uuid.UUID
    scheduled: datetime


@notifies("asked", summary=_confirm)
@attrs.frozen
class ConfirmationAsked(DomainEvent):
    """After the help: the helper is asked to report it done, the recipient to confirm."""

    exchange_id: uuid.UUID
    asked: frozenset[uuid.UUID]


@notifies("told", summary=_qualification)
@attrs.frozen
class QualificationExpiring(DomainEvent):
    """A helper's qualification ends within 30 days: the helper and the coordinators."""

    holder_id: uuid.UUID
    qualification: str
    valid_until: date
    told: frozenset[uuid.UUID]


@attrs.frozen
class OfferExpired(DomainEvent):
    """An offer whose (last) window passed was closed."""

    offer_id: uuid.UUID


@attrs.frozen
class AutoConfirmChanged(DomainEvent):
    """The community chose after how many days completed help confirms itself."""

    days: int | None


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    ExchangeReminder,
    ConfirmationAsked,
    QualificationExpiring,
    OfferExpired,
    AutoConfirmChanged,
)

register_messages(
    __name__,
    {
        "kind.housekeeping.mark": {"de": "Erledigt-Vermerk", "en": "done mark"},
        "kind.housekeeping.lease": {"de": "Arbeitsrecht", "en": "job lease"},
        "kind.housekeeping.settings": {
            "de": "Einstellungen der Hausarbeiten",
            "en": "housekeeping settings",
        },
        "housekeeping.notice.reminder": {
            "de": "Erinnerung: {what} ist morgen, {when}.",
            "en": "Reminder: {what} is tomorrow, {when}.",
        },
        "housekeeping.notice.confirm": {
            "de": "{what} am {when} ist vorbei: bitte bestätigen Sie, dass die Hilfe "
            "stattgefunden hat.",
            "en": "{what} on {when} is over: please confirm that the help took place.",
        },
        "housekeeping.notice.qualification": {
            "de": "{qualification} von {person} gilt nur noch bis {until}.",
            "en": "{qualification} of {person} is valid only until {until}.",
        },
        "housekeeping.field.auto_confirm_days": {
            "de": "Automatisch bestätigen nach Tagen",
            "en": "Confirm automatically after days",
        },
        "housekeeping.problem.auto_confirm_days": {
            "de": "eine ganze Zahl von 1 bis 90 oder leer (nie)",
            "en": "a whole number from 1 to 90, or empty (never)",
        },
        "housekeeping.cli.ran": {
            "de": "{community}: {expired} abgelaufen, {reminded} erinnert, {asked} um "
            "Bestätigung gebeten, {confirmed} automatisch bestätigt, {warned} "
            "Qualifikationswarnungen",
            "en": "{community}: {expired} expired, {reminded} reminded, {asked} asked to "
            "confirm, {confirmed} confirmed automatically, {warned} qualification warnings",
        },
        "housekeeping.cli.busy": {
            "de": "{community}: läuft gerade anderswo, übersprungen",
            "en": "{community}: running elsewhere just now, skipped",
        },
        "housekeeping.action.change_settings": {
            "de": "die Hausarbeiten einstellen",
            "en": "set the housekeeping",
        },
    },
)
