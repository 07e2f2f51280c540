"""Reading form and query fields: every value is checked and named when it does not fit."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sorgende.domain.values import TimeWindow
from sorgende.errors import Message, SorgendeError
from sorgende.i18n import localise
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)
from sorgende_web.errors import InvalidInput
from sorgende_web.inputs import EARLIEST, LATEST

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
        raise InvalidInput(field, Message("web.problem.forms.empty"))
    if len(value) > limit:
        raise InvalidInput(field, Message("web.problem.forms.longer_than_characters", limit=limit))
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
        raise InvalidInput(field, Message("web.problem.forms.id", value=value)) from exc


def optional_id(data: Mapping[str, Any], field: str) -> uuid.UUID | None:
    value = text(data, field, limit=100)
    return an_id(value, field) if value else None


def hours(value: str, field: str = "hours") -> float:
    """Hours as people type them: ``1``, ``1.5`` or ``1,5``."""
    value = value.strip()
    if not _HOURS.match(value):
        raise InvalidInput(field, Message("web.problem.forms.number_hours", value=value))
    return float(value.replace(",", "."))


def integer(value: str, field: str, low: int, high: int) -> int:
    value = value.strip()
    if not value.isdigit() or not low <= int(value) <= high:
        raise InvalidInput(
            field,
            Message("web.problem.forms.whole_number_from", value=value, low=low, high=high),
        )
    return int(value)


_LOCAL_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def a_date(value: str, field: str) -> date:
    """A day as a date field sends it (``2027-03-31``) or as people write it in German
    (``31.3.2027``)."""
    value = value.strip()
    try:
        local_form = _LOCAL_DATE.match(value)
        if local_form:
            d, m, y = (int(g) for g in local_form.groups())
            day = date(y, m, d)
        else:
            day = date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(field, Message("web.problem.forms.date_local", value=value)) from exc
    # a day near the year 9999 would overflow once its end or repetition is computed
    if not EARLIEST <= day.year <= LATEST:
        raise InvalidInput(
            field,
            Message("web.problem.body.datetime_range", year=day.year, low=EARLIEST, high=LATEST),
        )
    return day


def a_time(value: str, field: str) -> time:
    try:
        parsed = time.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(field, Message("web.problem.forms.time_hh_mm", value=value)) from exc
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
            Message("web.problem.forms.not_one_of", value=value, options=", ".join(options)),
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


# -- errors next to their fields ---------------------------------------------------------

#: the form field a refusal's field (the core's name, or the form's own) is shown at
FIELD_OF = {
    "window": "date",
    "window.start": "date",
    "window.end": "hours",
    "minutes": "hours",
    "recurrence.until": "until",
    "recurrence.interval": "repeat",
    "place": "place_id",
    "places": "place_ids",
    "scheduled": "slot",
}
#: refusals that name no field but belong to one
_FIELD_OF_KIND = {
    "UnknownCategory": "category",
    "UnknownPlace": "place_id",
    "InvalidTimeWindow": "date",
}


def field_errors(
    refused: SorgendeError, lang: str, fields: Iterable[str]
) -> tuple[dict[str, str], str | None]:
    """A refusal as the messages shown next to the form's ``fields`` (by field) and the
    rest, shown above the form: each in ``lang``, a field's without its name (its label
    stands beside it), the rest with the field's label."""
    known = set(fields)
    name = refused.params.get("field_name", refused.params.get("field"))
    if not isinstance(name, str):
        name = _FIELD_OF_KIND.get(type(refused).__name__)
    if isinstance(name, str):
        field = FIELD_OF.get(name, name)
        if field in known:
            problem = refused.params.get("problem")
            text = str(localise(problem, lang)) if problem is not None else refused.message(lang)
            return {field: text[:1].upper() + text[1:]}, None
    return {}, refused.message(lang)


def form_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """What was typed, to be put back into the form: one value per field, a list for a
    field given several times (checkboxes)."""
    kept: dict[str, Any] = {}
    for key, value in data.items():
        if key == "_csrf_token":
            continue
        kept[key] = (
            value
            if isinstance(value, list) and len(value) != 1
            else (value[0] if isinstance(value, list) else value)
        )
    return kept
