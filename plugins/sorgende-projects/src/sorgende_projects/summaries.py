"""The plugin's events in words for the person told of them (``summary`` of
:func:`sorgende.notifies`): the shift by its title and local time, never an id."""

from __future__ import annotations

from typing import Any

from sorgende.i18n import Message, Quoted, translate
from sorgende_projects.errors import shift_named
from sorgende_projects.kinds import EVENT, SHIFT, TASK


def _shift(uow: Any, shift_id: Any, language: str) -> str:
    shift = uow.of(SHIFT).find(shift_id)
    if shift is None:
        return translate("kind.projects.shift", language)
    return shift_named(shift, uow.community.get().time_zone).text(language)


def _by(uow: Any, event: Any) -> str:
    actor = uow.actors.find(event.by) if event.by is not None else None
    return actor.name if actor is not None else "—"


def promoted(uow: Any, event: Any, language: str) -> str:
    return translate(
        "projects.notice.promoted", language, shift=_shift(uow, event.shift_id, language)
    )


def signed_up(uow: Any, event: Any, language: str) -> str:
    key = "projects.notice.waiting" if event.waiting else "projects.notice.signed_up"
    return translate(key, language, by=_by(uow, event), shift=_shift(uow, event.shift_id, language))


def shift_changed(uow: Any, event: Any, language: str) -> str:
    return translate(
        "projects.notice.changed", language, shift=_shift(uow, event.shift_id, language)
    )


def shift_cancelled(uow: Any, event: Any, language: str) -> str:
    return translate(
        "projects.notice.cancelled", language, shift=_shift(uow, event.shift_id, language)
    )


def event_cancelled(uow: Any, event: Any, language: str) -> str:
    found = uow.of(EVENT).find(event.event_id)
    title = Quoted(found.title).text(language) if found is not None else ""
    return translate("projects.notice.event_cancelled", language, event=title)


def reminder(uow: Any, event: Any, language: str) -> str:
    return translate(
        "projects.notice.reminder", language, shift=_shift(uow, event.shift_id, language)
    )


def task_assigned(uow: Any, event: Any, language: str) -> str:
    task = uow.of(TASK).find(event.task_id)
    what = Message("projects.notice.task", task=Quoted(task.title if task else ""))
    return what.text(language)
