"""What the plugin's pages share: its use cases as the signed-in person, and names and
local dates for a reader (never ids)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from litestar import Request
from sorgende_web.extend import Viewer, page_of, signed_in

from sorgende.domain.actors import Actor
from sorgende.i18n import Localised, format_long_date, format_number, translate
from sorgende_participation.service import Participation


class Context:
    def __init__(self, request: Request[Any, Any, Any]) -> None:
        self.request = request
        self.page = page_of(request)
        self.viewer: Viewer = signed_in(request)
        self.lang: str = self.page.lang
        self.zone: ZoneInfo = self.page.app.zone
        self.platform = self.page.app.platform
        self.part = Participation(self.platform, self.viewer.account.community_id)
        self._actors: dict[uuid.UUID, Actor] | None = None

    @property
    def me(self) -> uuid.UUID:
        return self.viewer.actor_id

    def actors(self) -> dict[uuid.UUID, Actor]:
        if self._actors is None:
            self._actors = {a.id: a for a in self.viewer.service.actors(by=self.me)}
        return self._actors

    def name(self, actor_id: uuid.UUID | None) -> str:
        actor = self.actors().get(actor_id) if actor_id is not None else None
        return actor.name if actor is not None else "—"

    def municipalities(self) -> list[Actor]:
        return sorted(
            (a for a in self.actors().values() if a.kind.value == "municipality" and a.active),
            key=lambda a: a.name,
        )

    def places(self) -> dict[uuid.UUID, str]:
        return {p.id: p.name for p in self.viewer.service.places()}

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)

    def text(self, message: Localised | str | None) -> str:
        if message is None:
            return ""
        return message.text(self.lang) if isinstance(message, Localised) else message

    def when(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        local = moment.astimezone(self.zone)
        return self.t(
            "participation.web.at",
            date=format_long_date(local.date(), self.lang),
            time=local.strftime("%H:%M"),
        )

    def number(self, value: int) -> str:
        return format_number(value, self.lang)
