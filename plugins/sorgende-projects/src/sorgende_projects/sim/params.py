"""The shift plan's parameters: the ``[extra.shifts]`` table of a simulation's configuration.

Every key is optional; the defaults describe a weekly food distribution (*Tafel*) of an
association with a pool of 30 volunteers. Unknown keys and bad values are refused with
the key's path (``extra.shifts.pool``), in the simulation's own error family.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from sorgende.errors import InvalidValue, Message
from sorgende_projects.sim import texts as _texts  # noqa: F401  (registers the texts)

#: the key of the scenario's table in ``SimConfig.extra``
SECTION = "shifts"


@attrs.frozen
class ShiftSpec:
    """One shift of every event: its local times, places and the places kept per qualification."""

    title: str
    start: str
    end: str
    capacity: int
    needs: Mapping[str, int] = attrs.field(factory=dict)


#: a weekly distribution: setting up and taking in the goods, handing out, clearing up
TAFEL_SHIFTS: tuple[ShiftSpec, ...] = (
    ShiftSpec("Aufbau und Warenannahme", "12:00", "14:00", 3),
    ShiftSpec("Ausgabe", "14:00", "17:00", 6, {"first_aid": 1}),
    ShiftSpec("Abbau und Reinigung", "17:00", "18:00", 2),
)


@attrs.frozen
class ShiftPlanParams:
    """What the scenario simulates; ``docs/projects.md`` ("The simulation") says why each."""

    #: the event's title and its local times (every event of the series)
    title: str = "Tafel-Ausgabe"
    start: str = "12:00"
    end: str = "18:00"
    #: the days of the week the event takes place (0 = Monday): the Tafel on Saturdays
    weekdays: tuple[int, ...] = (5,)
    shifts: tuple[ShiftSpec, ...] = TAFEL_SHIFTS
    #: volunteers in the pool (the figure to vary)
    pool: int = 30
    #: of them, members of the project (the regulars: they may sign up first)
    members_share: float = 0.3
    #: of them, holders of a valid first-aid certificate
    first_aid_share: float = 0.25
    #: the mean chance that a volunteer signs up for an event at all (each volunteer's
    #: own chance is drawn between half and one and a half times it)
    availability: float = 0.5
    #: the chance that a volunteer who signs up takes a second shift of the same event
    second_shift_share: float = 0.25
    #: the chance that a volunteer goes on the waitlist of a full shift rather than
    #: look for another
    waitlist_share: float = 0.5
    #: the chance that a sign-up is cancelled before the day (waitlist sign-ups too)
    cancel_share: float = 0.1
    #: the chance that a confirmed volunteer does not come
    no_show_share: float = 0.08
    #: the chance that a volunteer promoted from the waitlist on the day still comes
    stand_in_share: float = 0.5
    #: sign-up opens this many days before the event, at 07:00
    opens_days_before: int = 14
    #: for this many days of it only the project's members may sign up
    members_first_days: int = 3
    #: the most shifts one person may take of one event
    max_per_person: int = 2
    #: where the hours go: ``worklog`` or ``timebank`` (paid by the association, and
    #: checked with the rest of the time bank at the end of the run)
    hours_to: str = "worklog"

    def __attrs_post_init__(self) -> None:
        for name in (
            "members_share",
            "first_aid_share",
            "availability",
            "second_shift_share",
            "waitlist_share",
            "cancel_share",
            "no_show_share",
            "stand_in_share",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise InvalidValue(
                    f"extra.{SECTION}.{name}", Message("projects.sim.share", value=value)
                )
        for name in ("pool", "max_per_person"):
            if getattr(self, name) < 1:
                raise InvalidValue(
                    f"extra.{SECTION}.{name}",
                    Message("projects.sim.at_least_one", value=getattr(self, name)),
                )
        if not 0 <= self.members_first_days <= self.opens_days_before:
            raise InvalidValue(
                f"extra.{SECTION}.members_first_days",
                Message(
                    "projects.sim.members_first",
                    value=self.members_first_days,
                    opens=self.opens_days_before,
                ),
            )
        if not self.weekdays or any(not 0 <= d <= 6 for d in self.weekdays):
            raise InvalidValue(f"extra.{SECTION}.weekdays", Message("projects.sim.weekdays"))
        if self.hours_to not in ("worklog", "timebank"):
            raise InvalidValue(
                f"extra.{SECTION}.hours_to", Message("projects.sim.hours_to", value=self.hours_to)
            )
        if not self.shifts:
            raise InvalidValue(f"extra.{SECTION}.shifts", Message("projects.sim.no_shifts"))


_FIELDS = {f.name for f in attrs.fields(ShiftPlanParams)}
_SHIFT_FIELDS = {f.name for f in attrs.fields(ShiftSpec)}


def params_from(extra: Mapping[str, Any]) -> ShiftPlanParams:
    """The parameters from ``SimConfig.extra`` (its ``shifts`` table; defaults without one)."""
    table = extra.get(SECTION) or {}
    if not isinstance(table, Mapping):
        raise InvalidValue(f"extra.{SECTION}", Message("projects.sim.not_a_table"))
    unknown = sorted(set(table) - _FIELDS)
    if unknown:
        raise InvalidValue(
            f"extra.{SECTION}", Message("projects.sim.unknown_keys", keys=", ".join(unknown))
        )
    values = dict(table)
    if "weekdays" in values:
        values["weekdays"] = tuple(values["weekdays"])
    if "shifts" in values:
        values["shifts"] = tuple(_shift(i, s) for i, s in enumerate(values["shifts"]))
    try:
        return ShiftPlanParams(**values)
    except (TypeError, ValueError) as problem:
        raise InvalidValue(
            f"extra.{SECTION}", Message("projects.sim.bad_value", problem=str(problem))
        ) from problem


def _shift(index: int, value: Any) -> ShiftSpec:
    where = f"extra.{SECTION}.shifts[{index}]"
    if isinstance(value, ShiftSpec):
        return value
    if not isinstance(value, Mapping) or set(value) - _SHIFT_FIELDS:
        raise InvalidValue(where, Message("projects.sim.shift_keys"))
    try:
        return ShiftSpec(**value)
    except TypeError as problem:
        raise InvalidValue(where, Message("projects.sim.bad_value", problem=str(problem))) from None
