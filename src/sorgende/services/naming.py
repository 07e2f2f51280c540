"""Refusals named for people: what an error knows by id is named from the records.

A rule that refuses often has only ids at hand (the domain's exchange knows its helper's
id, not her name). When a refusal leaves a use case, :func:`name_refusal` looks those
ids up in the use case's unit of work — persons, places, categories, requests, offers,
exchanges — and puts its times into the community's time zone, so the person reads
"Marie Schmitz", „Vorlesestunde in der Kita“ and "Dienstag, 18. März, 9:00" (see
:mod:`sorgende.errors.naming`). A lookup that fails leaves the generic words ("diese
Person"): naming never hides the refusal itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sorgende.errors import ConflictError, SorgendeError
from sorgende.errors.naming import Find
from sorgende.i18n.values import zone_of
from sorgende.ports import UnitOfWork


def finder(uow: UnitOfWork) -> Find:
    """Looks records up in ``uow`` for :meth:`SorgendeError.named`."""

    def find(kind: str, key: object) -> object | None:
        if kind == "category":
            return uow.categories.find(key) if isinstance(key, str) else None
        if not isinstance(key, uuid.UUID):
            return None
        if kind == "person":
            return uow.actors.find(key)
        if kind == "place":
            return uow.places.find(key)
        if kind == "request":
            return uow.requests.find(key)
        if kind == "offer":
            return uow.offers.find(key)
        if kind == "exchange":
            return uow.exchanges.find(key)
        return None

    return find


def name_refusal(error: SorgendeError, uow: UnitOfWork, now: datetime | None = None) -> None:
    """Name what ``error`` knows by id, from ``uow``; times in the community's zone.

    ``now`` (the use case's clock) decides which dates are of the current year (shown
    without it). A storage's conflict is left as it is: it names no record and is retried.
    """
    if isinstance(error, ConflictError):
        return
    try:
        zone: str | None = uow.community.get().time_zone
    except Exception:  # a community without a zone: the default zone
        zone = None
    today = None
    if now is not None and now.utcoffset() is not None:
        try:
            today = now.astimezone(zone_of(zone)).date()
        except (OverflowError, ValueError):
            today = now.date()
    error.named(finder(uow), time_zone=zone, today=today)


@contextmanager
def refusals_named(uow: UnitOfWork, clock: Callable[[], datetime] | None = None) -> Iterator[None]:
    """Inside the block, a refusal is named (:func:`name_refusal`) before it leaves;
    ``clock`` is read only then (a read that succeeds costs nothing)."""
    try:
        yield
    except SorgendeError as error:
        name_refusal(error, uow, None if clock is None else clock())
        raise
