"""The demo community "Verbandsgemeinde Daun" and a few weeks of life in it.

The places and their 2021 populations come with the package
(``sorgende/data/vg_daun_2021.csv``, see :func:`load_places`). :func:`build_daun` sets
up the community on a :class:`~sorgende.CommunityService`: the 38 places, the
municipality, the association "Bürger für Bürger e.V.", coordinators, helpers and
people who need help. :func:`play` then lets weeks pass on a simulated clock, through
the real use cases only: requests and offers are posted, helpers found with
``candidates_for``, exchanges proposed, accepted, completed and confirmed; some are
declined, cancelled (and refilled by a coordinator) or do not take place; one is
disputed and resolved by a coordinator. A senior without a smartphone has her
requests posted by a coordinator, among them a weekly shopping trip; a refugee's help
is paid by the solidarity account. Everything depends only on the random generator
passed in, so a seed gives the same weeks every time.

:func:`report` turns the :class:`DemoSummary` into text in German or English;
:func:`run_demo` does it all on a fresh platform (the ``sorgende demo`` command).
"""

from __future__ import annotations

import csv
import heapq
import io
import random
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from functools import partial
from importlib import resources

import attrs

from sorgende.config import Settings
from sorgende.domain.actors import (
    Actor,
    ActorKind,
    Consent,
    Qualification,
    QualificationKind,
    Role,
)
from sorgende.domain.commitments import Commitment, Period
from sorgende.domain.community import Place, PlaceKind
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest, RequestStatus
from sorgende.domain.values import Frequency, Recurrence, TimeWindow
from sorgende.errors import InvalidValue, MalformedData
from sorgende.i18n import format_date, format_hours, format_number, translate, translate_count
from sorgende.services.community import CommunityService

COMMUNITY_NAME = "Verbandsgemeinde Daun"
DATA_FILE = "vg_daun_2021.csv"
#: Central European Time, as a fixed offset so the demo needs no time-zone database
TZ = timezone(timedelta(hours=1), "MEZ")
#: the demo starts on a Monday morning
START = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
DEFAULT_WEEKS = 4
DEFAULT_SEED = 2021
MAX_WEEKS = 52

_KINDS = {"Stadt": PlaceKind.TOWN, "Ortsgemeinde": PlaceKind.VILLAGE}
_COLUMNS = ("place", "kind", "area_km2", "population", "lat", "lon")


# --- the places ---------------------------------------------------------------------


@attrs.frozen
class PlaceRecord:
    """One place of VG Daun as published for 31 Dec 2021."""

    name: str
    kind: PlaceKind
    area_km2: float
    population: int
    lat: float
    lon: float


def load_places() -> list[PlaceRecord]:
    """The 38 places of Verbandsgemeinde Daun, read from the package's data."""
    text = resources.files("sorgende").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_places(text, source=DATA_FILE)


