"""Rows of the reporting loop: data calls, their units, submissions with their values and status events, and what
acceptance publishes (task status history, report material). Callers pass their own transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from dxtrack.errors import CodedError
from dxtrack.store import schema

Row = dict[str, Any]


def insert_call(conn: Connection, call: Mapping[str, Any], units: Mapping[str, list[Row]]) -> int:
    """A new call and its units (org id -> items); returns the call's id."""
    key = conn.execute(insert(schema.data_call).values(**call)).inserted_primary_key
    assert key is not None
    call_id = int(key[0])
    if units:
        conn.execute(
            insert(schema.call_unit), [{"call_id": call_id, "org_id": o, "items": items} for o, items in units.items()]
        )
    return call_id


def insert_repeat(conn: Connection, call: Mapping[str, Any], units: Mapping[str, list[Row]]) -> int | None:
    """:func:`insert_call` of a call repeating another; None (nothing written) when its series already has a call
    for that period (the unique constraint decides, so two concurrent repeats open one call)."""
    try:
        with conn.begin_nested():
            return insert_call(conn, call, units)
    except IntegrityError:
        return None


def call_row(conn: Connection, call_id: int) -> Row | None:
    row = conn.execute(select(schema.data_call).where(schema.data_call.c.id == call_id)).mappings().first()
    return dict(row) if row else None


def call_rows(conn: Connection) -> list[Row]:
    return [dict(r) for r in conn.execute(select(schema.data_call).order_by(schema.data_call.c.id)).mappings()]


def set_call_state(conn: Connection, call_id: int, state: str) -> None:
    conn.execute(update(schema.data_call).where(schema.data_call.c.id == call_id).values(state=state))


def unit_rows(conn: Connection, call_id: int) -> list[Row]:
    t = schema.call_unit
    return [dict(r) for r in conn.execute(select(t).where(t.c.call_id == call_id).order_by(t.c.org_id)).mappings()]


def lock_unit(conn: Connection, call_id: int, org_id: str) -> None:
    """Serialise the writers of one unit's report (PostgreSQL row lock; SQLite writers are serialised anyway)."""
    t = schema.call_unit
    conn.execute(select(t.c.id).where(t.c.call_id == call_id, t.c.org_id == org_id).with_for_update()).first()


def unit_items(conn: Connection, call_id: int, org_id: str) -> list[Row] | None:
    t = schema.call_unit
    row = conn.execute(select(t.c["items"]).where(t.c.call_id == call_id, t.c.org_id == org_id)).first()
    return list(row[0]) if row else None


def submissions(conn: Connection, call_id: int, org_id: str | None = None) -> list[Row]:
    """The call's submissions (of one unit), oldest revision first, each with its latest state and its time."""
    s, e = schema.submission, schema.submission_event
    query = select(s).where(s.c.call_id == call_id).order_by(s.c.org_id, s.c.revision)
    if org_id is not None:
        query = query.where(s.c.org_id == org_id)
    rows = [dict(r) for r in conn.execute(query).mappings()]
    if not rows:
        return rows
    ids = [r["id"] for r in rows]
    events: dict[int, list[Row]] = {i: [] for i in ids}
    for ev in conn.execute(select(e).where(e.c.submission_id.in_(ids)).order_by(e.c.id)).mappings():
        events[ev["submission_id"]].append(dict(ev))
    for r in rows:
        r["events"] = events[r["id"]]
    return rows


def next_revision(conn: Connection, call_id: int, org_id: str) -> int:
    s = schema.submission
    last = conn.execute(select(func.max(s.c.revision)).where(s.c.call_id == call_id, s.c.org_id == org_id)).scalar()
    return int(last or 0) + 1


