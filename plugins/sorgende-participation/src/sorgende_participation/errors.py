"""The plugin's refusals: members of sorgende's error family, in German and English.

Who may not do something is the core's :class:`~sorgende.errors.PermissionDenied`
(raised by :mod:`sorgende_participation.rules`); a rule of the thing itself (a survey
closed, answered already, an answer that fits no question) is :class:`ParticipationRefused`.
Ideas and surveys are named by their titles, never by id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sorgende.errors import ValidationError
from sorgende.i18n import Capitalised, Text


class ParticipationRefused(ValidationError):
    """``what`` (an idea, a survey, a comment) refuses the act for ``reason``."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{what}: {reason}",
        "de": "{what}: {reason}",
    }

    def __init__(self, what: Text, reason: Text, **extra: object) -> None:
        super().__init__(what=Capitalised(what), reason=reason, **extra)


class ProjectsMissing(ValidationError):
    """The act needs the projects plugin (an idea becoming a project, a forum's
    registration), and no loaded plugin answers its hooks."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{what} needs the projects plugin (sorgende-projects), which is not installed",
        "de": "{what} braucht das Projekte-Plugin (sorgende-projects), das nicht installiert ist",
    }

    def __init__(self, what: Text) -> None:
        super().__init__(what=Capitalised(what))
