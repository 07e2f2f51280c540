"""Intake without an account: the public form's and the phone intake's registration,
merged by phone number, confirmed through the notification channels, and throttled
per source address."""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any

import attrs

from sorgende.errors import InvalidValue, Message
from sorgende.i18n import format_when, translate
from sorgende.notifications import DirectMessage
from sorgende_crisis import rules
from sorgende_crisis.errors import CrisisRefused, Throttled
from sorgende_crisis.kinds import CRISIS, HELPER
from sorgende_crisis.model import Crisis, CrisisTask, Helper, helper_id


class Throttle:
    """At most ``limit`` registrations per source address in ``window`` seconds.

    Kept in the process (a web worker's memory): a flood from one address is stopped
    before it reaches the database. ``clock`` is monotonic seconds (a test moves it).
    """

    def __init__(
        self, limit: int = 10, window: float = 600.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, source: str | None) -> None:
        if not source:
            return
        now = self.clock()
        with self._lock:
            seen = self._seen.setdefault(source, deque())
            while seen and seen[0] <= now - self.window:
                seen.popleft()
            if len(seen) >= self.limit:
                raise Throttled(minutes=max(1, round((seen[0] + self.window - now) / 60)))
            seen.append(now)
            if len(self._seen) > 100_000:
                # forget the quiet addresses rather than grow without end
                for key in [k for k, v in self._seen.items() if not v]:
                    del self._seen[key]


def _flag(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in ("on", "yes", "true", "1"))


