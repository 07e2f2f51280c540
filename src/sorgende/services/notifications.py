"""Use cases for a person's notification preferences: which kinds, where, when, which language."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from sorgende.domain import policy
from sorgende.domain.policy import OPERATOR, Action, Principal
from sorgende.errors import InvalidValue, Message
from sorgende.i18n import LANGUAGES
from sorgende.notifications.records import NotificationPreferences, QuietHours
from sorgende.serialization import event_types
from sorgende.services.base import UseCases, acting, acting_for, get_person, retry_conflicts


class _Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


#: the default of every argument of :meth:`set_notification_preferences`: leave it as it is
UNCHANGED = _Unchanged.UNCHANGED


class NotificationUseCases(UseCases):
    def notification_preferences(
        self, actor_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR
    ) -> NotificationPreferences:
        """The person's preferences (the defaults if they never set any), for whoever
        may see the person's details."""
        with self._read() as uow:
            person = get_person(uow, actor_id)
            policy.require(acting(uow, by), Action.SEE_DETAILS, subject=person)
            found = uow.notification_preferences.find(actor_id)
        return found or NotificationPreferences(self.community_id, actor_id)

    @retry_conflicts
    def set_notification_preferences(
        self,
        actor_id: uuid.UUID,
        *,
        by: uuid.UUID,
        kinds: Mapping[str, Iterable[str] | None] | _Unchanged = UNCHANGED,
        digest: Iterable[str] | _Unchanged = UNCHANGED,
        quiet_hours: QuietHours | str | _Unchanged | None = UNCHANGED,
        language: str | _Unchanged | None = UNCHANGED,
    ) -> NotificationPreferences:
        """Change what the person is told; arguments not given stay as they are.

        :param kinds: per channel, the kinds of events (type names such as
            ``"ExchangeAccepted"``) the person wants there; an empty list switches the
            channel off, ``None`` brings back the defaults. Other channels keep theirs.
        :param digest: the channels on which the person gets one digest a day.
        :param quiet_hours: ``"21:00-07:00"`` or a :class:`QuietHours`; ``"none"`` for
            none at all; ``None`` for the platform's default.
        :param language: ``"de"`` or ``"en"``; ``None`` for the platform's language.

        The person, a trusted person or a coordinator may change them.
        """
        channels = self._platform.notification_channels
        with self._work() as work:
            uow = work.uow
            person = get_person(uow, actor_id)
            acting_for(uow, by, person)
            stored = uow.notification_preferences.find(actor_id)
            current = stored or NotificationPreferences(self.community_id, actor_id, version=0)
            changes: dict[str, Any] = {}
            if not isinstance(kinds, _Unchanged):
                merged = dict(current.kinds)
                for channel, wanted in kinds.items():
                    _known_channel(channels.by_name, channel, "kinds")
                    if wanted is None:
                        merged.pop(channel, None)
                    else:
                        merged[channel] = _known_kinds(channel, wanted)
                changes["kinds"] = merged
            if not isinstance(digest, _Unchanged):
                chosen = frozenset(digest)
                for channel in chosen:
                    _known_channel(channels.by_name, channel, "digest")
                    if not channels.by_name[channel].digest:
                        raise InvalidValue(
                            "digest",
                            Message(
                                "problem.notifications.channel_sends_no_digests", channel=channel
                            ),
                        )
                changes["digest"] = chosen
            if not isinstance(quiet_hours, _Unchanged):
                changes["quiet_hours"] = _quiet_hours(quiet_hours)
            if not isinstance(language, _Unchanged):
                if language is not None and language not in LANGUAGES:
                    raise InvalidValue(
                        "language",
                        Message(
                            "problem.notifications.not_one_of",
                            language=language,
                            languages=", ".join(LANGUAGES),
                        ),
                    )
                changes["language"] = language
            updated = attrs.evolve(current, version=current.version + 1, **changes)
            if stored is None:
                uow.notification_preferences.add(updated)
            else:
                uow.notification_preferences.update(updated)
        return updated


def _known_channel(known: Mapping[str, object], channel: str, field: str) -> None:
    if channel not in known:
        names = ", ".join(sorted(known)) or "-"
        raise InvalidValue(
            field,
            Message(
                "problem.notifications.no_notification_channel_called", channel=channel, names=names
            ),
        )


def _known_kinds(channel: str, wanted: Iterable[str]) -> frozenset[str]:
    if isinstance(wanted, str):
        raise InvalidValue(
            f"kinds[{channel}]",
            Message("problem.notifications.give_list_event_type"),
        )
    chosen = frozenset(wanted)
    unknown = sorted(chosen - event_types().keys())
    if unknown:
        raise InvalidValue(
            f"kinds[{channel}]",
            Message("problem.notifications.unknown_kinds_events", unknown=", ".join(unknown)),
        )
    return chosen


def _quiet_hours(value: QuietHours | str | None) -> str | None:
    """The stored form: ``"21:00-07:00"``, ``"none"``, or ``None`` (the platform's)."""
    if value is None:
        return None
    if isinstance(value, QuietHours):
        return "none" if value.empty else str(value)
    text = value.strip()
    if text.lower() in ("", "none", "off"):
        return "none"
    try:
        parsed = QuietHours.parse(text)
        return "none" if parsed.empty else str(parsed)
    except ValueError as exc:
        raise InvalidValue(
            "quiet_hours",
            Message("problem.notifications.span_like", value=value),
        ) from exc
