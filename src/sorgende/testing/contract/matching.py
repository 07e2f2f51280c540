"""The contract's check of the matching index: ``actors.persons_by_name`` by brute force."""

from __future__ import annotations

import uuid

from sorgende.domain.actors import Actor, ActorKind
from sorgende.ports import UnitOfWork
from sorgende.testing.contract.seed import assert_same
from sorgende.testing.contract.worlds import World


def _order(actor: Actor) -> tuple[str, int]:
    # by code point, then by id: the order candidates tie in (str(id) sorts as the int)
    return (actor.name, actor.id.int)


def check_persons_by_name(uow: UnitOfWork, world: World) -> None:
    """Every (home, skill) group, whole and page by page, is what a brute-force filter gives."""
    actors: list[Actor] = world.records["actors"]
    persons = [a for a in actors if a.kind is ActorKind.PERSON and not a.erased]
    homes: set[uuid.UUID | None] = {None, *(p.id for p in world.records["places"])}
    homes |= {a.home_place_id for a in persons}
    skills: set[str | None] = {None, "no such skill", *(s for a in persons for s in a.skills)}
    for home in homes:
        for skill in skills:
            expected = sorted(
                (
                    a
                    for a in persons
                    if a.home_place_id == home and (skill is None or skill in a.skills)
                ),
                key=_order,
            )
            what = f"actors.persons_by_name(home={home}, skill={skill!r})"
            whole = list(uow.actors.persons_by_name(home=home, skill=skill, limit=len(actors) + 1))
            assert [a.id for a in whole] == [a.id for a in expected], what
            for found, wanted in zip(whole, expected, strict=True):
                assert_same(found, wanted)
            # pages of two, each after the last one of the page before
            paged: list[Actor] = []
            after: tuple[str, uuid.UUID] | None = None
            while True:
                page = uow.actors.persons_by_name(home=home, skill=skill, after=after, limit=2)
                paged.extend(page)
                if len(page) < 2:
                    break
                after = (page[-1].name, page[-1].id)
            assert [a.id for a in paged] == [a.id for a in expected], f"{what} in pages"


def check_trusting(uow: UnitOfWork, world: World) -> None:
    """``actors.trusting(id)``, for every id an actor names and every actor, is what a
    brute-force filter of the actors gives (the inbox's "for whom am I trusted")."""
    actors: list[Actor] = world.records["actors"]
    named = {t for a in actors for t in a.trusted_persons} | {a.id for a in actors}
    for person_id in named:
        expected = sorted(a.id for a in actors if person_id in a.trusted_persons)
        found = sorted(a.id for a in uow.actors.trusting(person_id))
        assert found == expected, f"actors.trusting({person_id})"
