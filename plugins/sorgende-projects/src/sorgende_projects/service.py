"""The plugin's facade: every use case and query of one community, in one object.

``Projects(platform, community_id)`` is what the web pages, the calendar feeds, the
simulation and scripts call; each method is one unit of work (writes are run again
after a storage conflict) and asks the rules of :mod:`sorgende_projects.rules`.
"""

from __future__ import annotations

from sorgende_projects.groups import GroupCases
from sorgende_projects.planning import PlanningCases
from sorgende_projects.queries import QueryCases
from sorgende_projects.reminders import ReminderCases
from sorgende_projects.shifts import ShiftCases


class Projects(GroupCases, PlanningCases, ShiftCases, QueryCases, ReminderCases):
    """Projects, working groups, events and shifts of one community."""
