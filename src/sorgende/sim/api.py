"""What plugins implement to add behaviours and scenarios to the simulation.

A plugin returns behaviours from ``sorgende_sim_behaviours`` and scenarios from
``sorgende_sim_scenarios`` (see ``docs/hooks.md``). The model resolves them once, when
a run is set up; afterwards it calls their methods directly, never through pluggy, so
that the cost per agent stays that of a plain method call.

Behaviours come in three kinds, chosen by name in ``SimConfig.behaviours``:

* ``needs`` (:class:`NeedBehaviour`): how often each resident asks for help, how that
  changes with the season, and what a request asks for;
* ``helping`` (:class:`HelpBehaviour`): which helpers see a request on a day, and
  whether one of them says yes;
* ``commitments`` (:class:`CommitmentBehaviour`): who makes a self-commitment, how
  motivation changes with thanks, recognition and time, and who drops out.

A scenario (:class:`Scenario`, or a subclass of :class:`ScenarioBase`) changes the
world around them at fixed points of each day. A scenario that measures something of its
own (a shift plan's understaffed shifts) may also have any of three optional methods,
each called once when the run's result is made or shown:

* ``summary(model) -> Mapping[str, Any]``: figures added to the run's summary (and so
  to a sweep's summary table); name them so they cannot clash with the model's own;
* ``tables(model) -> Mapping[str, Sequence[Mapping[str, Any]]]``: tables of its own by
  name, kept in ``SimResult.tables`` and written beside ``steps`` (``weeks.csv``);
* ``report(model, language) -> Sequence[str]``: lines ``sorgende simulate`` prints
  after its own report, in ``language``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

# Need and the lists of methods live below the model (in .agents and .registry), which
# uses them; this module, typed against the model, sits above it and re-exports them.
from sorgende.sim.agents import Need
from sorgende.sim.registry import BEHAVIOUR_KINDS, SCENARIO_METHODS

if TYPE_CHECKING:
    from sorgende.sim.agents import Resident, SimRequest
    from sorgende.sim.model import CareModel

__all__ = [
    "BEHAVIOUR_KINDS",
    "SCENARIO_METHODS",
    "CommitmentBehaviour",
    "HelpBehaviour",
    "Need",
    "NeedBehaviour",
    "Scenario",
    "ScenarioBase",
]


@runtime_checkable
class NeedBehaviour(Protocol):
    kind: str
    name: str

    def daily_rate(self, model: CareModel, resident: Resident) -> float:
        """The probability that ``resident`` asks for help on an ordinary day (0: never).

        Called once per resident when the run is set up: residents with the same rate
        in the same place are drawn from together each day.
        """
        ...

    def season(self, model: CareModel, day: date) -> float:
        """A factor on every rate for ``day`` (1.0: an ordinary day)."""
        ...

    def need(self, model: CareModel, resident: Resident, rng: random.Random) -> Need | None:
        """What ``resident``, who asks today, asks for (``None``: nothing after all)."""
        ...


@runtime_checkable
class HelpBehaviour(Protocol):
    kind: str
    name: str

    def viewers(
        self, model: CareModel, request: SimRequest, rng: random.Random
    ) -> Sequence[Resident]:
        """The helpers who look at ``request`` today, in the order they answer."""
        ...

    def accepts(
        self, model: CareModel, helper: Resident, request: SimRequest, rng: random.Random
    ) -> bool:
        """Whether ``helper`` offers to help with ``request`` (called for free helpers only)."""
        ...


@runtime_checkable
class CommitmentBehaviour(Protocol):
    kind: str
    name: str

    def start(self, model: CareModel, helper: Resident, rng: random.Random) -> float:
        """Set the helper's starting motivation; the hours a week they commit to (0: none)."""
        ...

    def thanked(self, model: CareModel, helper: Resident) -> None:
        """An exchange of ``helper`` was confirmed."""
        ...

    def recognised(self, model: CareModel, helper: Resident, code: str) -> None:
        """The platform's rules (or a scenario) recognised ``helper`` with ``code``."""
        ...

    def end_of_week(self, model: CareModel, helper: Resident, rng: random.Random) -> bool:
        """Update motivation at the end of a week; ``True``: the helper drops out."""
        ...


@runtime_checkable
class Scenario(Protocol):
    name: str
    #: the scenario's title per language, for tables, plots and the command line
    titles: Mapping[str, str]

    def setup(self, model: CareModel) -> None:
        """Once, after the helpers are registered and before commitments are made."""
        ...

    def before_day(self, model: CareModel) -> None:
        """Each morning, before needs are drawn (``model.date`` is the day)."""
        ...

    def after_matching(self, model: CareModel) -> None:
        """Each day after the helpers' round of answers, before the day's help happens."""
        ...

    def end_of_day(self, model: CareModel) -> None:
        """Each evening, after expiry and the weekly motivation update, before collection."""
        ...


class ScenarioBase:
    """A scenario that does nothing: subclass it and override what the scenario changes."""

    name: ClassVar[str] = "unnamed"
    titles: ClassVar[Mapping[str, str]] = {}

    def setup(self, model: CareModel) -> None:
        return None

    def before_day(self, model: CareModel) -> None:
        return None

    def after_matching(self, model: CareModel) -> None:
        return None

    def end_of_day(self, model: CareModel) -> None:
        return None
