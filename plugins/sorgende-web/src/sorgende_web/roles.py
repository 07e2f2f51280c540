"""The web roles of sorgende-web 0.1, replaced by the domain's roles at upgrade.

sorgende-web 0.1 gave every account a web role (resident, helper, coordinator, admin)
next to the domain's roles. Since, the domain's roles are the only ones: an account
grants nothing, and the web asks the core's policy (:mod:`sorgende_web.access`). The
stored role of an old account is kept, ignored, until :func:`upgrade_roles` (the command
``sorgende web upgrade-roles``) grants the domain's roles that give the person what the
web role gave them, through the core's ``grant_role`` as the operator (so each grant is
in the audit trail), and then clears it:

- ``admin``: the community roles administrator and community coordinator (an admin of
  0.1 was a coordinator too);
- ``coordinator``: community coordinator (0.1 let any coordinator of an organisation,
  or municipal staff, coordinate the whole community);
- ``resident`` and ``helper``: nothing (every person may ask for and offer help).

Whoever should coordinate only their organisation's work afterwards has the role
revoked (``revoke_role``), or is not upgraded: ``--dry-run`` shows what would be done.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Final

import attrs

from sorgende.domain.actors import CommunityRole
from sorgende.domain.policy import OPERATOR
from sorgende_web.accounts import accounts_for

#: the domain's roles each web role of sorgende-web 0.1 stands for
LEGACY_GRANTS: Final[Mapping[str, tuple[CommunityRole, ...]]] = {
    "resident": (),
    "helper": (),
    "coordinator": (CommunityRole.COORDINATOR,),
    "admin": (CommunityRole.COORDINATOR, CommunityRole.ADMINISTRATOR),
}


@attrs.frozen
class Upgrade:
    """One account's old web role and the community roles granted in its place."""

    community_id: uuid.UUID
    login: str
    actor_id: uuid.UUID
    name: str
    legacy_role: str
    #: the roles granted (or, on a dry run, to be granted): those the person lacked
    granted: tuple[CommunityRole, ...]


def upgrade_roles(platform: Any, *, dry_run: bool = False) -> list[Upgrade]:
    """Replace every stored web role of sorgende-web 0.1 by the domain's roles.

    Idempotent: an account whose role was upgraded carries none any more. A role of an
    erased or deactivated person is cleared without a grant (no one grants them any).
    """
    store = accounts_for(platform)
    done = []
    for community_id in platform.storage.community_ids():
        service = platform.community(community_id)
        for account in store.accounts(community_id):
            if not account.legacy_role:
                continue
            actor = service.actor(account.actor_id)
            wanted = LEGACY_GRANTS.get(account.legacy_role, ())
            # held already, themselves or through an organisation they coordinate
            held = service.acting(actor.id).roles
            missing = tuple(r for r in wanted if r not in held)
            if not actor.active:
                missing = ()
            if not dry_run:
                for role in missing:
                    service.grant_role(actor.id, role, by=OPERATOR)
                store.forget_legacy_role(account.id)
            done.append(
                Upgrade(
                    community_id,
                    account.login,
                    actor.id,
                    actor.name,
                    account.legacy_role,
                    missing,
                )
            )
    return done


def pending(platform: Any) -> int:
    """How many accounts still carry a web role of sorgende-web 0.1."""
    store = accounts_for(platform)
    return sum(
        1
        for community_id in platform.storage.community_ids()
        for account in store.accounts(community_id)
        if account.legacy_role
    )
