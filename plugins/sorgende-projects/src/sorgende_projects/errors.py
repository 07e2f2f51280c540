"""The plugin's refusals: members of sorgende's error family, in German and English.

A refusal names the shift by its title and local date and time, the person and the
event by name (:func:`shift_named`), never by id; the ids are in extra params for
programs (``shift_id``, ``person_id``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sorgende.errors import ValidationError
from sorgende.i18n import Capitalised, LocalDateTime, Message, Named, Quoted, Text
from sorgende_projects.model import Event, Shift


def shift_named(shift: Shift, zone: str | None = None) -> Message:
    """„Aufbau“ am Samstag, 1. August, 9:00 — a shift for a person."""
    return Message(
        "projects.shift.named",
        title=Quoted(shift.title),
        when=LocalDateTime(shift.starts_at, zone),
    )


def event_named(event: Event) -> Quoted:
    return Quoted(event.title)


class SignUpRefused(ValidationError):
    """``person`` cannot be signed up for ``shift`` (a rule of the plugin says why)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{person} cannot sign up for {shift}: {reason}",
        "de": "{person} kann sich nicht für {shift} eintragen: {reason}",
    }

    def __init__(self, person: str, shift: Shift, reason: Text, zone: str | None = None) -> None:
        super().__init__(
            person=Capitalised(Named(person)),
            shift=shift_named(shift, zone),
            reason=reason,
            shift_id=shift.id,
        )


class ShiftRefused(ValidationError):
    """``change`` (cancel, no-show, check-in...) of ``shift`` is refused for ``reason``."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{change} for {shift} is not possible: {reason}",
        "de": "{change} für {shift} ist nicht möglich: {reason}",
    }

    def __init__(self, change: str, shift: Shift, reason: Text, zone: str | None = None) -> None:
        super().__init__(
            change=Capitalised(Message(f"projects.change.{change}")),
            shift=shift_named(shift, zone),
            reason=reason,
            shift_id=shift.id,
            change_code=change,
        )


class ProjectRefused(ValidationError):
    """A change of a project, meeting, task or event breaks a rule (``reason``)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{what}: {reason}",
        "de": "{what}: {reason}",
    }

    def __init__(self, what: Text, reason: Text) -> None:
        super().__init__(what=what, reason=reason)
