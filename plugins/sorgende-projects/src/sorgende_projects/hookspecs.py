"""The hooks the projects plugin offers other plugins: start a project, read its
progress, plan an event with places to register for, register a person.

Other first-party plugins do not import this plugin (import-linter contract
``plugins-independent``); they call these hooks through the one plugin manager by name,
as pytest plugins call each other's hooks (``platform.plugins.call_first(...)``). The
projects plugin adds the specifications (``sorgende_addhooks``) and implements them
itself (:mod:`sorgende_projects.offered`); without it the hooks are unknown and a caller
says so. Arguments and answers are the core's types and plain values only (ids, times,
strings, mappings of them), so that a caller needs nothing of this package.
"""

from __future__ import annotations

from sorgende.hookspecs import hookspec


@hookspec(firstresult=True)
def sorgende_projects_start_project(
    platform, community_id, name, organisation_ids, description, by
):
    """Create a project run by ``organisation_ids`` as ``by`` (the projects plugin's
    rules: an organiser of one of them). Answers the new project's id (a UUID)."""


@hookspec(firstresult=True)
def sorgende_projects_progress(platform, community_id, project_id):
    """A project's progress as a mapping: ``name``, ``archived``, ``tasks``,
    ``tasks_done``, ``events`` (how many), ``next_event`` (the start of the next, or
    ``None``) and ``next_event_title``."""


@hookspec(firstresult=True)
def sorgende_projects_plan_event(
    platform,
    community_id,
    title,
    organisation_ids,
    starts_at,
    ends_at,
    capacity,
    place_id,
    description,
    by,
):
    """Plan an event with one shift of ``capacity`` places (its registration) as ``by``.
    Answers a mapping with ``event_id`` and ``shift_id``."""


@hookspec(firstresult=True)
def sorgende_projects_sign_up(platform, community_id, shift_id, person_id, by):
    """Register ``person_id`` for the places of ``shift_id`` (the plugin's sign-up rules:
    a place, else the waitlist). Answers the sign-up's state (``confirmed``, ``waiting``)."""
