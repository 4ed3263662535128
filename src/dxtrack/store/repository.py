"""Reading and appending records. Observations are append-only: a revision is a new row (batches of them are
appended by :mod:`dxtrack.store.staging`)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Engine, and_, delete, func, insert, select, text

from dxtrack.store import audit, schema
from dxtrack.store.engine import WRITE

OBS_COLUMNS = [
    "indicator",
    "area",
    "period",
    "period_start",
    "period_end",
    "disaggregation",
    "value",
    "unit",
    "source_id",
    "status",
    "published_on",
    "comment",
]
# Optional provenance a loader may give: the producer and its publication, apart from the channel (source_id).
PROVENANCE_COLUMNS = ["producer", "edition", "released_on"]
STAGED_COLUMNS = OBS_COLUMNS + PROVENANCE_COLUMNS
KEY = ["indicator", "area", "period", "disaggregation"]
# Each series in the order of dxtrack.domain.period (last day, then the longer period first), from the bounds the
# domain computed on import; revisions of one period by publication date.
CHRONOLOGICAL = ["indicator", "area", "disaggregation", "period_end", "period_start", "period", "published_on", "id"]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


RECORDING_LOCK = 5_700_014
"""PostgreSQL advisory lock key: writers that stamp ``recorded_at`` hold it exclusively until they commit, a stored
assessment run shares it while it reads (SQLite: the database write lock does both jobs)."""


def hold_recording_lock(conn: Connection) -> None:
    """Inside a writing transaction, before stamping anything: no stored run reads between stamp and commit, so
    ``recorded_at`` orders this write correctly against every run (PostgreSQL; SQLite's write lock already does)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RECORDING_LOCK})


@contextmanager
def run_snapshot(engine: Engine) -> Iterator[tuple[Connection, dt.datetime]]:
    """A connection for the reads of a stored run, and its stamp: every write recorded before the stamp is
    committed and visible, none recorded after it is (so ``as_recorded=stamp`` replays exactly these reads)."""
    with engine.execution_options(**{WRITE: True}).begin() as conn:  # SQLite: BEGIN IMMEDIATE holds writers off
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": RECORDING_LOCK})
        yield conn, utcnow()


def _insert_ignoring_existing(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> list[Any]:
    """INSERT … ON CONFLICT DO NOTHING (a concurrent writer of the same key waits, then skips); returns new keys."""
    dialect_insert: Any
    if conn.dialect.name == "postgresql":  # each dialect's module imported only when used (start-up time)
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        dialect_insert = pg_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        dialect_insert = sqlite_insert
    pk = next(iter(table.primary_key.columns))
    new: list[Any] = []
    for row in rows:
        result = conn.execute(dialect_insert(table).values(**row).on_conflict_do_nothing().returning(pk))
        new.extend(result.scalars().all())
    return new


def ensure_sources(conn: Connection, rows: Iterable[dict[str, Any]]) -> None:
    """Insert sources whose id is not yet stored (sources are immutable once recorded); safe against a
    concurrent import recording the same new source."""
    unique = {r["id"]: r for r in rows}
    if not unique:
        return
    known = set(conn.scalars(select(schema.source.c.id).where(schema.source.c.id.in_(list(unique)))))
    _insert_ignoring_existing(conn, schema.source, [r for k, r in unique.items() if k not in known])


def upsert(conn: Connection, table: Any, key: str, rows: Sequence[dict[str, Any]]) -> int:
    """Insert rows whose key is new and update the others (reference tables only, never observations)."""
    existing = set(conn.scalars(select(table.c[key])))
    fresh = [r for r in rows if r[key] not in existing]
    stale = [r for r in rows if r[key] in existing]
    if fresh:
        conn.execute(insert(table), fresh)
    for row in stale:
        conn.execute(table.update().where(table.c[key] == row[key]).values(**row))
    return len(fresh)


def codes(conn: Connection, table: Any, key: str) -> set[str]:
    return set(conn.scalars(select(table.c[key])))


def batch_exists(conn: Connection, sha256: str) -> bool:
    return find_batch(conn, sha256) is not None


def find_batch(conn: Connection, sha256: str) -> dict[str, Any] | None:
    """The import that first wrote this content (by its key), or None."""
    b, k = schema.import_batch, schema.import_key
    row = conn.execute(select(b).join(k, k.c.batch_id == b.c.id).where(k.c.sha256 == sha256)).first()
    return dict(row._mapping) if row else None


def claim_batch(
    conn: Connection, *, kind: str, file: str, sha256: str, rows: int, recorded_by: str | None
) -> int | None:
    """Record an import and claim its content key; None when that content is already imported.

    The key is the primary key of ``import_key``: of two simultaneous imports of the same content, the second
    waits for the first to commit and then gets None (a database constraint, not a check-then-insert race).
    """
    result = conn.execute(
        insert(schema.import_batch).values(
            kind=kind, file=file, sha256=sha256, rows=rows, recorded_at=utcnow(), recorded_by=recorded_by
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    batch_id = int(key[0])
    if not _insert_ignoring_existing(conn, schema.import_key, [{"sha256": sha256, "batch_id": batch_id}]):
        return None
    return batch_id


def add_batch(conn: Connection, *, kind: str, file: str, sha256: str, rows: int, recorded_by: str | None) -> int:
    """Record an import whose content may repeat (no content key claimed)."""
    result = conn.execute(
        insert(schema.import_batch).values(
            kind=kind, file=file, sha256=sha256, rows=rows, recorded_at=utcnow(), recorded_by=recorded_by
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def catalogue_rows(conn: Connection) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The stored indicators (code, unit, definition) and areas (code, validity dates) an import is checked with."""
    ind, area = schema.indicator, schema.area
    indicators = [dict(r._mapping) for r in conn.execute(select(ind.c.code, ind.c.unit, ind.c.definition))]
    areas = [dict(r._mapping) for r in conn.execute(select(area.c.code, area.c.valid_from, area.c.valid_to))]
    return indicators, areas


def observations(
    conn: Connection,
    *,
    indicators: Sequence[str] | None = None,
    areas: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    as_recorded: dt.datetime | None = None,
    history: bool = False,
    statuses: Sequence[str] = ("published",),
) -> pd.DataFrame:
    """Observations known as of a date (default today): the latest revision per key with ``published_on <= as_of``.

    A value recorded with a future publication date stays invisible until that date.

    ``as_recorded`` limits to what dxtrack itself had recorded by then (audits). ``history=True`` returns
    every revision instead of the latest only. Source details are joined in. Rows come in ``CHRONOLOGICAL`` order.
    """
    obs, src = schema.observation, schema.source
    conditions: list[ColumnElement[bool]] = [obs.c.status.in_(list(statuses))]
    if indicators is not None:
        conditions.append(obs.c.indicator.in_(list(indicators)))
    if areas is not None:
        conditions.append(obs.c.area.in_(list(areas)))
    conditions.append(obs.c.published_on <= (as_of or dt.date.today()))
    if as_recorded is not None:
        conditions.append(obs.c.recorded_at <= as_recorded)
    query = (
        select(
            obs,
            src.c.publisher.label("source_publisher"),
            src.c.title.label("source_title"),
            src.c.url_or_document.label("source_url"),
            src.c.retrieved_on.label("source_retrieved_on"),
        )
        .join(src, src.c.id == obs.c.source_id)
        .where(and_(*conditions))
    )
    result = conn.execute(query)
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    if frame.empty:
        return frame
    frame = frame.sort_values(CHRONOLOGICAL)
    if not history:
        frame = frame.drop_duplicates(KEY, keep="last")
    return frame.reset_index(drop=True)


def data_hash(frame: pd.DataFrame) -> str:
    """A stable hash of the observations used (ids and values), for assessment runs."""
    digest = hashlib.sha256()
    if not frame.empty:
        for obs_id, value in sorted(zip(frame["id"].astype(int), frame["value"].astype(float), strict=True)):
            digest.update(f"{obs_id}:{value!r};".encode())
    return digest.hexdigest()


def replace_rows(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> int:
    """Replace every row of a reference table read from the data snapshot (release calendar, institution changes)."""
    conn.execute(table.delete())
    if rows:
        conn.execute(insert(table), list(rows))
    return len(rows)


def reference_rows(conn: Connection, table: Any, order: Sequence[str]) -> list[dict[str, Any]]:
    """Every row of a reference table as a dict (without its surrogate id), in the given order."""
    result = conn.execute(select(table).order_by(*(table.c[c] for c in order)))
    return [{k: v for k, v in row._mapping.items() if k != "id"} for row in result]


def transaction(engine: Engine) -> AbstractContextManager[Connection]:
    """One all-or-nothing unit of work: ``with transaction(engine) as conn:`` commits at the end or rolls back.

    It writes, so on SQLite it takes the write lock first (waiting up to the busy timeout)."""
    return engine.execution_options(**{WRITE: True}).begin()


def read_observations(engine: Engine, **filters: Any) -> pd.DataFrame:
    """:func:`observations` on a connection of its own (same keyword filters)."""
    with engine.connect() as conn:
        return observations(conn, **filters)


def latest_ids(engine: Engine) -> tuple[int | None, int | None]:
    """The newest observation id and the newest evidence id (both tables are append-only)."""
    obs, ev = schema.observation, schema.evidence
    with engine.connect() as conn:
        return (
            conn.execute(select(func.max(obs.c.id))).scalar(),
            conn.execute(select(func.max(ev.c.id))).scalar(),
        )


def indicator_codes(conn: Connection) -> set[str]:
    return codes(conn, schema.indicator, "code")


def area_codes(conn: Connection) -> set[str]:
    return codes(conn, schema.area, "code")


def upsert_areas(conn: Connection, rows: Sequence[dict[str, Any]]) -> int:
    """Insert new areas and update known ones; returns how many were new."""
    return upsert(conn, schema.area, "code", rows)


def store_pack_registry(
    conn: Connection, *, indicators: Sequence[dict[str, Any]], pack_id: str, version: str, sha256: str
) -> None:
    """Upsert the pack's indicators and record which version of the pack was loaded (one row per pack)."""
    pack = schema.content_pack
    upsert(conn, schema.indicator, "code", indicators)
    conn.execute(delete(pack).where(pack.c.id == pack_id))
    conn.execute(insert(pack).values(id=pack_id, version=version, sha256=sha256, loaded_at=utcnow()))


def indicator_aggregations(engine: Engine, indicators: Sequence[str]) -> dict[str, dict[str, Any] | None]:
    """``{code: aggregation}`` (the catalogue's province re-aggregation rule, JSON) of the stored indicators."""
    t = schema.indicator
    with engine.connect() as conn:
        rows = conn.execute(select(t.c.code, t.c.aggregation).where(t.c.code.in_(list(indicators)))).all()
    return {str(code): agg for code, agg in rows}


def replace_reference_tables(
    engine: Engine, releases: Sequence[dict[str, Any]], changes: Sequence[dict[str, Any]]
) -> dict[str, int]:
    """Replace the release calendar and the institution changes in one transaction; returns the row counts."""
    with transaction(engine) as conn, audit.tables_load(conn, ["release", "institution_change"], actor="system"):
        return {
            "releases": replace_rows(conn, schema.release, releases),
            "institution_changes": replace_rows(conn, schema.institution_change, changes),
        }


def release_rows(engine: Engine) -> list[dict[str, Any]]:
    """The release calendar, by release date then series."""
    with engine.connect() as conn:
        return reference_rows(conn, schema.release, ["released_on", "series"])


def institution_change_rows(engine: Engine) -> list[dict[str, Any]]:
    """The institution changes, by effective date then id."""
    with engine.connect() as conn:
        return reference_rows(conn, schema.institution_change, ["effective_on", "id"])
