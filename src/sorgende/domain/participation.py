"""Who may be helped and who may help: only persons who still take part.

An erased person (their data was erased, GDPR Art. 17) or a deactivated one (moved
away, left) can neither act nor be acted for. Who may *act* is the policy's question
(:mod:`sorgende.domain.policy`); this module answers the other half: no new request or
offer is made for such a person, no exchange proposed or accepted with them as helper
or recipient.
"""

from __future__ import annotations

from typing import Literal

from sorgende.domain.actors import Actor
from sorgende.errors import Message, PersonInactive, naming
from sorgende.i18n import Capitalised

#: the part a person would take in new help
Part = Literal["recipient", "helper"]


def require_taking_part(actor: Actor, part: Part) -> Actor:
    """``actor`` if they still take part; raises :class:`~sorgende.errors.PersonInactive`
    (naming the person, or "an erased person")."""
    if actor.active:
        return actor
    why = "erased" if actor.erased else "deactivated"
    raise PersonInactive(
        person=Capitalised(naming.person(actor)),
        why=Message(f"rules.inactive.{why}"),
        role=Message(f"rules.role.{part}"),
    )
