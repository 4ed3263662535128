"""Reading and appending records. Observations are append-only: a revision is a new row."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Engine, and_, delete, func, insert, select

from dxtrack.store import schema

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
KEY = ["indicator", "area", "period", "disaggregation"]
# Each series in the order of dxtrack.domain.period (last day, then the longer period first), from the bounds the
# domain computed on import; revisions of one period by publication date.
CHRONOLOGICAL = ["indicator", "area", "disaggregation", "period_end", "period_start", "period", "published_on", "id"]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def ensure_sources(conn: Connection, rows: Iterable[dict[str, Any]]) -> None:
    """Insert sources whose id is not yet stored (sources are immutable once recorded)."""
    rows = list(rows)
    if not rows:
        return
    known = set(conn.scalars(select(schema.source.c.id)))
    new = {r["id"]: r for r in rows if r["id"] not in known}
    if new:
        conn.execute(insert(schema.source), list(new.values()))


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
    return (
        conn.execute(select(schema.import_batch.c.id).where(schema.import_batch.c.sha256 == sha256)).first() is not None
    )


def add_batch(conn: Connection, *, kind: str, file: str, sha256: str, rows: int, recorded_by: str | None) -> int:
    result = conn.execute(
        insert(schema.import_batch).values(
            kind=kind, file=file, sha256=sha256, rows=rows, recorded_at=utcnow(), recorded_by=recorded_by
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _existing_for(conn: Connection, indicators: Iterable[str]) -> pd.DataFrame:
    obs = schema.observation
    cols = [obs.c.id, *(obs.c[c] for c in KEY), obs.c.value, obs.c.source_id, obs.c.published_on]
    result = conn.execute(select(*cols).where(obs.c.indicator.in_(sorted(set(indicators)))))
    return pd.DataFrame(result.fetchall(), columns=["id", *KEY, "value", "source_id", "published_on"])


def append_observations(
    conn: Connection, frame: pd.DataFrame, *, batch_id: int | None, recorded_by: str | None
) -> tuple[int, int]:
    """Append observations; return (written, skipped as already known).

    A row identical to a stored one (same key, value, source and publication date) is skipped, so loading
    the same data twice changes nothing. Otherwise the row is new; ``supersedes`` points at the stored
    record for the same key that was the latest published before it.
    """
    if frame.empty:
        return 0, 0
    frame = frame.copy()
    existing = _existing_for(conn, frame["indicator"].unique())
    if not existing.empty:
        existing["published_on"] = pd.to_datetime(existing["published_on"]).dt.date
        same = frame.merge(
            existing[[*KEY, "value", "source_id", "published_on"]].drop_duplicates(),
            on=[*KEY, "value", "source_id", "published_on"],
            how="left",
            indicator=True,
        )["_merge"].eq("both")
        skipped = int(same.sum())
        frame = frame.loc[~same.to_numpy()]
    else:
        skipped = 0
    if frame.empty:
        return 0, skipped
    now = utcnow()
    records: list[dict[str, Any]] = []
    columns = OBS_COLUMNS + [c for c in PROVENANCE_COLUMNS if c in frame.columns]
    for raw in frame[columns].to_dict("records"):
        rec = {str(k): v for k, v in raw.items()}
        rec["value"] = float(rec["value"])
        for c in PROVENANCE_COLUMNS:
            if c in rec and (rec[c] is None or rec[c] != rec[c]):  # NaN from a partly filled column
                rec[c] = None
        rec["recorded_at"] = now
        rec["recorded_by"] = recorded_by
        rec["batch_id"] = batch_id
        records.append(rec)
    conn.execute(insert(schema.observation), records)
    if batch_id is not None:
        link_revisions(conn, batch_id, frame["indicator"].unique())
    return len(records), skipped


def link_revisions(conn: Connection, batch_id: int, indicators: Iterable[str]) -> None:
    """Point each new record of a batch at the record for the same key it revises (latest published before it)."""
    obs = schema.observation
    rows = conn.execute(
        select(obs.c.id, *(obs.c[c] for c in KEY), obs.c.published_on, obs.c.batch_id).where(
            obs.c.indicator.in_(sorted(set(indicators)))
        )
    ).all()
    history = pd.DataFrame(rows, columns=["id", *KEY, "published_on", "batch_id"])
    history = history.sort_values([*KEY, "published_on", "id"])
    history["previous"] = history.groupby(KEY, sort=False)["id"].shift(1)
    mine = history[(history["batch_id"] == batch_id) & history["previous"].notna()]
    for obs_id, previous in zip(mine["id"], mine["previous"], strict=True):
        conn.execute(obs.update().where(obs.c.id == int(obs_id)).values(supersedes=int(previous)))


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
    """Observations known as of a date: the latest revision per key with ``published_on <= as_of``.

    ``as_recorded`` limits to what dxtrack itself had recorded by then (audits). ``history=True`` returns
    every revision instead of the latest only. Source details are joined in. Rows come in ``CHRONOLOGICAL`` order.
    """
    obs, src = schema.observation, schema.source
    conditions: list[ColumnElement[bool]] = [obs.c.status.in_(list(statuses))]
    if indicators is not None:
        conditions.append(obs.c.indicator.in_(list(indicators)))
    if areas is not None:
        conditions.append(obs.c.area.in_(list(areas)))
    if as_of is not None:
        conditions.append(obs.c.published_on <= as_of)
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
    """One all-or-nothing unit of work: ``with transaction(engine) as conn:`` commits at the end or rolls back."""
    return engine.begin()


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
    with engine.begin() as conn:
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
