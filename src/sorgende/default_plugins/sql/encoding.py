"""How the SQL storage writes values into its query columns, shared by storage and outbox.

A module of its own so that the storage and its outbox both use these without importing
each other (the storage creates the outbox; the outbox must not reach back).
"""

from __future__ import annotations

from typing import Any

# the one encoding of times as integers, shared with the record kinds' query columns
from sorgende.records import micros
from sorgende.serialization import dumps, to_json

__all__ = ["IMMEDIATE", "Encoded", "encoded", "json_serializer", "micros"]

#: the execution option that makes a SQLite transaction begin ``IMMEDIATE``
IMMEDIATE = "sorgende_immediate"


class Encoded:
    """A record's JSON text, written already: the ``data`` column stores it as it is.

    ``dumps(converter.unstructure(record))`` spends most of its time turning every UUID
    and datetime into a string in Python; :func:`sorgende.serialization.to_json` leaves
    them to orjson and gives the same text about four times faster for an exchange. The
    rows carry the text wrapped in this class, so that the JSON column's serializer (the
    engine's, :func:`json_serializer`) passes it on instead of encoding it again.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def encoded(record: Any) -> Encoded:
    """``record``'s value for a ``data`` column: the converter's JSON of it."""
    return Encoded(to_json(record))


def json_serializer(value: Any) -> str:
    """The engine's JSON serializer: text written already as it is, anything else by dumps."""
    if value.__class__ is Encoded:
        text: str = value.text
        return text
    return dumps(value)
