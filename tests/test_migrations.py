"""Alembic migrations build exactly the schema the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from dxtrack.services.store import open_store
from dxtrack.store.schema import metadata

# On PostgreSQL, migration 0009_pgrefs replaces observation's five foreign keys by statement-level triggers (one
# set-wise check per INSERT instead of one per row); schema.py keeps declaring them, as SQLite keeps them.
PG_TRIGGER_CHECKED = {
    ("indicator", "indicator", "code"),
    ("area", "area", "code"),
    ("source_id", "source", "id"),
    ("supersedes", "observation", "id"),
    ("batch_id", "import_batch", "id"),
}


def _trigger_checked(entry: object) -> tuple[str, str, str] | None:
    """(column, parent, key) when ``entry`` is the diff's "add foreign key" of one of observation's references."""
    if not (isinstance(entry, tuple) and entry[0] == "add_fk" and entry[1].parent.name == "observation"):
        return None
    (column,) = entry[1].column_keys
    (element,) = entry[1].elements
    return column, element.column.table.name, element.column.name


def test_migrations_match_schema(db_url: str) -> None:
    engine = open_store(db_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    if engine.dialect.name == "postgresql":
        assert {_trigger_checked(entry) for entry in diff} >= PG_TRIGGER_CHECKED
        diff = [entry for entry in diff if _trigger_checked(entry) not in PG_TRIGGER_CHECKED]
    assert diff == []
    assert {"observation", "source", "area", "area_succession", "evidence", "analyst_note"} <= set(
        inspect(engine).get_table_names()
    )
    open_store(db_url)  # running again is a no-op
    engine.dispose()


def test_packaged_head_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from dxtrack.store.engine import alembic_config, packaged_head

    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [packaged_head()]


def test_database_at_head_is_opened_without_alembic(db_url: str, monkeypatch) -> None:
    import alembic.command

    from dxtrack.store.engine import packaged_head

    open_store(db_url).dispose()  # migrated to the head

    def no_upgrade(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Alembic ran on a database already at the head")

    monkeypatch.setattr(alembic.command, "upgrade", no_upgrade)
    engine = open_store(db_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == packaged_head()
    engine.dispose()
