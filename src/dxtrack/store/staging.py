"""Staged appending of observation batches: rows go to a temporary table (COPY on PostgreSQL, executemany on
SQLite), are checked there set-wise (repeats in the file, clashes with stored values, references) and appended by
one ``INSERT … SELECT`` in key order, with ``supersedes`` decided in the insert; no stored row is ever updated.
docs/data.md ("Imports at national volume") tells why each step is as it is."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from sqlalchemy import Connection, Engine, bindparam, literal, select, text
from sqlalchemy import exc as sa_exc

from dxtrack.store import schema
from dxtrack.store.engine import WRITE
from dxtrack.store.repository import KEY, STAGED_COLUMNS, transaction, utcnow

IN_KEY_ORDER = "ORDER BY s.indicator, s.area, s.period, s.disaggregation, s.published_on, s.pos"
"""Staged rows are stored in the order of ``ix_observation_series`` (its upkeep then costs a quarter less than in
file order); within a batch, ids follow that order."""
_ONE_SERIES_ORDER = "ORDER BY s.period, s.disaggregation, s.published_on, s.pos"
"""IN_KEY_ORDER when every staged row has the same indicator and area (about a quarter of SQLite's sort of a
million rows is comparing those two columns)."""


def _key_order(conn: Connection) -> str:
    """The ORDER BY of the staged rows in key order: without the indicator and area when one pair holds them all."""
    pairs = conn.info.get(_STAGE_PAIRS)
    return _ONE_SERIES_ORDER if pairs is not None and len(pairs) == 1 else IN_KEY_ORDER


_SAME_KEY = " AND ".join(f"o.{c} = s.{c}" for c in KEY)


def _create_stage(conn: Connection) -> None:
    """A temporary table for one batch's rows (dropped at commit on PostgreSQL, emptied on SQLite)."""
    pg = conn.dialect.name == "postgresql"
    date, real = ("DATE", "DOUBLE PRECISION") if pg else ("TEXT", "REAL")
    columns = (
        f"pos BIGINT, indicator TEXT, area TEXT, period TEXT, period_start {date}, period_end {date}, "
        f"disaggregation TEXT, value {real}, unit TEXT, source_id TEXT, status TEXT, published_on {date}, "
        f"comment TEXT, producer TEXT, edition TEXT, released_on {date}"
    )
    if pg:
        conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS obs_stage ({columns}) ON COMMIT DROP")
    else:
        conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS obs_stage ({columns})")
    conn.exec_driver_sql("DELETE FROM obs_stage")


def _texts(values: list[Any]) -> list[Any]:
    return [None if v is None or (isinstance(v, float) and v != v) else str(v) for v in values]


def _iso_days(column: pd.Series) -> list[Any]:
    """Dates (or missing values) as ISO text, converting each distinct value once."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    texts = np.empty(len(uniques) + 1, dtype=object)
    texts[:-1] = [pd.Timestamp(u).date().isoformat() for u in uniques]
    texts[-1] = None  # code -1: a missing date
    return list(texts[codes].tolist())


def _pylist(column: pd.Series) -> list[Any]:
    """A column's cells as Python objects (Arrow-backed columns converted by Arrow, not cell by cell)."""
    if hasattr(column.array, "__arrow_array__"):
        return list(pa.array(column.array).to_pylist())
    return list(column.tolist())


def _stage_values(name: str, column: pd.Series) -> list[Any]:
    """One column's cells as staged (dates as ISO text, missing text as None)."""
    if name in ("period_start", "period_end", "published_on", "released_on"):
        return _iso_days(column)
    if name == "value":
        return list(column.astype(float).tolist())
    if name in ("unit", "comment", "producer", "edition"):
        return _texts(_pylist(column))
    return _pylist(column)


