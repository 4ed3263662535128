"""Alembic migrations build exactly the schema the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

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


def _observation_references(engine: Engine) -> set[tuple[str, str, str]]:
    """(column, parent, key) of observation's foreign keys in the database."""
    found = inspect(engine).get_foreign_keys("observation")
    return {(fk["constrained_columns"][0], fk["referred_table"], fk["referred_columns"][0]) for fk in found}


def _reference_triggers(engine: Engine) -> int:
    """How many triggers of migration 0009_pgrefs the database has."""
    query = text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE :parents OR tgname LIKE :own")
    with engine.connect() as conn:
        return int(conn.scalar(query, {"parents": r"observation\_%\_parent\_%", "own": r"observation\_refs\_%"}) or 0)


def test_pgrefs_downgrade_restores_the_foreign_keys(db_url: str) -> None:
    """0009_pgrefs down: the five foreign keys are back and its triggers gone (PostgreSQL); up again: the reverse.
    SQLite keeps its foreign keys throughout."""
    from alembic import command

    from dxtrack.store.engine import alembic_config

    engine = open_store(db_url)
    pg = engine.dialect.name == "postgresql"
    assert _observation_references(engine) == (set() if pg else PG_TRIGGER_CHECKED)
    for target, step in (("0008_store2", command.downgrade), ("head", command.upgrade)):
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            step(config, target)
        engine.dispose()
        references = PG_TRIGGER_CHECKED if target == "0008_store2" or not pg else set()
        assert _observation_references(engine) == references
        if pg:  # 2 on observation, then delete, update and truncate on each of the five parents
            assert _reference_triggers(engine) == (0 if target == "0008_store2" else 17)
    engine.dispose()