def _moment(value: object, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return value
    raise InvalidValue(field, Message("crisis.problem.aware"))


@attrs.frozen
class Form:
    """A registration as the form gave it, checked (every field's rule is asked before
    anything is written: nothing half-written)."""

    name: str
    phone: str
    email: str
    skills: tuple[str, ...]
    equipment: tuple[str, ...]
    comes_from: str
    place_id: uuid.UUID | None
    available_from: datetime | None
    available_until: datetime | None
    adult: bool
    guardian_consent: bool
    consent_contact: bool
    consent_retention: bool
    language: str
    channel: str

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Form:
        name = rules.plain(data.get("name"), "name", required=True)
        phone = rules.normalise_phone(data.get("phone"))
        email = rules.email(data.get("email"))
        adult = _flag(data.get("adult"))
        guardian = _flag(data.get("guardian_consent"))
        if not adult and not guardian:
            raise InvalidValue("adult", Message("crisis.problem.minor"))
        contact = _flag(data.get("consent_contact"))
        if not contact:
            raise InvalidValue("consent_contact", Message("crisis.problem.consent"))
        channel = "email" if data.get("channel") == "email" else "sms"
        if channel == "email" and not email:
            raise InvalidValue("email", Message("crisis.problem.email_needed"))
        start = _moment(data.get("available_from"), "available_from")
        until = _moment(data.get("available_until"), "available_until")
        if start and until and until <= start:
            raise InvalidValue("available_until", Message("crisis.problem.ends_before"))
        place = data.get("place_id")
        return cls(
            name=name,
            phone=phone,
            email=email,
            skills=rules.items(data.get("skills"), "skills"),
            equipment=rules.items(data.get("equipment"), "equipment"),
            comes_from=rules.plain(data.get("comes_from"), "comes_from"),
            place_id=place if isinstance(place, uuid.UUID) else None,
            available_from=start,
            available_until=until,
            adult=adult,
            guardian_consent=guardian,
            consent_contact=contact,
            consent_retention=_flag(data.get("consent_retention")),
            language="en" if data.get("language") == "en" else "de",
            channel=channel,
        )


def merged(old: Helper, form: Form) -> Helper:
    """A second registration with the same phone: the newer answers win, skills and
    equipment are joined, the count of registrations goes up."""
    return HELPER.bumped(
        old,
        name=form.name,
        email=form.email or old.email,
        skills=tuple(dict.fromkeys((*old.skills, *form.skills))),
        equipment=tuple(dict.fromkeys((*old.equipment, *form.equipment))),
        comes_from=form.comes_from or old.comes_from,
        place_id=form.place_id or old.place_id,
        available_from=form.available_from or old.available_from,
        available_until=form.available_until or old.available_until,
        adult=form.adult,
        guardian_consent=form.guardian_consent,
        consent_contact=True,
        consent_retention=form.consent_retention or old.consent_retention,
        language=form.language,
        channel=form.channel,
        registrations=old.registrations + 1,
    )


def store(uow: Any, crisis: Crisis, form: Form, now: datetime) -> tuple[Helper, bool]:
    """Add or merge the helper in the unit of work; ``(helper, new)``."""
    if not crisis.active:
        raise CrisisRefused(crisis.title, Message("crisis.reason.closed"))
    key = helper_id(crisis.id, form.phone)
    repo = uow.of(HELPER)
    old = repo.find(key)
    if old is not None:
        helper = merged(old, form)
        repo.update(helper)
        return helper, False
    helper = Helper(
        community_id=crisis.community_id,
        crisis_id=crisis.id,
        name=form.name,
        phone=form.phone,
        email=form.email,
        skills=form.skills,
        equipment=form.equipment,
        comes_from=form.comes_from,
        place_id=form.place_id,
        available_from=form.available_from,
        available_until=form.available_until,
        adult=form.adult,
        guardian_consent=form.guardian_consent,
        consent_contact=form.consent_contact,
        consent_retention=form.consent_retention,
        language=form.language,
        channel=form.channel,
        registered_at=now,
        token=secrets.token_urlsafe(16),
        id=key,
    )
    # two racing first registrations of one phone meet on the key: the loser's unit of
    # work fails with a retryable conflict and, run again, merges into the winner's
    repo.add(helper)
    return helper, True


def crisis_of(uow: Any, crisis_id: uuid.UUID) -> Crisis:
    found: Crisis = uow.of(CRISIS).get(crisis_id)
    return found


def message_channel(platform: Any, helper: Helper) -> Any | None:
    """The channel that reaches the helper: a channel named ``sms`` for a phone, one
    that sends direct messages by e-mail otherwise (``None``: none configured)."""
    wanted = "sms" if helper.channel == "sms" else "email"
    fallback = None
    for found in getattr(platform, "channels", ()) or ():
        if not callable(getattr(found, "send_message", None)):
            continue
        if getattr(found, "name", "") == wanted:
            return found
        if fallback is None and helper.email and getattr(found, "name", "") != "sms":
            fallback = found
    return fallback


def tell(platform: Any, helper: Helper, subject: str, text: str, kind: str) -> bool:
    """Send ``text`` to the helper now; whether a channel took it (a failed send does not
    undo the registration: the page shows the same confirmation)."""
    channel = message_channel(platform, helper)
    if channel is None:
        return False
    address = helper.phone if getattr(channel, "name", "") == "sms" else helper.email
    if not address:
        return False
    try:
        channel.send_message(
            DirectMessage(
                community_id=helper.community_id,
                name=helper.name,
                address=address,
                subject=subject,
                text=text,
                language=helper.language,
                kind=kind,
                key=f"{kind}:{uuid.uuid4().hex}",
            )
        )
    except Exception:
        return False
    return True


def confirmation(crisis: Crisis, helper: Helper, link: str) -> tuple[str, str]:
    lang = helper.language
    return (
        translate("crisis.confirm.subject", lang, crisis=crisis.title),
        translate("crisis.confirm.text", lang, name=helper.name, link=link),
    )


def when(moment: datetime, lang: str) -> str:
    return format_when(moment, lang)


def tell_dispatched(
    platform: Any, helper: Helper, task: CrisisTask, zone: tzinfo, link: str
) -> None:
    """The helper's message of a dispatch: the task, when, the meeting point, the link."""
    lang = helper.language
    tell(
        platform,
        helper,
        translate("crisis.dispatch.subject", lang, task=task.title),
        translate(
            "crisis.dispatch.text",
            lang,
            name=helper.name,
            when=when(task.starts_at.astimezone(zone), lang),
            meeting_point=task.meeting_point or task.address or task.title,
            link=link,
        ),
        "crisis.dispatch",
    )
