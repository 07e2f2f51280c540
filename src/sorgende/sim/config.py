"""Every parameter of a simulation, in one typed attrs tree with documented defaults.

:class:`SimConfig` holds the run (scenario, days, seed) and one section per concern:
:class:`PopulationConfig` (who lives where, who needs help, who helps),
:class:`NeedsConfig` (how often and what people ask for), :class:`HelpingConfig`
(how helpers answer), :class:`CommitmentsConfig` (self-commitments and motivation),
:class:`OffersConfig` (standing offers of help), and one section per built-in
scenario. Override in Python with ``attrs.evolve`` or :func:`with_overrides` (dotted
paths), or read a TOML file with :func:`load_config`; the file's top-level keys and
tables are the fields below.

Defaults are grounded in published German figures where such exist; ``docs/simulation.md``
names the source of each, and says which defaults are assumptions.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from sorgende.data import FAMILY_NEEDS, MUTUAL_NEEDS, SENIOR_NEEDS
from sorgende.errors import ConfigError, InvalidValue, MalformedData, Message

#: the longest simulation (ten years of daily steps)
MAX_DAYS = 3650


def _share(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise InvalidValue(
            attribute.name,
            Message("sim.problem.config.share_between", value=value),
        )


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if value < 0:
        raise InvalidValue(attribute.name, Message("sim.problem.config.negative", value=value))


def _positive(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if value <= 0:
        raise InvalidValue(attribute.name, Message("sim.problem.config.more_than", value=value))


# --- the population -----------------------------------------------------------------


@attrs.frozen
class AgeBand:
    """An age group: its share of the population, of people in need of care, of volunteers."""

    #: the youngest age in the band
    low: int = attrs.field(validator=_non_negative)
    #: the first age above the band
    high: int
    #: share of the whole population in this band (all bands are scaled to sum to 1)
    share: float = attrs.field(validator=_share)
    #: share of the band in need of long-term care (Pflegequote)
    care: float = attrs.field(validator=_share)
    #: share of the band that volunteers in any field (Engagementquote)
    volunteer: float = attrs.field(validator=_share)

    def __attrs_post_init__(self) -> None:
        if self.high <= self.low:
            raise InvalidValue(
                "high",
                Message("sim.problem.config.band_ends_at_before", high=self.high, low=self.low),
            )


#: Germany. Population shares: Destatis (end of 2020/2021: under 15 14 %, under 60
#: 70.9 %, 80 and over 7.1 %); the 75-84, 85-89 and 90+ shares follow from the
#: Pflegestatistik 2021 table (people in need of care divided by the rate); the bands
#: split at 14 and 65 share their group's figure by years (ages are uniform in a band).
#: Care rates: Pflegestatistik 2021 (GBE-Bund: under 75 2.3 %, 75-84 23.9 %, 85-89
#: 54.1 %, 90+ 81.6 %). Volunteering (a band's rate is of everybody in it; people in
#: need of care do not volunteer, so the others of the band do at rate / (1 - care)):
#: Freiwilligensurvey 2019, 39.7 % of people aged 14+ and 31.2 % of those 65+. Within
#: 65+ the rate is assumed to fall with age as 1 : 3/4 : 1/4 : 0 (65-74, 75-84, 85-89,
#: 90+; the survey reports no such split we could check), scaled so that 65+ gives
#: 31.2 %; 14-64 then gives 42.8 % so that 14+ gives 39.7 %.
DEFAULT_AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand(0, 14, 0.1307, 0.023, 0.0),
    AgeBand(14, 15, 0.0093, 0.023, 0.428),
    AgeBand(15, 60, 0.569, 0.023, 0.428),
    AgeBand(60, 65, 0.0597, 0.023, 0.428),
    AgeBand(65, 75, 0.1193, 0.023, 0.389),
    AgeBand(75, 85, 0.080, 0.239, 0.292),
    AgeBand(85, 90, 0.021, 0.541, 0.097),
    AgeBand(90, 100, 0.010, 0.816, 0.0),
)


@attrs.frozen
class HoursBand:
    """How many hours a week a share of the volunteers give."""

    low: float = attrs.field(validator=_positive)
    high: float = attrs.field(validator=_positive)
    share: float = attrs.field(validator=_share)


#: Freiwilligensurvey 2019, chapter 6: 60.0 % of volunteers give up to 2 hours a week,
#: 17.1 % six hours or more, the rest (22.9 %) 3 to 5 hours. The upper end (10 h) and
#: the lower end (1 h) are assumptions.
DEFAULT_WEEKLY_HOURS: tuple[HoursBand, ...] = (
    HoursBand(1.0, 2.0, 0.600),
    HoursBand(3.0, 5.0, 0.229),
    HoursBand(6.0, 10.0, 0.171),
)


@attrs.frozen
class PopulationConfig:
    """Who lives where, who needs help, who is willing to help and how much."""

    #: each place's population is multiplied by this (0.02 gives a village-sized model)
    scale: float = attrs.field(default=1.0, validator=_positive)
    #: only these places of the list (empty: all)
    places: tuple[str, ...] = ()
    #: a CSV file of other places, in the columns of ``sorgende/data/vg_daun_2021.csv``
    #: (empty: Verbandsgemeinde Daun, 38 places, 22,919 inhabitants on 31 Dec 2021)
    places_csv: str = ""
    age_bands: tuple[AgeBand, ...] = DEFAULT_AGE_BANDS
    #: share of people in need of care who live at home (Pflegestatistik 2021: 84 %)
    care_at_home: float = attrs.field(default=0.84, validator=_share)
    #: share of people in need of care at home who ask through the platform (assumption)
    care_platform_share: float = attrs.field(default=0.25, validator=_share)
    #: share of other residents aged 15+ who sometimes ask through it (assumption)
    other_platform_share: float = attrs.field(default=0.04, validator=_share)
    #: share of volunteers who help through the platform (assumption)
    volunteer_platform_share: float = attrs.field(default=0.10, validator=_share)
    weekly_hours: tuple[HoursBand, ...] = DEFAULT_WEEKLY_HOURS
    #: share of helpers with a driving licence (assumption)
    driving_licence: float = attrs.field(default=0.85, validator=_share)
    #: share of helpers with a care skill (visits, childcare, tutoring) who hold an
    #: extended police certificate (assumption)
    police_certificate: float = attrs.field(default=0.6, validator=_share)
    #: how far helpers with a licence go (km, assumption)
    radius_km_car: float = attrs.field(default=10.0, validator=_non_negative)
    #: how far helpers without one go (km, assumption: about their own village)
    radius_km_foot: float = attrs.field(default=2.0, validator=_non_negative)
    #: skills per helper, drawn between these (assumption)
    skills_min: int = attrs.field(default=2, validator=_positive)
    skills_max: int = attrs.field(default=4, validator=_positive)
    #: share of people in need of care whose received hours the solidarity account pays
    #: (assumption)
    solidarity_share: float = attrs.field(default=0.15, validator=_share)


# --- behaviour parameters -----------------------------------------------------------


def _default_hours() -> dict[str, float]:
    return {
        "shopping": 1.5,
        "rides": 2.0,
        "visits": 1.5,
        "garden": 2.0,
        "repairs": 1.5,
        "tech_help": 1.0,
        "childcare": 3.0,
        "tutoring": 1.5,
        "translation": 1.5,
        "paperwork": 1.5,
        "events": 3.0,
    }


@attrs.frozen
class NeedsConfig:
    """How often people ask for help, and for what (all assumptions, see the docs)."""

    #: requests per week of a person in need of care who uses the platform
    care_requests_per_week: float = attrs.field(default=0.5, validator=_non_negative)
    #: requests per year of another resident who uses the platform
    other_requests_per_year: float = attrs.field(default=6.0, validator=_non_negative)
    #: how much more people ask at the peak of the year than on average (0.15: +15 %)
    season_amplitude: float = attrs.field(default=0.15, validator=_share)
    #: day of the year of the peak (15: mid-January: ice, darkness, colds)
    season_peak_day: int = 15
    #: months in which garden help is asked for (no garden requests in winter)
    garden_months: tuple[int, ...] = (4, 5, 6, 7, 8, 9, 10)
    #: what people in need of care ask for (a category appears as often as it is asked)
    care_categories: tuple[str, ...] = SENIOR_NEEDS
    #: what parents (aged 25 to 49) ask for
    family_categories: tuple[str, ...] = FAMILY_NEEDS
    #: what other residents ask for
    other_categories: tuple[str, ...] = MUTUAL_NEEDS
    #: hours of help per request, by category (others: 1.5)
    hours: dict[str, float] = attrs.field(factory=_default_hours)
    #: share of requests wanted on the same day (urgent)
    urgent_share: float = attrs.field(default=0.1, validator=_share)
    #: other requests are for a day between these many days ahead
    lead_days_min: int = attrs.field(default=1, validator=_positive)
    lead_days_max: int = attrs.field(default=7, validator=_positive)


@attrs.frozen
class HelpingConfig:
    """How helpers answer requests (assumptions, calibrated to plausible shares)."""

    #: helpers who look at each open request per day
    views_per_day: int = attrs.field(default=3, validator=_non_negative)
    #: in addition, helpers whose self-commitment covers the request who look at it
    #: (committed helpers look for what they promised)
    committed_views_per_day: int = attrs.field(default=3, validator=_non_negative)
    #: probability that a motivated helper next door with free time says yes
    accept_probability: float = attrs.field(default=0.25, validator=_share)
    #: the probability halves at this distance (km), as the default distance score does
    half_distance_km: float = attrs.field(default=5.0, validator=_positive)
    #: factor for requests a helper's self-commitment covers, while the week's hours
    #: are not yet given
    commitment_bonus: float = attrs.field(default=2.0, validator=_non_negative)
    #: at most this many exchanges of one helper on one day
    max_exchanges_per_day: int = attrs.field(default=2, validator=_positive)
    #: share of accepted exchanges the helper cancels on the day (illness, car trouble)
    cancel_probability: float = attrs.field(default=0.02, validator=_share)
    #: share of accepted exchanges that do not take place (nobody came)
    no_show_probability: float = attrs.field(default=0.01, validator=_share)


@attrs.frozen
class CommitmentsConfig:
    """Self-commitments, and motivation that decays without recognition (assumptions)."""

    #: share of helpers who make a self-commitment at the start
    share: float = attrs.field(default=0.25, validator=_share)
    #: hours per week a commitment asks for (at most the helper's weekly hours)
    hours_per_week: float = attrs.field(default=2.0, validator=_positive)
    #: a commitment covers the helper's place and the places within this distance (km)
    radius_km: float = attrs.field(default=5.0, validator=_non_negative)
    #: motivation at the start, drawn between these
    motivation_min: float = attrs.field(default=0.5, validator=_share)
    motivation_max: float = attrs.field(default=1.0, validator=_share)
    #: share of motivation lost per week
    decay_per_week: float = attrs.field(default=0.02, validator=_share)
    #: motivation regained by a confirmed exchange (a thank-you)
    thanks_boost: float = attrs.field(default=0.02, validator=_share)
    #: motivation regained by a recognition the platform's rules award
    recognition_boost: float = attrs.field(default=0.15, validator=_share)
    #: below this motivation a helper stops helping (and ends a commitment)
    dropout_below: float = attrs.field(default=0.25, validator=_share)


@attrs.frozen
class OffersConfig:
    """Standing offers of help (Hilfsangebote) of committed helpers (assumptions)."""

    #: share of committed helpers who also post an offer (daily, 9 to 18 o'clock) for one
    #: of the categories and the places of their commitment
    share: float = attrs.field(default=0.5, validator=_share)
    #: probability that a resident who needs one helper, and for whom an offer fits,
    #: asks through the offer first (if its helper is free, no request is posted)
    use_probability: float = attrs.field(default=0.5, validator=_share)


@attrs.frozen
class RecruitmentConfig:
    """New helpers over time: volunteers not yet on the platform who join it."""

    #: share of them who join per year (0: nobody joins, the pool only shrinks)
    per_year: float = attrs.field(default=0.0, validator=_non_negative)
    #: the rate rises by this factor times the past week's share of unmet needs
    need_weight: float = attrs.field(default=0.0, validator=_non_negative)
    #: and by this factor times the past week's recognitions per active helper
    recognition_weight: float = attrs.field(default=0.0, validator=_non_negative)


@attrs.frozen
class BehaviourChoice:
    """Which behaviour (by name, from the ``sorgende_sim_behaviours`` hook) each part uses."""

    needs: str = "default"
    helping: str = "default"
    commitments: str = "default"


# --- the built-in scenarios ---------------------------------------------------------


@attrs.frozen
class FloodConfig:
    """A flood: a spike of urgent needs in some places, spontaneous helpers (assumptions)."""

    #: the first day of the crisis (0 is the simulation's first day)
    start_day: int = attrs.field(default=180, validator=_non_negative)
    #: how many days it lasts
    days: int = attrs.field(default=7, validator=_positive)
    #: the places it hits (an illustrative choice, not a flood map)
    places: tuple[str, ...] = ("Daun", "Mehren", "Üdersdorf")
    #: share of the residents of those places who ask for flood relief during the crisis
    affected_share: float = attrs.field(default=0.10, validator=_share)
    #: everyday needs in those places are this many times as frequent during the crisis
    need_multiplier: float = attrs.field(default=1.5, validator=_non_negative)
    #: helpers per flood-relief request, drawn between these
    helpers_min: int = attrs.field(default=2, validator=_positive)
    helpers_max: int = attrs.field(default=4, validator=_positive)
    #: hours per flood-relief helper
    hours: float = attrs.field(default=4.0, validator=_positive)
    #: share of residents aged 15 to 74 who register only to help in the crisis
    spontaneous_share: float = attrs.field(default=0.01, validator=_share)
    #: spontaneous helpers stay this many days after the crisis
    stay_days: int = attrs.field(default=3, validator=_non_negative)
    #: probability that a spontaneous helper takes a flood-relief request they see
    spontaneous_accept: float = attrs.field(default=0.6, validator=_share)
    #: who organises the spontaneous helpers and the flood relief: "" the platform's
    #: requests and exchanges, or a responder a plugin gives (``sorgende_sim_responders``:
    #: ``crisis``, ``crisis_first_come`` of sorgende-crisis)
    responder: str = ""


@attrs.frozen
class CoordinatorConfig:
    """A paid coordinator ("Hauptamt stärkt Ehrenamt") who matches unmatched requests."""

    #: requests the coordinator works on per working day
    matches_per_day: int = attrs.field(default=4, validator=_non_negative)
    #: the coordinator takes requests whose help is due within this many days (the
    #: others may still find a helper on their own)
    due_within_days: int = attrs.field(default=3, validator=_non_negative)
    #: weekdays the coordinator works (0 is Monday)
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    #: candidates (from ``candidates_for``, best first) the coordinator asks per request
    ask_candidates: int = attrs.field(default=3, validator=_positive)
    #: probability that a motivated helper with free time agrees when asked in person
    accept_when_asked: float = attrs.field(default=0.6, validator=_share)
    #: the lever in policy units: paid staff hours a week for matching in the real
    #: community (0: use ``matches_per_day``). Converted with ``requests_per_staff_hour``
    #: and scaled by ``population.scale``, so the effect does not depend on the scale
    staff_hours_per_week: float = attrs.field(default=0.0, validator=_non_negative)
    #: requests a coordinator works on per staff hour (an assumption: about 30 minutes
    #: to read a request, call up to three helpers and propose one; see docs/simulation.md)
    requests_per_staff_hour: float = attrs.field(default=2.0, validator=_positive)


@attrs.frozen
class RecognitionConfig:
    """An Ehrenamtskarte-style recognition programme for committed helpers (assumptions)."""

    #: additional share of helpers who make a self-commitment because of it
    extra_commit_share: float = attrs.field(default=0.10, validator=_share)
    #: committed helpers' weekly motivation loss is multiplied by this
    decay_factor: float = attrs.field(default=0.5, validator=_share)
    #: motivation regained by the monthly acknowledgement
    monthly_boost: float = attrs.field(default=0.2, validator=_share)
    #: acknowledged are committed helpers who kept at least this share of the month's weeks
    min_weeks_kept: float = attrs.field(default=0.5, validator=_share)
    #: and other helpers who gave at least these hours in the month
    min_hours_per_month: float = attrs.field(default=2.0, validator=_non_negative)
    #: every this many days the municipality thanks all active helpers at an evening
    #: for volunteers (Ehrenamtsabend; 0: never)
    event_every_days: int = attrs.field(default=91, validator=_non_negative)
    #: motivation regained by that evening
    event_boost: float = attrs.field(default=0.03, validator=_share)


# --- the whole ----------------------------------------------------------------------


@attrs.frozen
class SimConfig:
    """A simulation: what to run, for how long, with which seed and parameters."""

    #: the scenario's name (a ``sorgende_sim_scenarios`` plugin); join several with ``+``
    scenario: str = "baseline"
    #: simulated days (daily steps)
    days: int = 365
    #: the seed: the same seed, versions and configuration give the same tables
    seed: int = 1
    #: the first simulated day (a Monday keeps weeks aligned with commitment periods)
    start: date = date(2026, 1, 5)
    #: the community's name
    community: str = "Verbandsgemeinde Daun"
    #: whether installed plugins (entry points) are loaded; ``None``: as the settings say
    load_entrypoints: bool | None = None
    #: collect a row per place and day, not only per day
    collect_places: bool = True
    population: PopulationConfig = PopulationConfig()
    needs: NeedsConfig = NeedsConfig()
    helping: HelpingConfig = HelpingConfig()
    commitments: CommitmentsConfig = CommitmentsConfig()
    offers: OffersConfig = OffersConfig()
    behaviours: BehaviourChoice = BehaviourChoice()
    flood: FloodConfig = FloodConfig()
    coordinator: CoordinatorConfig = CoordinatorConfig()
    recognition: RecognitionConfig = RecognitionConfig()
    recruitment: RecruitmentConfig = RecruitmentConfig()
    #: parameters of scenarios and behaviours from other plugins, a table per plugin
    extra: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.days <= MAX_DAYS:
            raise InvalidValue(
                "days",
                Message("sim.problem.config.between", days=self.days, max_days=MAX_DAYS),
            )
        if not self.scenario.strip():
            raise InvalidValue("scenario", Message("sim.problem.config.empty"))

    @property
    def scenario_names(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.scenario.split("+") if part.strip())


def config_from_dict(data: Mapping[str, Any], source: str = "configuration") -> SimConfig:
    """A :class:`SimConfig` from plain data (a parsed TOML file, JSON, a dict)."""
    from sorgende.serialization import structure

    try:
        return structure(dict(data), SimConfig, what=source)
    except MalformedData as exc:
        raise ConfigError(source=source, problem="; ".join(exc.problems)) from exc


def config_to_dict(config: SimConfig) -> dict[str, Any]:
    """Plain data for ``config`` (dates as ISO strings): what :func:`config_from_dict` reads."""
    from sorgende.serialization import unstructure

    data: dict[str, Any] = unstructure(config)
    return data


def load_config(path: str | os.PathLike[str]) -> SimConfig:
    """A :class:`SimConfig` from a TOML file; unknown keys and bad values are refused."""
    from sorgende.config import _read_toml

    file = Path(path)
    return config_from_dict(_read_toml(file), source=str(file))


def with_overrides(config: SimConfig, overrides: Mapping[str, Any]) -> SimConfig:
    """``config`` with values replaced by dotted path: ``{"helping.views_per_day": 5}``."""
    if not overrides:
        return config
    data = config_to_dict(config)
    for path, value in overrides.items():
        set_path(data, path, value)
    return config_from_dict(data, source="overrides")


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``data[a][b] = value`` for ``path`` ``"a.b"``; refuses unknown sections."""
    *sections, key = path.split(".")
    target = data
    for depth, section in enumerate(sections):
        inner = target.get(section)
        if inner is None and depth > 0 and sections[0] == "extra":
            # a plugin's own table may be new
            inner = target[section] = {}
        if not isinstance(inner, dict):
            raise ConfigError(
                source="overrides",
                problem=Message(
                    "sim.problem.config.section_configuration", path=path, section=section
                ),
            )
        target = inner
    target[key] = value
