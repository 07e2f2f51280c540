"""The common agenda: goals with an indicator, a target, a date and the places they hold for.

A goal reads one indicator over the months before its check (``window_months``) and
compares it with its target: a share (``met_within_3d`` at least 0.8), or a count per
residents (``commitments_made`` at least 1 per 100 residents, with ``per_residents``).
``places`` empty means every place of the community, each checked on its own, and the
community as a whole. Goals come from the plugin's settings (``[[plugins.impact.goals]]``)
or a TOML file; :data:`DAUN_AGENDA` is the demo community's agenda for 2030.
"""

from __future__ import annotations

import tomllib
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from sorgende.errors import InvalidValue
from sorgende.indicators import BY_CODE, Cell, Key, figures, next_month


@attrs.frozen
class Goal:
    indicator: str
    target: float
    by: date
    label: Mapping[str, str]
    per_residents: int | None = None
    window_months: int = 12
    places: tuple[str, ...] = ()

    def text(self, language: str) -> str:
        return self.label.get(language) or self.label.get("en") or self.indicator


DAUN_AGENDA: tuple[Goal, ...] = (
    Goal(
        "met_within_3d",
        0.8,
        date(2030, 12, 31),
        {
            "de": "Bis 2030 in jeder Ortsgemeinde mindestens 80 % der Bedarfe "
            "binnen 3 Tagen vermittelt",
            "en": "By 2030 in every village at least 80% of needs matched within 3 days",
        },
    ),
    Goal(
        "commitments_made",
        1.0,
        date(2030, 12, 31),
        {
            "de": "Bis 2030 eine Selbstverpflichtung je 100 Einwohner*innen",
            "en": "By 2030 one self-commitment per 100 residents",
        },
        per_residents=100,
    ),
)


def goal_of(data: Mapping[str, Any], where: str) -> Goal:
    """A goal from a TOML table; :class:`InvalidValue` naming ``where`` if it is wrong."""
    try:
        indicator = str(data["indicator"])
        target = float(data["target"])
        by = data["by"]
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidValue(where, f"a goal needs indicator, target and by ({error})") from None
    if indicator not in BY_CODE:
        raise InvalidValue(where, f"unknown indicator {indicator!r}")
    if not isinstance(by, date):
        raise InvalidValue(where, "by must be a date such as 2030-12-31")
    label = data.get("label", {})
    if isinstance(label, str):
        label = {"de": label, "en": label}
    per = data.get("per_residents")
    return Goal(
        indicator,
        target,
        by,
        dict(label),
        int(per) if per is not None else None,
        int(data.get("window_months", 12)),
        tuple(str(p) for p in data.get("places", ())),
    )


def load_goals(source: Path | Iterable[Mapping[str, Any]]) -> tuple[Goal, ...]:
    if isinstance(source, Path):
        try:
            document = tomllib.loads(source.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise InvalidValue("goals", f"{source}: {error}") from None
        tables = document.get("goals", [])
        name = str(source)
    else:
        tables, name = list(source), "plugins.impact.goals"
    return tuple(goal_of(t, f"{name} [{i + 1}]") for i, t in enumerate(tables))


@attrs.frozen
class Progress:
    goal: Goal
    #: place id (``None``: the whole community) -> the value now (``None``: suppressed or none)
    values: Mapping[uuid.UUID | None, float | None]

    def reached(self, place: uuid.UUID | None) -> bool:
        value = self.values.get(place)
        return value is not None and value >= self.goal.target

    @property
    def places_reached(self) -> int:
        return sum(1 for p in self.values if p is not None and self.reached(p))

    @property
    def places(self) -> int:
        return sum(1 for p in self.values if p is not None)


def progress(
    goal: Goal,
    cells: Mapping[Key, Cell],
    consent: Mapping[uuid.UUID, bool],
    *,
    until: date,
    places: Mapping[uuid.UUID, tuple[str, int | None]],
    threshold: int,
) -> Progress:
    """The goal's values in the ``window_months`` months before ``until`` (a month's first
    day, exclusive), per place (``places``: id -> name and population) and overall."""
    start = until
    for _ in range(goal.window_months):
        start = date(start.year - (start.month == 1), (start.month - 2) % 12 + 1, 1)
    chosen = [p for p, (name, _) in places.items() if not goal.places or name in goal.places]
    found: dict[uuid.UUID | None, float | None] = {}
    for by in ((), ("place",)):
        for f in figures(
            cells,
            consent,
            by=by,
            start=start,
            end=until,
            places=chosen,
            threshold=threshold,
            indicators=[goal.indicator],
        ):
            found[f.place] = _scaled(goal, f.value, f.place, places, chosen)
    for place in chosen:
        found.setdefault(place, None)
    return Progress(goal, found)


def _scaled(
    goal: Goal,
    value: float | None,
    place: uuid.UUID | None,
    places: Mapping[uuid.UUID, tuple[str, int | None]],
    chosen: Sequence[uuid.UUID],
) -> float | None:
    if value is None or goal.per_residents is None:
        return value
    # the community's residents are those of the places the goal holds for
    residents = sum(places[p][1] or 0 for p in chosen) if place is None else places[place][1] or 0
    return value / residents * goal.per_residents if residents else None


__all__ = ["DAUN_AGENDA", "Goal", "Progress", "goal_of", "load_goals", "next_month", "progress"]