def _staged(frame: pd.DataFrame) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """The frame as staged: (columns holding one value throughout: name → value, the other columns: name →
    cells), ``pos`` (the frame's index) first among the others."""
    fixed: dict[str, Any] = {}
    varying: dict[str, list[Any]] = {"pos": frame.index.tolist()}
    for name in STAGED_COLUMNS:
        if name not in frame.columns:
            fixed[name] = None
        elif frame[name].nunique(dropna=False) == 1:
            fixed[name] = _stage_values(name, frame[name].iloc[:1])[0]
        else:
            varying[name] = _stage_values(name, frame[name])
    return fixed, varying


def _stage_columns(frame: pd.DataFrame) -> list[list[Any]]:
    """The frame's staging columns (``pos`` first, then ``STAGED_COLUMNS``; dates as ISO text)."""
    fixed, varying = _staged(frame)
    n = len(frame)
    return [varying["pos"], *(varying[c] if c in varying else [fixed[c]] * n for c in STAGED_COLUMNS)]


def _stage_csv(columns: list[list[Any]]) -> bytes:
    """The staging columns as CSV for COPY (text quoted, null empty and unquoted, numbers in shortest form)."""
    arrays = [pa.array(columns[0], pa.int64())]
    for name, values in zip(STAGED_COLUMNS, columns[1:], strict=True):
        if name == "value":
            arrays.append(pa.array(values, pa.float64()))
            continue
        try:
            arrays.append(pa.array(values, pa.string()))
        except (pa.ArrowTypeError, pa.ArrowInvalid):  # a loader's code given as a number
            arrays.append(pa.array(_texts(values), pa.string()))
    sink = pa.BufferOutputStream()
    table = pa.table(arrays, names=["pos", *STAGED_COLUMNS])
    pa_csv.write_csv(table, sink, pa_csv.WriteOptions(include_header=False))
    return bytes(sink.getvalue().to_pybytes())


def begin_stage(conn: Connection) -> None:
    """An empty staging table for one batch, inside the caller's transaction (SQLite: a page cache large enough
    for the observation indexes a bulk insert touches)."""
    _end_copy(conn)
    _create_stage(conn)
    conn.info[_STAGE_HASHES] = []
    conn.info[_STAGE_PAIRS] = set()
    conn.info[_STAGE_REFS] = {column: set() for column in REFERENCES}
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL work_mem = '{PG_WORK_MEM}'")
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        conn.exec_driver_sql("DROP INDEX IF EXISTS obs_stage_key")


PG_WORK_MEM = "64MB"
"""PostgreSQL memory per sort or hash of a writing transaction (default 4 MB: a million staged rows sort on disk)."""

SQLITE_CACHE_KIB = 196_608
"""SQLite page cache of a writing connection (192 MiB): the observation indexes of a national import stay cached."""


def _index_stage(conn: Connection) -> None:
    """Index the staged rows by key (once, after staging: one sort instead of one per query)."""
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS obs_stage_key ON obs_stage "
        "(indicator, area, period, disaggregation, published_on, pos)"
    )


def _repeats(conn: Connection) -> bool:
    """Whether a key occurs more than once among the staged rows: no two equal key hashes settles it without the
    database; when two meet (a repeat, or rarely two keys with one hash) the database decides exactly."""
    _end_copy(conn)
    hashes = conn.info.get(_STAGE_HASHES)
    if hashes is not None:
        ordered = np.sort(np.concatenate(hashes)) if hashes else np.empty(0, dtype=np.uint64)
        if not bool((ordered[1:] == ordered[:-1]).any()):
            return False
    _index_stage(conn)
    distinct = "SELECT count(*) FROM (SELECT DISTINCT indicator, area, period, disaggregation FROM obs_stage) k"
    return int(conn.scalar(text(distinct)) or 0) != int(conn.scalar(text("SELECT count(*) FROM obs_stage")) or 0)


