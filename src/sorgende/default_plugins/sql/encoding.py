"""How the SQL storage writes values into its query columns, shared by storage and outbox.

A module of its own so that the storage and its outbox both use these without importing
each other (the storage creates the outbox; the outbox must not reach back).
"""

from __future__ import annotations

# the one encoding of times as integers, shared with the record kinds' query columns
from sorgende.records import micros

__all__ = ["IMMEDIATE", "micros"]

#: the execution option that makes a SQLite transaction begin ``IMMEDIATE``
IMMEDIATE = "sorgende_immediate"
