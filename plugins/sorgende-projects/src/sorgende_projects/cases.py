"""What the plugin's use cases share: one unit of work each, re-run on a conflict, the
acting person read as the core reads it, the community's time zone, checks of input."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# the core's, re-exported: the plugin's modules take it from here
from sorgende import PluginCases, Principal, Work  # noqa: F401
from sorgende.domain.actors import Actor
from sorgende.domain.principals import event_actor  # noqa: F401
from sorgende.errors import InvalidValue, Message, NotFound
from sorgende.ports import UnitOfWork
from sorgende_projects.kinds import EVENT, MEMBER, PROJECT, SETTINGS, SIGNUP
from sorgende_projects.model import (
    Event,
    Project,
    ProjectMember,
    ProjectRole,
    ProjectSettings,
    SignUp,
)

#: who acts: a person's id, or the operator or the system
By = uuid.UUID | Principal

MAX_TITLE = 200
#: the runs of a use case on a shift's places after conflicts (see ``Cases``)
CONTENDED_ATTEMPTS = 16
MAX_TEXT = 20_000


class Cases(PluginCases):
    """Base of the facade's families: the platform and one community.

    ``_write(fn, contended=True)`` is for a use case on a shift's places: when sign-up
    opens, everyone wants the last places of one shift at the same minute, and each lost
    race is a conflict on the shift's version; such a use case runs up to
    :data:`CONTENDED_ATTEMPTS` times (with the platform's backoff), so that eight racers
    for one place all get the domain's answer (a place or the waitlist).
    """

    contended_attempts = CONTENDED_ATTEMPTS


def zone_of(uow: UnitOfWork) -> str:
    return uow.community.get().time_zone


def local_day(moment: datetime, zone: str) -> date:
    return moment.astimezone(ZoneInfo(zone)).date()


def local_time(day: date, clock: str, zone: str, field: str) -> datetime:
    """``day`` at the local time ``clock`` (``"HH:MM"``) in ``zone``, as an aware time."""
    try:
        at = time.fromisoformat(clock)
    except (TypeError, ValueError) as exc:
        raise InvalidValue(field, Message("projects.problem.clock", value=clock)) from exc
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def person(uow: UnitOfWork, actor_id: uuid.UUID) -> Actor:
    found = uow.actors.find(actor_id)
    if found is None or found.kind.is_organisation:
        raise NotFound("actor", actor_id)
    return found


def organisations(uow: UnitOfWork, ids: Iterable[uuid.UUID], field: str) -> tuple[uuid.UUID, ...]:
    """The ids, each an organisation of the community, in order and each once."""
    found: list[uuid.UUID] = []
    for org_id in dict.fromkeys(ids):
        org = uow.actors.find(org_id)
        if org is None:
            raise NotFound("actor", org_id)
        if not org.kind.is_organisation:
            raise InvalidValue(field, Message("projects.problem.not_organisation", name=org.name))
        found.append(org.id)
    if not found:
        raise InvalidValue(field, Message("projects.problem.no_organisation"))
    return tuple(found)


def title(value: str, field: str = "title") -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(field, Message("problem.validation.empty"))
    if len(value) > MAX_TITLE:
        raise InvalidValue(
            field, Message("problem.validation.longer_than_characters", max_name=MAX_TITLE)
        )
    return value.strip()


def text(value: str, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue(field, Message("projects.problem.text"))
    if len(value) > MAX_TEXT:
        raise InvalidValue(
            field, Message("problem.validation.longer_than_characters", max_name=MAX_TEXT)
        )
    return value.strip()


def texts(values: Iterable[str], field: str) -> tuple[str, ...]:
    return tuple(t for t in (text(v, field) for v in values) if t)


def aware(value: datetime, field: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InvalidValue(field, Message("projects.problem.aware"))
    return value


def period(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    aware(starts_at, "starts_at")
    aware(ends_at, "ends_at")
    if ends_at <= starts_at:
        raise InvalidValue("ends_at", Message("projects.problem.ends_before"))
    if ends_at - starts_at > timedelta(days=31):
        raise InvalidValue("ends_at", Message("projects.problem.too_long"))
    return starts_at, ends_at


def project_of(uow: UnitOfWork, project_id: uuid.UUID) -> Project:
    return uow.of(PROJECT).get(project_id)


def members_of(uow: UnitOfWork, project_id: uuid.UUID | None) -> Sequence[ProjectMember]:
    if project_id is None:
        return ()
    return uow.of(MEMBER).list(where={"project_id": project_id})


def leads(members: Iterable[ProjectMember]) -> frozenset[uuid.UUID]:
    return frozenset(m.person_id for m in members if m.role is ProjectRole.LEAD)


def event_of(uow: UnitOfWork, event_id: uuid.UUID) -> Event:
    return uow.of(EVENT).get(event_id)


def settings_of(uow: UnitOfWork, community_id: uuid.UUID) -> ProjectSettings:
    found = uow.of(SETTINGS).find(community_id)
    return found if found is not None else ProjectSettings(community_id)


def signups_of_shift(uow: UnitOfWork, shift_id: uuid.UUID) -> Sequence[SignUp]:
    return uow.of(SIGNUP).list(where={"shift_id": shift_id})


def checked(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidValue(field, Message("projects.problem.between", low=low, high=high))
    return value
