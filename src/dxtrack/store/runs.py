"""Stored assessment runs: what was judged, as of when, on which catalogue and data (by hash)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, insert, select

from dxtrack.store import schema
from dxtrack.store.audit import append_record_event
from dxtrack.store.repository import transaction, utcnow


def record_run(
    engine: Engine,
    *,
    as_of: dt.date,
    catalogue_hash: str,
    data_hash: str,
    method_version: str,
    results: list[dict[str, Any]],
    actor: str = "system",
    created_at: dt.datetime | None = None,
) -> None:
    """Store one assessment run with its results and its audit event, stamped ``created_at``: the moment its
    inputs were read (:func:`dxtrack.store.repository.run_snapshot`), default now."""
    values = {"as_of": as_of, "catalogue_hash": catalogue_hash, "data_hash": data_hash}
    with transaction(engine) as conn:
        result = conn.execute(
            insert(schema.assessment_run).values(
                **values, method_version=method_version, created_at=created_at or utcnow(), results=results
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        append_record_event(conn, actor=actor, action="assess", entity="assessment_run", entity_id=str(key[0]))


def latest_runs(engine: Engine, limit: int = 20) -> list[dict[str, Any]]:
    """The latest ``limit`` runs, newest first, without their results."""
    run = schema.assessment_run
    query = (
        select(run.c.id, run.c.as_of, run.c.catalogue_hash, run.c.data_hash, run.c.method_version, run.c.created_at)
        .order_by(run.c.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def run_by_id(engine: Engine, run_id: int) -> dict[str, Any] | None:
    """One stored run with its results, or None."""
    run = schema.assessment_run
    with engine.connect() as conn:
        row = conn.execute(select(run).where(run.c.id == run_id)).first()
    return None if row is None else dict(row._mapping)
