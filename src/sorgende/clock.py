"""Clocks for ``sorgende.open(clock=...)``: a simulated one that the demo and the simulation use."""

from __future__ import annotations

from datetime import datetime, timedelta

from sorgende.data import START


class SimClock:
    """A simulated clock for ``sorgende.open(clock=...)``.

    Each reading returns the current time and moves it on by ``tick`` (one second),
    so use cases get distinct, ordered times; :meth:`advance_to` jumps ahead.
    """

    def __init__(self, start: datetime = START, tick: timedelta = timedelta(seconds=1)) -> None:
        self.now = start
        self.tick = tick

    def __call__(self) -> datetime:
        now = self.now
        self.now = now + self.tick
        return now

    def advance_to(self, when: datetime) -> datetime:
        """Move to ``when`` unless the clock is already past it (time never runs back)."""
        self.now = max(self.now, when)
        return self.now
