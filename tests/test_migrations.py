"""Alembic migrations build exactly the schema the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from dxtrack.services.store import open_store
from dxtrack.store.schema import metadata


def test_migrations_match_schema(db_url: str) -> None:
    engine = open_store(db_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    assert diff == []
    assert {"observation", "source", "area", "area_succession", "evidence", "analyst_note"} <= set(
        inspect(engine).get_table_names()
    )
    open_store(db_url)  # running again is a no-op
    engine.dispose()
