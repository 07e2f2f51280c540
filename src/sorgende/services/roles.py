"""Use cases of the community's administration: roles, settings, deactivation and
reactivation.

Each is a privileged act: the policy decides who may (:mod:`sorgende.domain.policy`)
and its event is in the audit trail.
"""

from __future__ import annotations

import uuid
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from sorgende.domain import events as ev
from sorgende.domain.actors import Actor, CommunityRole
from sorgende.domain.community import SETTINGS, Community, SolidarityPolicy
from sorgende.domain.policy import Action, Principal, event_actor
from sorgende.errors import InvalidValue, Message
from sorgende.services.base import UseCases, get_person, require, retry_conflicts
from sorgende.services.validation import valid_name

#: the bounds of the settings that are numbers (inclusive)
_BOUNDS = {
    "adjustment_threshold_minutes": (0, 1000 * 60),
    "window_grace_hours": (0, 24 * 31),
    "window_horizon_days": (1, 10 * 366),
}


class RoleUseCases(UseCases):
    @retry_conflicts
    def grant_role(
        self, actor_id: uuid.UUID, role: CommunityRole, *, by: uuid.UUID | Principal
    ) -> Actor:
        """Give ``actor_id`` (a person, or an organisation for its coordinators and staff)
        a community role. An administrator (not to themselves) or the operator."""
        return self._role(actor_id, CommunityRole(role), by, grant=True)

    @retry_conflicts
    def revoke_role(
        self, actor_id: uuid.UUID, role: CommunityRole, *, by: uuid.UUID | Principal
    ) -> Actor:
        return self._role(actor_id, CommunityRole(role), by, grant=False)

    def _role(
        self, actor_id: uuid.UUID, role: CommunityRole, by: uuid.UUID | Principal, grant: bool
    ) -> Actor:
        with self._work() as w:
            uow = w.uow
            actor = get_person(uow, actor_id)
            require(uow, by, Action.GRANT_ROLE, subject=actor)
            if not actor.active:
                raise InvalidValue(
                    "actor_id", Message("policy.reason.subject_inactive", person=actor.name)
                )
            roles = actor.community_roles | {role} if grant else actor.community_roles - {role}
            if roles == actor.community_roles:
                return actor
            changed = attrs.evolve(actor, community_roles=roles, version=actor.version + 1)
            uow.actors.update(changed)
            event = ev.RoleGranted if grant else ev.RoleRevoked
            w.events.append(event(self.community_id, w.now, event_actor(by), actor_id, role.value))
        return changed

    @retry_conflicts
    def change_settings(self, /, *, by: uuid.UUID | Principal, **changes: Any) -> Community:
        """Change the community's settings (:data:`sorgende.domain.community.SETTINGS`):
        an administrator or the operator. Unknown names and values out of bounds are
        refused, and nothing is changed."""
        unknown = sorted(set(changes) - set(SETTINGS))
        if unknown:
            raise InvalidValue(
                ", ".join(unknown),
                Message("problem.roles.unknown_setting", known=", ".join(SETTINGS)),
            )
        values = {name: _setting(name, value) for name, value in changes.items()}
        with self._work() as w:
            uow = w.uow
            require(uow, by, Action.CHANGE_SETTINGS)
            community = uow.community.get()
            values = {k: v for k, v in values.items() if getattr(community, k) != v}
            if not values:
                return community
            changed = attrs.evolve(community, **values, version=community.version + 1)
            uow.community.update(changed)
            w.events.append(
                ev.SettingsChanged(
                    self.community_id,
                    w.now,
                    event_actor(by),
                    tuple(sorted(values)),
                    tuple(str(values[k]) for k in sorted(values)),
                )
            )
        return changed

    # not retried itself: change_settings is (a retry around it would multiply the runs)
    def set_solidarity_policy(
        self, policy: SolidarityPolicy, *, by: uuid.UUID | Principal
    ) -> Community:
        return self.change_settings(solidarity_policy=SolidarityPolicy(policy), by=by)

    @retry_conflicts
    def deactivate_person(self, actor_id: uuid.UUID, *, by: uuid.UUID | Principal) -> Actor:
        """The person no longer takes part (moved away, left): they can neither act nor
        be acted for; their records and hours stay. The person, the data protection
        officer, an administrator or the operator."""
        with self._work() as w:
            uow = w.uow
            actor = get_person(uow, actor_id)
            require(uow, by, Action.DEACTIVATE_PERSON, subject=actor)
            if actor.deactivated:
                return actor
            changed = attrs.evolve(actor, deactivated=True, version=actor.version + 1)
            uow.actors.update(changed)
            w.events.append(
                ev.PersonDeactivated(self.community_id, w.now, event_actor(by), actor_id)
            )
        return changed

    @retry_conflicts
    def reactivate_person(self, actor_id: uuid.UUID, *, by: uuid.UUID | Principal) -> Actor:
        """A deactivated person takes part again: the data protection officer, an
        administrator or the operator (never the person: a deactivated person cannot
        act). An erased person stays erased: there is nobody left to bring back."""
        with self._work() as w:
            uow = w.uow
            actor = get_person(uow, actor_id)
            require(uow, by, Action.REACTIVATE_PERSON, subject=actor)
            if actor.erased:
                raise InvalidValue(
                    "actor_id", Message("policy.reason.subject_inactive", person=actor.name)
                )
            if not actor.deactivated:
                return actor
            changed = attrs.evolve(actor, deactivated=False, version=actor.version + 1)
            uow.actors.update(changed)
            w.events.append(
                ev.PersonReactivated(self.community_id, w.now, event_actor(by), actor_id)
            )
        return changed


def _setting(name: str, value: Any) -> Any:
    if name == "name":
        return valid_name(value)
    if name == "solidarity_policy":
        try:
            return SolidarityPolicy(value)
        except ValueError:
            raise InvalidValue(
                name,
                Message("problem.roles.one_of", known=", ".join(p.value for p in SolidarityPolicy)),
            ) from None
    if name == "time_zone":
        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidValue(name, Message("problem.roles.time_zone", value=value)) from None
        return str(value)
    low, high = _BOUNDS[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidValue(name, Message("problem.roles.between", low=low, high=high))
    return value
