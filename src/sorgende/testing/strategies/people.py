"""Strategies for communities, places, actors, categories and times."""

from __future__ import annotations

import functools
from datetime import timedelta

import attrs
from hypothesis import strategies as st

from sorgende.domain.actors import (
    Actor,
    ActorKind,
    CommunityRole,
    Consent,
    Membership,
    Pronoun,
    Qualification,
    QualificationKind,
    Role,
)
from sorgende.domain.categories import Category
from sorgende.domain.community import Community, Place, PlaceKind, SolidarityPolicy
from sorgende.domain.personal import erase_personal
from sorgende.domain.values import Frequency, Recurrence, TimeWindow
from sorgende.testing.strategies.basics import (
    _EMAILS,
    _PHONES,
    MAX_DAY,
    IdArg,
    StrArg,
    _ids,
    _later,
    _names,
    _pinned,
    _texts,
    _titles,
    aware_datetimes,
    category_codes,
    dates,
)

# --- community, places, actors ------------------------------------------------------


def communities(*, id: IdArg = None) -> st.SearchStrategy[Community]:
    return st.builds(
        Community,
        name=_names(),
        id=_ids(id),
        solidarity_policy=st.sampled_from(SolidarityPolicy),
        solidarity_account=st.uuids(),
        version=st.integers(1, 1000),
    )


def places(*, community_id: IdArg = None, id: IdArg = None) -> st.SearchStrategy[Place]:
    return st.builds(
        Place,
        community_id=_ids(community_id),
        name=_names(),
        kind=st.sampled_from(PlaceKind),
        id=_ids(id),
        population=st.none() | st.integers(0, 10_000_000),
        area_km2=st.none() | st.floats(0, 10_000, allow_nan=False, allow_infinity=False),
        lat=st.none() | st.floats(-90, 90, allow_nan=False),
        lon=st.none() | st.floats(-180, 180, allow_nan=False),
    )


@st.composite
def _qualifications(draw: st.DrawFn) -> Qualification:
    """A qualification valid from one day until a later day (or without end)."""
    kind = draw(st.sampled_from([k.value for k in QualificationKind]) | category_codes())
    valid_from = draw(dates())
    valid_until = draw(st.none() | st.dates(min_value=valid_from, max_value=MAX_DAY))
    return Qualification(kind, valid_from, valid_until)


@functools.cache
def qualifications() -> st.SearchStrategy[Qualification]:
    """A qualification valid from one day until a later day (or without end)."""
    return _qualifications()


def memberships(*, organisation_id: IdArg = None) -> st.SearchStrategy[Membership]:
    return st.builds(Membership, organisation_id=_ids(organisation_id), role=st.sampled_from(Role))


@functools.cache
def consents() -> st.SearchStrategy[Consent]:
    return st.builds(
        Consent,
        contact=st.booleans(),
        share_contact_details=st.booleans(),
        statistics=st.booleans(),
    )


@st.composite
def actors(
    draw: st.DrawFn,
    *,
    community_id: IdArg = None,
    id: IdArg = None,
    kind: ActorKind | st.SearchStrategy[ActorKind] | None = None,
    home_place_id: IdArg = None,
) -> Actor:
    """A person or organisation; an erased actor has its personal data erased."""
    actor = Actor(
        community_id=draw(_ids(community_id)),
        kind=draw(_pinned(kind, st.sampled_from(ActorKind))),
        name=draw(_names()),
        id=draw(_ids(id)),
        home_place_id=draw(st.none() | _ids(home_place_id)),
        email=draw(st.none() | _EMAILS),
        phone=draw(st.none() | _PHONES),
        birth_year=draw(st.none() | st.integers(1900, 2100)),
        skills=draw(st.frozensets(_names(), max_size=4)),
        qualifications=tuple(draw(st.lists(qualifications(), max_size=3))),
        memberships=tuple(draw(st.lists(memberships(), max_size=3))),
        consent=draw(consents()),
        trusted_persons=draw(st.frozensets(st.uuids(), max_size=3)),
        receives_solidarity=draw(st.booleans()),
        pronoun=draw(st.none() | st.sampled_from(Pronoun)),
        community_roles=draw(st.frozensets(st.sampled_from(CommunityRole), max_size=2)),
        deactivated=draw(st.integers(0, 9)) == 0,
        version=draw(st.integers(1, 1000)),
    )
    if draw(st.integers(0, 9)) == 0:
        actor = attrs.evolve(erase_personal(actor), erased=True)
    return actor


def categories(*, code: StrArg = None) -> st.SearchStrategy[Category]:
    return st.builds(
        Category,
        code=_pinned(code, category_codes()),
        names=_titles(),
        required_qualifications=st.frozensets(
            st.sampled_from([k.value for k in QualificationKind]), max_size=2
        ),
        description=_texts(),
    )


# --- time ---------------------------------------------------------------------------


@st.composite
def time_windows(draw: st.DrawFn, *, max_duration: timedelta = timedelta(days=30)) -> TimeWindow:
    """A window whose end is at or after its start (possibly in another time zone)."""
    start = draw(aware_datetimes())
    return TimeWindow(start, _later(draw, start, max_duration))


@functools.cache
def recurrences() -> st.SearchStrategy[Recurrence]:
    return st.builds(
        Recurrence,
        frequency=st.sampled_from(Frequency),
        interval=st.integers(1, 52),
        until=st.none() | dates(),
    )
