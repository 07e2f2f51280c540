"""The audit trail: the community's privileged acts, read from its event log.

What is in it is decided by the event types (:mod:`sorgende.domain.audit`): those
marked :func:`~sorgende.domain.audit.audited` (the core's privileged acts and a
plugin's), and every event done on someone's behalf (``acted_for``). Nothing is kept
besides the log: the trail is read from it, newest first, a page at a time, and put
into words with the community's records (names; the reasons of adjustments; local
times in the community's time zone). An erased person's events stay in the log under
a pseudonym: the trail names them "(erased person)".

Readable by the community's administrators, its data protection officer and the
operator (:data:`~sorgende.domain.policy.Action.READ_AUDIT`).
"""

from __future__ import annotations

import re
import uuid
import zoneinfo
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any

import attrs

from sorgende.domain import event_texts as _event_texts  # noqa: F401  (the types' texts)
from sorgende.domain import events as ev
from sorgende.domain.audit import AuditEntry, in_trail, subjects, who_text
from sorgende.domain.community import Community
from sorgende.domain.events import LoggedEvent
from sorgende.domain.ledger import Adjustment
from sorgende.domain.policy import Action, Principal
from sorgende.domain.values import require_aware
from sorgende.errors import InvalidValue, Message
from sorgende.i18n import DEFAULT_LANGUAGE, Join, Localised, Text, format_hours, is_registered
from sorgende.ports import EventLogRepository, UnitOfWork
from sorgende.records import ADJUSTMENTS
from sorgende.services import audit_texts as _texts  # noqa: F401  (registers the texts)
from sorgende.services.base import UseCases, require

#: how many logged events one read of the log takes, going back from the newest
PAGE = 500
#: the most entries one call returns
MOST = 10_000


class AuditUseCases(UseCases):
    def audit_trail(
        self,
        *,
        by: uuid.UUID | Principal,
        since: datetime | None = None,
        limit: int = 100,
    ) -> list[AuditEntry]:
        """The latest ``limit`` privileged acts (at or after ``since``), oldest first.

        Each :class:`~sorgende.domain.audit.AuditEntry` says who acted, when, for whom
        and what; ``entry.text("de")`` is its line for people. The community's
        administrators, its data protection officer and the operator may read it;
        anyone else is refused (:class:`~sorgende.errors.PermissionDenied`).
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MOST:
            raise InvalidValue("limit", Message("problem.audit.limit", most=MOST))
        if since is not None:
            require_aware(since, "since")
        with self._read() as uow:
            require(uow, by, Action.READ_AUDIT)
            logged = latest(uow.event_log, since, limit)
            return _Words(uow).entries(logged)


def latest(log: EventLogRepository, since: datetime | None, limit: int) -> list[LoggedEvent]:
    """The last ``limit`` logged events of the trail (at or after ``since``), oldest first.

    Read backwards from the head in pages (sequence numbers have no gaps). The posting
    an approval made is left out: the approval's entry says it (the log keeps the
    posting's event just before the approval's).
    """
    picked: list[LoggedEvent] = []
    covered: set[uuid.UUID] = set()
    upper = log.head()
    while upper > 0 and len(picked) < limit:
        lower = max(upper - PAGE, 0)
        page = [e for e in log.read(lower, upper - lower) if e.seq <= upper]
        for entry in reversed(page):
            if since is not None and entry.at < since:
                continue
            if not in_trail(entry):
                continue
            event = entry.event
            if isinstance(event, ev.AdjustmentApproved):
                covered.add(event.posting_id)
            elif isinstance(event, ev.HoursAdjusted) and event.posting_id in covered:
                continue
            picked.append(entry)
            if len(picked) == limit:
                break
        # the log is in the order of time: a page wholly before ``since`` ends the search
        if since is not None and page and max(e.at for e in page) < since:
            break
        upper = lower
    picked.reverse()
    return picked


class _Hours(Localised):
    """Minutes as hours in the reader's language (``3,0 Std.`` / ``3.0 h``)."""

    __slots__ = ("minutes",)

    def __init__(self, minutes: int) -> None:
        self.minutes = minutes

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return format_hours(self.minutes, lang)


