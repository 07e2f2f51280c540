"""The building blocks of the strategies: pinned references, times, texts, codes."""

from __future__ import annotations

import functools
import operator
import uuid
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Final, TypeAlias, TypeVar
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from sorgende.domain import events as events_module
from sorgende.domain.actors import (
    Actor,
    Consent,
    Membership,
    Qualification,
)
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment, StatusChange
from sorgende.domain.community import Community, Place
from sorgende.domain.events import DomainEvent
from sorgende.domain.exchanges import (
    Exchange,
    TransitionRecord,
)
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.ledger import Entry, Posting
from sorgende.domain.recognition import Recognition
from sorgende.domain.values import MAX_MINUTES_PER_ACT, Recurrence, TimeWindow

T = TypeVar("T")

BERLIN: Final = ZoneInfo("Europe/Berlin")

#: a pinned reference: a value, a strategy for values, or ``None`` for anything
IdArg: TypeAlias = uuid.UUID | st.SearchStrategy[uuid.UUID] | None
StrArg: TypeAlias = str | st.SearchStrategy[str] | None

MIN_DAY: Final = date(2000, 1, 1)
MAX_DAY: Final = date(2060, 12, 31)
#: the largest commitment a service accepts: 31 days of 24 hours
MAX_COMMITMENT_MINUTES: Final = 31 * 24 * 60

EVENT_CLASSES: Final[tuple[type[DomainEvent], ...]] = tuple(
    sorted(
        (
            cls
            for cls in vars(events_module).values()
            if isinstance(cls, type)
            and issubclass(cls, DomainEvent)
            # read from a log, never recorded: see ForeignEvent
            and cls not in (DomainEvent, events_module.ForeignEvent)
        ),
        key=lambda cls: cls.__name__,
    )
)

Entity: TypeAlias = (
    Community
    | Place
    | Qualification
    | Membership
    | Consent
    | Actor
    | Category
    | TimeWindow
    | Recurrence
    | HelpRequest
    | HelpOffer
    | TransitionRecord
    | Exchange
    | StatusChange
    | Commitment
    | Entry
    | Posting
    | Recognition
    | DomainEvent
)


def _pinned(
    value: T | st.SearchStrategy[T] | None, default: st.SearchStrategy[T]
) -> st.SearchStrategy[T]:
    if value is None:
        return default
    if isinstance(value, st.SearchStrategy):
        return value
    return st.just(value)


def _ids(value: IdArg) -> st.SearchStrategy[uuid.UUID]:
    return _pinned(value, st.uuids())


# --- building blocks ----------------------------------------------------------------


@functools.cache
def time_zones() -> st.SearchStrategy[tzinfo]:
    """UTC, Europe/Berlin, or a fixed offset in whole minutes (-14:00 to +14:00)."""
    fixed = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    return st.one_of(st.sampled_from([UTC, BERLIN]), fixed)


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


@st.composite
def _dst_switch_datetimes(draw: st.DrawFn) -> datetime:
    """Europe/Berlin times around a daylight-saving switch, ambiguous ones included."""
    year = draw(st.integers(MIN_DAY.year, MAX_DAY.year - 1))
    day = _last_sunday(year, draw(st.sampled_from([3, 10])))
    minute = draw(st.integers(60, 4 * 60 - 1))  # 01:00 to 03:59 local time
    naive = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
    local = naive.replace(tzinfo=BERLIN, fold=draw(st.integers(0, 1)))
    # a time in the skipped hour does not exist: take the instant it stands for
    return local.astimezone(UTC).astimezone(BERLIN)


@functools.cache
def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Time-zone aware datetimes between 2000 and 2060 (no times that do not exist)."""
    general = st.datetimes(
        min_value=datetime(MIN_DAY.year, 1, 2),
        max_value=datetime(MAX_DAY.year, 12, 30),
        timezones=time_zones(),
        allow_imaginary=False,
    )
    return st.one_of(general, general, general, _dst_switch_datetimes())


@functools.cache
def dates() -> st.SearchStrategy[date]:
    return st.dates(min_value=MIN_DAY, max_value=MAX_DAY)


@functools.cache
def minutes() -> st.SearchStrategy[int]:
    """Minutes of one act of help: 1 to 1440 (more than 0 and at most 24 hours)."""
    return st.integers(1, MAX_MINUTES_PER_ACT)


def _later(draw: st.DrawFn, after: datetime, most: timedelta) -> datetime:
    """An instant at or after ``after`` (by at most ``most``), in any time zone."""
    delta = draw(st.timedeltas(min_value=timedelta(0), max_value=most))
    return (after.astimezone(UTC) + delta).astimezone(draw(time_zones()))


@functools.cache
def _texts(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(max_size=max_size)


@functools.cache
def _names() -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=60).filter(lambda s: bool(s.strip()))


@functools.cache
def _reasons() -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=60).filter(lambda s: bool(s.strip()))


@functools.cache
def category_codes() -> st.SearchStrategy[str]:
    """Codes like the default categories' or made up (``[a-z][a-z0-9_]*``)."""
    known = st.sampled_from(
        ["shopping", "rides", "visits", "garden", "repairs", "tech_help", "childcare"]
    )
    return st.one_of(known, _CODES)


_LOWER: Final = "abcdefghijklmnopqrstuvwxyz"
_CODES: Final = st.builds(
    operator.add,
    st.sampled_from(_LOWER),
    st.text(alphabet=_LOWER + "0123456789_", max_size=19),
)
_EMAILS: Final = st.builds(
    "{}@{}".format,
    st.text(alphabet=_LOWER + "0123456789._-", min_size=1, max_size=12),
    st.sampled_from(["example.org", "vg-daun.de", "buerger-fuer-buerger.de", "t-online.de"]),
)
_PHONES: Final = st.builds(
    "+49 {} {}".format, st.integers(100, 99_999), st.integers(1000, 99_999_999)
)


_LANGUAGES: Final = ("de", "en", "fr", "tr", "ar", "uk", "ru")


@functools.cache
def _titles() -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(_LANGUAGES), _names(), max_size=4)
