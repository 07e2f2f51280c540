"""The errors of the model's rules (requests, offers and exchanges). Owned by the RULES work."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sorgende.errors.base import InvalidValue, NotFound, SorgendeError, ValidationError

# --- rules of the model (requests, offers and exchanges) ----------------------------


class WindowOutOfRange(InvalidValue):
    """A time (``field``: ``window.start``, ``window.end``, ``recurrence.until``) lies
    outside what a request or an offer may have: before the community's grace, beyond its
    horizon, or outside the times the model can represent at all."""


class NotYetStarted(ValidationError):
    """An exchange reported as done (or as not having happened) before its start."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the help is planned for {when}: it cannot be {change} before it has begun",
        "de": "Die Hilfe ist für {when} geplant: vor ihrem Beginn kann sie nicht als "
        "{change} gemeldet werden",
    }


class DoubleBooked(ValidationError):
    """A helper would hold two accepted exchanges whose times overlap.

    ``other`` names the exchange already accepted (by its category and local time, in
    the accusative), ``exchange_id`` is its id for programs.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{helper} has already taken on {other} at that time; no one can be at two "
        "places at once",
        "de": "{helper} hat zu dieser Zeit schon {other} zugesagt; niemand kann an zwei "
        "Orten zugleich sein",
    }


class PersonInactive(ValidationError):
    """An erased or deactivated person named as the recipient or helper of new help."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{person} no longer takes part ({why}): they cannot be {role}",
        "de": "{person} nimmt nicht mehr teil ({why}) und kann nicht {role} sein",
    }


class DamagedRecord(NotFound):
    """A stored record that cannot be read any more (it breaks a rule of the model).

    Lists and the board leave such records out; ``sorgende db check`` reports them.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the stored {kind} {id} cannot be read ({problem}); "
        "`sorgende db check` lists such records",
        "de": "Der gespeicherte Datensatz {kind} {id} ist nicht lesbar ({problem}); "
        "`sorgende db check` zeigt solche Datensätze",
    }

    def __init__(self, kind: str, id: object, problem: str) -> None:
        SorgendeError.__init__(self, kind=kind, id=id, problem=problem)
