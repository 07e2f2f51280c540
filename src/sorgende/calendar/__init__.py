"""Calendar feeds (iCalendar, RFC 5545): a person's help and self-commitments for phones.

Each person gets a secret address that a calendar app subscribes to. The feed holds:

* every exchange (*Einsatz*) of the person that was accepted, at the time of the help
  need: the helper sees one event per exchange, the recipient one event per occurrence
  of a request with all its helpers (a shift with several helpers is one event);
* every self-commitment (*Selbstverpflichtung*) as an all-day event repeating each
  week or month (an ``RRULE``), without the periods in which it was paused.

Events keep their ``UID`` for ever; ``SEQUENCE`` and ``LAST-MODIFIED`` grow whenever the
exchange or commitment changes, and a cancelled exchange stays in the feed as
``STATUS:CANCELLED`` so that phones remove it rather than keep a stale copy. The feed is
built only from stored records (no clock in its ``DTSTAMP``), so the same data gives the
same bytes: a hash of them is a valid ``ETag``.

The address carries a token, :func:`feed_token`: the community's and the person's ids and
an HMAC-SHA256 over them with the operator's secret (``[plugins.calendar] secret``).
:func:`person_for_token` checks it in constant time. To rotate the secret, put the new one
in ``secret`` and the old one in ``previous_secrets``: old addresses keep working until the
old secret is removed, new addresses use the new one.

A plugin's feeds (a community's shared calendar of events, a volunteer's shifts) use the
same writing (:mod:`sorgende.calendar.ical`: :class:`Entry` values to :func:`calendar_of`)
and the same secret addresses (:func:`person_token`, :func:`person_for_token`).

The ``icalendar`` package is optional (``pip install sorgende[calendar]``); it is imported
only when a feed is built.
"""

from __future__ import annotations

from sorgende.calendar.feed import FeedData, build_feed, calendar_response, person_feed
from sorgende.calendar.ical import (
    Entry,
    add_timezone,
    calendar_of,
    icalendar_module,
    new_calendar,
    vevent,
)
from sorgende.calendar.settings import (
    CONTENT_TYPE,
    DEFAULT_PAST_DAYS,
    DEFAULT_TIMEZONE,
    MIN_SECRET_LENGTH,
    PLUGIN,
    REFRESH,
    CalendarSettings,
    calendar_settings,
)
from sorgende.calendar.tokens import feed_token, feed_url, person_for_token, person_token

__all__ = [
    "CONTENT_TYPE",
    "DEFAULT_PAST_DAYS",
    "DEFAULT_TIMEZONE",
    "MIN_SECRET_LENGTH",
    "PLUGIN",
    "REFRESH",
    "CalendarSettings",
    "Entry",
    "FeedData",
    "add_timezone",
    "build_feed",
    "calendar_of",
    "calendar_response",
    "calendar_settings",
    "feed_token",
    "feed_url",
    "icalendar_module",
    "new_calendar",
    "person_feed",
    "person_for_token",
    "person_token",
    "vevent",
]
