"""The crisis plugin's rules, in one place: who is crisis staff, what a registration
must hold, how a phone number is normalised, which helper fits which task, and how a
batch fills a task without going over its capacity. Pure functions: the use cases
(:mod:`sorgende_crisis.service`), the web pages and the simulation ask them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sorgende.domain.actors import Actor, ActorKind, CommunityRole
from sorgende.domain.principals import Acting
from sorgende.errors import InvalidValue, Message
from sorgende_crisis.model import Crisis, CrisisTask, Helper, HelperState

#: the longest name, place or free text of the public form (a longer one is refused,
#: not cut: cutting would store something the helper did not write)
MAX_NAME = 120
MAX_TEXT = 500
MAX_ITEMS = 20
_PHONE_CHARS = re.compile(r"^[0-9 ()/.\-+]+$")
#: angle brackets have no place in a name or a skill: refused instead of stored, so
#: that no page (nor a spreadsheet export) ever has to defuse them
_MARKUP = re.compile(r"[<>]")


def is_staff(acting: Acting, organisations: Iterable[Actor]) -> bool:
    """The crisis staff: the operator, the community's coordinators, and the
    coordinators of the municipality (its crisis staff acts through them)."""
    if acting.is_operator or acting.is_system or acting.has(CommunityRole.COORDINATOR):
        return True
    return any(
        org.kind is ActorKind.MUNICIPALITY and org.id in acting.coordinates for org in organisations
    )


def normalise_phone(value: object, field: str = "phone") -> str:
    """``0171 234 56 78`` → ``+491712345678``; a clear refusal of anything else."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(field, Message("crisis.problem.phone_missing"))
    raw = value.strip()
    if len(raw) > 30 or not _PHONE_CHARS.match(raw):
        raise InvalidValue(field, Message("crisis.problem.phone_malformed"))
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+"):
        number = digits
    elif digits.startswith("00"):
        number = digits[2:]
    elif digits.startswith("0"):
        number = "49" + digits[1:]
    else:
        raise InvalidValue(field, Message("crisis.problem.phone_malformed"))
    if not 9 <= len(number) <= 15:
        raise InvalidValue(field, Message("crisis.problem.phone_malformed"))
    return "+" + number


def plain(value: object, field: str, *, most: int = MAX_NAME, required: bool = False) -> str:
    """One line of plain text from the form, or a refusal naming the field."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidValue(field, Message("crisis.problem.text"))
    text = " ".join(value.split())
    if required and not text:
        raise InvalidValue(field, Message("problem.validation.empty"))
    if len(text) > most:
        raise InvalidValue(
            field, Message("problem.validation.longer_than_characters", max_name=most)
        )
    if _MARKUP.search(text):
        raise InvalidValue(field, Message("crisis.problem.markup"))
    return text


def items(values: Iterable[object] | str | None, field: str) -> tuple[str, ...]:
    """Skills or equipment: a list, or one text separated by commas; lower case, each once."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.split(",")
    found = [plain(v, field).lower() for v in values]
    kept = tuple(dict.fromkeys(v for v in found if v))
    if len(kept) > MAX_ITEMS:
        raise InvalidValue(field, Message("crisis.problem.too_many", most=MAX_ITEMS))
    return kept


def email(value: object, field: str = "email") -> str:
    text = plain(value, field)
    if text and (not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", text) or len(text) > 254):
        raise InvalidValue(field, Message("problem.actors.email_address", email=text))
    return text


def retention_ends(crisis: Crisis) -> datetime | None:
    """When the intake data of unconverted helpers is erased (``None``: still open)."""
    if crisis.closed_at is None:
        return None
    return crisis.closed_at + timedelta(days=crisis.retention_days)


def fits(helper: Helper, task: CrisisTask) -> bool:
    """Whether ``helper`` may be sent to ``task``: the task's skills and equipment are
    all the helper's, the helper is free for the task's time and not yet sent."""
    if helper.state is not HelperState.REGISTERED:
        return False
    if not set(task.skills) <= set(helper.skills):
        return False
    if not set(task.equipment) <= set(helper.equipment):
        return False
    if helper.available_from is not None and helper.available_from > task.starts_at:
        return False
    return not (helper.available_until is not None and helper.available_until < task.ends_at)


def score(helper: Helper, task: CrisisTask) -> tuple[int, int]:
    """Lower is better: a helper who wants this place first, then the fewest spare skills
    (a helper with a pump is kept for a task that needs one)."""
    place = 0 if helper.place_id in (None, task.place_id) else 1
    if helper.place_id == task.place_id:
        place = -1
    spare = len(set(helper.skills) - set(task.skills)) + len(
        set(helper.equipment) - set(task.equipment)
    )
    return place, spare


#: how the crisis staff dispatch (docs/crisis.md, "Dispatch strategies"):
#: ``triage`` the most urgent task first, and for each the helpers who want its place
#: and bring the fewest skills and equipment it does not need (a pump is kept for a
#: task that needs one); ``first_come`` the tasks in the order they were posted, and
#: the fitting helpers in the order they registered
STRATEGIES = ("triage", "first_come")


def strategy(value: object) -> str:
    if value not in STRATEGIES:
        raise InvalidValue(
            "strategy", Message("crisis.problem.strategy", known=", ".join(STRATEGIES))
        )
    return str(value)


def batch(
    task: CrisisTask,
    helpers: Sequence[Helper],
    size: int | None = None,
    order: str = "triage",
    now: datetime | None = None,
) -> list[Helper]:
    """Up to ``size`` fitting helpers for ``task``, never more than its free places,
    chosen by the strategy ``order`` (:data:`STRATEGIES`); none for a task that is
    over at ``now``."""
    room = task.free if size is None else min(size, task.free)
    if room <= 0 or (now is not None and task.ends_at <= now):
        return []
    fitting = [h for h in helpers if fits(h, task)]
    if order == "first_come":
        fitting.sort(key=lambda h: h.registered_at or task.created_at)
    else:
        fitting.sort(key=lambda h: (*score(h, task), h.registered_at or task.created_at))
    return fitting[:room]


def by_priority(tasks: Iterable[CrisisTask], order: str = "triage") -> list[CrisisTask]:
    """Triage order: the most urgent first, then the earliest start (``first_come``:
    in the order the tasks were posted)."""
    if order == "first_come":
        return sorted(tasks, key=lambda t: t.created_at)
    return sorted(tasks, key=lambda t: (t.priority, t.starts_at, t.created_at))


def place_ids(ids: Iterable[uuid.UUID]) -> tuple[uuid.UUID, ...]:
    found = tuple(dict.fromkeys(ids))
    if not found:
        raise InvalidValue("place_ids", Message("crisis.problem.no_place"))
    return found
