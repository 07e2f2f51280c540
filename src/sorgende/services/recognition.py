"""The running totals recognition rules read: kept with each posting, read in O(1).

A confirmation (or a resolution with hours) counts the exchange into the helper's
:class:`~sorgende.domain.recognition.HelperTotals` in the same unit of work as its
posting, so the rules see the help without re-reading the helper's history. Totals
that are missing (a community imported from an export made before they existed, a
person erased and then confirmed for) are rebuilt from the exchanges once, by the next
confirmation; an answer the totals cannot give exactly (see
:meth:`~sorgende.domain.recognition.HelperTotals.minutes_since`) is counted from the
exchanges, so a rule sees exactly what it saw when every record was counted afresh.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.recognition import YEAR, HelperRecord, HelperTotals
from sorgende.ports import UnitOfWork
from sorgende.records import HELPER_TOTALS

#: the states whose minutes count as help given
COUNTED = (ExchangeState.CONFIRMED, ExchangeState.RESOLVED)


def count_help(
    uow: UnitOfWork, community_id: uuid.UUID, exchange: Exchange, now: datetime
) -> HelperTotals:
    """Count ``exchange`` (just confirmed or resolved, already stored) for its helper."""
    repo = uow.of(HELPER_TOTALS)
    found = repo.find(exchange.helper_id)
    if found is None:
        # the exchanges include this one: it was stored before its posting
        totals = totals_from_history(uow, community_id, exchange.helper_id)
        repo.add(totals)
        return totals
    totals = HELPER_TOTALS.bumped(found.counted(exchange.scheduled, exchange.minutes, now))
    repo.update(totals)
    return totals


def totals_from_history(
    uow: UnitOfWork, community_id: uuid.UUID, helper_id: uuid.UUID
) -> HelperTotals:
    """The totals counted afresh from the helper's exchanges."""
    helps = [(e.scheduled, e.minutes) for e in _counted(uow, helper_id)]
    return HelperTotals.of_history(community_id, helper_id, helps)


def helper_record(
    uow: UnitOfWork,
    helper_id: uuid.UUID,
    now: datetime,
    totals: HelperTotals | None = None,
) -> HelperRecord:
    """What recognition rules look at: the helper's confirmed help at ``now``."""
    helper = uow.actors.find(helper_id)
    birth_year = None if helper is None else helper.birth_year
    if totals is None:
        totals = uow.of(HELPER_TOTALS).find(helper_id)
    record = None if totals is None else totals.record(now, birth_year)
    if record is not None:
        return record
    # no totals (read before any confirmation counted them), or a year's window the
    # days kept cannot cut exactly: count the exchanges as the totals would
    counted = _counted(uow, helper_id)
    since = now - YEAR
    return HelperRecord(
        actor_id=helper_id,
        exchanges_confirmed=len(counted),
        minutes_given=sum(e.minutes for e in counted),
        minutes_last_year=sum(e.minutes for e in counted if e.scheduled >= since),
        first_help=min((e.scheduled for e in counted), default=None),
        at=now,
        birth_year=birth_year,
    )


def _counted(uow: UnitOfWork, helper_id: uuid.UUID) -> list[Exchange]:
    """The helper's exchanges that count as help given."""
    return [e for e in uow.exchanges.list(helper_id=helper_id, states=COUNTED) if e.minutes > 0]


__all__ = ["COUNTED", "YEAR", "count_help", "helper_record", "totals_from_history"]
