"""Refusals of getting and keeping an account, in the project's error family."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sorgende.errors import NotFound, SorgendeError, Text, ValidationError


class FieldProblem(ValidationError):
    """One field of a form does not fit (HTTP 422); shown next to that field."""

    templates: ClassVar[Mapping[str, str]] = {"en": "{problem}", "de": "{problem}"}

    def __init__(self, field: str, problem: Text) -> None:
        super().__init__(problem=problem, field_name=field)


class LinkInvalid(NotFound):
    """A link that was used already, has expired, or never was (HTTP 404)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "this link is no longer valid: it was used already or has expired. Please "
        "ask for a new one",
        "de": "Dieser Link gilt nicht mehr: Er wurde schon benutzt oder ist abgelaufen. "
        "Bitte fordern Sie einen neuen an",
    }

    def __init__(self) -> None:
        SorgendeError.__init__(self, kind="link", id="-")


class PathClosed(NotFound):
    """The community does not offer this way to an account (HTTP 404)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{community} does not offer this; please call the coordination",
        "de": "{community} bietet das nicht an; bitte rufen Sie die Koordination an",
    }

    def __init__(self, community: str) -> None:
        SorgendeError.__init__(self, community=community, kind="path", id="-")


class PasswordChangeRequired(SorgendeError):
    """The account signs in with an initial password: it is to be changed first."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "please choose a password of your own first",
        "de": "Bitte wählen Sie zuerst ein eigenes Passwort",
    }

    def __init__(self) -> None:
        super().__init__()


def field_of(error: SorgendeError) -> str:
    """The form field a refusal is about (``""`` if none)."""
    params = error.params
    name = params.get("field_name") or params.get("field")
    return name if isinstance(name, str) else ""
