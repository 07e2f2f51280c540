"""The data collector: a tidy table of the model's figures, one row per day and place.

Each row has the columns of :data:`STEP_COLUMNS`: the run (``scenario``, ``seed``), the
day (``day`` from 0, ``date``), the level (``community`` for the whole community, whose
``place`` is the community's name, or ``place``) and the figures. Counts and hours are
of that day; ``helpers_dropped_out`` and the commitment weeks are totals so far;
balances and load are the state at the end of the day. A figure that cannot be given
(a median of no values) is ``None``, an empty cell in CSV.

* ``requests_posted``: needs asked for that day, as requests or (``offers_used`` of
  them) through a helper's standing offer.
* ``requests_met`` / ``requests_unmet``: needs that closed that day, fulfilled or
  expired (or, through an offer, cancelled); ``share_met`` is met / (met + unmet).
* ``time_to_help_*_h``: hours from posting to the start of the help, for requests met
  that day (median and 90th percentile); ``time_to_match_*_h``: to the first helper's
  acceptance.
* ``hours_given`` by helpers living in the place, ``hours_received`` by its residents.
* ``load_gini``: Gini coefficient of the hours each regular helper has given so far.
* ``balance_*_h``: time-bank balances of the registered residents (hours).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, Protocol

from sorgende.domain.commitments import CommitmentStatus
from sorgende.domain.community import Community
from sorgende.sim.agents import Resident, SimRequest
from sorgende.sim.config import SimConfig
from sorgende.sim.metrics import gini, median, quantile, share
from sorgende.sim.population import SimPlace
from sorgende.sim.world import DayCounters


class Observed(Protocol):
    """What the collector reads of a model (:class:`~sorgende.sim.model.CareModel` is one).

    Named here rather than imported: the model creates its collector, so the collector
    must not depend on the model's module.
    """

    @property
    def config(self) -> SimConfig: ...
    @property
    def community(self) -> Community: ...
    @property
    def day(self) -> int: ...
    @property
    def date(self) -> date: ...
    @property
    def today(self) -> DayCounters: ...
    @property
    def places(self) -> Sequence[SimPlace]: ...
    @property
    def residents(self) -> Sequence[Resident]: ...
    @property
    def helpers(self) -> Sequence[Resident]: ...
    @property
    def spontaneous(self) -> Sequence[Resident]: ...
    @property
    def closed(self) -> Sequence[SimRequest]: ...
    @property
    def balances(self) -> Mapping[uuid.UUID, int]: ...
    @property
    def dropped_by_place(self) -> Sequence[int]: ...
    @property
    def weeks_due_by_place(self) -> Sequence[int]: ...
    @property
    def weeks_kept_by_place(self) -> Sequence[int]: ...
    @property
    def _helpers_by_place(self) -> Sequence[Sequence[Resident]]: ...
    @property
    def _registered_by_place(self) -> Sequence[Sequence[Resident]]: ...
    @property
    def _requests(self) -> Mapping[uuid.UUID, SimRequest]: ...
    @property
    def confirmed(self) -> int: ...
    @property
    def cancelled(self) -> int: ...
    @property
    def no_shows(self) -> int: ...
    @property
    def refusals(self) -> int: ...
    @property
    def use_cases(self) -> int: ...

    def open_requests(self) -> list[SimRequest]: ...


STEP_COLUMNS: tuple[str, ...] = (
    "scenario",
    "seed",
    "day",
    "date",
    "level",
    "place",
    "requests_posted",
    "offers_used",
    "requests_met",
    "requests_unmet",
    "share_met",
    "open_requests",
    "hours_given",
    "hours_received",
    "time_to_help_median_h",
    "time_to_help_p90_h",
    "time_to_match_median_h",
    "time_to_match_p90_h",
    "helpers_active",
    "spontaneous_helpers",
    "helpers_dropped_out",
    "load_gini",
    "recognitions",
    "commitments_active",
    "commitment_weeks_due",
    "commitment_weeks_kept",
    "commitments_kept_share",
    "balance_min_h",
    "balance_p10_h",
    "balance_median_h",
    "balance_p90_h",
    "balance_max_h",
    "solidarity_balance_h",
)

AGENT_COLUMNS: tuple[str, ...] = (
    "scenario",
    "seed",
    "resident",
    "place",
    "age",
    "needs_care",
    "group",
    "role",
    "weekly_hours",
    "skills",
    "radius_km",
    "motivation",
    "active",
    "dropped_day",
    "committed_hours",
    "weeks_due",
    "weeks_kept",
    "exchanges_given",
    "hours_given",
    "hours_received",
    "requests",
    "recognitions",
    "balance_h",
)


def _hours(minutes: float | None) -> float | None:
    return None if minutes is None else minutes / 60.0


class DataCollector:
    """Collects a row per day (and per place) from the model, like Mesa's DataCollector.

    ``reporters`` add columns to the community rows: name to a function of the model
    (Mesa's ``model_reporters``).
    """

    def __init__(self, model: Observed, reporters: Mapping[str, Callable[[Any], Any]]) -> None:
        self.reporters = dict(reporters)
        self.rows: list[dict[str, Any]] = []
        self.scenario = model.config.scenario
        self.seed = model.config.seed

    # Mesa's names
    def get_model_vars_dataframe(self) -> Any:
        """The community rows as a pandas DataFrame (needs pandas)."""
        from sorgende.sim.results import frame

        return frame([r for r in self.rows if r["level"] == "community"])

    def collect(self, model: Observed) -> None:
        """Append the rows of the day just simulated."""
        today = model.today
        places = model.places
        open_by_place = [0] * len(places)
        for request in model.open_requests():
            open_by_place[request.place] += 1
        spontaneous = sum(1 for r in model.spontaneous if r.helper is not None and r.helper.active)
        base = {
            "scenario": self.scenario,
            "seed": self.seed,
            "day": model.day,
            "date": model.date.isoformat(),
        }
        all_helpers = model.helpers
        all_registered = [r for group in model._registered_by_place for r in group]
        community = self._row(
            model,
            base,
            "community",
            model.config.community,
            sum(today.posted),
            sum(today.offers_used),
            sum(today.met),
            sum(today.unmet),
            sum(open_by_place),
            sum(today.given),
            sum(today.received),
            [x for values in today.time_to_help for x in values],
            [x for values in today.time_to_match for x in values],
            all_helpers,
            sum(model.dropped_by_place),
            sum(today.recognitions),
            sum(model.weeks_due_by_place),
            sum(model.weeks_kept_by_place),
            all_registered,
        )
        community["spontaneous_helpers"] = spontaneous
        community["solidarity_balance_h"] = _hours(
            model.balances.get(model.community.solidarity_account, 0)
        )
        for name, report in self.reporters.items():
            community[name] = report(model)
        self.rows.append(community)
        if not model.config.collect_places:
            return
        for place in places:
            i = place.index
            self.rows.append(
                self._row(
                    model,
                    base,
                    "place",
                    place.name,
                    today.posted[i],
                    today.offers_used[i],
                    today.met[i],
                    today.unmet[i],
                    open_by_place[i],
                    today.given[i],
                    today.received[i],
                    today.time_to_help[i],
                    today.time_to_match[i],
                    model._helpers_by_place[i],
                    model.dropped_by_place[i],
                    today.recognitions[i],
                    model.weeks_due_by_place[i],
                    model.weeks_kept_by_place[i],
                    model._registered_by_place[i],
                )
            )

    def _row(
        self,
        model: Observed,
        base: Mapping[str, Any],
        level: str,
        place: str,
        posted: int,
        offers_used: int,
        met: int,
        unmet: int,
        open_requests: int,
        given: int,
        received: int,
        time_to_help: Sequence[float],
        time_to_match: Sequence[float],
        helpers: Sequence[Resident],
        dropped: int,
        recognitions: int,
        weeks_due: int,
        weeks_kept: int,
        registered: Sequence[Resident],
    ) -> dict[str, Any]:
        tth, ttm = sorted(time_to_help), sorted(time_to_match)
        active = committed = 0
        loads = []
        for resident in helpers:
            h = resident.helper
            assert h is not None
            loads.append(h.given_minutes)
            if h.active:
                active += 1
                c = h.commitment
                if c is not None and c.status is CommitmentStatus.ACTIVE:
                    committed += 1
        held = sorted(r.balance for r in registered)
        return {
            **base,
            "level": level,
            "place": place,
            "requests_posted": posted,
            "offers_used": offers_used,
            "requests_met": met,
            "requests_unmet": unmet,
            "share_met": share(met, met + unmet),
            "open_requests": open_requests,
            "hours_given": given / 60.0,
            "hours_received": received / 60.0,
            "time_to_help_median_h": median(tth),
            "time_to_help_p90_h": quantile(tth, 0.9),
            "time_to_match_median_h": median(ttm),
            "time_to_match_p90_h": quantile(ttm, 0.9),
            "helpers_active": active,
            "spontaneous_helpers": None,
            "helpers_dropped_out": dropped,
            "load_gini": gini(loads),
            "recognitions": recognitions,
            "commitments_active": committed,
            "commitment_weeks_due": weeks_due,
            "commitment_weeks_kept": weeks_kept,
            "commitments_kept_share": share(weeks_kept, weeks_due),
            "balance_min_h": _hours(held[0]) if held else None,
            "balance_p10_h": _hours(quantile(held, 0.1)),
            "balance_median_h": _hours(median(held)),
            "balance_p90_h": _hours(quantile(held, 0.9)),
            "balance_max_h": _hours(held[-1]) if held else None,
            "solidarity_balance_h": None,
        }

    # -- the agents and the whole run ------------------------------------------------

    def agent_rows(self, model: Observed) -> list[dict[str, Any]]:
        """One row per registered resident, as they are at the end (Mesa's agent table)."""
        rows = []
        for resident in model.residents:
            if resident.actor is None:
                continue
            h = resident.helper
            if h is None:
                role = "recipient"
            elif h.spontaneous:
                role = "spontaneous"
            else:
                role = "helper+recipient" if resident.requests else "helper"
            c = h.commitment if h is not None else None
            rows.append(
                {
                    "scenario": self.scenario,
                    "seed": self.seed,
                    "resident": resident.unique_id,
                    "place": model.places[resident.place].name,
                    "age": resident.age,
                    "needs_care": resident.needs_care,
                    "group": resident.group,
                    "role": role,
                    "weekly_hours": None if h is None else h.capacity_minutes / 60.0,
                    "skills": None if h is None else ";".join(h.skills),
                    "radius_km": None if h is None else h.radius_km,
                    "motivation": None if h is None else h.motivation,
                    "active": None if h is None else h.active,
                    "dropped_day": None if h is None else h.dropped_day,
                    "committed_hours": None if c is None else c.minutes_per_period / 60.0,
                    "weeks_due": None if h is None else h.weeks_due,
                    "weeks_kept": None if h is None else h.weeks_kept,
                    "exchanges_given": None if h is None else h.exchanges,
                    "hours_given": None if h is None else h.given_minutes / 60.0,
                    "hours_received": resident.received_minutes / 60.0,
                    "requests": resident.requests,
                    "recognitions": None if h is None else h.recognitions,
                    "balance_h": resident.balance / 60.0,
                }
            )
        return rows

    def summary(self, model: Observed) -> dict[str, Any]:
        """The run in one record: totals and the headline figures."""
        closed = model.closed
        met = [r for r in closed if r.outcome == "met"]
        tth = sorted(
            (r.helped_at - r.posted_at).total_seconds() / 3600.0  # type: ignore[operator]
            for r in met
        )
        ttm = sorted(
            (r.matched_at - r.posted_at).total_seconds() / 3600.0  # type: ignore[operator]
            for r in met
        )
        helpers = model.helpers
        loads = [r.helper.given_minutes for r in helpers if r.helper is not None]
        registered = [r for r in model.residents if r.actor is not None]
        held = sorted(r.balance for r in registered)
        due = sum(model.weeks_due_by_place)
        kept = sum(model.weeks_kept_by_place)
        committed = sum(
            1 for r in helpers if r.helper is not None and r.helper.commitment is not None
        )
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "days": model.day,
            "residents": len(model.residents),
            "helpers": len(helpers),
            "spontaneous_helpers": len(model.spontaneous),
            "registered": len(registered),
            "requests_posted": sum(r.requests for r in model.residents),
            "offers_used": sum(r.via_offer for r in model.closed)
            + sum(r.via_offer for r in model._requests.values()),
            "requests_met": len(met),
            "requests_unmet": len(closed) - len(met),
            "requests_pending": len(model._requests),
            "share_met": share(len(met), len(closed)),
            "time_to_help_median_h": median(tth),
            "time_to_help_p90_h": quantile(tth, 0.9),
            "time_to_match_median_h": median(ttm),
            "time_to_match_p90_h": quantile(ttm, 0.9),
            "exchanges_confirmed": model.confirmed,
            "exchanges_cancelled": model.cancelled,
            "exchanges_no_show": model.no_shows,
            "hours_given": sum(loads) / 60.0,
            "load_gini": gini(loads),
            "commitments_made": committed,
            "commitment_weeks_due": due,
            "commitment_weeks_kept": kept,
            "commitments_kept_share": share(kept, due),
            "helpers_dropped_out": sum(model.dropped_by_place),
            "balance_min_h": _hours(held[0]) if held else None,
            "balance_median_h": _hours(median(held)),
            "balance_max_h": _hours(held[-1]) if held else None,
            "solidarity_balance_h": _hours(
                model.balances.get(model.community.solidarity_account, 0)
            ),
            "use_cases": model.use_cases,
            "refusals": model.refusals,
            **shared_indicators_of(model),
        }


# -- the shared indicators ---------------------------------------------------------


def shared_indicators(platform: Any, community_id: uuid.UUID) -> dict[str, Any]:
    """The run's totals of the shared indicators as ``indicator_<code>``.

    The same definitions (:mod:`sorgende.indicators`) as the web dashboard's and the
    impact plugin's reports, read from the event log of the model's own platform, so a
    simulated community is measured as a real one is. Person-level figures count only
    residents with the statistics consent, as on a real platform; nothing is suppressed
    (the run's own table, not a publication). The platform's engine is caught up with the
    events since the last call, so calling this after every day costs that day's events.
    """
    from sorgende.indicators import figures
    from sorgende.indicators.live import snapshot

    cells, consent = snapshot(platform, community_id)
    return {
        f"indicator_{f.indicator}": f.value for f in figures(cells, consent, by=(), threshold=1)
    }


def shared_indicators_of(model: Any) -> dict[str, Any]:
    """:func:`shared_indicators` of a model on a platform (a
    :class:`~sorgende.sim.model.CareModel`): part of :meth:`DataCollector.summary`. A model
    without a platform of its own (a stand-in in a test) has none."""
    platform = getattr(model, "platform", None)
    service = getattr(model, "service", None)
    if platform is None or service is None:
        return {}
    return shared_indicators(platform, service.community_id)