def _zone(name: str) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("Europe/Berlin")


def _humanised(type_name: str) -> str:
    """``ShiftCancelled`` -> ``shift cancelled`` (a type without a text)."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", type_name).lower()


class _Words:
    """The trail's entries put into words from one unit of work's records."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.community: Community = uow.community.get()
        self.zone = _zone(self.community.time_zone)
        self.known: dict[uuid.UUID, Text | None] = {}
        self.adjustments: dict[uuid.UUID, Adjustment] = {}
        self.by_posting: dict[uuid.UUID, Adjustment] = {}

    def entries(self, logged: Sequence[LoggedEvent]) -> list[AuditEntry]:
        self._load_adjustments(logged)
        return [self.entry(e) for e in logged]

    def _load_adjustments(self, logged: Sequence[LoggedEvent]) -> None:
        repo = self.uow.of(ADJUSTMENTS)
        ids = {
            e.event.adjustment_id
            for e in logged
            if isinstance(
                e.event, ev.AdjustmentRequested | ev.AdjustmentApproved | ev.AdjustmentRejected
            )
        }
        postings = {e.event.posting_id for e in logged if isinstance(e.event, ev.HoursAdjusted)}
        if ids:
            self.adjustments.update(repo.find_many(ids))
        if postings:
            for found in repo.list(where={"posting_id": postings}):
                if found.posting_id is not None:
                    self.by_posting[found.posting_id] = found

    def entry(self, logged: LoggedEvent) -> AuditEntry:
        by: Text = (
            self.person(logged.actor)
            if logged.actor is not None
            else Message("policy.principal.operator")
        )
        acted_for = None if logged.acted_for is None else self.person(logged.acted_for)
        return AuditEntry(
            seq=logged.seq,
            at=logged.at,
            type=logged.type,
            by=logged.actor,
            acted_for=logged.acted_for,
            subjects=subjects(logged.event),
            who=who_text(by, acted_for),
            what=self.what(logged),
            local_at=logged.at.astimezone(self.zone),
            event=logged.event,
        )

    # -- names -------------------------------------------------------------------------

    def name(self, key: uuid.UUID) -> Text | None:
        """A person's, an organisation's or an account's name; ``None`` if no record has
        this id (an erased person's pseudonym, or a record of another kind)."""
        if key in self.known:
            return self.known[key]
        if key == self.community.solidarity_account:
            found: Text | None = Message("audit.solidarity_account")
        elif key == self.community.id:
            found = self.community.name
        else:
            actor = self.uow.actors.find(key)
            if actor is None:
                found = None
            elif actor.erased:
                found = Message("audit.erased_person")
            else:
                found = actor.name
        self.known[key] = found
        return found

    def person(self, key: uuid.UUID) -> Text:
        found = self.name(key)
        return found if found is not None else Message("audit.erased_person")

    # -- what was done -----------------------------------------------------------------

    def what(self, logged: LoggedEvent) -> Text:
        event = logged.event
        describe = _DESCRIBE.get(type(event))
        if describe is not None:
            return describe(self, event)
        key = f"audit.what.{logged.type}"
        if is_registered(key):
            return Message(key, **self.fields(event))
        return Message("audit.what.acted", action=self.type_text(logged.type))

    def type_text(self, type_name: str) -> Text:
        key = f"events.type.{type_name}"
        return Message(key) if is_registered(key) else _humanised(type_name)

    def fields(self, event: ev.DomainEvent) -> dict[str, object]:
        """A plugin's event's fields for its text: ids as names (never an id)."""
        values: dict[str, object] = {}
        for field in attrs.fields(type(event)):
            value = getattr(event, field.name)
            if isinstance(value, uuid.UUID):
                values[field.name] = self.name(value) or Message("audit.record")
            elif isinstance(value, tuple | frozenset) and all(
                isinstance(v, uuid.UUID) for v in value
            ):
                values[field.name] = Join(
                    [self.name(v) or Message("audit.record") for v in value], ", "
                )
            elif isinstance(value, datetime):
                values[field.name] = value.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
            else:
                values[field.name] = str(value)
        return values

    def _adjustment(
        self, key: str, adjustment: Adjustment | None, reason: str | None = None
    ) -> Text:
        if adjustment is None:
            return Message("audit.what.HoursAdjusted.unknown")
        text = adjustment.reason if reason is None else reason
        asker = (
            self.person(adjustment.asked_by)
            if adjustment.asked_by is not None
            else Message("policy.principal.operator")
        )
        return Message(
            key,
            hours=_Hours(adjustment.minutes),
            source=self.person(adjustment.from_account),
            target=self.person(adjustment.to_account),
            asker=asker,
            reason=Message("audit.reason", reason=text) if text else Message("audit.no_reason"),
        )

    def hours_adjusted(self, event: Any) -> Text:
        return self._adjustment("audit.what.HoursAdjusted", self.by_posting.get(event.posting_id))

    def requested(self, event: Any) -> Text:
        found = self.adjustments.get(event.adjustment_id)
        if found is None:  # the record is gone: the event's own facts
            found = Adjustment(
                self.community.id,
                event.from_account,
                event.to_account,
                event.minutes,
                event.at,
                event.by,
                reason="",
            )
        return self._adjustment("audit.what.AdjustmentRequested", found)

    def decided(self, event: Any) -> Text:
        found = self.adjustments.get(event.adjustment_id)
        key = f"audit.what.{type(event).__name__}"
        if found is None:
            return Message("audit.what.acted", action=self.type_text(type(event).__name__))
        return self._adjustment(key, found, found.decision_reason)

    def on_person(self, event: Any) -> Text:
        return Message(f"audit.what.{type(event).__name__}", person=self.person(event.actor_id))

    def role(self, event: Any) -> Text:
        return Message(
            f"audit.what.{type(event).__name__}",
            person=self.person(event.actor_id),
            role=Message(f"policy.role.{event.role}"),
        )

    def membership(self, event: Any) -> Text:
        person, organisation = self.person(event.actor_id), self.person(event.organisation_id)
        if not event.role:
            return Message(
                "audit.what.MembershipChanged.ended", person=person, organisation=organisation
            )
        key = f"audit.org_role.{event.role}"
        role: Text = Message(key) if is_registered(key) else event.role
        return Message(
            "audit.what.MembershipChanged", person=person, organisation=organisation, role=role
        )

    def settings(self, event: Any) -> Text:
        changes = []
        for name, value in zip(event.settings, event.values, strict=False):
            key = f"audit.setting.{name}"
            label: Text = Message(key) if is_registered(key) else name.replace("_", " ")
            changes.append(Message("audit.setting", name=label, value=value))
        return Message("audit.what.SettingsChanged", changes=Join(changes, "; "))

    def solidarity(self, event: Any) -> Text:
        key = "audit.what.SolidarityMarked" + ("" if event.receives else ".ended")
        return Message(key, person=self.person(event.actor_id))


_DESCRIBE: dict[type[ev.DomainEvent], Callable[[_Words, Any], Text]] = {
    ev.HoursAdjusted: _Words.hours_adjusted,
    ev.AdjustmentRequested: _Words.requested,
    ev.AdjustmentApproved: _Words.decided,
    ev.AdjustmentRejected: _Words.decided,
    ev.PersonExported: _Words.on_person,
    ev.PersonErased: _Words.on_person,
    ev.PersonDeactivated: _Words.on_person,
    ev.PersonReactivated: _Words.on_person,
    ev.RoleGranted: _Words.role,
    ev.RoleRevoked: _Words.role,
    ev.MembershipChanged: _Words.membership,
    ev.SettingsChanged: _Words.settings,
    ev.SolidarityMarked: _Words.solidarity,
}
