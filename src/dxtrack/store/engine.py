"""Creating engines and bringing a database to the current schema with Alembic.

Alembic is imported only when a migration is due: a database already at the packaged head (read from the
migration files' ``revision`` lines) is recognised without it, which keeps every command's start-up light.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, exc, inspect, text

from dxtrack.errors import CodedError, DxtrackError
from dxtrack.store.audit import adopt_existing

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
WRITE = "dxtrack_write"
"""Execution option of a writing transaction: on SQLite it begins with ``BEGIN IMMEDIATE`` (takes the write lock
first, waiting up to the busy timeout), so it never fails half-way when upgrading from a read."""


class StoreBusy(DxtrackError):
    """Another writer held the database for longer than the busy timeout."""


class StoreLost(CodedError):
    """The database server went away (crashed, restarted, unreachable) during the work: the transaction was not
    committed, so nothing of it was written (the catalogue's ``store_lost``)."""

    def __init__(self) -> None:
        super().__init__("store_lost")


def busy_timeout() -> float:
    """Seconds SQLite waits for another writer (``DXTRACK_SQLITE_BUSY_TIMEOUT``, default 60)."""
    return float(os.environ.get("DXTRACK_SQLITE_BUSY_TIMEOUT", "60"))


def _translate(context: Any) -> Exception | None:
    original = context.original_exception
    text = str(original).lower()
    if isinstance(context.sqlalchemy_exception, exc.OperationalError) and "database is locked" in text:
        return StoreBusy(
            f"the database is busy: another writer held it for more than {busy_timeout():g} s; nothing was written, "
            "try again (DXTRACK_SQLITE_BUSY_TIMEOUT sets the wait)"
        )
    if context.is_disconnect or (
        context.engine is not None
        and context.engine.dialect.name == "postgresql"
        and isinstance(context.sqlalchemy_exception, exc.OperationalError | exc.InterfaceError)
        and any(word in text for word in _LOST_WORDS)
    ):
        return StoreLost()
    return None


_LOST_WORDS = ("connection refused", "server closed the connection", "terminating connection", "connection is lost",
               "consuming input failed", "connection failed", "the connection is closed")  # fmt: skip


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys on and its folder created."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    sqlite = url.startswith("sqlite")
    engine = create_engine(url, future=True, connect_args={"timeout": busy_timeout()} if sqlite else {})
    event.listen(engine, "handle_error", _translate)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            dbapi_connection.isolation_level = None  # transactions begin in _sqlite_begin, below
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")

    return engine


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=(.*)$", re.MULTILINE)


@cache
def packaged_head() -> str | None:
    """The head revision of the packaged migrations, read from their files' ``revision`` / ``down_revision`` lines
    (no Alembic import); None unless exactly one head (then Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            ids = re.findall(r"['\"]([^'\"]+)['\"]", value)
            (revisions if name == "revision" else parents).update(ids)
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def stored_revisions(connection: Connection, tables: set[str]) -> set[str]:
    """The revisions recorded in the database's ``alembic_version`` (empty if it has none)."""
    if "alembic_version" not in tables:
        return set()
    return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied (nothing, without importing Alembic, when already at the head).

    When this creates the audit trail on a database that already holds records, the chain starts by adopting them
    (:func:`dxtrack.store.audit.adopt_existing`), so ``dxtrack audit verify`` covers them from then on.
    """
    with engine.begin() as connection:
        had_tables = set(inspect(connection).get_table_names())
        head = packaged_head()
        if head is not None and stored_revisions(connection, had_tables) == {head}:
            return
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        if "observation" in had_tables and "audit_event" not in had_tables:
            adopt_existing(connection)


def is_initialised(engine: Engine) -> bool:
    return "observation" in inspect(engine).get_table_names()


def open_engine(url: str, *, create: bool = True) -> Engine:
    """An engine on ``url``, migrated to the current schema (``create``), or an error if it is not initialised."""
    engine = make_engine(url)
    if create:
        upgrade(engine)
    elif not is_initialised(engine):
        raise DxtrackError(f"database {url} is not initialised; run 'dxtrack init' (or 'dxtrack quickstart') first")
    return engine
