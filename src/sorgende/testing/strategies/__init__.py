"""Hypothesis strategies for every entity, value object and event of the sorgende model.

Every strategy builds valid instances (the domain's validators hold) whose
datetimes are time-zone aware: UTC, Europe/Berlin (including the ambiguous and
skipped hours around the daylight-saving switches) and fixed offsets.

Strategies that build records of a community take keyword arguments to pin
references, so that generated records fit together or hit a filter::

    cid = uuid.uuid4()
    places = [uuid.uuid4() for _ in range(3)]
    help_requests(community_id=cid, place_id=st.sampled_from(places))

Each such argument is a value, a strategy, or ``None`` (anything). The strategies live in
the modules of this package (``basics``, ``people``, ``help``, ``ledger``); import them
from here.
"""

from __future__ import annotations

from sorgende.testing.strategies.basics import (
    BERLIN,
    EVENT_CLASSES,
    MAX_COMMITMENT_MINUTES,
    MAX_DAY,
    MIN_DAY,
    Entity,
    IdArg,
    StrArg,
    aware_datetimes,
    category_codes,
    dates,
    minutes,
    time_zones,
)
from sorgende.testing.strategies.help import (
    commitments,
    exchanges,
    help_offers,
    help_requests,
    status_changes,
    transition_records,
)
from sorgende.testing.strategies.ledger import (
    domain_events,
    entities,
    entries,
    postings,
    recognitions,
)
from sorgende.testing.strategies.people import (
    actors,
    categories,
    communities,
    consents,
    memberships,
    places,
    qualifications,
    recurrences,
    time_windows,
)

__all__ = [
    "BERLIN",
    "EVENT_CLASSES",
    "MAX_COMMITMENT_MINUTES",
    "MAX_DAY",
    "MIN_DAY",
    "Entity",
    "IdArg",
    "StrArg",
    "actors",
    "aware_datetimes",
    "categories",
    "category_codes",
    "commitments",
    "communities",
    "consents",
    "dates",
    "domain_events",
    "entities",
    "entries",
    "exchanges",
    "help_offers",
    "help_requests",
    "memberships",
    "minutes",
    "places",
    "postings",
    "qualifications",
    "recognitions",
    "recurrences",
    "status_changes",
    "time_windows",
    "time_zones",
    "transition_records",
]
