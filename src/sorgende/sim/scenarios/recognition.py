"""Ehrenamtskarte-style recognition: committed helpers are seen, and stay.

Modelled on the state volunteer cards (Ehrenamtskarte): a programme that counts the
hours of committed volunteers and acknowledges them. In the model it does three
things (the sizes are assumptions, see ``RecognitionConfig``):

* more helpers make a self-commitment at the start (``extra_commit_share``);
* committed helpers lose motivation more slowly (``decay_factor``): the card is in
  view;
* at the end of each month the programme reads the platform's records and
  acknowledges (``monthly_boost`` of motivation) committed helpers who kept at least
  ``min_weeks_kept`` of the month's weeks (the commitment's ``fulfilment``) and other
  helpers whose account shows at least ``min_hours_per_month`` given that month (the
  account's ``statement``);
* every ``event_every_days`` the municipality thanks all active helpers at an evening
  for volunteers (``event_boost``).

The card itself (250 hours in a year, engaged for a year) is awarded by the platform's
recognition rules when the ``sorgende-ehrenamtskarte`` plugin is installed; such an
award counts as a recognition in every scenario.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from sorgende.domain.commitments import CommitmentStatus
from sorgende.hookspecs import hookimpl
from sorgende.sim.api import ScenarioBase

if TYPE_CHECKING:
    from sorgende.sim.model import CareModel


class Recognition(ScenarioBase):
    name: ClassVar[str] = "recognition"
    titles: ClassVar[Mapping[str, str]] = {
        "de": "Anerkennung (Ehrenamtskarte)",
        "en": "Recognition (volunteer card)",
    }

    def setup(self, model: CareModel) -> None:
        model.commit_share_bonus += model.config.recognition.extra_commit_share

    def before_day(self, model: CareModel) -> None:
        if model.day != 0:
            return
        # the commitments are made by now (after every scenario's setup)
        factor = model.config.recognition.decay_factor
        for resident in model.helpers:
            h = resident.helper
            if h is not None and h.commitment is not None:
                h.decay_factor = factor

    def end_of_day(self, model: CareModel) -> None:
        cfg = model.config.recognition
        if cfg.event_every_days and model.day > 0 and model.day % cfg.event_every_days == 0:
            for resident in model.helpers:
                h = resident.helper
                if h is not None and h.active:
                    h.motivation = min(1.0, h.motivation + cfg.event_boost)
                    model.count_recognition(resident)
        tomorrow = model.date + timedelta(days=1)
        if tomorrow.month == model.date.month:
            return
        first = model.date.replace(day=1)
        since = model.at(first, 0)
        for resident in model.helpers:
            h = resident.helper
            if h is None or not h.active:
                continue
            c = h.commitment
            if c is not None and c.status is CommitmentStatus.ACTIVE:
                fulfilment = model._call(model.service.fulfilment, c.id, today=model.date)
                weeks = [
                    p
                    for p in fulfilment.periods
                    if first < p.end <= tomorrow and p.target_minutes > 0
                ]
                kept = sum(1 for p in weeks if p.kept)
                seen = bool(weeks) and kept >= cfg.min_weeks_kept * len(weeks)
            else:
                statement = model._call(model.service.statement, resident.actor_id, since=since)
                given = sum(line.minutes for line in statement.lines if line.minutes > 0)
                seen = given > 0 and given >= cfg.min_hours_per_month * 60
            if seen:
                h.motivation = min(1.0, h.motivation + cfg.monthly_boost)
                model.count_recognition(resident)


@hookimpl
def sorgende_sim_scenarios() -> list[object]:
    return [Recognition()]
