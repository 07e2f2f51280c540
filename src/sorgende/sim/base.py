"""The simulated world's state and the acts an engine must carry out (base of the World).

The places and distances, the residents, the counters of a day, the random streams, the
simulated clock's reading, and the acts an engine carries out (abstract here: the model
does them through the use cases, the Mesa baseline in plain Python). The course of a day
and who can take what are :mod:`sorgende.sim.world`'s.
"""

from __future__ import annotations

import abc
import math
import random
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sorgende.data import TZ
from sorgende.domain.commitments import Commitment, Period
from sorgende.domain.community import Community
from sorgende.errors import InvalidValue, Message
from sorgende.sim.agents import Need, Resident, SimExchange, SimRequest
from sorgende.sim.config import SimConfig
from sorgende.sim.population import SimPlace, build_population, distances

#: the hours of a simulated day at which things happen
MORNING, MATCHING, EVENING = 7, 8, 23
#: a request is posted at least this long before its help starts
MIN_NOTICE = timedelta(hours=1)
SUNDAY = 6


def draw(members: Sequence[Resident], p: float, rng: random.Random) -> list[Resident]:
    """The members who act, each independently with probability ``p``.

    Skips ahead by geometrically distributed gaps: one random number per member drawn
    (and one to find that none is left), the same distribution as one coin per member.
    """
    n = len(members)
    if p <= 0.0 or n == 0:
        return []
    if p >= 1.0:
        return list(members)
    log_q = math.log1p(-p)
    random_ = rng.random
    log = math.log
    found: list[Resident] = []
    i = -1
    while True:
        # 1 - random() lies in (0, 1]: its log is finite
        i += 1 + int(log(1.0 - random_()) / log_q)
        if i >= n:
            return found
        found.append(members[i])


class DayCounters:
    """What happened today, per place (the collector turns it into rows)."""

    __slots__ = (
        "dropouts",
        "given",
        "met",
        "offers_used",
        "posted",
        "received",
        "recognitions",
        "time_to_help",
        "time_to_match",
        "unmet",
    )

    def __init__(self, places: int) -> None:
        self.posted = [0] * places
        self.offers_used = [0] * places
        self.met = [0] * places
        self.unmet = [0] * places
        self.given = [0] * places
        self.received = [0] * places
        self.dropouts = [0] * places
        self.recognitions = [0] * places
        self.time_to_help: list[list[float]] = [[] for _ in range(places)]
        self.time_to_match: list[list[float]] = [[] for _ in range(places)]


