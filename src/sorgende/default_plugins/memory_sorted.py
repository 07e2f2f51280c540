"""A sorted list whose inserts and removals cost the same at any size.

The memory storage keeps several indexes in a sort order (the board's open requests,
persons by name per group, open requests by posting time). In one Python list an insert
or removal in the middle moves every entry behind it: 35 µs at 100,000 entries, where a
community of 1,000 pays under 1 µs, and a request's life moves it in and out of several
such lists. :class:`SortedList` keeps the entries in chunks of at most ``2 * LOAD``
sorted lists (the idea of ``sortedcontainers.SortedList``, without its positional
index tree): an insert or removal bisects the chunks' last entries, then moves at most
one chunk's entries. Positions (``bisect_*``, ``slice``) add up the chunks' lengths in
front, a sum over some hundreds of integers at 100,000 entries.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, chain
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: half the largest chunk: small enough that moving a chunk's entries is cheap, large
#: enough that there are few chunks to add up (200 at 100,000 entries)
LOAD = 256


class SortedList(Generic[T]):
    """Entries in ascending order; equal entries are allowed (kept in insertion order
    relative to each other only as :func:`bisect.insort` keeps them)."""

    __slots__ = ("_chunks", "_lasts", "_length")

    def __init__(self, entries: Iterable[T] = ()) -> None:
        ordered: list[Any] = sorted(entries)  # type: ignore[type-var,unused-ignore]
        self._chunks: list[list[Any]] = [
            ordered[i : i + LOAD] for i in range(0, len(ordered), LOAD)
        ]
        self._lasts: list[Any] = [chunk[-1] for chunk in self._chunks]
        self._length = len(ordered)

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return self._length > 0

    def __iter__(self) -> Iterator[T]:
        return chain.from_iterable(self._chunks)

    def __repr__(self) -> str:
        return f"SortedList({list(self)!r})"

    def add(self, entry: T) -> None:
        chunks, lasts = self._chunks, self._lasts
        self._length += 1
        if not chunks:
            chunks.append([entry])
            lasts.append(entry)
            return
        # the first chunk whose last entry is not below it; past the end: the last chunk
        i = bisect_left(lasts, entry)
        if i == len(chunks):
            i -= 1
            chunks[i].append(entry)
            lasts[i] = entry
        else:
            insort(chunks[i], entry)
        chunk = chunks[i]
        if len(chunk) > 2 * LOAD:
            # split in halves: the next inserts here move half as many entries
            chunks.insert(i + 1, chunk[LOAD:])
            del chunk[LOAD:]
            lasts.insert(i, chunk[-1])

    def remove(self, entry: T) -> None:
        """Remove one entry equal to ``entry``; :class:`ValueError` if there is none."""
        chunks, lasts = self._chunks, self._lasts
        i = bisect_left(lasts, entry)
        if i < len(chunks):
            chunk = chunks[i]
            j = bisect_left(chunk, entry)
            if j < len(chunk) and chunk[j] == entry:
                del chunk[j]
                self._length -= 1
                if chunk:
                    lasts[i] = chunk[-1]
                else:
                    del chunks[i]
                    del lasts[i]
                return
        raise ValueError(f"{entry!r} is not in the list")

    def bisect_left(self, value: Any, *, key: Callable[[T], Any] | None = None) -> int:
        """The position before every entry that is not below ``value`` (as
        :func:`bisect.bisect_left`, ``key`` likewise applied to the entries)."""
        i = bisect_left(self._lasts, value, key=key)
        if i == len(self._chunks):
            return self._length
        return self._before(i) + bisect_left(self._chunks[i], value, key=key)

    def bisect_right(self, value: Any, *, key: Callable[[T], Any] | None = None) -> int:
        """The position after every entry that is not above ``value``."""
        i = bisect_right(self._lasts, value, key=key)
        if i == len(self._chunks):
            return self._length
        return self._before(i) + bisect_right(self._chunks[i], value, key=key)

    def slice(self, start: int, stop: int) -> list[T]:
        """The entries at positions ``start`` up to ``stop`` (clipped, as a list slice;
        no negative positions)."""
        if start < 0 or stop < 0:
            raise ValueError("positions in a sorted list are not negative")
        found: list[T] = []
        if stop <= start:
            return found
        chunks = self._chunks
        i, offset = 0, start
        if start >= LOAD:
            # the chunk holding ``start``: the first whose running total passes it
            ends = list(accumulate(len(c) for c in chunks))
            i = bisect_right(ends, start)
            if i == len(chunks):
                return found
            offset = start - (ends[i - 1] if i else 0)
        want = stop - start
        while i < len(chunks) and len(found) < want:
            found.extend(chunks[i][offset : offset + want - len(found)])
            offset = 0
            i += 1
        return found

    def _before(self, i: int) -> int:
        """How many entries the chunks before chunk ``i`` hold."""
        chunks = self._chunks
        if i <= len(chunks) // 2:
            return sum(map(len, chunks[:i]))
        return self._length - sum(map(len, chunks[i:]))
