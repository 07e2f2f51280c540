"""Checks of use-case input against the community's records."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime

from sorgende.domain.actors import Actor
from sorgende.domain.categories import Category
from sorgende.domain.community import Place
from sorgende.errors import (
    InvalidValue,
    Message,
    MissingQualification,
    UnknownCategory,
    UnknownPlace,
)
from sorgende.ports import UnitOfWork

MAX_NAME = 200


def valid_name(value: str, field: str = "name") -> str:
    """A name without surrounding blanks; refuses an empty or overlong one."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(field, Message("problem.validation.empty"))
    if len(value) > MAX_NAME:
        raise InvalidValue(
            field, Message("problem.validation.longer_than_characters", max_name=MAX_NAME)
        )
    return value.strip()


def known_category(uow: UnitOfWork, code: str) -> Category:
    category = uow.categories.find(code)
    if category is None:
        raise UnknownCategory(code, uow.categories.list())
    return category


def known_place(uow: UnitOfWork, place_id: uuid.UUID) -> Place:
    place = uow.places.find(place_id)
    if place is None:
        raise UnknownPlace(place_id)
    return place


def known_places(uow: UnitOfWork, place_ids: Iterable[uuid.UUID]) -> frozenset[uuid.UUID]:
    return frozenset(known_place(uow, p).id for p in place_ids)


def qualified(helper: Actor, category: Category, day: date | datetime) -> None:
    """Refuse ``helper`` for ``category`` on ``day`` unless they hold its qualifications.

    ``day`` is the day of the help, or its time (the message then names the day in the
    community's time zone).
    """
    on = day.date() if isinstance(day, datetime) else day
    missing = helper.qualified_for(category.required_qualifications, on)
    if missing:
        raise MissingQualification(helper, category, day, missing)
