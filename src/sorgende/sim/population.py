"""The simulated population, built from places and the configuration's shares.

Each place gets ``round(population * scale)`` residents. Each resident draws an age
band (by the bands' shares) and an age within it; whether they need care (the band's
care rate); whether they ask through the platform (people in need of care at home,
and a share of the others aged 15+); whether they help through it (the band's
volunteering rate, which is of the whole band: people in need of care do not volunteer,
the others at rate / (1 - care); times the platform share); and, if
so, their weekly hours, skills, qualifications and how far they go. Every draw comes
from one random generator, in a fixed order, so a seed gives the same people.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from sorgende.data import HELPER_SKILLS, PlaceRecord, load_places, parse_places
from sorgende.domain.actors import QualificationKind
from sorgende.domain.community import haversine_km
from sorgende.errors import ConfigError, InvalidValue, Message
from sorgende.sim.agents import HelperState, Resident
from sorgende.sim.config import PopulationConfig, SimConfig

DRIVING = QualificationKind.DRIVING_LICENCE.value
POLICE = QualificationKind.POLICE_CERTIFICATE_EXTENDED.value
#: the youngest age at which residents ask through the platform on their own
OTHER_MIN_AGE = 15
#: parents' ages (they ask for childcare and tutoring)
FAMILY_AGES = range(25, 50)
#: the youngest age for a driving licence
LICENCE_AGE = 18


@attrs.frozen
class SimPlace:
    """A place of the simulated community, with its simulated number of residents."""

    index: int
    name: str
    record: PlaceRecord
    residents: int


def place_records(config: PopulationConfig) -> list[PlaceRecord]:
    """The places to simulate: VG Daun (or ``places_csv``), limited to ``places`` if given."""
    if config.places_csv:
        path = Path(config.places_csv)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(
                source=str(path),
                problem=Message("sim.problem.population.cannot_read_places", exc=exc),
            ) from exc
        records = parse_places(text, source=str(path))
    else:
        records = load_places()
    if config.places:
        known = {r.name for r in records}
        unknown = [name for name in config.places if name not in known]
        if unknown:
            raise InvalidValue(
                "population.places",
                Message("sim.problem.population.unknown_places", unknown=", ".join(unknown)),
            )
        wanted = set(config.places)
        records = [r for r in records if r.name in wanted]
    return records


def sim_places(config: PopulationConfig) -> list[SimPlace]:
    return [
        SimPlace(index, record.name, record, round(record.population * config.scale))
        for index, record in enumerate(place_records(config))
    ]


def distances(places: Sequence[SimPlace]) -> list[list[float]]:
    """Great-circle distances between the places in km (0 where coordinates are missing)."""
    return [
        [
            haversine_km(a.record.lat, a.record.lon, b.record.lat, b.record.lon)
            if a.index != b.index
            else 0.0
            for b in places
        ]
        for a in places
    ]


def _pick(rng: random.Random, cumulative: Sequence[float]) -> int:
    """An index drawn with the weights whose running sums are ``cumulative``."""
    u = rng.random() * cumulative[-1]
    for index, bound in enumerate(cumulative):
        if u < bound:
            return index
    return len(cumulative) - 1


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    if total <= 0:
        raise InvalidValue("share", Message("sim.problem.population.shares_sum"))
    return out


def build_population(
    model: Any,
    config: SimConfig,
    places: Sequence[SimPlace],
    requirements: Mapping[str, frozenset[str]],
    rng: random.Random,
) -> list[Resident]:
    """The residents of ``places``, their helpers' states included.

    ``requirements`` are the qualifications each category of the community needs (a
    helper with a skill that needs a police certificate may hold one).
    """
    pop = config.population
    if pop.skills_max < pop.skills_min:
        raise InvalidValue(
            "population.skills_max",
            Message(
                "sim.problem.population.less_than_skills_min",
                skills_max=pop.skills_max,
                skills_min=pop.skills_min,
            ),
        )
    bands = pop.age_bands
    band_cumulative = _cumulative([b.share for b in bands])
    hours_cumulative = _cumulative([h.share for h in pop.weekly_hours])
    skills_pool = [s for s in HELPER_SKILLS if s in requirements]
    police_skills = {s for s in skills_pool if POLICE in requirements[s]}
    residents: list[Resident] = []
    # common random numbers: who a person is (age, care, willingness to volunteer) comes
    # from ``rng`` with the same number of draws per person whatever the shares; whether
    # they use the platform from ``joins``; a volunteer's traits from ``traits``. So a
    # grid over a platform share keeps the same people and only adds or removes users
    # (a larger share keeps every user of a smaller one), and a behaviour's parameters
    # change nobody.
    if model is not None:
        joins, traits = model.stream("population.platform"), model.stream("population.helpers")
    else:
        joins, traits = random.Random(rng.getrandbits(64)), random.Random(rng.getrandbits(64))
    # a band's volunteering rate is of all its people; those not in need of care carry it
    volunteering = {
        band: min(1.0, band.volunteer / (1.0 - band.care)) if band.care < 1 else 0.0
        for band in bands
    }
    for place in places:
        for _ in range(place.residents):
            band = bands[_pick(rng, band_cumulative)]
            age = rng.randrange(band.low, band.high)
            u_care, u_home, u_solidarity, u_volunteer = (
                rng.random(),
                rng.random(),
                rng.random(),
                rng.random(),
            )
            u_care_join, u_other_join, u_volunteer_join = (
                joins.random(),
                joins.random(),
                joins.random(),
            )
            needs_care = u_care < band.care
            at_home = needs_care and u_home < pop.care_at_home
            if needs_care:
                group = "care" if at_home and u_care_join < pop.care_platform_share else "none"
            elif age >= OTHER_MIN_AGE and u_other_join < pop.other_platform_share:
                group = "other"
            else:
                group = "none"
            solidarity = needs_care and u_solidarity < pop.solidarity_share
            resident = Resident(
                model, len(residents), place.index, age, needs_care, group, solidarity
            )
            # what the person would ask for if they used the platform (the demand's draws)
            if at_home:
                resident.latent_group = "care"
            elif not needs_care and age >= OTHER_MIN_AGE:
                resident.latent_group = "other"
            else:
                resident.latent_group = "none"
            if not needs_care and u_volunteer < volunteering[band]:
                resident.volunteers = True
                helper = _helper(config, traits, age, skills_pool, police_skills, hours_cumulative)
                if u_volunteer_join < pop.volunteer_platform_share:
                    resident.helper = helper
                else:
                    resident.reserve = helper
            residents.append(resident)
    return residents


def _helper(
    config: SimConfig,
    rng: random.Random,
    age: int,
    skills_pool: Sequence[str],
    police_skills: set[str],
    hours_cumulative: Sequence[float],
) -> HelperState:
    pop = config.population
    band = pop.weekly_hours[_pick(rng, hours_cumulative)]
    # half hours: what people say when asked how much time they give
    hours = math.floor(rng.uniform(band.low, band.high) * 2 + 0.5) / 2
    count = min(len(skills_pool), rng.randint(pop.skills_min, pop.skills_max))
    skills = tuple(sorted(rng.sample(list(skills_pool), count)))
    qualifications = set()
    licence = age >= LICENCE_AGE and rng.random() < pop.driving_licence
    if licence:
        qualifications.add(DRIVING)
    if police_skills.intersection(skills) and rng.random() < pop.police_certificate:
        qualifications.add(POLICE)
    return HelperState(
        capacity_minutes=round(hours * 60),
        skills=skills,
        qualifications=frozenset(qualifications),
        radius_km=pop.radius_km_car if licence else pop.radius_km_foot,
        base_accept=config.helping.accept_probability,
    )
