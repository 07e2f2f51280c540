"""The memory storage's index of requests by when expiry must look at them.

Expiry asks for the requests due at or before now (:func:`~sorgende.domain.help.expiry_due`);
scanning every request would cost what the community holds. The index keeps each due
request in a bucket per hour of its due time, and the hours in a sorted list: a query
reads the hours up to now and, in the last one only, compares times. Unlike the
storage's other indexes it changes with updates, because the due time follows the
request's status.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Hashable
from datetime import datetime

from sorgende.domain.help import HelpRequest, expiry_due

_HOUR = 3600


def _hour(when: datetime) -> int:
    return int(when.timestamp() // _HOUR)


class ExpiryIndex:
    """Due requests' keys by hour of their due time; kept under the storage's lock."""

    def __init__(self) -> None:
        #: hour -> key -> due time
        self._buckets: dict[int, dict[Hashable, datetime]] = {}
        #: the hours that have a bucket, ascending
        self._hours: list[int] = []
        #: key -> its hour
        self._where: dict[Hashable, int] = {}

    def put(self, key: Hashable, request: HelpRequest) -> None:
        """Index ``request`` by its due time now (or drop it when it is due never)."""
        due = expiry_due(request)
        hour = self._where.get(key)
        if hour is not None:
            if due is not None and _hour(due) == hour:
                self._buckets[hour][key] = due
                return
            self.discard(key)
        if due is None:
            return
        hour = _hour(due)
        bucket = self._buckets.get(hour)
        if bucket is None:
            bucket = self._buckets[hour] = {}
            insort(self._hours, hour)
        bucket[key] = due
        self._where[key] = hour

    def discard(self, key: Hashable) -> None:
        hour = self._where.pop(key, None)
        if hour is None:
            return
        bucket = self._buckets[hour]
        del bucket[key]
        if not bucket:
            del self._buckets[hour]
            del self._hours[bisect_right(self._hours, hour) - 1]

    def due(self, now: datetime) -> list[Hashable]:
        """The keys of the requests due at or before ``now``."""
        last = _hour(now)
        found: list[Hashable] = []
        for hour in self._hours[: bisect_right(self._hours, last)]:
            bucket = self._buckets[hour]
            if hour < last:
                found.extend(bucket)
            else:
                found.extend(key for key, due in bucket.items() if due <= now)
        return found
