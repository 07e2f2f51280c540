"""Published figures: the engine's cells rolled up, person-level counts filtered by
consent, small cells suppressed, and who may see which.

:func:`figures` is the one way every reader (the dashboard, the reports, the
simulation's collector, a CSV export) turns cells into numbers, so the numbers agree.
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Final

import attrs

from sorgende.domain.actors import CommunityRole
from sorgende.domain.principals import Acting
from sorgende.errors import InvalidValue
from sorgende.indicators.definitions import BY_CODE, DEFAULT_THRESHOLD, INDICATORS, Unit
from sorgende.indicators.engine import Cell, Key

#: the dimensions a figure may be broken down by
DIMENSIONS: Final = ("month", "place", "organisation", "category")


@attrs.frozen
class Figure:
    indicator: str
    month: date | None
    place: uuid.UUID | None
    organisation: uuid.UUID | None
    category: str | None
    #: the figure (``None`` when suppressed or when there is nothing to take a median of)
    value: float | None
    #: the number of records (requests, exchanges, persons) behind it
    base: int
    suppressed: bool


@attrs.frozen
class Scope:
    """Which cells a viewer may see: all (``None``) or those of some organisations.

    The community's figures (no organisation broken out) are open to every viewer; the
    figures of one organisation only to its coordinators and to the backbone.
    """

    organisations: frozenset[uuid.UUID] | None

    def sees(self, organisation: uuid.UUID | None) -> bool:
        return self.organisations is None or organisation in self.organisations


#: no organisation held back (the operator's, the backbone's view)
EVERYONE: Final = Scope(None)


def scope_of(acting: Acting) -> Scope:
    """The policy's answer for figures: the backbone organisation's coordinators (who hold
    the community's coordinator role) and the operator see every organisation's figures;
    an organisation's coordinators see their own organisation's and the community's."""
    if acting.is_operator or acting.has(CommunityRole.COORDINATOR):
        return Scope(None)
    return Scope(frozenset(acting.coordinates))


def _every_key(key: Key) -> bool:
    return True


def roll_up(
    cells: Mapping[Key, Cell],
    by: Sequence[str],
    *,
    keep: Callable[[Key], bool] | None = None,
) -> dict[Key, Cell]:
    """The cells added up to the dimensions ``by`` (the others summed over), of the keys
    ``keep`` takes (all by default). The cells given are not changed."""
    keep = keep or _every_key
    for name in by:
        if name not in DIMENSIONS:
            raise InvalidValue("by", f"unknown dimension {name!r}; known: {', '.join(DIMENSIONS)}")
    if set(by) == set(DIMENSIONS):
        # nothing to add up: the cells as they are (read, never changed, by the callers)
        return {key: cell for key, cell in cells.items() if keep(key)}
    out: dict[Key, Cell] = {}
    want = tuple(name in by for name in DIMENSIONS)
    for key, cell in cells.items():
        if keep is _every_key or keep(key):
            month, place, org, category = key
            target = (
                month if want[0] else date.min,
                place if want[1] else None,
                org if want[2] else None,
                category if want[3] else None,
            )
            found = out.get(target)
            if found is None:
                # the first cell's copy, not an empty cell plus it: most targets hold one
                out[target] = cell.copy()
            else:
                found.add(cell)
    return out


def _consenting(people: Iterable[uuid.UUID], consent: Mapping[uuid.UUID, bool]) -> int:
    return sum(1 for p in people if consent.get(p, False))


def values(cell: Cell, consent: Mapping[uuid.UUID, bool]) -> dict[str, tuple[float | None, int]]:
    """Each indicator's (value, base) of one cell: the definitions in numbers."""

    def share(n: int) -> tuple[float | None, int]:
        return (n / cell.posted if cell.posted else None, cell.posted)

    helpers = _consenting(cell.helpers, consent)
    new = _consenting(cell.new_helpers, consent)
    made = _consenting(cell.made.values(), consent)
    kept = _consenting(cell.kept.values(), consent)
    return {
        "needs_posted": (cell.posted, cell.posted),
        "needs_met": (cell.met, cell.met),
        "met_within_1d": share(cell.within[0]),
        "met_within_3d": share(cell.within[1]),
        "met_within_7d": share(cell.within[2]),
        "time_to_help_h": (statistics.median(cell.waits) if cell.waits else None, len(cell.waits)),
        "hours_given": (cell.minutes_given / 60, cell.exchanges),
        "hours_received": (cell.minutes_received / 60, cell.exchanges),
        "exchanges": (cell.exchanges, cell.exchanges),
        "active_helpers": (helpers, helpers),
        "new_helpers": (new, new),
        "commitments_made": (made, made),
        "commitments_kept": (kept, kept),
        "organisations_active": (len(cell.organisations), cell.exchanges),
    }


def figures(
    cells: Mapping[Key, Cell],
    consent: Mapping[uuid.UUID, bool],
    *,
    by: Sequence[str] = ("month",),
    start: date | None = None,
    end: date | None = None,
    places: Iterable[uuid.UUID] | None = None,
    scope: Scope = EVERYONE,
    within: Scope = EVERYONE,
    threshold: int = DEFAULT_THRESHOLD,
    indicators: Iterable[str] | None = None,
) -> list[Figure]:
    """The figures of the months ``start`` <= month < ``end`` (first days of months), of
    ``places`` (all when ``None``), broken down ``by`` the named dimensions.

    A figure with a base of 1 to ``threshold - 1`` is suppressed (its value ``None``):
    it could point to a person. Cells of organisations outside ``scope`` are left out;
    broken down by organisation, only those ``scope`` sees are listed. ``within`` keeps
    only the cells of its organisations (an organisation's own figures, e.g. on its
    coordinators' dashboard); by default all.
    """
    wanted = [BY_CODE[c] for c in indicators] if indicators is not None else list(INDICATORS)
    place_set = set(places) if places is not None else None

    def keep(key: Key) -> bool:
        month, place, org, _ = key
        if start is not None and month < start:
            return False
        if end is not None and month >= end:
            return False
        if place_set is not None and place not in place_set:
            return False
        if within.organisations is not None and org not in within.organisations:
            return False
        # outside the scope an organisation's cells count only in the community's totals
        return "organisation" not in by or scope.sees(org)

    out: list[Figure] = []
    rolled = roll_up(cells, by, keep=keep)
    if not by and not rolled:
        # the totals of nothing are zeros, not missing
        rolled = {(date.min, None, None, None): Cell()}
    for key, cell in sorted(rolled.items(), key=_order):
        numbers = values(cell, consent)
        for indicator in wanted:
            value, base = numbers[indicator.code]
            hidden = 0 < base < threshold
            if indicator.unit is Unit.HOURS and value is not None:
                value = round(value, 2)
            month, place, org, category = key
            out.append(
                Figure(
                    indicator.code,
                    month if "month" in by else None,
                    place,
                    org,
                    category,
                    None if hidden else value,
                    base,
                    hidden,
                )
            )
    return out


def _order(item: tuple[Key, Cell]) -> tuple[date, str, str, str]:
    month, place, org, category = item[0]
    return (month, str(place or ""), str(org or ""), category or "")
