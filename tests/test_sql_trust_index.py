"""The SQL storage's index of who trusts whom (``actor_trust``, migration 0012)."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import inspect

from sorgende.default_plugins.sql import schema
from sorgende.default_plugins.sql.storage import SQLStorage
from sorgende.domain.actors import Actor, ActorKind


def test_the_migration_indexes_the_trust_already_stored(tmp_path: Path) -> None:
    """0012 fills ``actor_trust`` from the actors a database already holds; updates keep
    it in step."""
    from alembic import command

    storage = SQLStorage(f"sqlite:///{tmp_path / 'old.db'}")
    cid = uuid.uuid4()
    dora = Actor(cid, ActorKind.PERSON, "Dora")
    petra = Actor(cid, ActorKind.PERSON, "Petra")
    anna = Actor(cid, ActorKind.PERSON, "Anna", trusted_persons=frozenset({dora.id, petra.id}))
    carl = Actor(cid, ActorKind.PERSON, "Carl", trusted_persons=frozenset({dora.id}))
    with storage.unit_of_work(cid) as uow:
        uow.actors.add_all([dora, petra, anna, carl])  # type: ignore[attr-defined]
        uow.commit()
    config = schema.alembic_config(storage.engine)
    with storage.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0011")
    assert "actor_trust" not in set(inspect(storage.engine).get_table_names())
    schema.upgrade(storage.engine)
    with storage.unit_of_work(cid) as uow:
        assert [a.name for a in uow.actors.trusting(dora.id)] == ["Anna", "Carl"]
        assert [a.name for a in uow.actors.trusting(petra.id)] == ["Anna"]
        assert list(uow.actors.trusting(anna.id)) == []
        # Anna no longer trusts Dora: seen in the same unit of work and after it
        uow.actors.update(
            Actor(
                cid,
                ActorKind.PERSON,
                "Anna",
                id=anna.id,
                trusted_persons=frozenset({petra.id}),
                version=2,
            )
        )
        assert [a.name for a in uow.actors.trusting(dora.id)] == ["Carl"]
        uow.commit()
    with storage.unit_of_work(cid) as uow:
        assert [a.name for a in uow.actors.trusting(dora.id)] == ["Carl"]
        assert [a.name for a in uow.actors.trusting(petra.id)] == ["Anna"]
    storage.close()