def insert_submission(conn: Connection, row: Mapping[str, Any], values: Sequence[Mapping[str, Any]]) -> int:
    """A new revision and its values; a concurrent writer that took the same revision first makes this one fail
    with a one-line error (the transaction writes nothing; the unit retries)."""
    try:
        key = conn.execute(insert(schema.submission).values(**row)).inserted_primary_key
    except IntegrityError:
        raise CodedError("submission_race", call=row["call_id"], org=row["org_id"], revision=row["revision"]) from None
    assert key is not None
    sub_id = int(key[0])
    if values:
        conn.execute(insert(schema.submission_value), [{**v, "submission_id": sub_id} for v in values])
    return sub_id


def submission_values(conn: Connection, submission_id: int) -> list[Row]:
    t = schema.submission_value
    query = select(t.c.item_id, t.c.kind, t.c.value, t.c.comment).where(t.c.submission_id == submission_id)
    return [dict(r) for r in conn.execute(query.order_by(t.c.id)).mappings()]


def submission_record(conn: Connection, submission_id: str) -> list[Row]:
    """A submission, its values and its events, as hashed by the audit trail."""
    sid = int(submission_id)
    head = conn.execute(select(schema.submission).where(schema.submission.c.id == sid)).mappings().first()
    if head is None:
        return []
    e = schema.submission_event
    events = conn.execute(select(e).where(e.c.submission_id == sid).order_by(e.c.id)).mappings()
    return [dict(head), *submission_values(conn, sid), *(dict(r) for r in events)]


def add_event(
    conn: Connection, submission_id: int, state: str, actor: str, reason: str | None, at: dt.datetime
) -> None:
    conn.execute(
        insert(schema.submission_event).values(
            submission_id=submission_id, state=state, actor=actor, reason=reason, at=at
        )
    )


