"""Alembic environment: runs on the connection sorgende hands it (see ``schema.py``)."""

from __future__ import annotations

from alembic import context

from sorgende.default_plugins.sql.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
