"""Recognition (Anerkennung): thanks, badges and milestones for helpers."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

import attrs

from sorgende.domain.values import labels, new_id


@attrs.frozen
class HelperRecord:
    """What a rule may look at: a helper's confirmed help so far."""

    actor_id: uuid.UUID
    exchanges_confirmed: int
    minutes_given: int
    #: minutes given in the last 365 days before ``at``
    minutes_last_year: int
    first_help: datetime | None
    at: datetime
    birth_year: int | None = None


@attrs.frozen
class Recognition:
    """A recognition awarded to an actor once per ``code``."""

    community_id: uuid.UUID
    actor_id: uuid.UUID
    code: str
    titles: Mapping[str, str] = attrs.field(converter=labels)
    awarded_at: datetime
    id: uuid.UUID = attrs.field(factory=new_id)

    def title(self, language: str = "de") -> str:
        return self.titles.get(language) or self.titles.get("en") or self.code


class RecognitionRule(Protocol):
    """A rule plugins provide through ``sorgende_recognition_rules``."""

    #: unique code; an actor receives each code at most once
    code: str
    #: the title per language, e.g. ``{"de": "10 Stunden geschenkt", "en": "10 hours given"}``
    titles: Mapping[str, str]

    def applies(self, record: HelperRecord) -> bool: ...


@attrs.frozen
class MilestoneRule:
    """Awarded once a helper has given at least ``minutes`` or ``exchanges``."""

    code: str
    titles: Mapping[str, str] = attrs.field(converter=labels)
    minutes: int = 0
    exchanges: int = 0
    minutes_last_year: int = 0

    def applies(self, record: HelperRecord) -> bool:
        return (
            record.minutes_given >= self.minutes
            and record.exchanges_confirmed >= self.exchanges
            and record.minutes_last_year >= self.minutes_last_year
        )
