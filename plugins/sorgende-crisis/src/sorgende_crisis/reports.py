"""Residents report needs through the public form: a task with ``reported=True``.

A report is checked whole before anything is written (nothing half-written). The task it
becomes is not open for ``dispatch_all``: the crisis staff look at it first and send a
first group to it themselves (their triage); until then it counts in the situation
picture's needs by place and urgency. The reporter's name, phone and address are
personal and erased with the helpers' intake data after the retention period.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import attrs

from sorgende.errors import InvalidValue, Message
from sorgende_crisis import rules
from sorgende_crisis.errors import CrisisRefused
from sorgende_crisis.kinds import TASK
from sorgende_crisis.model import Crisis, CrisisTask

#: the most helpers a resident may ask for (the staff may send more)
MOST_HELPERS = 50
#: a reported need is for "as soon as possible": the task's window until the staff's triage
WINDOW = timedelta(days=1)


def _flag(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in ("on", "yes", "true", "1"))


@attrs.frozen
class Report:
    what: str
    place_id: uuid.UUID
    address: str
    helpers: int
    urgent: bool
    name: str
    phone: str

    @classmethod
    def read(cls, data: Mapping[str, Any], places: tuple[uuid.UUID, ...]) -> Report:
        """Every field's rule, in the form's order; ``places`` those of the crisis."""
        what = rules.plain(data.get("what"), "what", required=True, most=200)
        place = data.get("place_id")
        if not isinstance(place, uuid.UUID) or place not in places:
            raise InvalidValue("place_id", Message("crisis.problem.need_place"))
        address = rules.plain(data.get("address"), "address")
        raw = str(data.get("helpers") or "1").strip()
        if not raw.isdigit() or not 1 <= int(raw) <= MOST_HELPERS:
            raise InvalidValue("helpers", Message("crisis.problem.helpers", most=MOST_HELPERS))
        name = rules.plain(data.get("name"), "name", required=True)
        phone = rules.normalise_phone(data.get("phone"))
        if not _flag(data.get("consent_contact")):
            raise InvalidValue("consent_contact", Message("crisis.problem.consent_report"))
        return cls(what, place, address, int(raw), _flag(data.get("urgent")), name, phone)


def file(uow: Any, crisis: Crisis, report: Report, now: datetime) -> CrisisTask:
    """The report as a task of the crisis (in the unit of work)."""
    if not crisis.active:
        raise CrisisRefused(crisis.title, Message("crisis.reason.closed"))
    task = CrisisTask(
        crisis.community_id,
        crisis.id,
        report.what,
        report.place_id,
        now,
        now + WINDOW,
        report.helpers,
        now,
        priority=1 if report.urgent else 2,
        open=False,
        reported=True,
        address=report.address,
        reporter_name=report.name,
        reporter_phone=report.phone,
    )
    uow.of(TASK).add(task)
    return task
