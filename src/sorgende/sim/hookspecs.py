"""The simulation's hooks: behaviours and scenarios that plugins add to ``sorgende.sim``.

Only the simulation calls them, so they are specified here rather than in the core's
:mod:`sorgende.hookspecs`, and added through ``sorgende_addhooks`` twice: by the default
plugin :mod:`sorgende.sim.commands`, so that installed plugins implementing them pass
the start-up check of every ``sorgende`` process, and by the model's own plugin, so a
run works with the commands disabled. Call them through :class:`sorgende.sim.hooks.SimHooks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sorgende.hookspecs import hookspec


@hookspec
def sorgende_sim_behaviours() -> Iterable[Any]:
    """Behaviours simulated residents can follow (``sorgende.sim``).

    Called once when a simulation run is set up (by :class:`sorgende.sim.CareModel`),
    never per agent or per day: the model keeps the objects and calls their methods
    directly. All results are collected; a run uses, for each kind, the behaviour
    named in ``SimConfig.behaviours``. When two plugins give the same kind and name,
    the built-in one yields and otherwise the plugin registered later wins. An
    exception propagates and the run does not start.

    :return: objects with ``kind`` (``needs``, ``helping`` or ``commitments``),
        ``name`` and the methods of that kind (the protocols in
        :mod:`sorgende.sim.api`).
    """


@hookspec
def sorgende_sim_events(model: Any, events: Sequence[Any]) -> None:
    """The day's events of the exchanges, at the end of the day (a safe point).

    Called once a day, after the scenarios' ``end_of_day`` and before the day's row is
    collected, when there was at least one event. ``events`` are
    :class:`sorgende.sim.agents.SimEvent` in the order they happened: ``kind`` is one of
    ``proposed``, ``accepted``, ``declined``, ``cancelled``, ``no_show``,
    ``confirmed``; ``helper`` and ``recipient`` are the model's residents. A plugin may
    change the residents' state (motivation, say) and call ``model.leave(helper)``:
    the helper drops out at the end of the week, with their commitment ended on the
    platform. An exception propagates and the run stops.
    """


@hookspec
def sorgende_sim_scenarios() -> Iterable[Any]:
    """Scenarios a simulation can run: a flood, a paid coordinator, a recognition scheme.

    Called once when a simulation run is set up, like ``sorgende_sim_behaviours``.
    All results are collected; a run uses the scenarios named in
    ``SimConfig.scenario`` (several joined with ``+``). Same names: the built-in one
    yields, otherwise the plugin registered later wins. An exception propagates.

    :return: objects with ``name``, ``titles`` (per language) and the methods
        ``setup``, ``before_day``, ``after_matching`` and ``end_of_day``, each taking
        the model (see :class:`sorgende.sim.api.Scenario`).
    """


@hookspec
def sorgende_sim_responders() -> Iterable[Any]:
    """Responders: who organises a scenario's spontaneous helpers and urgent needs.

    Without a responder a scenario's helpers and needs go through the platform's
    requests and exchanges. A scenario that names a responder in its configuration
    (``flood.responder``) hands them to it instead: a crisis staff's intake, triage and
    dispatch, say. Called once when such a scenario is set up; all results are
    collected and the scenario uses the one with the name it was given (same names:
    the plugin registered later wins). An exception propagates and the run stops.

    :return: objects with ``name``, ``titles`` (per language) and the methods of
        :class:`sorgende.sim.scenarios.flood.Responder`: ``start(model, places)``,
        ``volunteer(model, resident, until_day)``, ``need(model, resident, need,
        start)``, ``day(model)``, ``stop(model)`` and ``summary(model)``.
    """
