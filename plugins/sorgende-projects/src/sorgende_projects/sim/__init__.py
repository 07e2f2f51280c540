"""The simulation's shift plan: ``sorgende simulate --scenario shifts``.

A scenario for :mod:`sorgende.sim` (``docs/projects.md``, "The simulation"): a recurring
event of an association needs volunteers, a pool of them signs up, cancels, does not come
or stands in through the plugin's own use cases, and the run counts per shift and week how
many shifts stayed understaffed. Its parameters are the ``[extra.shifts]`` table of the
simulation's configuration (:class:`~sorgende_projects.sim.params.ShiftPlanParams`)::

    sorgende simulate --scenario shifts --days 84 --scale 0.05 --set extra.shifts.pool=20

This module is the plugin's entry point for the simulation (``projects-sim``): it is
loaded by every ``sorgende`` process, so it imports the scenario only when a run asks.
"""

from __future__ import annotations

from sorgende.hookspecs import hookimpl


# optional: the simulation's hooks are there unless its default plugin is disabled
@hookimpl(optionalhook=True)
def sorgende_sim_scenarios() -> list[object]:
    from sorgende_projects.sim.scenario import ShiftPlan

    return [ShiftPlan()]
