"""Reading form and query fields: every value is checked and named when it does not fit."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sorgende.domain.values import TimeWindow
from sorgende_web.errors import InvalidInput

_HOURS = re.compile(r"^\d{1,4}(?:[.,]\d{1,2})?$")
MAX_TEXT = 2000


def text(
    data: Mapping[str, Any], field: str, *, limit: int = MAX_TEXT, required: bool = False
) -> str:
    value = data.get(field, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    value = str(value).strip()
    if required and not value:
        raise InvalidInput(field, "must not be empty", "darf nicht leer sein")
    if len(value) > limit:
        raise InvalidInput(
            field, f"is longer than {limit} characters", f"ist länger als {limit} Zeichen"
        )
    return value


def values(data: Mapping[str, Any], field: str) -> list[str]:
    value = data.get(field, [])
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value if v]


def an_id(value: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(value.strip())
    except (ValueError, AttributeError) as exc:
        raise InvalidInput(
            field, f"{value!r} is not an id", f"{value!r} ist keine Kennung"
        ) from exc


def optional_id(data: Mapping[str, Any], field: str) -> uuid.UUID | None:
    value = text(data, field, limit=100)
    return an_id(value, field) if value else None


def hours(value: str, field: str = "hours") -> float:
    """Hours as people type them: ``1``, ``1.5`` or ``1,5``."""
    value = value.strip()
    if not _HOURS.match(value):
        raise InvalidInput(
            field, f"{value!r} is not a number of hours", f"{value!r} ist keine Stundenzahl"
        )
    return float(value.replace(",", "."))


def integer(value: str, field: str, low: int, high: int) -> int:
    value = value.strip()
    if not value.isdigit() or not low <= int(value) <= high:
        raise InvalidInput(
            field,
            f"{value!r} is not a whole number from {low} to {high}",
            f"{value!r} ist keine ganze Zahl von {low} bis {high}",
        )
    return int(value)


def a_date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(
            field, f"{value!r} is not a date (YYYY-MM-DD)", f"{value!r} ist kein Datum (JJJJ-MM-TT)"
        ) from exc


def a_time(value: str, field: str) -> time:
    try:
        parsed = time.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(
            field, f"{value!r} is not a time (HH:MM)", f"{value!r} ist keine Uhrzeit (HH:MM)"
        ) from exc
    return parsed.replace(tzinfo=None)


def local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The aware time of a local date and time (the zone knows summer time)."""
    return datetime.combine(day, at, zone)


def window(data: Mapping[str, Any], zone: ZoneInfo, duration_hours: float) -> TimeWindow:
    start = local(
        a_date(text(data, "date", required=True), "date"),
        a_time(text(data, "time", required=True), "time"),
        zone,
    )
    return TimeWindow(start, start + timedelta(hours=duration_hours))


def choice(value: str, field: str, allowed: Iterable[str]) -> str:
    options = list(allowed)
    if value not in options:
        raise InvalidInput(
            field,
            f"{value!r} is not one of {', '.join(options)}",
            f"{value!r} ist keiner der Werte {', '.join(options)}",
        )
    return value


def checkbox(data: Mapping[str, Any], field: str) -> bool:
    return text(data, field, limit=10) in ("on", "true", "1", "yes")


def local_path(value: str | None, default: str = "/board") -> str:
    """A redirect target on this site only: ``/path``, never ``//host`` or a URL."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    if any(ch in value for ch in "\r\n\t") or len(value) > 500:
        return default
    return value
