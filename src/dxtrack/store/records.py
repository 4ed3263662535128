"""Evidence on milestone targets and analysts' notes: rows recorded by people."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, select

from dxtrack.store import schema
from dxtrack.store.audit import append_record_event
from dxtrack.store.repository import hold_recording_lock, transaction, utcnow


def _insert(engine: Engine, table: Table, values: dict[str, Any], actor: str) -> int:
    """Insert one row and its audit event (by ``actor``) in one transaction; returns the row's id."""
    with transaction(engine) as conn:
        hold_recording_lock(conn)
        result = conn.execute(insert(table).values(**values, recorded_at=utcnow()))
        key = result.inserted_primary_key
        assert key is not None
        append_record_event(conn, actor=actor, action="add", entity=table.name, entity_id=str(key[0]))
        return int(key[0])


def _dated_rows(
    engine: Engine | Connection, table: Table, column: str, value: str | None, as_of: dt.date | None
) -> list[dict[str, Any]]:
    query = select(table).order_by(table.c.date, table.c.id)
    if value:
        query = query.where(table.c[column] == value)
    if as_of:
        query = query.where(table.c.date <= as_of)
    if isinstance(engine, Connection):
        return [dict(r._mapping) for r in engine.execute(query)]
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def insert_evidence(
    engine: Engine,
    *,
    target_id: str,
    date: dt.date,
    text: str,
    link: str | None,
    assessor: str,
    judgement: str,
    actor: str | None = None,
) -> int:
    """Store one piece of evidence (stamped with the time of recording); returns its id.

    ``actor`` is who records it (the audit event's actor; default: the assessor).
    """
    values = {"target_id": target_id, "date": date, "text": text, "link": link, "assessor": assessor}
    return _insert(engine, schema.evidence, {**values, "judgement": judgement}, actor or assessor)


def evidence_rows(
    engine: Engine | Connection, target_id: str | None = None, as_of: dt.date | None = None
) -> list[dict[str, Any]]:
    """Evidence rows oldest first, optionally of one target and dated on or before ``as_of``."""
    return _dated_rows(engine, schema.evidence, "target_id", target_id, as_of)


def insert_note(
    engine: Engine,
    *,
    section: str,
    text: str,
    author: str,
    date: dt.date,
    target_id: str | None,
    lang: str,
    actor: str | None = None,
) -> int:
    """Store one analyst's note (stamped with the time of recording); returns its id.

    ``actor`` is who records it (the audit event's actor; default: the author).
    """
    values = {"section": section, "text": text, "author": author, "date": date, "target_id": target_id}
    return _insert(engine, schema.analyst_note, {**values, "lang": lang}, actor or author)


def note_rows(engine: Engine, section: str | None = None, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Analysts' notes oldest first, optionally of one section and dated on or before ``as_of``."""
    return _dated_rows(engine, schema.analyst_note, "section", section, as_of)
