"""Housekeeping: the jobs that keep a community's records in step with time.

``sorgende housekeeping run`` (cron, a systemd timer) and ``sorgende serve`` (on a
schedule) run them; each reads the time from the platform's clock (``sorgende.open(
clock=...)``), so tests move it on instead of waiting.

* **expire**: requests whose window passed expire (or are fulfilled, see
  :meth:`~sorgende.services.help.HelpUseCases.expire_requests`); offers whose (last)
  window passed are closed;
* **remind**: the day before an accepted exchange (the community's local tomorrow) its
  helper and recipient are reminded;
* **ask**: once an exchange's time is over, the helper is asked to report it done and
  the recipient, once it is completed, to confirm it;
* **auto-confirm**: a completed exchange nobody confirmed for ``auto_confirm_days``
  (a community's choice, default: never) is confirmed by the system;
* **qualifications**: 30 days before a helper's qualification ends, the helper and the
  community's coordinators are told.

Each job is idempotent: what it did is marked (:mod:`.housekeeping_records`) in the unit
of work that records the event the notifications follow, so running it again sends
nothing twice. A community's jobs run under a lease, so of several workers (``serve
--workers``, several machines on PostgreSQL) one runs them at a time.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, ClassVar, TypeVar
from zoneinfo import ZoneInfo

import attrs

from sorgende.domain import events as ev
from sorgende.domain.exchanges import ExchangeState, Party
from sorgende.domain.help import HelpOffer, OfferStatus
from sorgende.domain.policy import Action, Principal
from sorgende.errors import ConflictError, InvalidValue, Message
from sorgende.services.base import Work, is_coordinator, require
from sorgende.services.exchanges import ExchangeUseCases
from sorgende.services.help import HelpUseCases
from sorgende.services.housekeeping_records import (
    LEASE,
    MARK,
    SETTINGS,
    AutoConfirmChanged,
    ConfirmationAsked,
    ExchangeReminder,
    HousekeepingSettings,
    Lease,
    Mark,
    OfferExpired,
    QualificationExpiring,
)

if TYPE_CHECKING:
    from sorgende.services.platform import Platform

T = TypeVar("T")

logger = logging.getLogger("sorgende.housekeeping")

#: how long before a qualification ends its holder and the coordinators are told
WARN_BEFORE = timedelta(days=30)
#: how long a lease holds when its holder does not give it back (it died)
LEASE_TIME = timedelta(minutes=10)
#: the most days ``auto_confirm_days`` may be
MAX_AUTO_CONFIRM_DAYS = 90
#: who the history names for what the system did (no person did it)
SYSTEM_ACTOR = uuid.UUID(int=0)


@attrs.frozen
class Report:
    """What one run did in one community (``ran`` is false when another held the lease)."""

    community: str
    ran: bool = True
    expired: int = 0
    reminded: int = 0
    asked: int = 0
    confirmed: int = 0
    warned: int = 0


def holder_name() -> str:
    """This process, as a lease names it."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Housekeeping:
    """The housekeeping of every community of a platform (or of one)."""

    #: the most days :meth:`set_auto_confirm` takes (for a form's bound)
    max_auto_confirm_days: ClassVar[int] = MAX_AUTO_CONFIRM_DAYS

    def __init__(self, platform: Platform, *, holder: str | None = None) -> None:
        self.platform = platform
        self.holder = holder or holder_name()

    # -- the community's choice ----------------------------------------------------

    def settings(self, community_id: uuid.UUID) -> HousekeepingSettings:
        with self.platform.read(community_id) as uow:
            found = uow.of(SETTINGS).find(community_id)
        return found if found is not None else HousekeepingSettings(community_id)

    def set_auto_confirm(
        self, community_id: uuid.UUID, days: int | None, *, by: uuid.UUID | Principal
    ) -> HousekeepingSettings:
        """Confirm completed exchanges nobody confirmed after ``days`` (``None``: never);
        who changes the community's settings may (``Action.CHANGE_SETTINGS``)."""
        if days is not None and (
            isinstance(days, bool)
            or not isinstance(days, int)
            or not 1 <= days <= MAX_AUTO_CONFIRM_DAYS
        ):
            raise InvalidValue(
                "auto_confirm_days", Message("housekeeping.problem.auto_confirm_days")
            )

        def change() -> HousekeepingSettings:
            with self.platform.use_case(community_id) as w:
                who = require(w.uow, by, Action.CHANGE_SETTINGS)
                repo = w.uow.of(SETTINGS)
                found = repo.find(community_id)
                if found is None:
                    result = HousekeepingSettings(community_id, days)
                    repo.add(result)
                else:
                    result = SETTINGS.bumped(found, auto_confirm_days=days)
                    repo.update(result)
                w.events.append(AutoConfirmChanged(community_id, w.now, who.id, days))
            return result

        return self.platform.retrying(change)()

    # -- running -------------------------------------------------------------------

    def run(self, community_id: uuid.UUID | None = None) -> list[Report]:
        """Run every job in each community (or in one); what each did."""
        if community_id is not None:
            ids = [community_id]
        else:
            ids = [c.id for c in self.platform.communities()]
        return [self.run_community(cid) for cid in ids]

    def run_every(self, stop: threading.Event, seconds: float) -> None:
        """Run the jobs every ``seconds`` until ``stop`` is set (a thread of ``sorgende
        serve``), the first time after one interval (a process that restarts often does
        not run them each time); a run that fails (the database is away) is logged and
        tried again at the next turn."""
        while not stop.wait(seconds):
            try:
                self.run()
            except Exception:
                logger.exception("housekeeping failed; trying again in %s s", seconds)

    def run_community(self, community_id: uuid.UUID) -> Report:
        with self.platform.read(community_id) as uow:
            name = uow.community.get().name
        if not self._take(community_id):
            return Report(name, ran=False)
        try:
            return Report(
                name,
                expired=self.expire(community_id),
                reminded=self.remind(community_id),
                asked=self.ask(community_id),
                confirmed=self.auto_confirm(community_id),
                warned=self.warn_qualifications(community_id),
            )
        finally:
            self._give_back(community_id)

    # -- the lease -----------------------------------------------------------------

    def _take(self, community_id: uuid.UUID) -> bool:
        """Take the community's lease, unless another holder's is still running."""
        key = f"jobs:{community_id}"
        try:
            with self.platform.use_case(community_id) as w:
                repo = w.uow.of(LEASE)
                found = repo.find(key)
                until = w.now + LEASE_TIME
                if found is None:
                    repo.add(Lease(key, community_id, self.holder, until))
                elif found.holder == self.holder or found.until <= w.now:
                    repo.update(LEASE.bumped(found, holder=self.holder, until=until))
                else:
                    return False
        except ConflictError:
            return False  # another took it at the same instant
        return True

    def _give_back(self, community_id: uuid.UUID) -> None:
        key = f"jobs:{community_id}"
        try:
            with self.platform.use_case(community_id) as w:
                repo = w.uow.of(LEASE)
                found = repo.find(key)
                if found is not None and found.holder == self.holder:
                    repo.update(LEASE.bumped(found, until=w.now))
        except ConflictError:
            pass  # taken over after ours ran out: nothing to give back

    # -- the jobs ------------------------------------------------------------------

    def _once(self, community_id: uuid.UUID, job: Callable[[Work], int]) -> int:
        """Run ``job`` in one use case, again from its reads after a conflict (another
        worker marked the same subject at the same instant: the rerun finds its mark)."""

        def run() -> int:
            with self.platform.use_case(community_id) as w:
                return job(w)

        return self.platform.retrying(run)()

    @staticmethod
    def _mark(w: Work, job: str, key: str) -> bool:
        """Mark ``key`` done by ``job``; false if it was done already."""
        repo = w.uow.of(MARK)
        if repo.find(key) is not None:
            return False
        repo.add(Mark(key, w.uow.community_id, job, w.now))
        return True

    def expire(self, community_id: uuid.UUID) -> int:
        """Close requests and offers whose time has passed; how many."""
        closed = len(HelpUseCases(self.platform, community_id).expire_requests())

        def offers(w: Work) -> int:
            count = 0
            for offer in w.uow.offers.list(statuses=(OfferStatus.OPEN,)):
                if not _offer_over(offer, w.now):
                    continue
                w.uow.offers.update(
                    attrs.evolve(offer, status=OfferStatus.CLOSED, version=offer.version + 1)
                )
                w.events.append(OfferExpired(community_id, w.now, None, offer.id))
                count += 1
            return count

        return closed + self._once(community_id, offers)

    def remind(self, community_id: uuid.UUID) -> int:
        """Remind both sides of every accepted exchange on the community's local tomorrow."""

        def job(w: Work) -> int:
            zone = ZoneInfo(w.uow.community.get().time_zone)
            tomorrow = w.now.astimezone(zone).date() + timedelta(days=1)
            count = 0
            for exchange in w.uow.exchanges.list(states=(ExchangeState.ACCEPTED,)):
                if exchange.scheduled.astimezone(zone).date() != tomorrow:
                    continue
                key = f"remind:{exchange.id}:{exchange.scheduled.isoformat()}"
                if not self._mark(w, "remind", key):
                    continue
                w.events.append(
                    ExchangeReminder(
                        community_id,
                        w.now,
                        None,
                        exchange.id,
                        exchange.helper_id,
                        exchange.recipient_id,
                        exchange.scheduled,
                    )
                )
                count += 1
            return count

        return self._once(community_id, job)

    def ask(self, community_id: uuid.UUID) -> int:
        """Ask the helper of an exchange whose time is over to report it, and the
        recipient of a completed one to confirm it (each once)."""

        def job(w: Work) -> int:
            count = 0
            states = (ExchangeState.ACCEPTED, ExchangeState.COMPLETED)
            for exchange in w.uow.exchanges.list(states=states):
                end = exchange.scheduled + timedelta(minutes=exchange.minutes)
                if end > w.now:
                    continue
                completed = exchange.state is ExchangeState.COMPLETED
                who = exchange.recipient_id if completed else exchange.helper_id
                key = f"ask:{exchange.id}:{exchange.state.value}"
                if not self._mark(w, "ask", key):
                    continue
                w.events.append(
                    ConfirmationAsked(community_id, w.now, None, exchange.id, frozenset({who}))
                )
                count += 1
            return count

        return self._once(community_id, job)

    def auto_confirm(self, community_id: uuid.UUID) -> int:
        """Confirm completed exchanges nobody confirmed for the community's
        ``auto_confirm_days``; none while the community did not choose it."""
        days = self.settings(community_id).auto_confirm_days
        if days is None:
            return 0
        cases = ExchangeUseCases(self.platform, community_id)

        def job(w: Work) -> int:
            count = 0
            for exchange in w.uow.exchanges.list(states=(ExchangeState.COMPLETED,)):
                completed_at = exchange.history[-1].at
                if completed_at + timedelta(days=days) > w.now:
                    continue
                moved = exchange.apply(
                    "confirm", party=Party.COORDINATOR, by=SYSTEM_ACTOR, at=w.now
                )
                # the same consequences as a person's confirmation: posting, totals,
                # recognitions, the request's status
                cases._record(w, "confirm", exchange, moved, SYSTEM_ACTOR)
                count += 1
            _system_events(w)
            return count

        return self._once(community_id, job)

    def warn_qualifications(self, community_id: uuid.UUID) -> int:
        """Tell helpers and coordinators of qualifications ending within 30 days (once
        per qualification and end date)."""

        def job(w: Work) -> int:
            uow = w.uow
            zone = ZoneInfo(uow.community.get().time_zone)
            today = w.now.astimezone(zone).date()
            actors = uow.actors.list()
            coordinators: frozenset[uuid.UUID] | None = None
            count = 0
            for actor in actors:
                if not actor.active:
                    continue
                for qualification in actor.qualifications:
                    until = qualification.valid_until
                    if until is None or not _warn_now(until, today):
                        continue
                    key = f"qualification:{actor.id}:{qualification.kind}:{until.isoformat()}"
                    if not self._mark(w, "qualification", key):
                        continue
                    if coordinators is None:
                        coordinators = frozenset(a.id for a in actors if is_coordinator(uow, a))
                    told = coordinators | {actor.id}
                    w.events.append(
                        QualificationExpiring(
                            community_id, w.now, None, actor.id, qualification.kind, until, told
                        )
                    )
                    count += 1
            return count

        return self._once(community_id, job)


def _warn_now(until: date, today: date) -> bool:
    return today <= until <= today + WARN_BEFORE


def _offer_over(offer: HelpOffer, now: datetime) -> bool:
    recurrence = offer.recurrence
    if recurrence is None:
        return offer.window.end < now
    until = recurrence.until
    return until is not None and until < now.date()


def _system_events(w: Work) -> None:
    """Events of what the system did name nobody as their actor (``by`` ``None``), so
    notifications tell both sides."""
    w.events[:] = [
        attrs.evolve(e, by=None) if isinstance(e, ev.DomainEvent) and e.by == SYSTEM_ACTOR else e
        for e in w.events
    ]