def stage_rows(conn: Connection, frame: pd.DataFrame) -> None:
    """Add rows to the staging table (COPY on PostgreSQL, one executemany on SQLite); ``pos`` is the frame's index.

    The hash of each row's key is kept (:func:`_repeats` then needs the database only when two hashes meet). On
    SQLite a column holding one value throughout the frame is written into the statement once as a literal
    rather than bound for every row (binding is most of the cost of staging)."""
    if frame.empty:
        return
    conn.info.setdefault(_STAGE_HASHES, []).append(pd.util.hash_pandas_object(frame[KEY], index=False).to_numpy())
    pairs: set[tuple[str, str]] = conn.info.setdefault(_STAGE_PAIRS, set())
    if len(pairs) <= MAX_PAIRS_PROBED:
        pairs.update(frame[["indicator", "area"]].drop_duplicates().itertuples(index=False, name=None))
    if conn.dialect.name == "postgresql":
        data = _stage_csv(_stage_columns(frame))
        if _STAGE_COPY in conn.info:  # inside streamed(): the open COPY takes it while the next chunk is parsed
            _open_copy(conn).write(data)
            return
        raw: Any = conn.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(_COPY_STAGE) as copy:
            copy.write(data)
        return
    named: dict[str, set[Any]] = conn.info.setdefault(_STAGE_REFS, {column: set() for column in REFERENCES})
    for column, values in named.items():
        if column in frame.columns:
            values.update(frame[column].dropna().unique().tolist())
    fixed, varying = _staged(frame)
    listed = ", ".join([*varying, *fixed])
    marks = ", ".join(["?"] * len(varying) + [_literal(conn, v) for v in fixed.values()])
    conn.exec_driver_sql(
        f"INSERT INTO obs_stage ({listed}) VALUES ({marks})", list(zip(*varying.values(), strict=True))
    )


_COPY_STAGE = f"COPY obs_stage ({', '.join(['pos', *STAGED_COLUMNS])}) FROM STDIN (FORMAT csv)"
_STAGE_COPY = "dxtrack_obs_stage_copy"
"""conn.info key, inside :func:`streamed`: None, or the open COPY into the staging table (cursor, context, copy)."""


@contextmanager
def streamed(conn: Connection) -> Iterator[None]:
    """Stage a streamed batch through one COPY on PostgreSQL (elsewhere: nothing changes): a writer thread sends
    each chunk while the caller parses the next, so the server's work on a chunk overlaps the client's on the
    following one. The COPY ends before any other statement of this module and, on leaving, with the error that
    ends the block (the transaction then rolls back)."""
    conn.info[_STAGE_COPY] = None
    try:
        yield
    except BaseException as exc:
        _end_copy(conn, exc)
        raise
    else:
        _end_copy(conn)
    finally:
        conn.info.pop(_STAGE_COPY, None)


def _open_copy(conn: Connection) -> Any:
    """The open COPY into the staging table (opened on first use, with a queued writer)."""
    from psycopg.copy import QueuedLibpqWriter

    if conn.info.get(_STAGE_COPY) is None:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        context = cursor.copy(_COPY_STAGE, writer=QueuedLibpqWriter(cursor))
        conn.info[_STAGE_COPY] = (cursor, context, context.__enter__())
    return conn.info[_STAGE_COPY][2]


def _end_copy(conn: Connection, error: BaseException | None = None) -> None:
    """Finish the open COPY into the staging table, if any (with ``error``: abandon it)."""
    opened = conn.info.get(_STAGE_COPY)
    if not opened:
        return
    conn.info[_STAGE_COPY] = None
    cursor, context, _ = opened
    try:
        context.__exit__(type(error) if error else None, error, error.__traceback__ if error else None)
    finally:
        cursor.close()


def _literal(conn: Connection, value: Any) -> str:
    """A value as an SQL literal of the connection's dialect (SQLAlchemy's own quoting)."""
    return str(literal(value).compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))


_STAGE_HASHES = "dxtrack_obs_stage_key_hashes"
"""conn.info key: the 64-bit hashes of the staged rows' keys, one array per staged frame (reset by begin_stage)."""
_STAGE_PAIRS = "dxtrack_obs_stage_pairs"
_STAGE_REFS = "dxtrack_obs_stage_refs"
"""conn.info key: {column: the distinct values staged rows name} of ``REFERENCES`` (SQLite; reset by begin_stage)."""
_REFS_UNCHECKED = "dxtrack_refs_unchecked"
"""conn.info key, set inside :func:`bulk_transaction` on SQLite: foreign keys are off, insert_staged checks them."""
REFERENCES = {"indicator": ("indicator", "code"), "area": ("area", "code"), "source_id": ("source", "id")}
"""The staged columns naming a parent row: column → (parent table, its key)."""
MAX_PAIRS_PROBED = 10_000
"""Distinct (indicator, area) pairs of a batch up to which :func:`_all_new` asks the database about each."""


