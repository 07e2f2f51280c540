"""How the SQL storage writes values into its query columns, shared by storage and outbox.

A module of its own so that the storage and its outbox both use these without importing
each other (the storage creates the outbox; the outbox must not reach back).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

#: the execution option that makes a SQLite transaction begin ``IMMEDIATE``
IMMEDIATE = "sorgende_immediate"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def micros(value: datetime) -> int:
    """A sortable integer for an aware datetime (SQLite compares times as text).

    Integer arithmetic, not ``timestamp()``: a float loses microseconds far from 1970,
    and two distinct times must never sort as one.
    """
    return (value - _EPOCH) // _MICROSECOND
