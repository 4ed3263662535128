"""Stored organisations: loaded from the data snapshot (idempotent, audited), read as plain rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, select

from dxtrack.store import audit, schema
from dxtrack.store.repository import ensure_sources, transaction, upsert


def store_organisations(
    engine: Engine, rows: Sequence[dict[str, Any]], sources: Sequence[dict[str, Any]], *, actor: str = "system"
) -> dict[str, int]:
    """Insert new organisations and update changed ones (rows come parents first) in one transaction.

    The load is one audit event about the whole table, appended only when the table's content changed.
    """
    with transaction(engine) as conn:
        ensure_sources(conn, sources)
        before = audit.table_hash(conn, "organisation")
        new = upsert(conn, schema.organisation, "id", rows)
        after = audit.table_hash(conn, "organisation")
        if after != before:
            audit.append_event(
                conn,
                actor=actor,
                action="load",
                entity="table",
                entity_id="organisation",
                before=before,
                after=after,
                detail={"rows": len(rows), "new": new},
            )
    return {"organisations": len(rows), "new": new}


def organisation_rows(engine: Engine) -> list[dict[str, Any]]:
    """Every stored organisation as a dict, by id."""
    t = schema.organisation
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.id))]