def parse_places(text: str, source: str = "places") -> list[PlaceRecord]:
    """Place records from CSV text with the columns ``place,kind,area_km2,population,lat,lon``."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise MalformedData(source, [f"columns are {reader.fieldnames}, expected {_COLUMNS}"])
    records: list[PlaceRecord] = []
    problems: list[str] = []
    for line, row in enumerate(reader, start=2):
        try:
            records.append(
                PlaceRecord(
                    name=row["place"].strip(),
                    kind=_KINDS[row["kind"].strip()],
                    area_km2=float(row["area_km2"]),
                    population=int(row["population"]),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                )
            )
        except (KeyError, ValueError, AttributeError) as exc:
            problems.append(f"line {line}: {exc!r}")
    if problems:
        raise MalformedData(source, problems)
    return records


# --- the simulated clock ------------------------------------------------------------


class SimClock:
    """A simulated clock for ``sorgende.open(clock=...)``.

    Each reading returns the current time and moves it on by ``tick`` (one second),
    so use cases get distinct, ordered times; :meth:`advance_to` jumps ahead.
    """

    def __init__(self, start: datetime = START, tick: timedelta = timedelta(seconds=1)) -> None:
        self.now = start
        self.tick = tick

    def __call__(self) -> datetime:
        now = self.now
        self.now = now + self.tick
        return now

    def advance_to(self, when: datetime) -> datetime:
        """Move to ``when`` unless the clock is already past it (time never runs back)."""
        self.now = max(self.now, when)
        return self.now


# --- the people ---------------------------------------------------------------------

_FIRST_NAMES = (
    "Anna", "Maria", "Ursula", "Elisabeth", "Monika", "Brigitte", "Sabine", "Claudia",
    "Julia", "Laura", "Lena", "Sarah", "Katharina", "Hildegard", "Renate", "Karin",
    "Ingrid", "Martina", "Nicole", "Sophie", "Peter", "Michael", "Hans", "Josef", "Werner",
    "Klaus", "Stefan", "Andreas", "Jonas", "Lukas", "Felix", "Matthias", "Bernd", "Jürgen",
    "Frank", "Tobias", "Alexander", "Wolfgang", "Heinz", "Paul",
)  # fmt: skip
_SURNAMES = (
    "Schmitz", "Thelen", "Krämer", "Weber", "Schneider", "Müller", "Hoffmann", "Klein",
    "Wagner", "Becker", "Schäfer", "Meyer", "Jakobs", "Hens", "Lenz", "Pauly", "Zender",
    "Reuter", "Schüller", "Kaufmann", "Hermes", "Gilles", "Bauer", "Wolter", "Michels",
    "Steffens", "Boos", "Mertes",
)  # fmt: skip

#: what helpers like to do (their skills)
HELPER_SKILLS = (
    "shopping", "rides", "visits", "garden", "repairs", "tech_help", "childcare",
    "tutoring", "translation", "paperwork",
)  # fmt: skip
#: what people ask for, by kind of recipient
SENIOR_NEEDS = (
    "shopping", "shopping", "rides", "rides", "rides", "visits", "garden", "repairs",
    "tech_help", "paperwork",
)  # fmt: skip
FAMILY_NEEDS = ("childcare", "childcare", "tutoring", "rides", "repairs", "garden")
MUTUAL_NEEDS = ("garden", "repairs", "tech_help", "rides", "childcare")
NEWCOMER_NEEDS = ("translation", "translation", "paperwork", "tutoring", "rides")
SENIOR_WITHOUT_PHONE_NEEDS = ("rides", "visits", "repairs", "garden")

_CARE_SKILLS = frozenset({"visits", "childcare", "tutoring"})
_CANCEL_REASONS = (
    "krank geworden",
    "Auto in der Werkstatt",
    "kurzfristig ein Termin dazwischengekommen",
)


@attrs.define
class Cast:
    """The community the demo built: its places and the people who play a part."""

    places: dict[str, Place]
    municipality: Actor
    association: Actor
    #: coordinator of "Bürger für Bürger e.V."
    coordinator: Actor
    #: staff of the municipality ("Hauptamt stärkt Ehrenamt": coordinates too)
    staff: Actor
    helpers: list[Actor]
    #: the helper with a self-commitment to the weekly shopping in Mehren
    regular_helper: Actor
    recipients: list[Actor]
    #: a senior without a smartphone: coordinators post her requests
    senior: Actor
    #: a refugee whose received hours the solidarity account pays
    newcomer: Actor
    #: the categories each person asks for
    needs: dict[uuid.UUID, tuple[str, ...]] = attrs.field(factory=dict)

    def place_name(self, place_id: uuid.UUID | None) -> str:
        for place in self.places.values():
            if place.id == place_id:
                return place.name
        return "-"


class _Names:
    """Unique, plausible names drawn from a random generator."""

    def __init__(self, rng: random.Random, taken: Iterable[str]) -> None:
        self.rng = rng
        self.taken = set(taken)

    def __call__(self) -> str:
        while True:
            name = f"{self.rng.choice(_FIRST_NAMES)} {self.rng.choice(_SURNAMES)}"
            if name not in self.taken:
                self.taken.add(name)
                return name


def _email(name: str) -> str:
    umlauts: dict[str, str | int | None] = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
    plain = name.lower().translate(str.maketrans(umlauts))
    return plain.replace(" ", ".") + "@example.org"


def build_daun(
    service: CommunityService,
    rng: random.Random | None = None,
    *,
    helpers: int = 32,
    recipients: int = 18,
    today: date | None = None,
) -> Cast:
    """Set up Verbandsgemeinde Daun on ``service`` (an empty community).

    Adds the 38 places, the municipality and "Bürger für Bürger e.V." with a
    coordinator and a member of staff, ``helpers`` volunteers and ``recipients``
    people who need help (seniors and families), a senior without a smartphone and a
    refugee whose help the solidarity account pays. People live in the places in
    proportion to their populations. The same ``rng`` state gives the same people.
    Qualifications (driving licences, police certificates) are valid on ``today``
    (default: the demo's first day) and some years after.
    """
    rng = rng if rng is not None else random.Random(DEFAULT_SEED)
    today = today or START.date()
    records = load_places()
    places: dict[str, Place] = {}
    for record in records:
        places[record.name] = service.add_place(
            record.name,
            record.kind,
            population=record.population,
            area_km2=record.area_km2,
            lat=record.lat,
            lon=record.lon,
        )
    place_list = [places[r.name] for r in records]
    weights = [r.population for r in records]

    def somewhere() -> Place:
        return rng.choices(place_list, weights=weights)[0]

    daun, mehren = places["Daun"], places["Mehren"]
    licence = Qualification(QualificationKind.DRIVING_LICENCE, today - timedelta(days=365 * 20))
    police = Qualification(
        QualificationKind.POLICE_CERTIFICATE_EXTENDED,
        today - timedelta(days=365 * 2),
        today + timedelta(days=365 * 3),
    )
    consent = Consent(contact=True, share_contact_details=True, statistics=True)

    municipality = service.register_actor(
        ActorKind.MUNICIPALITY, "Verbandsgemeindeverwaltung Daun", home_place_id=daun.id
    )
    association = service.register_actor(
        ActorKind.ASSOCIATION, "Bürger für Bürger e.V.", home_place_id=daun.id
    )

    def person(
        name: str,
        home: Place,
        born: int,
        *,
        email: str | None = None,
        consent: Consent | None = None,
        skills: Iterable[str] = (),
        qualifications: Iterable[Qualification] = (),
    ) -> Actor:
        return service.register_actor(
            ActorKind.PERSON,
            name,
            home_place_id=home.id,
            birth_year=born,
            email=email,
            consent=consent,
            skills=skills,
            qualifications=qualifications,
        )

    coordinator = person(
        "Petra Schmitz", daun, 1968, email=_email("Petra Schmitz"), consent=consent
    )
    coordinator = service.add_membership(coordinator.id, association.id, Role.COORDINATOR)
    staff = person("Markus Thelen", daun, 1979, email=_email("Markus Thelen"), consent=consent)
    staff = service.add_membership(staff.id, municipality.id, Role.STAFF)

    names = _Names(
        rng, ("Petra Schmitz", "Markus Thelen", "Gertrud Weber", "Thomas Krämer", "Amina Haidari")
    )
    regular = person(
        "Thomas Krämer",
        mehren,
        1957,
        email=_email("Thomas Krämer"),
        consent=consent,
        skills=("shopping", "rides"),
        qualifications=(licence,),
    )
    helper_list = [regular]
    for _ in range(helpers - 1):
        name = names()
        skills = set(rng.sample(HELPER_SKILLS, rng.randint(1, 3)))
        quals = []
        if "rides" in skills or rng.random() < 0.6:
            quals.append(licence)
        if skills & _CARE_SKILLS or rng.random() < 0.2:
            quals.append(police)
        helper_list.append(
            person(
                name,
                somewhere(),
                rng.randint(1950, 2006),
                email=_email(name),
                consent=consent,
                skills=sorted(skills),
                qualifications=quals,
            )
        )
    for helper in helper_list[::3]:
        service.add_membership(helper.id, association.id, Role.MEMBER, by=coordinator.id)

    needs: dict[uuid.UUID, tuple[str, ...]] = {h.id: MUTUAL_NEEDS for h in helper_list}
    recipient_list = []
    for i in range(recipients):
        name = names()
        family = i % 3 == 2
        actor = person(
            name,
            somewhere(),
            rng.randint(1980, 1995) if family else rng.randint(1930, 1948),
            email=_email(name) if family or rng.random() < 0.5 else None,
            consent=consent,
        )
        recipient_list.append(actor)
        needs[actor.id] = FAMILY_NEEDS if family else SENIOR_NEEDS

    senior = person("Gertrud Weber", mehren, 1934)  # no email, no phone, no app
    needs[senior.id] = SENIOR_WITHOUT_PHONE_NEEDS
    newcomer = person("Amina Haidari", daun, 1990, consent=consent)
    newcomer = service.set_receives_solidarity(newcomer.id, True, by=staff.id)
    needs[newcomer.id] = NEWCOMER_NEEDS
    return Cast(
        places=places,
        municipality=municipality,
        association=association,
        coordinator=coordinator,
        staff=staff,
        helpers=helper_list,
        regular_helper=regular,
        recipients=recipient_list,
        senior=senior,
        newcomer=newcomer,
        needs=needs,
    )


def _places_near(cast: Cast, home: Place, km: float) -> list[uuid.UUID]:
    """The places within ``km`` of ``home`` (``home`` included)."""
    found = []
    for place in cast.places.values():
        distance = home.distance_km(place)
        if place.id == home.id or (distance is not None and distance <= km):
            found.append(place.id)
    return found


# --- the summary --------------------------------------------------------------------


@attrs.frozen
class HelperBalance:
    name: str
    place: str
    minutes: int


@attrs.frozen
class CommitmentReport:
    """How far one helper kept their self-commitment."""

    name: str
    place: str
    minutes_per_period: int
    target_minutes: int
    given_minutes: int
    periods: int
    periods_kept: int
    periods_paused: int


@attrs.frozen
class DisputeReport:
    helper: str
    recipient: str
    coordinator: str
    claimed_minutes: int
    resolved_minutes: int


@attrs.frozen
class DemoSummary:
    """What happened in the demo, without ids: equal for equal seeds."""

    community: str
    start: date
    weeks: int
    places: int
    towns: int
    villages: int
    population: int
    people: int
    helpers: int
    coordinators: int
    organisations: int
    #: request status value -> count, in the order of :class:`RequestStatus`
    requests_by_status: Mapping[str, int]
    #: exchange state value -> count, in the order of :class:`ExchangeState`
    exchanges_by_state: Mapping[str, int]
    offers: int
    offer_exchanges: int
    confirmed_exchanges: int
    given_minutes: int
    top_helpers: tuple[HelperBalance, ...]
    solidarity_minutes: int
    solidarity_recipients: tuple[str, ...]
    newcomer: str
    newcomer_received_minutes: int
    balance_checksum: int
    commitments: tuple[CommitmentReport, ...]
    senior: str
    coordinator: str
    on_behalf_requests: int
    recurring_occurrences: int
    recurring_confirmed: int
    recurring_status: str
    paused_helper: str | None
    pause_replacement: str | None
    dispute: DisputeReport | None
    event_needed: int
    event_filled: int
    event_status: str | None
    cancelled: int
    replaced: int
    #: (titles by language, count) per kind of recognition, most frequent first
    recognitions: tuple[tuple[Mapping[str, str], int], ...]
    seed: int | None = None


# --- the weeks ----------------------------------------------------------------------

_PICK_WEIGHTS = (0.5, 0.22, 0.13, 0.09, 0.06)


@attrs.define
class _Story:
    """What the simulation remembers for the summary."""

    on_behalf: int = 0
    recurring: HelpRequest | None = None
    recurring_occurrences: int = 0
    commitment: Commitment | None = None
    paused_helper: str | None = None
    pause_replacement: str | None = None
    dispute_week: int = 0
    dispute_planned: bool = False
    dispute: DisputeReport | None = None
    event: HelpRequest | None = None
    event_filled: int = 0
    cancelled: int = 0
    replaced: int = 0


class _Simulation:
    """Weeks of a community, as a queue of timed actions on the simulated clock."""

    def __init__(
        self,
        service: CommunityService,
        cast: Cast,
        rng: random.Random,
        clock: SimClock,
        weeks: int,
    ) -> None:
        self.c = service
        self.cast = cast
        self.rng = rng
        self.clock = clock
        self.weeks = weeks
        self.start = clock.now
        self.queue: list[tuple[datetime, int, Callable[[], None]]] = []
        self.seq = 0
        self.helper_ids = {h.id for h in cast.helpers}
        self.away: set[uuid.UUID] = set()
        self.offers: list[HelpOffer] = []
        self.story = _Story(dispute_week=min(1, weeks - 1))
        self.pause_week = weeks // 2 if weeks >= 3 else None

    # -- the queue ------------------------------------------------------------------

    def at(self, when: datetime, action: Callable[[], None]) -> None:
        self.seq += 1
        heapq.heappush(self.queue, (when, self.seq, action))

    def run_until(self, limit: datetime | None) -> None:
        while self.queue and (limit is None or self.queue[0][0] < limit):
            when, _, action = heapq.heappop(self.queue)
            self.clock.advance_to(when)
            action()

    def run(self) -> None:
        for week in range(self.weeks):
            monday = self.start + timedelta(weeks=week)
            self.at(monday, partial(self.week_setup, week))
            self.at(monday + timedelta(hours=1), partial(self.use_offers, week))
            for i in range(self.rng.randint(9, 13)):
                self.at(monday + timedelta(hours=2, minutes=15 * i), self.post)
            self.at(monday + timedelta(days=6, hours=15), self.expire)
            self.run_until(monday + timedelta(weeks=1))
        self.run_until(None)
        self.clock.advance_to(self.start + timedelta(weeks=self.weeks, hours=1))
        self.c.expire_requests()

    # -- the actions ----------------------------------------------------------------

    def week_setup(self, week: int) -> None:
        cast, c = self.cast, self.c
        monday = self.clock.now
        if week == 0:
            self.make_commitments()
            self.post_offers(monday)
            first = datetime.combine(monday.date() + timedelta(days=1), time(10), TZ)
            last_day = (self.start + timedelta(weeks=self.weeks, days=-1)).date()
            self.story.recurring = c.post_request(
                cast.senior.id,
                "shopping",
                cast.places["Mehren"].id,
                TimeWindow(first, first + timedelta(hours=1, minutes=30)),
                1.5,
                by=cast.coordinator.id,
                title="Wocheneinkauf",
                recurrence=Recurrence(Frequency.WEEKLY, until=last_day),
            )
            self.story.on_behalf += 1
        if week == self.story.dispute_week:
            self.post_event(monday)
        commitment = self.story.commitment
        if commitment is not None and week == self.pause_week:
            c.pause_commitment(commitment.id, by=cast.regular_helper.id)
            self.away.add(cast.regular_helper.id)
            self.story.paused_helper = cast.regular_helper.name
        elif commitment is not None and self.pause_week is not None and week == self.pause_week + 1:
            c.resume_commitment(commitment.id, by=cast.regular_helper.id)
            self.away.discard(cast.regular_helper.id)
        self.recurring_occurrence(week)

    def make_commitments(self) -> None:
        cast, c = self.cast, self.c
        near = _places_near(cast, cast.places["Mehren"], 5)
        self.story.commitment = c.make_commitment(
            cast.regular_helper.id,
            2,
            Period.WEEK,
            categories=("shopping", "rides"),
            place_ids=near,
        )
        for helper in self.rng.sample(cast.helpers[1:], 7):
            home = next(p for p in cast.places.values() if p.id == helper.home_place_id)
            near = _places_near(cast, home, 8)
            c.make_commitment(
                helper.id,
                self.rng.choice((1, 1.5, 2, 3)),
                Period.WEEK,
                categories=sorted(helper.skills),
                place_ids=near,
            )

    def post_offers(self, monday: datetime) -> None:
        cast, c = self.cast, self.c
        plans = (
            ("tech_help", ("Daun",), 1, 14, 2, "Smartphone-Sprechstunde im Bürgerbüro"),
            (
                "rides",
                ("Gillenfeld", "Strohn", "Mückeln", "Saxler"),
                3,
                9,
                2,
                "Fahrten zum Arzt nach Daun",
            ),
            ("garden", ("Üdersdorf", "Wallenborn", "Niederstadtfeld"), 5, 10, 2, "Gartenhilfe"),
        )
        used: set[uuid.UUID] = {cast.regular_helper.id}
        for category, where, day, hour, hours, title in plans:
            helper = self._helper_for_offer(category, used)
            if helper is None:
                continue
            used.add(helper.id)
            start = datetime.combine(monday.date() + timedelta(days=day), time(hour), TZ)
            self.offers.append(
                c.offer_help(
                    helper.id,
                    category,
                    [cast.places[p].id for p in where],
                    TimeWindow(start, start + timedelta(hours=hours)),
                    hours,
                    recurrence=Recurrence(Frequency.WEEKLY),
                    title=title,
                )
            )

    def _helper_for_offer(self, category: str, used: set[uuid.UUID]) -> Actor | None:
        # the offer is only posted by someone who holds the category's qualifications
        required = {c.code: c.required_qualifications for c in self.c.categories()}.get(
            category, frozenset()
        )
        fitting = [
            h
            for h in self.cast.helpers
            if h.id not in used
            and not h.qualified_for(required, self.clock.now.date())
            and category in h.skills
        ]
        return self.rng.choice(fitting) if fitting else None

    def use_offers(self, week: int) -> None:
        cast = self.cast
        people = [*cast.recipients, cast.newcomer, *cast.helpers]
        for offer in self.offers:
            # people from the offer's places use it (the exchange happens at their home)
            nearby = [
                p for p in people if p.home_place_id in offer.place_ids and p.id != offer.helper_id
            ]
            if not nearby or self.rng.random() >= 0.7:
                continue
            recipient = self.rng.choice(nearby)
            scheduled = offer.window.start + timedelta(weeks=week)
            proposed = self.c.propose(offer_id=offer.id, by=recipient.id, scheduled=scheduled)
            accepted = self.c.accept(proposed.id, by=offer.helper_id)
            self.plan(accepted, may_fail=True)

    def recurring_occurrence(self, week: int) -> None:
        cast, c = self.cast, self.c
        request = self.story.recurring
        if request is None:
            return
        occurrence = request.window.start + timedelta(weeks=week)
        self.story.recurring_occurrences += 1
        helper = cast.regular_helper
        if helper.id in self.away:
            replacement = self.candidates(request)
            if not replacement:
                return
            self.story.pause_replacement = replacement[0].name
            proposed = c.propose(
                request_id=request.id,
                by=cast.coordinator.id,
                helper_id=replacement[0].id,
                scheduled=occurrence,
            )
            accepted = c.accept(proposed.id, by=replacement[0].id)
        else:
            proposed = c.propose(request_id=request.id, by=helper.id, scheduled=occurrence)
            accepted = c.accept(proposed.id, by=cast.coordinator.id)  # for Gertrud
        self.plan(accepted, may_fail=False)

    def post_event(self, monday: datetime) -> None:
        cast, c = self.cast, self.c
        start = datetime.combine(monday.date() + timedelta(days=5), time(14), TZ)
        event = c.post_request(
            cast.association.id,
            "events",
            cast.places["Mehren"].id,
            TimeWindow(start, start + timedelta(hours=3)),
            3,
            helpers_needed=3,
            by=cast.coordinator.id,
            title="Seniorennachmittag im Bürgerhaus Mehren",
        )
        self.story.event = event
        for helper in self.candidates(event)[:3]:
            proposed = c.propose(request_id=event.id, by=helper.id)
            accepted = c.accept(proposed.id, by=cast.coordinator.id)
            self.story.event_filled += 1
            self.plan(accepted, may_fail=False)

    def post(self) -> None:
        cast, c, rng = self.cast, self.c, self.rng
        draw = rng.random()
        if draw < 0.62:
            recipient = rng.choice(cast.recipients)
        elif draw < 0.82:
            recipient = rng.choice(cast.helpers)
        elif draw < 0.92:
            recipient = cast.newcomer
        else:
            recipient = cast.senior
        category = rng.choice(cast.needs[recipient.id])
        day = self.clock.now.date() + timedelta(days=rng.randint(1, 6))
        start = datetime.combine(day, time(rng.choice((9, 10, 11, 14, 15, 16, 17))), TZ)
        hours = rng.choice((1, 1, 1.5, 1.5, 2, 2.5, 3))
        on_behalf = recipient.id == cast.senior.id
        by = cast.coordinator.id if on_behalf else recipient.id
        assert recipient.home_place_id is not None
        request = c.post_request(
            recipient.id,
            category,
            recipient.home_place_id,
            TimeWindow(start, start + timedelta(hours=hours)),
            hours,
            by=by,
            urgent=rng.random() < 0.1,
        )
        self.story.on_behalf += int(on_behalf)
        if rng.random() < 0.03:
            self.at(
                self.clock.now + timedelta(hours=2),
                lambda: self._withdraw(request.id, by),
            )
            return
        self.match(request, by_coordinator=on_behalf or rng.random() < 0.15)

    def _withdraw(self, request_id: uuid.UUID, by: uuid.UUID) -> None:
        self.c.withdraw_request(request_id, by=by, reason="hat sich erledigt")

    def match(self, request: HelpRequest, *, by_coordinator: bool) -> None:
        c, rng = self.c, self.rng
        candidates = self.candidates(request)
        if not candidates or rng.random() < 0.06:
            return  # nobody found: the request stays open and expires
        if by_coordinator:
            coordinator = (
                self.cast.coordinator
                if request.recipient_id == self.cast.senior.id
                else rng.choice((self.cast.coordinator, self.cast.staff))
            )
            for helper in candidates[:3]:
                proposed = c.propose(request_id=request.id, by=coordinator.id, helper_id=helper.id)
                if rng.random() < 0.2:
                    c.decline(proposed.id, by=helper.id, reason="keine Zeit")
                    continue
                self.plan(c.accept(proposed.id, by=helper.id), may_fail=True)
                return
            return
        helper = rng.choices(candidates, weights=_PICK_WEIGHTS[: len(candidates)])[0]
        proposed = c.propose(request_id=request.id, by=helper.id)
        self.plan(c.accept(proposed.id, by=request.recipient_id), may_fail=True)

    def candidates(self, request: HelpRequest, limit: int = 5) -> list[Actor]:
        """The best volunteers for ``request`` by ``candidates_for``, minus those away."""
        available = self.helper_ids - self.away
        found = self.c.candidates_for(request.id, limit=20)
        return [x.actor for x in found if x.actor.id in available][:limit]

    def confirmer(self, exchange: Exchange) -> uuid.UUID:
        """Who confirms for the recipient: a coordinator for the senior and the association."""
        if exchange.recipient_id in (self.cast.senior.id, self.cast.association.id):
            return self.cast.coordinator.id
        return exchange.recipient_id

    def plan(self, exchange: Exchange, *, may_fail: bool) -> None:
        """Decide what becomes of an accepted exchange and put it in the queue."""
        rng = self.rng
        end = exchange.scheduled + timedelta(minutes=exchange.minutes)
        story = self.story
        regular = exchange.recipient_id in {r.id for r in self.cast.recipients}
        week = (exchange.scheduled - self.start).days // 7
        if (
            not story.dispute_planned
            and may_fail
            and regular
            and exchange.request_id is not None
            and week >= story.dispute_week
        ):
            story.dispute_planned = True
            self.at(end, lambda: self._disputed(exchange))
            return
        draw = rng.random() if may_fail else 1.0
        if draw < 0.05:
            when = max(
                self.clock.now + timedelta(minutes=5), exchange.scheduled - timedelta(hours=10)
            )
            self.at(when, lambda: self._cancelled(exchange))
        elif draw < 0.08:
            self.at(exchange.scheduled + timedelta(minutes=30), lambda: self._no_show(exchange))
        else:
            hours = None
            if rng.random() < 0.2:
                hours = max(0.5, exchange.minutes / 60 + rng.choice((-0.5, 0.5, 1.0)))
            self.at(end, lambda: self._completed(exchange, hours))

    def _completed(self, exchange: Exchange, hours: float | None) -> None:
        self.c.complete(exchange.id, by=exchange.helper_id, hours=hours)
        later = self.clock.now + timedelta(hours=self.rng.randint(1, 20))
        self.at(later, lambda: self._confirmed(exchange))

    def _confirmed(self, exchange: Exchange) -> None:
        self.c.confirm(exchange.id, by=self.confirmer(exchange))

    def _no_show(self, exchange: Exchange) -> None:
        if self.rng.random() < 0.5:
            self.c.no_show(exchange.id, by=exchange.helper_id, reason="niemand hat geöffnet")
        else:
            self.c.no_show(exchange.id, by=self.confirmer(exchange), reason="niemand kam")

    def _cancelled(self, exchange: Exchange) -> None:
        c = self.c
        c.cancel(exchange.id, by=exchange.helper_id, reason=self.rng.choice(_CANCEL_REASONS))
        self.story.cancelled += 1
        if exchange.request_id is None:
            return
        request = c.request(exchange.request_id)
        if request.status is not RequestStatus.OPEN:
            return
        candidates = [a for a in self.candidates(request) if a.id != exchange.helper_id]
        if not candidates:
            return
        proposed = c.propose(
            request_id=request.id,
            by=self.cast.staff.id,
            helper_id=candidates[0].id,
            scheduled=exchange.scheduled,
        )
        self.story.replaced += 1
        self.plan(c.accept(proposed.id, by=candidates[0].id), may_fail=False)

    def _disputed(self, exchange: Exchange) -> None:
        c, cast = self.c, self.cast
        planned = exchange.minutes / 60
        claimed = planned + 1.5
        c.complete(exchange.id, by=exchange.helper_id, hours=claimed)
        planned_text = format_number(planned, "de", 1)

        def dispute() -> None:
            c.dispute(
                exchange.id,
                by=exchange.recipient_id,
                reason=f"Es waren nur {planned_text} Stunden",
            )
            self.at(self.clock.now + timedelta(days=1), resolve)

        def resolve() -> None:
            resolved = c.resolve(
                exchange.id,
                by=cast.coordinator.id,
                hours=planned,
                reason=f"Nach Rücksprache mit beiden: {planned_text} Stunden",
            )
            self.story.dispute = DisputeReport(
                helper=c.actor(exchange.helper_id).name,
                recipient=c.actor(exchange.recipient_id).name,
                coordinator=cast.coordinator.name,
                claimed_minutes=round(claimed * 60),
                resolved_minutes=resolved.minutes,
            )

        self.at(self.clock.now + timedelta(hours=20), dispute)

    def expire(self) -> None:
        self.c.expire_requests()

    # -- the summary ----------------------------------------------------------------

    def summary(self) -> DemoSummary:
        c, cast, story = self.c, self.cast, self.story
        last_day = (self.start + timedelta(weeks=self.weeks, days=-1)).date()
        info = c.info()
        records = load_places()
        actors = c.actors()
        persons = [a for a in actors if a.kind is ActorKind.PERSON]
        requests = c.requests()
        exchanges = c.exchanges()
        request_counts = Counter(r.status for r in requests)
        state_counts = Counter(e.state for e in exchanges)
        counted = [
            e
            for e in exchanges
            if e.state in (ExchangeState.CONFIRMED, ExchangeState.RESOLVED) and e.minutes > 0
        ]
        balances = {a.id: c.balance(a.id).minutes for a in actors}
        solidarity = c.balance(info.solidarity_account).minutes
        top = sorted(
            (
                HelperBalance(h.name, cast.place_name(h.home_place_id), balances[h.id])
                for h in cast.helpers
            ),
            key=lambda b: (-b.minutes, b.name),
        )[:5]
        reports = []
        for commitment in c.commitments():
            actor = c.actor(commitment.actor_id)
            kept = c.fulfilment(commitment.id, today=last_day)
            reports.append(
                CommitmentReport(
                    name=actor.name,
                    place=cast.place_name(actor.home_place_id),
                    minutes_per_period=commitment.minutes_per_period,
                    target_minutes=kept.target_minutes,
                    given_minutes=kept.given_minutes,
                    periods=len(kept.periods),
                    periods_kept=kept.periods_kept,
                    periods_paused=sum(1 for p in kept.periods if p.target_minutes == 0),
                )
            )
        recurring = story.recurring
        recurring_confirmed = 0
        recurring_status = "-"
        if recurring is not None:
            recurring_confirmed = sum(
                1
                for e in c.exchanges(request_id=recurring.id)
                if e.state in (ExchangeState.CONFIRMED, ExchangeState.RESOLVED)
            )
            recurring_status = c.request(recurring.id).status.value
        event = story.event
        recognitions: dict[str, tuple[Mapping[str, str], int]] = {}
        for recognition in c.recognitions():
            titles, count = recognitions.get(recognition.code, (recognition.titles, 0))
            recognitions[recognition.code] = (titles, count + 1)
        newcomer_received = sum(e.minutes for e in counted if e.recipient_id == cast.newcomer.id)
        return DemoSummary(
            community=info.name,
            start=self.start.date(),
            weeks=self.weeks,
            places=len(c.places()),
            towns=sum(1 for r in records if r.kind is PlaceKind.TOWN),
            villages=sum(1 for r in records if r.kind is PlaceKind.VILLAGE),
            population=sum(r.population for r in records),
            people=len(persons),
            helpers=len(cast.helpers),
            coordinators=sum(1 for p in persons if c.is_coordinator(p.id)),
            organisations=len(actors) - len(persons),
            requests_by_status={
                s.value: request_counts[s] for s in RequestStatus if request_counts[s]
            },
            exchanges_by_state={s.value: state_counts[s] for s in ExchangeState if state_counts[s]},
            offers=len(c.offers(statuses=None)),
            offer_exchanges=sum(1 for e in exchanges if e.offer_id is not None),
            confirmed_exchanges=len(counted),
            given_minutes=sum(e.minutes for e in counted),
            top_helpers=tuple(top),
            solidarity_minutes=solidarity,
            solidarity_recipients=tuple(sorted(a.name for a in persons if a.receives_solidarity)),
            newcomer=cast.newcomer.name,
            newcomer_received_minutes=newcomer_received,
            balance_checksum=sum(balances.values()) + solidarity,
            commitments=tuple(sorted(reports, key=lambda r: r.name)),
            senior=cast.senior.name,
            coordinator=cast.coordinator.name,
            on_behalf_requests=story.on_behalf,
            recurring_occurrences=story.recurring_occurrences,
            recurring_confirmed=recurring_confirmed,
            recurring_status=recurring_status,
            paused_helper=story.paused_helper,
            pause_replacement=story.pause_replacement,
            dispute=story.dispute,
            event_needed=event.helpers_needed if event is not None else 0,
            event_filled=story.event_filled,
            event_status=c.request(event.id).status.value if event is not None else None,
            cancelled=story.cancelled,
            replaced=story.replaced,
            recognitions=tuple(
                recognitions[code]
                for code in sorted(recognitions, key=lambda k: (-recognitions[k][1], k))
            ),
        )


def play(
    service: CommunityService,
    weeks: int,
    rng: random.Random,
    clock: SimClock,
    cast: Cast | None = None,
) -> DemoSummary:
    """Play ``weeks`` weeks in the community ``cast`` (built by :func:`build_daun` if None).

    ``clock`` must be the clock the platform of ``service`` was opened with; it is
    moved on as the weeks pass, starting from its current time (a Monday morning, best).
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidValue(
            "weeks",
            f"{weeks} is not between 1 and {MAX_WEEKS}",
            f"{weeks} liegt nicht zwischen 1 und {MAX_WEEKS}",
        )
    if cast is None:
        cast = build_daun(service, rng)
    simulation = _Simulation(service, cast, rng, clock, weeks)
    simulation.run()
    return simulation.summary()


def run_demo(
    weeks: int = DEFAULT_WEEKS,
    seed: int = DEFAULT_SEED,
    storage: str = "memory://",
    *,
    plugins: Iterable[object] = (),
    settings: Settings | None = None,
) -> DemoSummary:
    """Open a platform on ``storage``, build VG Daun and play ``weeks`` weeks of it."""
    import sorgende

    rng = random.Random(seed)
    clock = SimClock(START)
    with sorgende.open(storage, plugins=plugins, clock=clock, settings=settings) as platform:
        service = platform.create_community(COMMUNITY_NAME)
        cast = build_daun(service, rng)
        summary = play(service, weeks, rng, clock, cast)
    return attrs.evolve(summary, seed=seed)


# --- the report ---------------------------------------------------------------------


def _table(
    rows: Sequence[Sequence[str]], right: Iterable[int] = (), indent: str = "  "
) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right_set = set(right)
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right_set else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def _counts(prefix: str, counts: Mapping[str, int], lang: str) -> str:
    parts = ", ".join(
        translate("demo.count_label", lang, label=translate(f"{prefix}.{key}", lang), count=n)
        for key, n in counts.items()
    )
    return translate(
        "demo.total_by",
        lang,
        total=sum(counts.values()),
        parts=parts or translate("demo.none", lang),
    )


def report(summary: DemoSummary, lang: str = "de") -> str:
    """The demo's result as text for people, in German (``de``) or English (``en``)."""
    t, tn = translate, translate_count
    s = summary
    lines = [
        tn(
            "demo.title",
            s.weeks,
            lang,
            community=s.community,
            start=format_date(s.start, lang),
            seed=s.seed if s.seed is not None else "-",
        ),
        "",
        t("demo.overview", lang),
    ]
    overview = [
        (
            t("demo.places", lang),
            t(
                "demo.places_value",
                lang,
                places=s.places,
                towns=s.towns,
                villages=s.villages,
                population=format_number(s.population, lang),
            ),
        ),
        (
            t("demo.people", lang),
            t(
                "demo.people_value",
                lang,
                people=s.people,
                helpers=s.helpers,
                coordinators=s.coordinators,
                organisations=s.organisations,
            ),
        ),
        (t("demo.requests", lang), _counts("request", s.requests_by_status, lang)),
        (t("demo.offers", lang), tn("demo.offers_value", s.offer_exchanges, lang, offers=s.offers)),
        (t("demo.exchanges", lang), _counts("exchange", s.exchanges_by_state, lang)),
        (
            t("demo.hours_given", lang),
            tn(
                "demo.hours_given_value",
                s.confirmed_exchanges,
                lang,
                hours=format_hours(s.given_minutes, lang),
            ),
        ),
    ]
    lines += _table([list(row) for row in overview])

    lines += ["", t("demo.balances", lang)]
    rows = [[t("demo.col.name", lang), t("demo.col.place", lang), t("demo.col.balance", lang)]]
    rows += [[b.name, b.place, format_hours(b.minutes, lang, signed=True)] for b in s.top_helpers]
    rows.append(
        [
            t("demo.solidarity", lang),
            "",
            format_hours(s.solidarity_minutes, lang, signed=True),
        ]
    )
    lines += _table(rows, right=(2,))
    if s.solidarity_recipients:
        names = ", ".join(s.solidarity_recipients)
        lines.append("  " + t("demo.solidarity_note", lang, names=names))
    lines.append("  " + t("demo.checksum", lang, hours=format_hours(s.balance_checksum, lang)))

    lines += ["", t("demo.commitments", lang)]
    if s.commitments:
        rows = [
            [
                t("demo.col.name", lang),
                t("demo.col.place", lang),
                t("demo.col.per_week", lang),
                t("demo.col.target", lang),
                t("demo.col.given", lang),
                t("demo.col.kept", lang),
            ]
        ]
        for r in s.commitments:
            # a paused week has no target: count the weeks that had one
            active = r.periods - r.periods_paused
            kept = r.periods_kept
            key = "demo.kept_paused" if r.periods_paused else "demo.kept_value"
            rows.append(
                [
                    r.name,
                    r.place,
                    format_hours(r.minutes_per_period, lang),
                    format_hours(r.target_minutes, lang),
                    format_hours(r.given_minutes, lang),
                    t(key, lang, kept=kept, periods=active, paused=r.periods_paused),
                ]
            )
        lines += _table(rows, right=(2, 3, 4))
    else:
        lines.append("  " + t("demo.no_commitments", lang))

    lines += ["", t("demo.stories", lang)]
    stories = [
        tn(
            "demo.on_behalf", s.on_behalf_requests, lang, senior=s.senior, coordinator=s.coordinator
        ),
        t(
            "demo.recurring",
            lang,
            senior=s.senior,
            confirmed=s.recurring_confirmed,
            occurrences=s.recurring_occurrences,
            status=t(f"request.{s.recurring_status}", lang),
        ),
    ]
    if s.paused_helper is not None:
        if s.pause_replacement is not None:
            stories.append(
                t("demo.paused", lang, helper=s.paused_helper, replacement=s.pause_replacement)
            )
        else:
            stories.append(t("demo.paused_nobody", lang, helper=s.paused_helper))
    stories.append(
        t(
            "demo.solidarity_story",
            lang,
            name=s.newcomer,
            hours=format_hours(s.newcomer_received_minutes, lang),
        )
    )
    if s.dispute is not None:
        d = s.dispute
        stories.append(
            t(
                "demo.dispute",
                lang,
                helper=d.helper,
                recipient=d.recipient,
                coordinator=d.coordinator,
                claimed=format_hours(d.claimed_minutes, lang),
                resolved=format_hours(d.resolved_minutes, lang),
            )
        )
    if s.event_status is not None:
        stories.append(
            t(
                "demo.event",
                lang,
                title=t("demo.event_title", lang),
                filled=s.event_filled,
                needed=s.event_needed,
                status=t(f"request.{s.event_status}", lang),
            )
        )
    stories.append(tn("demo.replacements", s.cancelled, lang, replaced=s.replaced))
    parts = ", ".join(
        t(
            "demo.recognition_part",
            lang,
            count=count,
            title=titles.get(lang) or titles.get("en") or "?",
        )
        for titles, count in s.recognitions
    ) or t("demo.none", lang)
    stories.append(t("demo.recognitions", lang, parts=parts))
    lines += ["  " + story for story in stories]
    return "\n".join(lines)
