"""GDPR use cases: export every record about a person (Art. 15/20), erase them (Art. 17)."""

from __future__ import annotations

import uuid
from typing import Any

from sorgende.domain import events as ev
from sorgende.domain.actors import ActorKind
from sorgende.domain.policy import Action, Principal, event_actor
from sorgende.errors import InvalidValue, Message
from sorgende.services.base import UseCases, get_person, require, retry_conflicts
from sorgende.services.events import pseudonymise_person
from sorgende.services.records import erase_records, person_records

EXPORT_FORMAT = "sorgende.person-export/2"


class PersonalDataUseCases(UseCases):
    @retry_conflicts
    def export_person(self, actor_id: uuid.UUID, *, by: uuid.UUID | Principal) -> dict[str, Any]:
        """Every record about a person, as JSON-compatible data.

        ``by``: the person, the data protection officer or the operator
        (:data:`sorgende.OPERATOR`). The export is in the audit trail.

        ``actor`` is the person's own record; ``records`` holds, by kind of record,
        every record of every registered kind (a plugin's too) that is the person's or
        mentions them (:mod:`sorgende.records`): the requests they received or posted,
        their offers, every exchange they took part in, their commitments, the postings
        on their account, their recognitions, their notification preferences. Under
        ``plugins`` is what plugins hold outside the storage (``sorgende_export_person``).
        """
        conv = self._platform.converter
        with self._work() as w:
            uow = w.uow
            actor = get_person(uow, actor_id)
            require(uow, by, Action.EXPORT_PERSON, subject=actor)
            records = person_records(uow, self._platform.registry, actor_id, conv)
            records.pop("actor", None)  # the person's own record stands on its own
            data: dict[str, Any] = {
                "format": EXPORT_FORMAT,
                "community_id": str(self.community_id),
                "exported_at": conv.unstructure(self._platform.clock()),
                "actor": conv.unstructure(actor),
                "records": records,
            }
            w.events.append(ev.PersonExported(self.community_id, w.now, event_actor(by), actor_id))
        data["plugins"] = dict(self._platform.hooks.export_person(self.community_id, actor_id))
        return data

    @retry_conflicts
    def erase_person(self, actor_id: uuid.UUID, *, by: uuid.UUID | Principal) -> None:
        """Erase a person's personal data: the person, the data protection officer or
        the operator (:data:`sorgende.OPERATOR`); in the audit trail.

        Every registered kind of record is erased as its declaration says
        (:mod:`sorgende.records`, the core's in :mod:`sorgende.default_plugins.records`):
        personal fields (marked where they are declared) of the actor and of the
        requests, offers and exchanges about them are blanked; memberships, trust and
        consents are removed; notification preferences and a plugin's records marked
        for deletion are deleted. Ledger postings stay (they name an account id, not a
        person), so every balance still sums correctly. Plugins holding data outside the
        storage erase it first, through ``sorgende_erase_person``; if one fails nothing
        is erased. All of the storage's records change in one unit of work.
        """
        with self._read() as uow:
            actor = get_person(uow, actor_id)
            require(uow, by, Action.ERASE_PERSON, subject=actor)
        if actor.kind is not ActorKind.PERSON:
            raise InvalidValue("actor", Message("problem.personal_data.only_persons_erased"))
        self._platform.hooks.erase_person(self.community_id, actor_id)
        with self._work() as w:
            uow = w.uow
            get_person(uow, actor_id)
            erase_records(uow, self._platform.registry, actor_id)
            # the log keeps the person's events (counts stay right) under a pseudonym
            pseudonymise_person(uow, actor_id)
            w.events.append(ev.PersonErased(self.community_id, w.now, event_actor(by), actor_id))
