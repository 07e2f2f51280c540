"""What the plugin's pages share: its use cases as the signed-in person, and how dates,
places and people are written for a reader (names and local dates, never ids)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from litestar import Request
from sorgende_web.extend import Viewer, page_of, signed_in

from sorgende.domain.actors import Actor
from sorgende.i18n import Localised, format_date, format_long_date, format_number, translate
from sorgende_projects.feeds import qualification_label
from sorgende_projects.model import Event, Shift, SignUp, SignUpState


class Context:
    """One request's look at the plugin: the viewer, the use cases asked as them, the
    reader's language and zone, and the names of people, organisations and places."""

    def __init__(self, request: Request[Any, Any, Any]) -> None:
        from sorgende_projects import Projects

        self.request = request
        self.page = page_of(request)
        self.viewer: Viewer = signed_in(request)
        self.lang: str = self.page.lang
        self.zone: ZoneInfo = self.page.app.zone
        self.projects = Projects(self.page.app.platform, self.viewer.account.community_id)
        self._actors: dict[uuid.UUID, Actor] | None = None

    @property
    def me(self) -> uuid.UUID:
        return self.viewer.actor_id

    def actors(self) -> dict[uuid.UUID, Actor]:
        """The community's actors the viewer may see (as the core's query answers)."""
        if self._actors is None:
            found = self.viewer.service.actors(by=self.me)
            self._actors = {a.id: a for a in found}
        return self._actors

    def name(self, actor_id: uuid.UUID | None) -> str:
        actor = self.actors().get(actor_id) if actor_id is not None else None
        return actor.name if actor is not None else "—"

    def names(self, ids: Iterable[uuid.UUID]) -> str:
        return ", ".join(self.name(i) for i in ids)

    def organisations(self) -> list[Actor]:
        found = [a for a in self.actors().values() if a.kind.is_organisation and a.active]
        return sorted(found, key=lambda a: a.name)

    def places(self) -> dict[uuid.UUID, str]:
        return {p.id: p.name for p in self.viewer.service.places()}

    def where(self, record: Event | Shift, places: Mapping[uuid.UUID, str]) -> str:
        place = places.get(record.place_id) if record.place_id else None
        return ", ".join(part for part in (record.location, place or "") if part)

    # -- words -----------------------------------------------------------------------

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)

    def text(self, message: Localised | str | None) -> str:
        """A text of the catalogue (a rule's reason) in the reader's language."""
        if message is None:
            return ""
        return message.text(self.lang) if isinstance(message, Localised) else message

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def span(self, start: datetime, end: datetime) -> str:
        """``Samstag, 1. August 2026, 09:00–12:00 Uhr`` (the end's day too if it differs)."""
        first, last = self.local(start), self.local(end)
        if first.date() == last.date():
            return self.t(
                "projects.web.span.day",
                date=format_long_date(first.date(), self.lang),
                start=first.strftime("%H:%M"),
                end=last.strftime("%H:%M"),
            )
        return self.t(
            "projects.web.span.days",
            start=self.when(first),
            end=self.when(last),
        )

    def when(self, moment: datetime) -> str:
        local = self.local(moment)
        return self.t(
            "projects.web.at",
            date=format_long_date(local.date(), self.lang),
            time=local.strftime("%H:%M"),
        )

    def day(self, value: date) -> str:
        return format_long_date(value, self.lang)

    def short_day(self, value: date) -> str:
        return format_date(value, self.lang)

    def number(self, value: int) -> str:
        return format_number(value, self.lang)

    def qualification(self, kind: str) -> str:
        return qualification_label(kind, self.lang)

    def state(self, signup: SignUp) -> str:
        return self.t(f"projects.web.state.{signup.state.value}")


def waitlist_place(waiting: Iterable[SignUp], signup: SignUp) -> int | None:
    """The place of ``signup`` on its shift's waitlist (1: the next one), in order."""
    if signup.state is not SignUpState.WAITING:
        return None
    ordered = sorted(
        (s for s in waiting if s.state is SignUpState.WAITING), key=lambda s: s.position
    )
    for place, other in enumerate(ordered, 1):
        if other.id == signup.id:
            return place
    return None
