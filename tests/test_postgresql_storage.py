"""The storage contract and the stateful test on PostgreSQL.

The tests read the server's URL from ``SORGENDE_TEST_POSTGRESQL_URL`` (``.ci/run``
starts a throwaway cluster and sets it). Without it they are skipped locally, and
fail under ``CI=true``: in CI a missing PostgreSQL is an error, not a pass.
"""

from __future__ import annotations

import os

import pytest

from sorgende.default_plugins.sql import tables
from sorgende.default_plugins.sql.storage import SQLStorage, make_engine
from sorgende.ports import Storage
from sorgende.testing.contract import StorageContract
from tests import test_stateful

URL = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
HOW = (
    "set SORGENDE_TEST_POSTGRESQL_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/postgres "
    "to a throwaway PostgreSQL server (bash .ci/run starts one)"
)

if URL is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("PostgreSQL is required under CI=true: " + HOW)
    pytest.skip(HOW, allow_module_level=True)


def fresh_storage() -> SQLStorage:
    """A storage on an empty schema: the tables are dropped and made again."""
    assert URL is not None
    engine = make_engine(URL)
    tables.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    return SQLStorage(URL, engine)


class TestPostgreSQLStorage(StorageContract):
    def make_storage(self) -> Storage:
        return fresh_storage()


class PostgreSQLCommunityMachine(test_stateful.CommunityMachine):
    def storage_url(self) -> str:
        fresh_storage().close()
        assert URL is not None
        return URL

    def teardown(self) -> None:
        super().teardown()
        self.platform.close()


PostgreSQLCommunityMachine.TestCase.settings = test_stateful.settings(
    max_examples=20, stateful_step_count=30, deadline=None
)
TestCommunityOnPostgreSQL = PostgreSQLCommunityMachine.TestCase
