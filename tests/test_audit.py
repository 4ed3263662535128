"""The audit hash chain: appends, content hashes, and (on PostgreSQL) tables that refuse UPDATE and DELETE."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import text

from dxtrack.services.store import open_store
from dxtrack.store import audit


def test_content_hash_is_canonical_json() -> None:
    row = {"b": 2.5, "a": "Hà Nội", "d": dt.date(2025, 7, 1), "n": None}
    expected = '{"a":"Hà Nội","b":2.5,"d":"2025-07-01"}'
    assert audit.canonical(row) == expected
    assert audit.content_hash(row) == hashlib.sha256(expected.encode()).hexdigest()
    # Key order does not matter; an instant is written in UTC whatever its offset.
    plus7 = dt.datetime(2025, 7, 1, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert audit.canonical([{"t": plus7}]) == '[{"t":"2025-07-01T07:00:00+00:00"}]'


def test_append_event_chains_hashes(db_url: str) -> None:
    engine = open_store(db_url)
    with engine.begin() as conn:
        first = audit.append_event(
            conn, actor="system", action="load", entity="x", entity_id="1", before=None, after="a" * 64
        )
        second = audit.append_event(
            conn, actor="lan", action="add", entity="x", entity_id="1", before="a" * 64, after=None, detail={"k": 1}
        )
    assert (first, second) == (1, 2)
    with engine.connect() as conn:
        events = list(audit.events(conn))
    assert events[0]["prev_hash"] == audit.GENESIS
    assert events[1]["prev_hash"] == events[0]["hash"]
    assert events[1]["detail"] == {"k": 1}
    assert events[1]["at"].tzinfo is not None and events[1]["at"].utcoffset() == dt.timedelta(0)
    for event in events:
        assert audit.event_hash(event, event["prev_hash"]) == event["hash"]
    engine.dispose()


@pytest.mark.pg
def test_postgresql_refuses_update_and_delete(new_pg_database) -> None:  # type: ignore[no-untyped-def]
    engine = open_store(new_pg_database())
    with engine.begin() as conn:
        audit.append_event(conn, actor="system", action="load", entity="x", entity_id="1", before=None, after=None)
    for statement in (
        "UPDATE audit_event SET actor = 'mallory'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event",
    ):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT actor FROM audit_event")).scalar() == "system"
    engine.dispose()