class WorldBase(abc.ABC):
    """The world's state, its streams and places, and the acts an engine carries out."""

    config: SimConfig
    scenarios: list[Any]
    #: the community record (its solidarity policy decides who pays)
    community: Community

    def _init_world(
        self,
        config: SimConfig,
        places: Sequence[SimPlace],
        requirements: Mapping[str, frozenset[str]],
        behaviours: tuple[Any, Any, Any],
    ) -> None:
        """Set up the world: call once, from the engine's constructor."""
        if not places:
            raise InvalidValue("population.places", Message("sim.problem.world.no_place_simulate"))
        self.config = config
        self.seed = config.seed
        self.running = True
        #: index of the current day (0 is ``config.start``)
        self.day = 0
        self.date: date = config.start
        self._rngs: dict[str, random.Random] = {}
        self.needs, self.helping, self.commitments = behaviours
        self.places = list(places)
        self._km = distances(self.places)
        #: qualifications each category requires
        self.requirements = dict(requirements)
        #: multiplies every resident's daily rate, per place (a scenario's lever)
        self.need_multiplier = [1.0] * len(self.places)
        #: added to the commitments behaviour's share (a scenario's lever)
        self.commit_share_bonus = 0.0
        #: per-scenario state, by scenario name (scenario objects are shared by runs)
        self.scenario_state: dict[str, Any] = {}
        self.residents = build_population(
            self, config, self.places, self.requirements, self.stream("population")
        )
        #: helpers who are not spontaneous crisis helpers, in registration order
        self.helpers: list[Resident] = []
        self.spontaneous: list[Resident] = []
        self._eligible: dict[tuple[str, int], list[Resident]] = defaultdict(list)
        self._committed: dict[tuple[str, int], list[Resident]] = defaultdict(list)
        self._offers: dict[tuple[str, int], list[Resident]] = defaultdict(list)
        #: needs asked through offers, by the day of their help (closed unmet after it)
        self._offer_needs: dict[date, list[SimRequest]] = defaultdict(list)
        self._helpers_by_place: list[list[Resident]] = [[] for _ in self.places]
        #: time-bank balances as the model counted them, by account
        self.balances: dict[uuid.UUID, int] = defaultdict(int)
        self.dropped_by_place = [0] * len(self.places)
        self.weeks_due_by_place = [0] * len(self.places)
        self.weeks_kept_by_place = [0] * len(self.places)
        self._requests: dict[uuid.UUID, SimRequest] = {}
        #: requests still looking for helpers, in the order they were posted
        self._open: dict[uuid.UUID, SimRequest] = {}
        self._agenda: dict[date, list[SimExchange]] = defaultdict(list)
        #: requests that were met or expired, in the order they closed
        self.closed: list[SimRequest] = []
        self.cancelled = 0
        self.no_shows = 0
        self.confirmed = 0
        #: acts the platform refused (a plugin's veto, say): the model carried on without
        self.refusals = 0
        #: helpers who joined during the run (``recruitment``)
        self.recruited = 0
        #: closed needs at the start of the week (for the recruitment's need signal)
        self._week_closed = 0
        self.today = DayCounters(len(self.places))

    # -- random numbers, time and space ----------------------------------------------

    def stream(self, stream: str) -> random.Random:
        """The generator of one stream (``needs``, ``matching``, a scenario's name, ...).

        Each stream is seeded from the run's seed and its name (a string seed is hashed
        with SHA-512, independent of ``PYTHONHASHSEED``), so adding draws to one stream
        leaves the others as they were.
        """
        found = self._rngs.get(stream)
        if found is None:
            found = self._rngs[stream] = random.Random(f"sorgende.sim/{self.seed}/{stream}")
        return found

    @staticmethod
    def at(day: date, hour: float) -> datetime:
        """``day`` at ``hour`` o'clock, in the simulation's time zone."""
        whole = int(hour)
        return datetime.combine(day, time(whole, int((hour - whole) * 60)), tzinfo=TZ)

    @staticmethod
    def week_of(day: date) -> date:
        """The Monday a week starts on: the period of a weekly self-commitment."""
        return Period.WEEK.start_of(day)

    def distance(self, a: int, b: int) -> float:
        """Kilometres between places ``a`` and ``b`` (indexes into :attr:`places`)."""
        return self._km[a][b]

    def within(self, place: int, km: float) -> list[int]:
        """The places (indexes) within ``km`` of ``place``, itself included."""
        return [j for j in range(len(self.places)) if self._km[place][j] <= km]

    # -- the engine's part -----------------------------------------------------------

    @abc.abstractmethod
    def now(self) -> datetime:
        """The simulated time."""

    @abc.abstractmethod
    def advance(self, when: datetime) -> None:
        """Move the simulated time on to ``when`` (never back)."""

    @abc.abstractmethod
    def register(self, resident: Resident, skills: Sequence[str] = ()) -> None:
        """Register ``resident`` (with ``skills``) as an actor: set ``resident.actor``."""

    @abc.abstractmethod
    def post(self, resident: Resident, need: Need, start: datetime) -> tuple[uuid.UUID, int]:
        """Post ``need`` as a request starting at ``start``: its id and minutes."""

    @abc.abstractmethod
    def propose_and_accept(
        self, request: SimRequest, helper: Resident, by: Any
    ) -> tuple[uuid.UUID, datetime] | None:
        """``helper`` takes a place of ``request``: the exchange's id and time, or ``None``.

        For a need asked through an offer (``request.via_offer``) the recipient proposes
        to use ``helper``'s offer and the helper accepts.
        """

    @abc.abstractmethod
    def cancel(self, exchange: SimExchange) -> None:
        """The helper cancels on the day."""

    @abc.abstractmethod
    def no_show(self, exchange: SimExchange) -> None:
        """The exchange did not take place."""

    @abc.abstractmethod
    def complete_and_confirm(self, exchange: SimExchange) -> int:
        """The helper completes, the recipient confirms: the minutes posted."""

    @abc.abstractmethod
    def offer_help(self, resident: Resident, category: str, places: Sequence[int]) -> uuid.UUID:
        """``resident`` offers ``category`` in ``places`` every day: the offer's id."""

    @abc.abstractmethod
    def make_commitment(
        self, resident: Resident, hours: float, categories: Sequence[str], places: Sequence[int]
    ) -> Commitment:
        """``resident`` commits to ``hours`` a week of ``categories`` in ``places``."""

    @abc.abstractmethod
    def end_commitment(self, resident: Resident, commitment: Commitment) -> Commitment:
        """End ``commitment`` (the helper dropped out); the ended commitment."""

    @abc.abstractmethod
    def expire(self) -> None:
        """Close the requests whose time has passed (:meth:`close` each)."""

    @abc.abstractmethod
    def draw_needs(self) -> None:
        """Draw who asks for help today and :meth:`post_need` it."""

    @abc.abstractmethod
    def collect(self) -> None:
        """Record the day's figures."""
