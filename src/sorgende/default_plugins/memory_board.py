"""The memory storage's index of the board: open requests in the board's order.

The board (``RequestRepository.page`` with the open status) shows a page of open
requests, urgent first, then by when help is needed, with how many there are in all.
Sorting every open request for each page would cost what the community holds (399 ms
at 100,000 open requests). The index keeps the open requests sorted by
:func:`~sorgende.domain.help.board_order` four times: all of them, per place, per
category, and per place and category, the filters the board offers. A page is then a
slice of one list and the total its length. Like the expiry index it changes with
updates: a request leaves the board when it is no longer open.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from sorgende.default_plugins.memory_sorted import SortedList
from sorgende.domain.help import HelpRequest, RequestStatus, board_order

#: one list's entry: the board's sort key, then the storage's key of the request
_Entry = tuple[tuple[bool, Any, str], Hashable]
_ALL: tuple[()] = ()


def _lists_of(request: HelpRequest) -> tuple[Hashable, ...]:
    """The lists an open request is in: all, its place, its category, both."""
    # the place by its id's int: a UUID hashes in Python code, an int in C
    place = request.place_id.int
    return (
        _ALL,
        ("place", place),
        ("category", request.category),
        ("both", place, request.category),
    )


def list_key(place_id: Any, category: str | None) -> Hashable:
    """Which list answers a board query with these filters."""
    if place_id is not None and category is not None:
        return ("both", place_id.int, category)
    if place_id is not None:
        return ("place", place_id.int)
    if category is not None:
        return ("category", category)
    return _ALL


class BoardIndex:
    """Open requests' keys in board order, per filter; kept under the storage's lock."""

    def __init__(self) -> None:
        #: chunked, so that moving a request costs the same at any size of the board
        self._lists: dict[Hashable, SortedList[_Entry]] = {}
        #: key -> (its entry, the lists it is in)
        self._where: dict[Hashable, tuple[_Entry, tuple[Hashable, ...]]] = {}

    def put(self, key: Hashable, request: HelpRequest) -> None:
        """Index ``request`` as it is now: on the board while open, else not."""
        if request.status is not RequestStatus.OPEN:
            self.discard(key)
            return
        entry: _Entry = (board_order(request), key)
        lists = _lists_of(request)
        known = self._where.get(key)
        if known is not None:
            if known == (entry, lists):
                return  # the common update: a version, not the board's fields
            self.discard(key)
        for name in lists:
            entries = self._lists.get(name)
            if entries is None:
                entries = self._lists[name] = SortedList()
            entries.add(entry)
        self._where[key] = (entry, lists)

    def discard(self, key: Hashable) -> None:
        known = self._where.pop(key, None)
        if known is None:
            return
        entry, lists = known
        for name in lists:
            # an emptied list stays: the next request there would make it again, and there
            # are only as many lists as places and categories
            self._lists[name].remove(entry)

    def page(self, name: Hashable, offset: int, limit: int) -> tuple[list[Hashable], int]:
        """The keys of one page of the list ``name`` (see :func:`list_key`), and its length."""
        entries = self._lists.get(name)
        if entries is None:
            return [], 0
        return [key for _, key in entries.slice(offset, offset + limit)], len(entries)
