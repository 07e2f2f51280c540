"""The default behaviours (a plugin: ``sorgende_sim_behaviours``).

* :class:`DefaultNeeds`: people in need of care who use the platform ask
  ``care_requests_per_week``, other users ``other_requests_per_year``; everyone asks
  more in winter (a cosine over the year, ``season_amplitude`` at its peak); garden
  help only in the garden months. What they ask for depends on who they are (people
  in need of care, parents aged 25 to 49, others); a share is urgent (the same day).
* :class:`DefaultHelping`: each open request is seen by ``views_per_day`` helpers who
  could help (skill, papers, within their reach) and by ``committed_views_per_day``
  helpers whose self-commitment covers it; each says yes with a probability
  that falls with distance (halved at ``half_distance_km``) and with the share of the
  week's hours already taken, scales with motivation, and rises when the helper's
  self-commitment covers the request and its hours are not given yet.
* :class:`DefaultCommitments`: a share of helpers make a self-commitment; motivation
  starts between two bounds, decays every week, and comes back with thanks
  (confirmed exchanges) and recognition (the platform's rules); below a threshold the
  helper drops out and ends the commitment.

All parameters are in :class:`sorgende.sim.config.SimConfig`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import attrs

from sorgende.hookspecs import hookimpl
from sorgende.sim.agents import Need

if TYPE_CHECKING:
    from sorgende.sim.agents import Resident, SimRequest
    from sorgende.sim.model import CareModel

GARDEN = "garden"
#: the hours requests may start at
FIRST_HOUR, LAST_HOUR = 9, 17
#: parents ask for childcare and tutoring
FAMILY_AGES = range(25, 50)
DAYS_PER_YEAR = 365.25


@attrs.frozen
class DefaultNeeds:
    kind: str = "needs"
    name: str = "default"

    def daily_rate(self, model: CareModel, resident: Resident) -> float:
        needs = model.config.needs
        if resident.group == "care":
            return needs.care_requests_per_week / 7.0
        if resident.group == "other":
            return needs.other_requests_per_year / 365.0
        return 0.0

    def season(self, model: CareModel, day: date) -> float:
        needs = model.config.needs
        phase = 2.0 * math.pi * (day.timetuple().tm_yday - needs.season_peak_day) / DAYS_PER_YEAR
        return 1.0 + needs.season_amplitude * math.cos(phase)

    def need(self, model: CareModel, resident: Resident, rng: random.Random) -> Need | None:
        needs = model.config.needs
        if resident.group == "care":
            pool = needs.care_categories
        elif resident.age in FAMILY_AGES:
            pool = needs.family_categories
        else:
            pool = needs.other_categories
        if model.date.month not in needs.garden_months:
            pool = tuple(c for c in pool if c != GARDEN)
        if not pool:
            return None
        category = pool[rng.randrange(len(pool))]
        hours = needs.hours.get(category, 1.5)
        if rng.random() < needs.urgent_share:
            return Need(category, hours, 0, rng.randint(FIRST_HOUR + 1, LAST_HOUR), urgent=True)
        lead = rng.randint(needs.lead_days_min, max(needs.lead_days_min, needs.lead_days_max))
        return Need(category, hours, lead, rng.randint(FIRST_HOUR, LAST_HOUR))


@attrs.frozen
class DefaultHelping:
    kind: str = "helping"
    name: str = "default"

    def viewers(
        self, model: CareModel, request: SimRequest, rng: random.Random
    ) -> Sequence[Resident]:
        cfg = model.config.helping
        pool = model.eligible(request.category, request.place)
        seen = rng.sample(pool, min(cfg.views_per_day, len(pool))) if pool else []
        committed = model.committed(request.category, request.place)
        if committed and cfg.committed_views_per_day:
            for helper in rng.sample(committed, min(cfg.committed_views_per_day, len(committed))):
                if helper not in seen:
                    seen.append(helper)
        return seen

    def accepts(
        self, model: CareModel, helper: Resident, request: SimRequest, rng: random.Random
    ) -> bool:
        cfg = model.config.helping
        h = helper.helper
        assert h is not None
        free = model.free_for(helper, request)
        p = (
            h.base_accept
            * h.motivation
            * (free / h.capacity_minutes)
            / (1.0 + model.distance(helper.place, request.place) / cfg.half_distance_km)
        )
        c = h.commitment
        if (
            c is not None
            and model.covered(helper, request)
            and h.week_given.get(request.week, 0) < c.minutes_per_period
        ):
            p *= cfg.commitment_bonus
        return rng.random() < p


@attrs.frozen
class DefaultCommitments:
    kind: str = "commitments"
    name: str = "default"

    def start(self, model: CareModel, helper: Resident, rng: random.Random) -> float:
        cfg = model.config.commitments
        h = helper.helper
        assert h is not None
        h.motivation = rng.uniform(cfg.motivation_min, max(cfg.motivation_min, cfg.motivation_max))
        if rng.random() < min(1.0, cfg.share + model.commit_share_bonus):
            return min(cfg.hours_per_week, h.capacity_minutes / 60.0)
        return 0.0

    def thanked(self, model: CareModel, helper: Resident) -> None:
        h = helper.helper
        assert h is not None
        h.motivation = min(1.0, h.motivation + model.config.commitments.thanks_boost)

    def recognised(self, model: CareModel, helper: Resident, code: str) -> None:
        h = helper.helper
        assert h is not None
        h.motivation = min(1.0, h.motivation + model.config.commitments.recognition_boost)

    def end_of_week(self, model: CareModel, helper: Resident, rng: random.Random) -> bool:
        cfg = model.config.commitments
        h = helper.helper
        assert h is not None
        h.motivation *= 1.0 - cfg.decay_per_week * h.decay_factor
        return h.motivation < cfg.dropout_below


@hookimpl
def sorgende_sim_behaviours() -> list[object]:
    return [DefaultNeeds(), DefaultHelping(), DefaultCommitments()]
