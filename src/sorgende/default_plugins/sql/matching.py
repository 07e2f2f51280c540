"""The SQL storage's index of persons for matching (table ``actor_match``), and of whom
they trust (table ``actor_trust``).

``candidates_for`` reads the persons of one home (and, for the skilled group, one skill)
best first by name and id, a page at a time; one index, (community, home, skill, name,
id), answers each page without reading the community. The actor repository keeps the
rows in step with every insert and update of an actor, in the same transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, bindparam, delete, select, tuple_
from sqlalchemy.sql import Select

from sorgende.default_plugins.sql import bulk
from sorgende.default_plugins.sql import tables as t
from sorgende.domain.actors import Actor, ActorKind
from sorgende.serialization import converter

#: the skill of the row every person of a home has, whatever their skills (skills are
#: stored as UTF-8 bytes, like names: free text, NUL included, ordered by code point)
ANY_SKILL = b""


def rows_of(community_id: uuid.UUID, actor: Actor) -> list[dict[str, Any]]:
    """The index rows of ``actor``: persons only, never erased ones (never eligible)."""
    if actor.kind is not ActorKind.PERSON or actor.erased:
        return []
    base = {
        "community_id": community_id,
        "actor_id": actor.id,
        "home_place_id": actor.home_place_id,
        "name_key": actor.name.encode(),
    }
    skills = (ANY_SKILL, *(skill.encode() for skill in sorted(actor.skills)))
    return [{**base, "skill": skill} for skill in skills]


def index(uow: Any, actors: Sequence[Actor], *, replace: bool) -> None:
    """Write the index rows of ``actors`` (after an update: instead of the old ones)."""
    rows = [row for actor in actors for row in rows_of(uow.community_id, actor)]
    _rewrite(uow, t.actor_match, actors, rows, replace=replace)


def _rewrite(
    uow: Any, table: Any, actors: Sequence[Actor], rows: list[dict[str, Any]], *, replace: bool
) -> None:
    """Insert ``rows`` of an index of actors, after an update deleting theirs first."""
    if replace:
        c = table.c
        uow.conn.execute(
            delete(table).where(
                c.community_id == uow.community_id, c.actor_id.in_([a.id for a in actors])
            )
        )
    if rows:
        bulk.insert_rows(uow.conn, table, rows)


def page(
    repo: Any,
    home: uuid.UUID | None,
    skill: str | None,
    after: tuple[str, uuid.UUID] | None,
    limit: int,
) -> list[Actor]:
    """A page of :meth:`~sorgende.ports.ActorRepository.persons_by_name`."""
    params: dict[str, Any] = {
        "cid": repo.uow.community_id,
        "skill": ANY_SKILL if skill is None else skill.encode(),
        "limit": limit,
    }
    if home is not None:
        params["home"] = home
    if after is not None:
        params["name"], params["aid"] = after[0].encode(), after[1]
    statement = _statement(home is None, after is None)
    return [converter.structure(data, Actor) for data in repo.uow.conn.scalars(statement, params)]


#: the page statements, built once: a new expression per call costs more than the query
_PAGES: dict[tuple[bool, bool], Select[Any]] = {}


def _statement(homeless: bool, first: bool) -> Select[Any]:
    statement = _PAGES.get((homeless, first))
    if statement is None:
        m, a = t.actor_match.c, t.actors.c
        statement = (
            select(a.data)
            .select_from(t.actor_match.join(t.actors, a.id == m.actor_id))
            .where(
                m.community_id == bindparam("cid"),
                m.home_place_id.is_(None) if homeless else m.home_place_id == bindparam("home"),
                m.skill == bindparam("skill"),
            )
            .order_by(m.name_key, m.actor_id)
            .limit(bindparam("limit", type_=Integer))
        )
        if not first:
            start = tuple_(
                bindparam("name", type_=m.name_key.type), bindparam("aid", type_=m.actor_id.type)
            )
            statement = statement.where(tuple_(m.name_key, m.actor_id) > start)
        _PAGES[(homeless, first)] = statement
    return statement


# -- who named whom their trusted person (table ``actor_trust``) ------------------------


def trust_index(uow: Any, actors: Sequence[Actor], *, replace: bool) -> None:
    """Write the rows of whom ``actors`` trust (after an update: instead of the old ones)."""
    rows = [
        {"community_id": uow.community_id, "trusted_id": trusted, "actor_id": actor.id}
        for actor in actors
        for trusted in sorted(actor.trusted_persons)
    ]
    _rewrite(uow, t.actor_trust, actors, rows, replace=replace)


def trusting(repo: Any, person_id: uuid.UUID) -> list[Actor]:
    """:meth:`~sorgende.ports.ActorRepository.trusting`: from the index, in the order the
    actors were stored."""
    c, a = t.actor_trust.c, t.actors.c
    statement = (
        select(a.data)
        .select_from(t.actor_trust.join(t.actors, a.id == c.actor_id))
        .where(c.community_id == repo.uow.community_id, c.trusted_id == person_id)
        .order_by(a.seq)
    )
    return [x for x in repo._load(statement) if person_id in x.trusted_persons]
