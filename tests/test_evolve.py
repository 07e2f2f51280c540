"""``sorgende.domain.evolve.evolver``: the same records as ``attrs.evolve``, checked alike."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sorgende.domain.evolve import evolver
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpRequest, RequestStatus
from sorgende.domain.recognition import HelperTotals
from sorgende.errors import InvalidValue
from sorgende.testing.strategies import exchanges, help_requests

_request = evolver(HelpRequest)
_exchange = evolver(Exchange)


@given(help_requests(), st.sampled_from(RequestStatus), st.integers(1, 10**6))
def test_a_request_evolves_as_with_attrs(
    request: HelpRequest, status: RequestStatus, version: int
) -> None:
    expected = attrs.evolve(request, status=status, version=version)
    assert _request(request, status=status, version=version) == expected
    assert _request(request) == request


@given(exchanges(), st.sampled_from(ExchangeState), st.integers(1, 24 * 60))
def test_an_exchange_evolves_as_with_attrs(
    exchange: Exchange, state: ExchangeState, minutes: int
) -> None:
    expected = attrs.evolve(exchange, state=state, minutes=minutes)
    assert _exchange(exchange, state=state, minutes=minutes) == expected


@given(help_requests())
def test_a_changed_value_is_validated(request: HelpRequest) -> None:
    with pytest.raises(InvalidValue):
        _request(request, minutes=0)
    with pytest.raises(InvalidValue):
        _request(request, helpers_needed=0)


@given(help_requests())
def test_an_unknown_field_is_refused(request: HelpRequest) -> None:
    with pytest.raises(TypeError, match="no field"):
        _request(request, colour="blue")


@attrs.frozen
class _Later(HelpRequest):
    """A subclass with a field of its own: evolved by attrs, keeping it."""

    extra: str = "kept"


@given(help_requests())
def test_a_subclass_keeps_its_own_fields(request: HelpRequest) -> None:
    later = _Later(**attrs.asdict(request, recurse=False), extra="mine")
    moved = _request(later, status=RequestStatus.MATCHED)
    assert type(moved) is _Later
    assert moved.extra == "mine"
    assert moved.status is RequestStatus.MATCHED


def test_keyword_only_fields_are_refused_when_made() -> None:
    @attrs.frozen(kw_only=True)
    class Named:
        a: int
        b: int

    with pytest.raises(TypeError, match="positional"):
        evolver(Named)


def test_totals_evolve_with_each_confirmation() -> None:
    import uuid
    from datetime import UTC, datetime

    totals = HelperTotals(uuid.uuid4(), uuid.uuid4())
    at = datetime(2026, 3, 1, 10, tzinfo=UTC)
    counted = totals.counted(at, 90, at)
    assert (counted.exchanges, counted.minutes, counted.first_help) == (1, 90, at)
    assert counted.day_minutes == (90,)
    assert counted.version == totals.version  # the kind's ``bumped`` raises it
