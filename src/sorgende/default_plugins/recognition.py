"""Default recognition milestones. State volunteer-card rules belong in their own plugins."""

from __future__ import annotations

from sorgende.domain.recognition import MilestoneRule
from sorgende.hookspecs import hookimpl

MILESTONES = (
    MilestoneRule("first_help", {"de": "Erster Einsatz", "en": "First act of help"}, exchanges=1),
    MilestoneRule("hours_10", {"de": "10 Stunden geschenkt", "en": "10 hours given"}, minutes=600),
    MilestoneRule("hours_50", {"de": "50 Stunden geschenkt", "en": "50 hours given"}, minutes=3000),
    MilestoneRule(
        "hours_100", {"de": "100 Stunden geschenkt", "en": "100 hours given"}, minutes=6000
    ),
)


@hookimpl
def sorgende_recognition_rules() -> tuple[MilestoneRule, ...]:
    return MILESTONES
