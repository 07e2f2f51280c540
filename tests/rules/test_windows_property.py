"""Random windows, years 1 to 9999, any offset, the DST edges of Europe/Berlin: every one
either is taken, and then read back and listed, or refused with an error of the family."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from sorgende import RequestStatus, TimeWindow
from sorgende.errors import SorgendeError
from tests.conftest import START, World

BERLIN = ZoneInfo("Europe/Berlin")

#: fixed offsets from UTC, up to a minute short of a day either way
offsets = st.timedeltas(
    min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23, minutes=59)
).map(lambda d: timezone(timedelta(minutes=d // timedelta(minutes=1))))
zones = st.one_of(
    st.just(UTC),
    st.just(BERLIN),
    st.sampled_from([ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")]),
    offsets,
)

#: anywhere in the years datetime knows
anywhen = st.datetimes(min_value=datetime.min, max_value=datetime.max, timezones=zones)
#: around the test's clock: a day of grace back, two years ahead, a little beyond both
near = st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=740)).map(
    lambda d: (START + d).astimezone(BERLIN)
)


@st.composite
def dst_edges(draw: st.DrawFn) -> datetime:
    """01:00 to 03:59 local time on a day Berlin changes its clocks (either fold)."""
    year = draw(st.sampled_from([1, 2026, 2027, 2028, 9999]))
    month = draw(st.sampled_from([3, 10]))
    day = max(d for d in range(25, 32) if datetime(year, month, d).weekday() == 6)
    minute = draw(st.integers(60, 4 * 60 - 1))
    naive = datetime(year, month, day, minute // 60, minute % 60)
    return naive.replace(tzinfo=BERLIN, fold=draw(st.integers(0, 1)))


def _utc(window: TimeWindow) -> tuple[datetime, datetime]:
    return window.start.astimezone(UTC), window.end.astimezone(UTC)


starts = st.one_of(anywhen, near, near, dst_edges())
durations = st.timedeltas(min_value=timedelta(hours=-2), max_value=timedelta(days=30))
ends_elsewhere = st.one_of(st.none(), zones)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(start=starts, duration=durations, end_zone=ends_elsewhere)
def test_every_window_is_taken_and_listed_or_refused_in_the_family(
    world: World, start: datetime, duration: timedelta, end_zone: timezone | None
) -> None:
    try:
        end = start + duration
        if end_zone is not None:
            end = end.astimezone(end_zone)
    except OverflowError:
        assume(False)  # the test's own arithmetic left datetime's range
    try:
        window = TimeWindow(start, end)
        request = world.c.post_request(world.anna.id, "shopping", world.daun.id, window, 1)
    except SorgendeError as refused:
        event(f"refused: {type(refused).__name__}")
        refused.message("de"), refused.message("en")  # both can be put into words
        return
    except Exception as error:  # pragma: no cover - what the property is about
        raise AssertionError(f"not an error of the family: {error!r}") from error
    event("taken")
    again = world.c.request(request.id)
    # the same instants: a time the clocks skip is kept as the instant it stands for (in
    # UTC: an ambiguous or skipped time never compares equal to one of another zone)
    assert _utc(again.window) == _utc(request.window) == _utc(window)
    assert again.window.start.utcoffset() == request.window.start.utcoffset()
    assert again.status is RequestStatus.OPEN
    assert request.id in {r.id for r in world.c.requests()}
    assert request.id in {r.id for r in world.c.open_requests()}
    assert request.id in {r.id for r in world.c.requests(actor_id=world.anna.id)}
    board = world.c.board(limit=500)
    assert request.id in {r.id for r in board.items} or board.total > 500
    world.c.expire_requests()  # the daily job reads what it is due to close
