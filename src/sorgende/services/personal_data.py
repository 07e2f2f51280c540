"""GDPR use cases: export every record about a person (Art. 15/20), erase them (Art. 17)."""

from __future__ import annotations

import uuid
from typing import Any

import attrs

from sorgende.domain import events as ev
from sorgende.domain.actors import ActorKind
from sorgende.domain.personal import erase_personal
from sorgende.errors import InvalidValue
from sorgende.services.base import UseCases, get_person, require_coordinator

EXPORT_FORMAT = "sorgende.person-export/1"


class PersonalDataUseCases(UseCases):
    def export_person(self, actor_id: uuid.UUID, *, by: uuid.UUID | None = None) -> dict[str, Any]:
        """Every record about a person, as JSON-compatible data.

        ``by`` (if given) must be the person or a coordinator; ``None`` is the operator.

        Includes the actor, the requests they received or posted, their offers, every
        exchange they took part in, their commitments, the postings on their account,
        their recognitions and, under ``plugins``, what each plugin holds about them.
        """
        conv = self._platform.converter
        with self._read() as uow:
            actor = get_person(uow, actor_id)
            if by is not None and by != actor_id:
                require_coordinator(uow, by, "export a person's data", "Daten einer Person abrufen")
            data: dict[str, Any] = {
                "format": EXPORT_FORMAT,
                "community_id": str(self.community_id),
                "exported_at": conv.unstructure(self._platform.clock()),
                "actor": conv.unstructure(actor),
                "requests": conv.unstructure(list(uow.requests.list(actor_id=actor_id))),
                "offers": conv.unstructure(
                    list(uow.offers.list(helper_id=actor_id, statuses=None))
                ),
                "exchanges": conv.unstructure(list(uow.exchanges.list(actor_id=actor_id))),
                "commitments": conv.unstructure(list(uow.commitments.list(actor_id=actor_id))),
                "postings": conv.unstructure(list(uow.postings.list(account=actor_id))),
                "recognitions": conv.unstructure(list(uow.recognitions.list(actor_id=actor_id))),
            }
        data["plugins"] = dict(self._platform.hooks.export_person(self.community_id, actor_id))
        return data

    def erase_person(self, actor_id: uuid.UUID, *, by: uuid.UUID | None = None) -> None:
        """Erase a person's personal data.

        Personal fields (marked where they are declared) of the actor and of the
        requests, offers and exchanges about them are blanked; memberships, trust and
        consents are removed. Ledger postings stay (they name an account id, not a
        person), so every balance still sums correctly. Plugins erase their own data
        first, through ``sorgende_erase_person``; if one fails nothing is erased.
        """
        with self._read() as uow:
            actor = get_person(uow, actor_id)
            if by is not None and by != actor_id:
                require_coordinator(uow, by, "erase a person", "eine Person löschen")
        if actor.kind is not ActorKind.PERSON:
            raise InvalidValue("actor", Message("problem.personal_data.only_persons_erased"))
        self._platform.hooks.erase_person(self.community_id, actor_id)
        with self._work() as w:
            uow = w.uow
            actor = get_person(uow, actor_id)
            uow.actors.update(
                attrs.evolve(erase_personal(actor), erased=True, version=actor.version + 1)
            )
            for request in uow.requests.list(actor_id=actor_id):
                if request.recipient_id == actor_id:
                    uow.requests.update(
                        attrs.evolve(erase_personal(request), version=request.version + 1)
                    )
            for offer in uow.offers.list(helper_id=actor_id, statuses=None):
                uow.offers.update(attrs.evolve(erase_personal(offer), version=offer.version + 1))
            for exchange in uow.exchanges.list(actor_id=actor_id):
                history = tuple(erase_personal(r) for r in exchange.history)
                uow.exchanges.update(
                    attrs.evolve(
                        erase_personal(exchange), history=history, version=exchange.version + 1
                    )
                )
            # others who named this person as trusted lose that link
            for other in uow.actors.list():
                if actor_id in other.trusted_persons:
                    uow.actors.update(
                        attrs.evolve(
                            other,
                            trusted_persons=other.trusted_persons - {actor_id},
                            version=other.version + 1,
                        )
                    )
            w.events.append(ev.PersonErased(self.community_id, w.now, by, actor_id))
