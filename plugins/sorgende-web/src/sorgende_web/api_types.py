"""The REST API's shapes: the request bodies it accepts and the answers it gives.

Request bodies are ``msgspec`` structs that forbid unknown fields (a body that carries
``status``, ``role`` or ``community_id`` is refused, see :mod:`sorgende_web.api`); answers
are attrs classes of the core's records, which the OpenAPI document describes.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, Literal

import attrs
import msgspec
from litestar.params import Parameter

from sorgende.domain.actors import Actor
from sorgende.domain.commitments import Commitment, Fulfilment
from sorgende.domain.community import Community
from sorgende.domain.exchanges import Exchange
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.ledger import Statement
from sorgende.domain.values import Frequency

Text = Annotated[str, msgspec.Meta(max_length=2000)]
Short = Annotated[str, msgspec.Meta(max_length=200)]
Hours = Annotated[float, msgspec.Meta(gt=0, le=24)]
#: a time with its zone (RFC 3339): a time without one is refused as it is read
Moment = Annotated[datetime, msgspec.Meta(tz=True)]
Limit = Annotated[int, Parameter(ge=1, le=100, description="entries per page (at most 100)")]
Offset = Annotated[int, Parameter(ge=0, le=1_000_000, description="entries to skip")]
FREQUENCIES = {"daily": Frequency.DAILY, "weekly": Frequency.WEEKLY, "monthly": Frequency.MONTHLY}

# -- request bodies: only these fields, nothing else ---------------------------------------


class Body(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class RequestIn(Body):
    category: Short
    place_id: uuid.UUID
    start: Moment
    hours: Hours
    #: default: ``start`` plus ``hours``
    end: Moment | None = None
    #: the person helped; default the caller (a coordinator may post for anyone)
    recipient_id: uuid.UUID | None = None
    helpers_needed: Annotated[int, msgspec.Meta(ge=1, le=50)] = 1
    repeat: Literal["daily", "weekly", "monthly"] | None = None
    title: Short = ""
    description: Text = ""
    urgent: bool = False


class OfferIn(Body):
    category: Short
    start: Moment
    hours: Hours
    end: Moment | None = None
    place_ids: Annotated[list[uuid.UUID], msgspec.Meta(max_length=100)] = []
    repeat: Literal["daily", "weekly", "monthly"] | None = None
    title: Short = ""
    description: Text = ""


class ProposeIn(Body):
    request_id: uuid.UUID | None = None
    offer_id: uuid.UUID | None = None
    #: for a request: who helps (default the caller; another person only by a coordinator)
    helper_id: uuid.UUID | None = None
    #: for an offer: who is helped (default the caller)
    recipient_id: uuid.UUID | None = None
    scheduled: Moment | None = None
    hours: Hours | None = None
    note: Annotated[str, msgspec.Meta(max_length=500)] = ""


class TransitionIn(Body):
    reason: Annotated[str, msgspec.Meta(max_length=500)] = ""
    #: ``complete``: the hours actually given; ``resolve``: the hours to book (0 for none)
    hours: Annotated[float, msgspec.Meta(ge=0, le=24)] | None = None


class WithdrawIn(Body):
    reason: Annotated[str, msgspec.Meta(max_length=500)] = ""


class CommitmentIn(Body):
    hours: Annotated[float, msgspec.Meta(gt=0, le=744)]
    period: Literal["week", "month"] = "week"
    categories: Annotated[list[Short], msgspec.Meta(max_length=50)] = []
    place_ids: Annotated[list[uuid.UUID], msgspec.Meta(max_length=100)] = []


class PlaceIn(Body):
    name: Short
    kind: Literal["town", "village", "district"] = "village"


class CategoryIn(Body):
    code: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9_]{1,50}$")]
    name_de: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    name_en: Annotated[str, msgspec.Meta(max_length=100)] = ""


# -- answers: the core's records, in pages where they are lists ------------------------------


@attrs.frozen
class RequestPage:
    items: Sequence[HelpRequest]
    #: how many there are; with ``more``, how many were counted (the board counts at most
    #: 1,000 beyond ``offset``)
    total: int
    limit: int
    offset: int
    more: bool = False


@attrs.frozen
class OfferPage:
    items: Sequence[HelpOffer]
    total: int
    limit: int
    offset: int


@attrs.frozen
class ExchangePage:
    items: Sequence[Exchange]
    total: int
    limit: int
    offset: int


@attrs.frozen
class Me:
    login: str
    #: the community roles the person holds (themselves or through an organisation
    #: they coordinate): coordinator, ledger_keeper, data_protection, administrator
    roles: Sequence[str]
    #: the organisations whose work they coordinate (coordinator or staff of)
    coordinates: Sequence[uuid.UUID]
    community: Community
    actor: Actor


@attrs.frozen
class Contact:
    """The recipient's details for the accepted helper or a coordinator."""

    name: str
    phone: str | None
    email: str | None
    street: str


@attrs.frozen
class CandidateOut:
    actor_id: uuid.UUID
    name: str
    score: float
    terms: Mapping[str, float]


@attrs.frozen
class TimeAccount:
    balance_minutes: int
    statement: Statement


@attrs.frozen
class CommitmentOut:
    commitment: Commitment
    fulfilment: Fulfilment


@attrs.frozen
class WaitingOut:
    request: HelpRequest
    age_days: int


@attrs.frozen
class PlaceNeedsOut:
    place_id: uuid.UUID
    requests: int
    met: int


@attrs.frozen
class HelperOut:
    actor_id: uuid.UUID
    exchanges: int
    minutes: int


@attrs.frozen
class MonthOut:
    month: str
    minutes: int
    exchanges: int


@attrs.frozen
class DashboardOut:
    #: the open requests that have waited longest (the first 25)
    waiting: Sequence[WaitingOut]
    #: open requests per age, each counted up to 1,000 (``age_more``: more than that)
    age_buckets: Mapping[str, int]
    needs: Sequence[PlaceNeedsOut]
    helpers: Sequence[HelperOut]
    months: Sequence[MonthOut]
    #: the ages whose count stopped at its limit
    age_more: Sequence[str] = ()
    #: the helpers were counted from the latest 1,000 exchanges of the 30 days only
    helpers_more: bool = False


@attrs.frozen
class Problem:
    """An error answer (RFC 9457 problem details)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    #: the fields that were wrong, where a request did not fit
    errors: Sequence[Any] | None = None
