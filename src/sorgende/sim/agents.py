"""The simulated residents, and the model's records of requests and exchanges.

A :class:`Resident` is an agent in Mesa's sense (``unique_id``, ``model``): one person
of the population. Most residents never act; those who ask for help or help are
registered as actors of the community through the real use cases, and then carry the
actor's id. Residents who help carry :class:`HelperState` as ``helper``.

:class:`SimRequest` and :class:`SimExchange` are the model's own bookkeeping of what it
did through the use cases (the platform keeps the records themselves): which requests
wait for helpers, which exchanges are due on which day, and what each meant for the
metrics. The ledger checks at the end of a run compare this bookkeeping with the
platform's records.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from sorgende.domain.actors import Actor
    from sorgende.domain.commitments import Commitment


@attrs.frozen
class Need:
    """What a resident asks for: a request the model posts through ``post_request``."""

    category: str
    hours: float
    #: days from today to the day of the help (0: today, which makes it urgent)
    lead_days: int = 1
    #: the hour of the day the help starts (local time of the simulation)
    hour: int = 10
    urgent: bool = False
    helpers: int = 1


class HelperState:
    """What a resident who helps brings, and how it goes for them."""

    __slots__ = (
        "active",
        "base_accept",
        "capacity_minutes",
        "commitment",
        "commitment_places",
        "day_count",
        "decay_factor",
        "dropped_day",
        "exchanges",
        "given_minutes",
        "leaving",
        "motivation",
        "offer",
        "qualifications",
        "radius_km",
        "recognitions",
        "recognitions_this_week",
        "skills",
        "spontaneous",
        "until_day",
        "week_given",
        "week_minutes",
        "weeks_due",
        "weeks_kept",
    )

    def __init__(
        self,
        *,
        capacity_minutes: int,
        skills: tuple[str, ...],
        qualifications: frozenset[str],
        radius_km: float,
        base_accept: float,
        spontaneous: bool = False,
        until_day: int | None = None,
    ) -> None:
        #: minutes a week the helper is willing to give
        self.capacity_minutes = capacity_minutes
        #: categories the helper offers (sorted, so draws do not depend on hashing)
        self.skills = skills
        #: kinds of qualification held (driving licence, police certificate)
        self.qualifications = qualifications
        #: how far the helper goes (km)
        self.radius_km = radius_km
        #: probability of saying yes when motivated, unloaded and next door
        self.base_accept = base_accept
        #: registered only for a crisis (not counted among dropouts)
        self.spontaneous = spontaneous
        #: the last day the helper helps (spontaneous helpers); ``None``: no end
        self.until_day = until_day
        #: 0..1; decays weekly, recognition restores it (see the commitments behaviour)
        self.motivation = 1.0
        #: multiplies the weekly decay (a recognition programme lowers it)
        self.decay_factor = 1.0
        self.active = True
        #: asked to leave (a plugin's rule): drops out at the end of the week
        self.leaving = False
        self.dropped_day: int | None = None
        #: the self-commitment made through the platform, if any
        self.commitment: Commitment | None = None
        #: the places (indexes) the commitment covers
        self.commitment_places: frozenset[int] = frozenset()
        #: the id of the helper's standing offer of help, if any
        self.offer: uuid.UUID | None = None
        #: accepted minutes by week start (for the helper's load)
        self.week_minutes: dict[date, int] = {}
        #: confirmed minutes the commitment covers, by week start
        self.week_given: dict[date, int] = {}
        #: accepted exchanges by day (at most ``max_exchanges_per_day``)
        self.day_count: dict[date, int] = {}
        self.given_minutes = 0
        self.exchanges = 0
        self.recognitions = 0
        self.recognitions_this_week = 0
        self.weeks_due = 0
        self.weeks_kept = 0


class Resident:
    """One resident of the simulated community (a Mesa-style agent)."""

    __slots__ = (
        "actor",
        "age",
        "balance",
        "group",
        "helper",
        "latent_group",
        "model",
        "needs_care",
        "place",
        "received_minutes",
        "requests",
        "reserve",
        "solidarity",
        "unique_id",
        "volunteers",
    )

    def __init__(
        self,
        model: Any,
        unique_id: int,
        place: int,
        age: int,
        needs_care: bool,
        group: str,
        solidarity: bool = False,
    ) -> None:
        self.model = model
        self.unique_id = unique_id
        #: index of the home place in ``model.places``
        self.place = place
        self.age = age
        #: in need of long-term care (Pflegebedürftigkeit)
        self.needs_care = needs_care
        #: who asks through the platform: ``care``, ``other`` or ``none``
        self.group = group
        #: whom they would ask as if they used the platform (``care``, ``other``,
        #: ``none``): demand is drawn for these, so it does not move with platform shares
        self.latent_group = group
        #: volunteers somewhere (on the platform or not): what surveys count
        self.volunteers = False
        #: a volunteer not (yet) on the platform: what they would bring if recruited
        self.reserve: HelperState | None = None
        #: the solidarity account pays the help this resident receives
        self.solidarity = solidarity
        #: the registered actor, once the resident uses the platform
        self.actor: Actor | None = None
        self.helper: HelperState | None = None
        self.received_minutes = 0
        #: the time-bank balance in minutes, as the model counted it
        self.balance = 0
        self.requests = 0

    @property
    def actor_id(self) -> uuid.UUID:
        actor = self.actor
        assert actor is not None, "the resident is not registered"
        return actor.id

    @property
    def name(self) -> str:
        return f"Person {self.unique_id:05d}"


class SimRequest:
    """A need the model asked for (a request, or the use of an offer), and what became of it."""

    __slots__ = (
        "accepted",
        "category",
        "confirmed",
        "day",
        "helped_at",
        "helpers",
        "id",
        "matched_at",
        "minutes",
        "needed",
        "outcome",
        "place",
        "posted_at",
        "posted_day",
        "resident",
        "start",
        "urgent",
        "via_offer",
        "week",
    )

    def __init__(
        self,
        *,
        id: uuid.UUID,
        resident: Resident,
        place: int,
        category: str,
        minutes: int,
        needed: int,
        posted_day: int,
        posted_at: datetime,
        start: datetime,
        urgent: bool,
        via_offer: bool = False,
    ) -> None:
        #: the request's id; for a need asked through an offer, the exchange's id
        self.id = id
        self.resident = resident
        self.place = place
        self.category = category
        self.minutes = minutes
        self.needed = needed
        self.posted_day = posted_day
        self.posted_at = posted_at
        self.start = start
        #: the day of the help, and the Monday of its week (a commitment's period)
        self.day = start.date()
        self.week = self.day - timedelta(days=self.day.weekday())
        self.urgent = urgent
        #: asked through a helper's offer (no request was posted)
        self.via_offer = via_offer
        #: exchanges accepted and not cancelled
        self.accepted = 0
        self.confirmed = 0
        #: residents who took a place (a helper does not take two)
        self.helpers: list[Resident] = []
        self.matched_at: datetime | None = None
        self.helped_at: datetime | None = None
        #: ``None`` while open, then ``"met"`` or ``"unmet"``
        self.outcome: str | None = None


class SimExchange:
    """An accepted exchange the model will carry out on its day."""

    __slots__ = ("helper", "id", "request", "scheduled")

    def __init__(
        self, id: uuid.UUID, request: SimRequest, helper: Resident, scheduled: datetime
    ) -> None:
        self.id = id
        self.request = request
        self.helper = helper
        self.scheduled = scheduled


@attrs.frozen
class SimEvent:
    """An event of an exchange as the model's plugins see it (``sorgende_sim_events``)."""

    #: ``proposed``, ``accepted``, ``declined``, ``cancelled``, ``no_show``, ``confirmed``
    kind: str
    #: the day it happened (index from 0)
    day: int
    exchange_id: uuid.UUID
    #: the helper and the recipient (``None`` for someone the model does not know)
    helper: Resident | None
    recipient: Resident | None
