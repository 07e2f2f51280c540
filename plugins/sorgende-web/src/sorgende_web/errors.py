"""The web platform's own refusals, in the project's error family (German and English)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sorgende.errors import ConflictError, Message, SorgendeError, Text, ValidationError
from sorgende_web import safety_messages as _safety  # noqa: F401  (registers the texts)


class NotSignedIn(SorgendeError):
    """The page or endpoint needs a signed-in person (HTTP 401)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "please sign in first",
        "de": "Bitte melden Sie sich zuerst an",
    }

    def __init__(self) -> None:
        super().__init__()


class LoginFailed(SorgendeError):
    """Wrong login name or password; which of the two is not said (HTTP 401)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "login name or password is wrong",
        "de": "Anmeldename oder Passwort ist falsch",
    }

    def __init__(self) -> None:
        super().__init__()


class TooManyAttempts(SorgendeError):
    """Too many failed sign-ins of a login from one address, or from the address: the
    next attempt waits ``seconds`` (HTTP 429 with ``Retry-After``)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "too many failed sign-ins; please try again in {wait}",
        "de": "Zu viele fehlgeschlagene Anmeldungen; bitte in {wait} erneut versuchen",
    }

    def __init__(self, seconds: int) -> None:
        wait = (
            Message("web.problem.throttle.seconds", seconds=seconds)
            if seconds < 120
            else Message("web.problem.throttle.minutes", minutes=-(-seconds // 60))
        )
        super().__init__(seconds=seconds, wait=wait)


class LoginTaken(ConflictError):
    """An account with this login name exists already (HTTP 409)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the login name {login!r} is taken",
        "de": "Der Anmeldename {login!r} ist schon vergeben",
    }

    def __init__(self, login: str) -> None:
        SorgendeError.__init__(self, login=login)


class InvalidAccount(ValidationError):
    """An account cannot be made as asked (HTTP 422)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "account {login!r}: {problem}",
        "de": "Zugang {login!r}: {problem}",
    }

    def __init__(self, login: str, problem: Text) -> None:
        super().__init__(login=login, problem=problem)


class InvalidInput(ValidationError):
    """A form or query field does not fit (HTTP 422)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{field}: {problem}",
        "de": "{field}: {problem}",
    }

    def __init__(self, field: str, problem: Text) -> None:
        super().__init__(field=field, problem=problem)
