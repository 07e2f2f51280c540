"""The plugin's refusals: members of sorgende's error family, in German and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sorgende.errors import PermissionDenied, ValidationError
from sorgende.i18n import Message


class Throttled(ValidationError):
    """Too many registrations from one address in a short time (a flood of submissions)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "Too many registrations from this connection. Please wait {minutes} minutes "
        "or call the crisis hotline.",
        "de": "Zu viele Anmeldungen von diesem Anschluss. Bitte warten Sie {minutes} Minuten "
        "oder rufen Sie das Krisentelefon an.",
    }

    def __init__(self, minutes: int) -> None:
        super().__init__(minutes=minutes)


class CrisisRefused(ValidationError):
    """The crisis does not take this now (it is closed, its data erased, ...)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{crisis}: {reason}",
        "de": "{crisis}: {reason}",
    }

    def __init__(self, crisis: str, reason: object) -> None:
        super().__init__(crisis=crisis, reason=reason)


class NotCrisisStaff(PermissionDenied):
    """Only the crisis staff (the municipality's coordinators, the community's
    coordinators, the operator) may do this."""

    def __init__(self, actor: object, action: Message) -> None:
        super().__init__(actor, action, Message("crisis.reason.not_staff"))


class DispatchRefused(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{what} is not possible: {reason}",
        "de": "{what} ist nicht möglich: {reason}",
    }

    def __init__(self, what: object, reason: object) -> None:
        super().__init__(what=what, reason=reason)