def insert_task_statuses(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        conn.execute(insert(schema.task_status), list(rows))


def insert_material(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        conn.execute(insert(schema.report_material), list(rows))


def task_statuses(conn: Connection, task_id: str | None = None) -> list[Row]:
    t = schema.task_status
    query = select(t).order_by(t.c.id)
    if task_id is not None:
        query = query.where(t.c.task_id == task_id)
    return [dict(r) for r in conn.execute(query).mappings()]


def materials(conn: Connection, call_id: int | None = None) -> list[Row]:
    t = schema.report_material
    query = select(t).order_by(t.c.id)
    if call_id is not None:
        query = query.where(t.c.call_id == call_id)
    return [dict(r) for r in conn.execute(query).mappings()]


def history_values(conn: Connection, indicator: str, area: str, before: dt.date) -> list[float]:
    """Values of one indicator for one area in periods ending before ``before`` (the unit's own history)."""
    o = schema.observation
    query = select(o.c.value).where(o.c.indicator == indicator, o.c.area == area, o.c.period_end < before)
    return [float(v) for (v,) in conn.execute(query)]


def accepted_heads(conn: Connection, pack_id: str) -> list[Row]:
    """Every submission to the pack's calls with its call's period and its status events (oldest first):
    what the published-as-of questions (task statuses, report material) are answered from."""
    s, c, e = schema.submission, schema.data_call, schema.submission_event
    query = (
        select(s.c.id, s.c.call_id, s.c.org_id, s.c.revision, c.c.period, c.c.period_end, c.c.title)
        .join(c, c.c.id == s.c.call_id)
        .where(c.c.pack_id == pack_id)
        .order_by(s.c.id)
    )
    heads = {r["id"]: {**dict(r), "events": []} for r in conn.execute(query).mappings()}
    if heads:
        for ev in conn.execute(select(e).where(e.c.submission_id.in_(list(heads))).order_by(e.c.id)).mappings():
            heads[ev["submission_id"]]["events"].append(dict(ev))
    return list(heads.values())


def pack_task_statuses(conn: Connection, pack_id: str) -> list[Row]:
    """The pack's task status history, oldest first."""
    t = schema.task_status
    return [dict(r) for r in conn.execute(select(t).where(t.c.pack_id == pack_id).order_by(t.c.id)).mappings()]


def materials_of(conn: Connection, submission_ids: Sequence[int]) -> list[Row]:
    """Report material of the given submissions, in the order it was stored."""
    if not submission_ids:
        return []
    t = schema.report_material
    query = select(t).where(t.c.submission_id.in_(list(submission_ids))).order_by(t.c.id)
    return [dict(r) for r in conn.execute(query).mappings()]


def all_submissions(conn: Connection, call_ids: Sequence[int]) -> list[Row]:
    """Every submission of these calls with its events and the ids of the items it states (three queries)."""
    if not call_ids:
        return []
    s, e, v = schema.submission, schema.submission_event, schema.submission_value
    query = select(s).where(s.c.call_id.in_(list(call_ids))).order_by(s.c.call_id, s.c.org_id, s.c.revision)
    subs = {r["id"]: {**dict(r), "events": [], "items": set()} for r in conn.execute(query).mappings()}
    if subs:
        ids = list(subs)
        for ev in conn.execute(select(e).where(e.c.submission_id.in_(ids)).order_by(e.c.id)).mappings():
            subs[ev["submission_id"]]["events"].append(dict(ev))
        for sid, item in conn.execute(select(v.c.submission_id, v.c.item_id).where(v.c.submission_id.in_(ids))):
            subs[sid]["items"].add(item)
    return list(subs.values())


def call_units(conn: Connection, call_ids: Sequence[int]) -> list[Row]:
    """The units of these calls (call id, org id, items)."""
    t = schema.call_unit
    query = select(t).where(t.c.call_id.in_(list(call_ids))).order_by(t.c.call_id, t.c.org_id)
    return [dict(r) for r in conn.execute(query).mappings()] if call_ids else []


def insert_contact(conn: Connection, row: Mapping[str, Any]) -> int | None:
    """A unit's e-mail contact (its id); None when the unit already has that address (nothing written)."""
    t = schema.unit_contact
    known = conn.execute(select(t.c.id).where(t.c.org_id == row["org_id"], t.c.email == row["email"])).first()
    if known is not None:
        return None
    key = conn.execute(insert(t).values(**row)).inserted_primary_key
    assert key is not None
    return int(key[0])


def contacts(conn: Connection, org_id: str | None = None) -> list[Row]:
    t = schema.unit_contact
    query = select(t).order_by(t.c.org_id, t.c.id)
    if org_id is not None:
        query = query.where(t.c.org_id == org_id)
    return [dict(r) for r in conn.execute(query).mappings()]


def reminders_sent(conn: Connection, call_id: int | None = None, org_id: str | None = None) -> list[Row]:
    """Reminders recorded (of a call, to a unit), oldest first."""
    t = schema.reminder
    query = select(t).order_by(t.c.sent_at, t.c.id)
    if call_id is not None:
        query = query.where(t.c.call_id == call_id)
    if org_id is not None:
        query = query.where(t.c.org_id == org_id)
    return [dict(r) for r in conn.execute(query).mappings()]


def insert_reminder(conn: Connection, row: Mapping[str, Any]) -> int:
    key = conn.execute(insert(schema.reminder).values(**row)).inserted_primary_key
    assert key is not None
    return int(key[0])


def evidence_file(conn: Connection, sha256: str) -> Row | None:
    t = schema.evidence_file
    row = conn.execute(select(t).where(t.c.sha256 == sha256)).mappings().first()
    return dict(row) if row else None


def insert_evidence_file(conn: Connection, row: Mapping[str, Any]) -> bool:
    """An evidence file's record; False when that content is already recorded (nothing written)."""
    if evidence_file(conn, row["sha256"]) is not None:
        return False
    conn.execute(insert(schema.evidence_file).values(**row))
    return True


def evidence_file_record(conn: Connection, sha256: str) -> list[Row]:
    """An evidence file's record, as hashed by the audit trail."""
    row = evidence_file(conn, sha256)
    return [row] if row else []