def _all_new(conn: Connection) -> bool:
    """Whether no staged row's (indicator, area) has any stored observation (one index probe per distinct pair):
    then no staged row can repeat, clash with or revise a stored one, and the per-row lookups are skipped. Asked
    again at each use, so it is current under the recording lock."""
    pairs = conn.info.get(_STAGE_PAIRS)
    if pairs is None or len(pairs) > MAX_PAIRS_PROBED:
        return False
    obs = schema.observation
    probe = select(obs.c.id).where(obs.c.indicator == bindparam("i"), obs.c.area == bindparam("a")).limit(1)
    return all(conn.execute(probe, {"i": i, "a": a}).first() is None for i, a in pairs)


def _fresh_statistics(conn: Connection) -> None:
    """PostgreSQL: statistics for the staged rows, and for ``observation`` when a tenth of it changed since its
    last ANALYZE — else the planner, taking a large table for a small one, looks keys up badly (before migration
    0008 it chose ``ix_observation_key``, a prefix of ``ix_observation_series``, and filtered thousands of
    disaggregations per row). Not for a batch of at most :data:`STATS_ROWS` rows: looked up badly, so few rows
    cost less than that ANALYZE (0.3 s on 200,000 rows)."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql("ANALYZE obs_stage")
    staged = int(conn.scalar(text("SELECT count(*) FROM obs_stage")) or 0)
    if (
        staged > STATS_ROWS
        and conn.exec_driver_sql(
            "SELECT c.reltuples < 0 OR s.n_mod_since_analyze > 0.1 * greatest(c.reltuples, 1000) FROM pg_class c "
            "JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = 'observation'::regclass"
        ).scalar()
    ):
        conn.exec_driver_sql("ANALYZE observation")
    if staged > HASH_JOIN_ROWS and staged > HASH_JOIN_SHARE * max(_stored_rows(conn), 0.0):
        # Staged rows many and a large part of the table: hash joins, cheaper than one index probe per staged row.
        conn.exec_driver_sql("SET LOCAL enable_nestloop = off")
    else:
        # Probes into a table much larger than the batch: its index is in memory, and a random page costs about
        # what a sequential one does (at the default 4 the planner hashed 10 M stored rows to check 100,000).
        conn.exec_driver_sql(f"SET LOCAL random_page_cost = {INDEX_PAGE_COST}")


STATS_ROWS = 100
"""Staged rows up to which PostgreSQL checks them against stale statistics of ``observation`` rather than ANALYZE it
first (a bad plan costs up to some milliseconds a row at national volume)."""

HASH_JOIN_ROWS = 10_000
HASH_JOIN_SHARE = 0.25
"""PostgreSQL joins the staged rows to ``observation`` by hash, not by an index probe per row, when they are more
than ``HASH_JOIN_ROWS`` and more than ``HASH_JOIN_SHARE`` of the stored rows (100,000 revisions of a 10 M-row table:
probes, 5 s; hashing the table, 26-31 s)."""
INDEX_PAGE_COST = 1.1
"""``random_page_cost`` of an import that probes ``observation`` (PostgreSQL's default, 4, is for spinning disks)."""


def staged_conflicts(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    """Staged rows whose key, source and publication date are stored with a different value: ``at`` (the staged
    ``pos``), its value, and the stored observation (id, value, the file of its import)."""
    _end_copy(conn)
    if _all_new(conn):
        return []
    _fresh_statistics(conn)
    clashes = conn.execute(
        text(
            "SELECT s.pos, s.value, o.id, o.value, b.file FROM obs_stage s JOIN observation o ON "
            f"{_SAME_KEY} AND o.source_id = s.source_id AND o.published_on = s.published_on "
            "LEFT JOIN import_batch b ON b.id = o.batch_id WHERE o.value <> s.value ORDER BY s.pos, o.id LIMIT :n"
        ),
        {"n": limit},
    ).all()
    return [{"at": at, "value": float(v), "id": int(i), "stored": float(w), "file": f} for at, v, i, w, f in clashes]


def staged_duplicates(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    """Staged rows repeating an earlier staged row's key and publication date: ``at`` and ``value`` of the repeat,
    ``first`` and ``first_value`` of the earlier one (set-wise, in the database: memory stays bounded)."""
    _end_copy(conn)
    if not _repeats(conn):
        return []
    ranked = (
        "SELECT pos, value, ROW_NUMBER() OVER w AS n, FIRST_VALUE(pos) OVER w AS first, "
        "FIRST_VALUE(value) OVER w AS first_value FROM obs_stage "
        "WINDOW w AS (PARTITION BY indicator, area, period, disaggregation, published_on ORDER BY pos)"
    )
    rows = conn.execute(
        text(f"SELECT pos, value, first, first_value FROM ({ranked}) r WHERE n > 1 ORDER BY pos LIMIT :n"),
        {"n": limit},
    ).all()
    return [{"at": int(a), "value": float(v), "first": int(f), "first_value": float(w)} for a, v, f, w in rows]


def stage_observations(conn: Connection, frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Stage a whole batch (:func:`begin_stage`, :func:`stage_rows`); return :func:`staged_conflicts`."""
    begin_stage(conn)
    stage_rows(conn, frame)
    return staged_conflicts(conn)


def _check_references(conn: Connection) -> None:
    """Refuse the batch, as a foreign key would, when a staged row names an indicator, area or source not stored
    (the distinct names kept by :func:`stage_rows`, looked up once each)."""
    named: dict[str, set[Any]] = conn.info.get(_STAGE_REFS) or {}
    for column, values in named.items():
        table, key = REFERENCES[column]
        parent = schema.metadata.tables[table].c[key]
        wanted = sorted(values)
        known: set[Any] = set()
        for start in range(0, len(wanted), 500):
            known.update(conn.scalars(select(parent).where(parent.in_(wanted[start : start + 500]))))
        missing = [v for v in wanted if v not in known]
        if missing:
            found = f"observation.{column} = '{missing[0]}' is not present in {table}.{key}"
            raise sa_exc.IntegrityError(None, None, sqlite3.IntegrityError(f"FOREIGN KEY constraint failed: {found}"))


def insert_staged(conn: Connection, *, batch_id: int, recorded_by: str | None) -> tuple[int, int]:
    """Append the staged rows not already stored; return (written, skipped as already known).

    ``supersedes`` (the latest stored row of the same key published on or before the new one) is decided in the
    INSERT itself, set-wise through the key index: no row is ever updated. Rows of one key with several
    publication dates go in successive waves, each seeing the ones before.
    """
    _end_copy(conn)
    if conn.info.get(_REFS_UNCHECKED):
        _check_references(conn)
    before = int(conn.scalar(text("SELECT count(*) FROM obs_stage")) or 0)
    all_new, staged = _all_new(conn), before
    if not all_new:  # rows already stored are skipped
        same = " AND ".join(f"o.{c} = obs_stage.{c}" for c in (*KEY, "source_id", "published_on", "value"))
        conn.execute(text(f"DELETE FROM obs_stage WHERE EXISTS (SELECT 1 FROM observation o WHERE {same})"))
        staged = int(conn.scalar(text("SELECT count(*) FROM obs_stage")) or 0)
    if not staged:
        return 0, before
    columns = ", ".join(STAGED_COLUMNS)
    previous = (
        f"(SELECT o.id FROM observation o WHERE {_SAME_KEY} AND o.published_on <= s.published_on "
        "ORDER BY o.published_on DESC, o.id DESC LIMIT 1)"
    )
    now = utcnow()
    if not _repeats(conn):  # one row per key: one INSERT, no waves (and nothing to revise when all are new)
        conn.execute(
            text(
                f"INSERT INTO observation ({columns}, supersedes, recorded_at, recorded_by, batch_id) "
                f"SELECT {', '.join('s.' + c for c in STAGED_COLUMNS)}, {'NULL' if all_new else previous}, "
                ":now, :by, :batch "
                f"FROM obs_stage s {_key_order(conn)}"
            ).bindparams(bindparam("now", type_=schema.observation.c.recorded_at.type)),
            {"now": now, "by": recorded_by, "batch": batch_id},
        )
        _analyze_if_grown(conn, staged)
        return staged, before - staged
    ranked = (
        "SELECT s.*, ROW_NUMBER() OVER (PARTITION BY indicator, area, period, disaggregation "
        "ORDER BY published_on, pos) AS wave FROM obs_stage s"
    )
    waves = int(conn.scalar(text(f"SELECT max(wave) FROM ({ranked}) r")) or 1)
    insert_wave = text(
        f"INSERT INTO observation ({columns}, supersedes, recorded_at, recorded_by, batch_id) "
        f"SELECT {', '.join('s.' + c for c in STAGED_COLUMNS)}, {previous}, :now, :by, :batch "
        f"FROM ({ranked}) s WHERE s.wave = :wave {_key_order(conn)}"
    ).bindparams(bindparam("now", type_=schema.observation.c.recorded_at.type))
    for wave in range(1, waves + 1):
        conn.execute(insert_wave, {"now": now, "by": recorded_by, "batch": batch_id, "wave": wave})
    _analyze_if_grown(conn, staged)
    return staged, before - staged


def _analyze_if_grown(conn: Connection, written: int) -> None:
    """PostgreSQL: fresh statistics for ``observation`` when this transaction grew it by more than a tenth (or it
    was never analysed). The planner would otherwise take the new batch for a few hundred rows and read it
    through the batch index, whole and sorted, for each block of its audit hash (1 M rows: 0.4 s a block
    instead of 0.04 s); later reads in the transaction and just after it are planned right too."""
    if conn.dialect.name != "postgresql":
        return
    known = _stored_rows(conn)
    if known < 0 or written > 0.1 * max(known, 1000.0):
        conn.exec_driver_sql("ANALYZE observation")


def _stored_rows(conn: Connection) -> float:
    """PostgreSQL: the planner's count of ``observation``'s rows (``reltuples``; -1 when never analysed)."""
    known = conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE oid = 'observation'::regclass").scalar()
    return -1.0 if known is None else float(known)


@contextmanager
def bulk_transaction(engine: Engine) -> Iterator[Connection]:
    """:func:`~dxtrack.store.repository.transaction` for a staged import (:func:`begin_stage` … :func:`insert_staged`).

    SQLite checks a foreign key once per inserted row (about a second per million rows); here its foreign keys are
    off for the transaction (the pragma cannot change inside one) and :func:`insert_staged` checks the distinct
    indicators, areas and sources the staged rows name instead — equivalent, as the write lock held from ``BEGIN
    IMMEDIATE`` to the commit lets nobody remove a parent meanwhile, and ``supersedes`` and ``batch_id`` are ids
    this transaction read or wrote. The pooled connection gets its foreign keys back in any case."""
    if engine.dialect.name != "sqlite":
        with transaction(engine) as conn:
            yield conn
        return
    with engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        conn.info[_REFS_UNCHECKED] = True
        try:
            with conn.execution_options(**{WRITE: True}).begin():
                yield conn
        finally:
            conn.info.pop(_REFS_UNCHECKED, None)
            try:  # a no-op if a failed commit left the transaction open: hence the check
                raw.execute("PRAGMA foreign_keys=ON")
                restored = raw.execute("PRAGMA foreign_keys").fetchone() == (1,)
            except Exception:
                restored = False
            if not restored:
                conn.invalidate()  # never back into the pool without its foreign keys
