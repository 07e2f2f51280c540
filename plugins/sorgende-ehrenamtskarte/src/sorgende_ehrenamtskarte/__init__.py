"""Recognise eligibility for the Ehrenamtskarte Rheinland-Pfalz (state volunteer card).

Rules differ by state (Bavaria: age 16, two years of engagement), which is why they
live in a plugin and not in the core.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

import attrs

import sorgende
from sorgende.domain.recognition import HelperRecord

CODE = "ehrenamtskarte_rlp"
MIN_HOURS_PER_YEAR = 250
MIN_AGE = 14
MIN_ENGAGEMENT = timedelta(days=365)


@attrs.frozen
class EhrenamtskarteRLP:
    """250 confirmed hours in the last year, engaged for a year, aged 14 or older."""

    code: str = CODE
    titles: Mapping[str, str] = attrs.field(
        factory=lambda: {
            "de": "Berechtigt zur Ehrenamtskarte Rheinland-Pfalz",
            "en": "Eligible for the Ehrenamtskarte Rhineland-Palatinate",
        }
    )
    min_hours_per_year: int = MIN_HOURS_PER_YEAR
    min_age: int = MIN_AGE

    def applies(self, record: HelperRecord) -> bool:
        if record.minutes_last_year < self.min_hours_per_year * 60:
            return False
        if record.first_help is None or record.at - record.first_help < MIN_ENGAGEMENT:
            return False
        return record.birth_year is None or record.at.year - record.birth_year >= self.min_age


@sorgende.hookimpl
def sorgende_recognition_rules() -> list[EhrenamtskarteRLP]:
    return [EhrenamtskarteRLP()]
