"""The PostgreSQL storage's connection pool: sized for a web server's threads, set in the URL."""

from __future__ import annotations

import pytest
from sqlalchemy.pool import QueuePool

from sorgende.default_plugins.sql.storage import MAX_OVERFLOW, POOL_SIZE, make_engine
from sorgende.errors import ConfigError

BASE = "postgresql+psycopg://postgres@127.0.0.1:1/sorgende"


def test_the_pool_holds_as_many_connections_as_request_threads() -> None:
    engine = make_engine(BASE)  # no connection is made before the first use
    assert isinstance(engine.pool, QueuePool)
    assert (engine.pool.size(), engine.pool._max_overflow) == (POOL_SIZE, MAX_OVERFLOW)
    assert POOL_SIZE + MAX_OVERFLOW >= 40  # anyio's worker threads of a Litestar app


def test_the_url_sets_the_pool_and_the_driver_never_sees_it() -> None:
    engine = make_engine(BASE + "?pool_size=3&max_overflow=0&application_name=sorgende")
    assert (engine.pool.size(), engine.pool._max_overflow) == (3, 0)
    assert dict(engine.url.query) == {"application_name": "sorgende"}


@pytest.mark.parametrize("query", ["pool_size=many", "max_overflow=-1"])
def test_a_pool_setting_that_is_no_number_is_refused(query: str) -> None:
    with pytest.raises(ConfigError) as refused:
        make_engine(f"{BASE}?{query}")
    name, value = query.split("=")
    assert refused.value.message("en") == (
        f"configuration storage URL, {name}: {value!r} is not a whole number of 0 or more"
    )
    assert "ist keine ganze Zahl ab 0" in refused.value.message("de")
