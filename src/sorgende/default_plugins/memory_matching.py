"""The memory storage's index of persons for matching: by home and skill, in name order.

``candidates_for`` reads the persons of one home (and, for the skilled group, one skill)
best first by name and id, a page at a time, and stops when no one further can reach the
best k. A sorted list per (home, skill) key answers such a page with a bisection instead
of a scan of the community. Updates move a person between keys (a new home, a skill
learnt), so every write of an actor passes through :meth:`MatchIndex.put`.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from typing import Any

from sorgende.default_plugins.memory_sorted import SortedList
from sorgende.domain.actors import Actor, ActorKind

#: the skill of the key every person of a home has, whatever their skills
ANY_SKILL = ""

_Entry = tuple[str, int, Hashable]  # (name, id as int, record key): the order of a page
_Group = tuple[int | None, str]  # (home place id as int or None, skill or ANY_SKILL)


def match_keys(actor: Actor) -> list[_Group]:
    """The groups ``actor`` is read in: persons only, never erased ones (never eligible)."""
    if actor.kind is not ActorKind.PERSON or actor.erased:
        return []
    home = None if actor.home_place_id is None else actor.home_place_id.int
    return [(home, ANY_SKILL), *((home, skill) for skill in sorted(actor.skills))]


def in_group(actor: Actor, home: uuid.UUID | None, skill: str | None) -> bool:
    key = (None if home is None else home.int, ANY_SKILL if skill is None else skill)
    return key in match_keys(actor)


def page_key(actor: Actor) -> tuple[str, int]:
    return (actor.name, actor.id.int)


class MatchIndex:
    """Committed persons by (home, skill), each list sorted by (name, id)."""

    def __init__(self) -> None:
        #: chunked, so that a person's move costs the same at any size of a group
        self._groups: dict[_Group, SortedList[_Entry]] = {}
        self._entries: dict[Hashable, tuple[_Entry, list[_Group]]] = {}

    def put(self, key: Hashable, actor: Actor) -> None:
        self.discard(key)
        groups = match_keys(actor)
        if not groups:
            return
        entry = (actor.name, actor.id.int, key)
        for group in groups:
            entries = self._groups.get(group)
            if entries is None:
                entries = self._groups[group] = SortedList()
            entries.add(entry)
        self._entries[key] = (entry, groups)

    def discard(self, key: Hashable) -> None:
        known = self._entries.pop(key, None)
        if known is None:
            return
        entry, groups = known
        for group in groups:
            self._groups[group].remove(entry)

    def page(
        self, home: uuid.UUID | None, skill: str | None, after: tuple[str, int] | None, limit: int
    ) -> list[Hashable]:
        """Record keys of up to ``limit`` persons of a group following ``after``."""
        entries = self._groups.get(
            (None if home is None else home.int, ANY_SKILL if skill is None else skill)
        )
        if entries is None:
            return []
        # an entry (name, id, key) sorts after (name, id) itself: bisect_right skips it
        start = 0 if after is None else entries.bisect_right((after[0], after[1], _TOP))
        return [e[2] for e in entries.slice(start, start + limit)]


class _Top:
    """Greater than any record key, so that a bisection lands after an equal (name, id)."""

    def __lt__(self, other: Any) -> bool:
        return False

    def __gt__(self, other: Any) -> bool:
        return True


_TOP: Any = _Top()


def persons_page(
    uow: Any,
    kind: str,
    home: uuid.UUID | None,
    skill: str | None,
    after: tuple[str, uuid.UUID] | None,
    limit: int,
) -> list[Actor]:
    """A page of :meth:`~sorgende.ports.ActorRepository.persons_by_name` for a memory unit
    of work: the committed index, merged with the unit's own pending writes."""
    start = None if after is None else (after[0], after[1].int)
    writes: dict[Hashable, tuple[Any, int | None]] = uow._writes.get(kind, {})
    tables = uow._tables
    with uow.storage._lock:
        # a pending write may take a committed person out of the page: read that many more
        keys = tables.match.page(home, skill, start, limit + len(writes))
        rows = tables.rows[kind]
        committed: list[Actor] = [rows[k] for k in keys if k not in writes]
    if writes:
        committed.extend(
            entity
            for entity, _ in writes.values()
            if isinstance(entity, Actor)
            and in_group(entity, home, skill)
            and (start is None or page_key(entity) > start)
        )
        committed.sort(key=page_key)
    return committed[:limit]
