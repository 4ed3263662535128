"""The audit trail: an append-only hash chain of events, each naming who wrote what and the content hashes.

Every write appends one event inside its own transaction (:func:`append_event`). An event's ``hash`` covers all
its fields and the previous event's hash, so changing, removing or reordering an event breaks the chain; the
``after_hash`` of the latest event about a record covers the record itself (:func:`record_hash`), so changing
the record breaks that. ``dxtrack audit verify`` (``dxtrack.services.audit``) checks both.

An import batch is hashed set-wise (form ``obs-csv-1``, named in its event's ``detail.hash_form``; events without
it use the JSON form of :func:`canonical`): see :func:`batch_hash`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, Table, func, insert, select, text

from dxtrack.store import loop, schema
from dxtrack.store.types import as_utc

GENESIS = "0" * 64
# Any fixed number: the PostgreSQL advisory lock that serialises appends to the chain.
_LOCK_KEY = 0x647874726B  # "dxtrk"
EVENT_FIELDS = ("id", "at", "actor", "action", "entity", "entity_id", "before_hash", "after_hash", "detail")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot hash a {type(value).__name__}")


def _mapping(row: Any) -> Mapping[str, Any]:
    mapping = getattr(row, "_mapping", row)
    if not isinstance(mapping, Mapping):
        raise TypeError(f"not a row: {type(row).__name__}")
    return mapping


def canonical(row_or_rows: Any) -> str:
    """Canonical JSON of a row (a mapping) or a sequence of rows: sorted keys, UTC instants, ISO dates.

    Fields whose value is null are left out, so adding a nullable column to a table leaves the hashes of its
    existing rows unchanged.
    """
    if isinstance(row_or_rows, Mapping) or hasattr(row_or_rows, "_mapping"):
        data: Any = {k: v for k, v in _mapping(row_or_rows).items() if v is not None}
    else:
        data = [{k: v for k, v in _mapping(r).items() if v is not None} for r in row_or_rows]
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)


def content_hash(row_or_rows: Any) -> str:
    """SHA-256 (hex) of :func:`canonical` of a row or a sequence of rows."""
    return hashlib.sha256(canonical(row_or_rows).encode()).hexdigest()


def event_hash(event: Mapping[str, Any], prev_hash: str) -> str:
    """The hash of one event: its fields (``EVENT_FIELDS``) chained to the previous event's hash."""
    body = {name: event.get(name) for name in EVENT_FIELDS}
    body["prev_hash"] = prev_hash
    text_ = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)
    return hashlib.sha256(text_.encode()).hexdigest()


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def append_event(
    conn: Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: str | None,
    after: str | None,
    detail: Mapping[str, object] | None = None,
) -> int:
    """Append one event to the chain inside the caller's transaction; returns its id (1, 2, 3, … without gaps)."""
    _lock(conn)
    ev = schema.audit_event
    last = conn.execute(select(ev.c.id, ev.c.hash).order_by(ev.c.id.desc()).limit(1)).first()
    event: dict[str, Any] = {
        "id": 1 if last is None else int(last.id) + 1,
        "at": dt.datetime.now(dt.UTC),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": str(entity_id),
        "before_hash": before,
        "after_hash": after,
        "detail": dict(detail) if detail is not None else None,
    }
    # The stored instant is what is read back and re-hashed: keep microseconds, in UTC.
    prev = GENESIS if last is None else str(last.hash)
    conn.execute(insert(ev).values(**event, prev_hash=prev, hash=event_hash(event, prev)))
    return int(event["id"])


# --- the records events cover ---------------------------------------------------------------------------------


def _one(table: Table) -> Callable[[Connection, str], list[dict[str, Any]]]:
    def rows(conn: Connection, entity_id: str) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in conn.execute(select(table).where(table.c.id == int(entity_id)))]

    return rows


def _batch(conn: Connection, entity_id: str) -> list[dict[str, Any]]:
    """An import batch: its own row, then its observations by id."""
    b, obs = schema.import_batch, schema.observation
    head = [dict(r._mapping) for r in conn.execute(select(b).where(b.c.id == int(entity_id)))]
    if not head:
        return []
    body = conn.execute(select(obs).where(obs.c.batch_id == int(entity_id)).order_by(obs.c.id))
    keys = list(body.keys())
    return head + [dict(zip(keys, row, strict=True)) for row in body]


def _whole(table: Table) -> Callable[[Connection, str], list[dict[str, Any]]]:
    def rows(conn: Connection, _entity_id: str) -> list[dict[str, Any]]:
        key = [c for c in table.primary_key.columns]
        query = select(table).order_by(*key)
        return [{k: v for k, v in r._mapping.items() if k != "id"} for r in conn.execute(query)]

    return rows


BATCH_FORM = "obs-csv-1"
BATCH_COLUMNS = (
    "value", "id", "indicator", "area", "period", "period_start", "period_end", "disaggregation", "unit",
    "source_id", "status", "published_on", "recorded_at", "recorded_by", "supersedes", "batch_id", "comment",
    "producer", "edition", "released_on",
)  # fmt: skip
_INTS = {"id", "supersedes", "batch_id"}
_DAYS = {"period_start", "period_end", "published_on", "released_on"}
_HASH_ROWS = 100_000


def _pg_field(name: str, t: str, iso: bool) -> str:
    """PostgreSQL: the text of one field of a batch row's CSV line, for the row aliased ``t``; ``iso``: the session's
    DateStyle writes dates as YYYY-MM-DD, so a date of years 1 to 9999 is cast to text, cheaper than to_char."""
    if name in _INTS:
        return f"coalesce(CAST({t}.{name} AS TEXT), '')"
    if name in _DAYS:
        day = f"to_char({t}.{name}, 'YYYY-MM-DD')"
        if iso:
            ad = f"{t}.{name} BETWEEN '0001-01-01' AND '9999-12-31'"
            day = f"CASE WHEN {ad} THEN CAST({t}.{name} AS TEXT) ELSE {day} END"
        text_ = f"'\"' || {day} || '\"'"  # no quote inside
    elif name == "recorded_at":
        text_ = f"'\"' || to_char({t}.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '\"'"
    else:
        text_ = f"'\"' || replace({t}.{name}, '\"', '\"\"') || '\"'"
    return f"coalesce({text_}, '')" if schema.observation.c[name].nullable else text_


def _sqlite_field(name: str, t: str) -> tuple[str, str]:
    """SQLite: a printf spec and its argument writing one field of a batch row's CSV line, for the row aliased
    ``t`` (SQLite stores dates as YYYY-MM-DD and instants as YYYY-MM-DD HH:MM:SS.ffffff, UTC)."""
    if name in _INTS:
        return "%s", f"coalesce({t}.{name}, '')"
    if not schema.observation.c[name].nullable:
        return '"%w"', f"{t}.{name}"
    return "%s", f"iif({t}.{name} IS NULL, '', printf('\"%w\"', {t}.{name}))"


def _field_text(dialect: str, name: str, t: str, iso: bool) -> str:
    """SQL: one field's text, the same as the rest of a line holds for it."""
    if dialect == "postgresql":
        return _pg_field(name, t, iso)
    spec, arg = _sqlite_field(name, t)
    return f"printf('{spec}', {arg})"


def _rest_sql(dialect: str, fixed: Mapping[str, str], iso: bool) -> tuple[str, list[str]]:
    """SQL: the rest of row ``o``'s CSV line (every field but ``value``, then a newline), with the fields named in
    ``fixed`` written as the given text (passed as parameters, in order); returns (SQL, parameters)."""
    names = BATCH_COLUMNS[1:]
    if dialect != "postgresql":  # SQLite: one printf per row, no chain of growing strings
        fmt, args = [], []
        for name in names:
            spec, arg = (fixed[name].replace("%", "%%"), None) if name in fixed else _sqlite_field(name, "o")
            fmt.append(spec)
            args += [arg] if arg else []
        return f"printf({', '.join(['?', *args])})", [",".join(fmt) + "\n"]
    parts: list[str] = []
    params: list[str] = []
    pending = ""
    for i, name in enumerate(names):
        pending += "," if i else ""
        if name in fixed:
            pending += fixed[name]
            continue
        if pending:
            parts.append("CAST(%s AS TEXT)")
            params.append(pending)
            pending = ""
        parts.append(_pg_field(name, "o", iso))
    parts.append("CAST(%s AS TEXT)")
    params.append(pending + "\n")
    return " || ".join(parts), params


def _run(raw: Any, query: str, params: Sequence[Any]) -> Any:
    cursor = raw.cursor()
    try:
        cursor.execute(query, tuple(params))
        return cursor.fetchone()
    finally:
        cursor.close()


def _fixed_fields(raw: Any, dialect: str, first: int, last: int, iso: bool) -> dict[str, str]:
    """The fields that are the same in a batch's first and last rows, with their text: likely the same in every
    row (source, status, the dates of publication and recording …), so written once instead of once per row."""
    names = BATCH_COLUMNS[2:]
    same = "IS NOT DISTINCT FROM" if dialect == "postgresql" else "IS"
    flags = ", ".join(f"CASE WHEN f.{n} {same} l.{n} THEN 1 ELSE 0 END" for n in names)
    texts = ", ".join(_field_text(dialect, n, "f", iso) for n in names)
    query = (
        f"SELECT {flags}, {texts} FROM observation f, observation l WHERE f.id = {int(first)} AND l.id = {int(last)}"
    )
    row = _run(raw, query, ())
    return {n: str(row[len(names) + i]) for i, n in enumerate(names) if row[i]}


def _lines_sql(dialect: str, fixed: Mapping[str, str], first: int, iso: bool) -> tuple[str, list[str]]:
    """SQL of the rest of row ``o``'s line and its parameters: a row whose fields named in ``fixed`` hold what the
    batch's first row holds gets their fixed text, any other row has every field written."""
    full, every = _rest_sql(dialect, {}, iso)
    if not fixed:
        return full, every
    fast, params = _rest_sql(dialect, fixed, iso)
    op = "IS NOT DISTINCT FROM" if dialect == "postgresql" else "IS"
    # Uncorrelated subqueries: each is evaluated once per statement.
    same = " AND ".join(f"o.{n} {op} (SELECT {n} FROM observation WHERE id = {int(first)})" for n in fixed)
    return f"CASE WHEN {same} THEN {fast} ELSE {full} END", params + every


def _csv_block(rows: list[tuple[Any, ...]]) -> memoryview:
    """The block's lines (each "value,rest" where rest ends with a newline), as one run of bytes."""
    values = pa.array([row[0] for row in rows], pa.float64())  # zip(*rows) is ten times slower
    return _joined(values, pa.array([row[1] for row in rows], pa.large_string()))


def _joined(values: pa.Array, rest: pa.Array) -> memoryview:
    """The lines "value,rest" (the value as its shortest text, rest ending with a newline) as one run of bytes."""
    lines = pc.binary_join_element_wise(pc.cast(values, pa.large_string()), rest, pa.scalar(",", pa.large_string()))
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset : lines.offset + len(lines) + 1]
    return memoryview(lines.buffers()[2])[int(offsets[0]) : int(offsets[-1])]


def _sqlite_blocks(raw: Any, batch_id: int, rest: str, params: Sequence[str]) -> Iterator[memoryview]:
    """SQLite: the batch's lines in blocks, each row fetched as (value, rest of its line)."""
    cursor = raw.cursor()
    try:
        cursor.execute(
            f"SELECT o.value, {rest} FROM observation o WHERE o.batch_id = ? ORDER BY o.id", (*params, batch_id)
        )
        while rows := cursor.fetchmany(_HASH_ROWS):
            yield _csv_block(rows)
    finally:
        cursor.close()


def _pg_blocks(raw: Any, batch_id: int, rest: str, params: Sequence[str]) -> Iterator[memoryview]:
    """PostgreSQL: the batch's lines in blocks of ``_HASH_ROWS`` rows by id, each fetched as three runs of bytes
    (ids and values in binary, the rest of the lines as text) rather than as one Python object per row."""
    block = (
        "SELECT count(*), max(b.id), string_agg(int8send(CAST(b.id AS BIGINT)), ''::bytea), "
        "string_agg(float8send(b.value), ''::bytea), convert_to(string_agg(b.rest, ''), 'UTF8') "
        f"FROM (SELECT o.id, o.value, {rest} AS rest FROM observation o WHERE o.batch_id = %s AND o.id > %s "
        "ORDER BY o.id LIMIT %s) b"
    )
    last = -1
    while True:
        count, top, ids, values, text_ = _run(raw, block, (*params, batch_id, last, _HASH_ROWS))
        if not count:
            return
        order = np.frombuffer(ids, dtype=">i8")
        ends = np.flatnonzero(np.frombuffer(text_, dtype=np.uint8) == 10)
        if len(ends) == count and order[0] > last and bool(np.all(order[1:] > order[:-1])):
            offsets = np.concatenate(([0], ends + 1)).astype(np.int64)
            lines = pa.LargeStringArray.from_buffers(count, pa.py_buffer(offsets), pa.py_buffer(text_))
            yield _joined(pa.array(np.frombuffer(values, dtype=">f8").astype(np.float64)), lines)
        else:  # a field holds a newline (or the block came out of order): row by row
            cursor = raw.cursor()
            try:
                cursor.execute(f"SELECT o.value, {rest} FROM observation o WHERE o.batch_id = %s AND o.id > %s "
                               "AND o.id <= %s ORDER BY o.id", (*params, batch_id, last, top))  # fmt: skip
                yield _csv_block(cursor.fetchall())
            finally:
                cursor.close()
        last = int(top)


def _iso_dates(conn: Connection) -> bool:
    """PostgreSQL: whether the session writes dates as YYYY-MM-DD (DateStyle ISO)."""
    return str(conn.execute(text("SHOW DateStyle")).scalar()).startswith("ISO")


def batch_hash(conn: Connection, batch_id: int) -> str | None:
    """SHA-256 (hex) of an import batch in form ``obs-csv-1``; None when the batch row is gone.

    The hashed text is: :func:`canonical` of the ``import_batch`` row, a newline, the names of ``BATCH_COLUMNS``
    joined by commas, a newline, then one line per observation of the batch in id order, each ending with a
    newline: its fields in the order of ``BATCH_COLUMNS`` separated by commas, ``value`` first as the shortest
    text that reads back to the same binary64 number (``1``, ``0.1``, ``1e+20``; Arrow's cast to text), integers in
    decimal, every other field in double quotes (a quote inside doubled), dates ``YYYY-MM-DD``, ``recorded_at`` in
    UTC as ``YYYY-MM-DD HH:MM:SS.ffffff``, a null field empty and unquoted. The lines are written by the
    database and hashed in blocks, so memory stays bounded whatever the batch's size.
    """
    b, obs = schema.import_batch, schema.observation
    head = conn.execute(select(b).where(b.c.id == batch_id)).first()
    if head is None:
        return None
    digest = hashlib.sha256((canonical(head) + "\n" + ",".join(BATCH_COLUMNS) + "\n").encode())
    first, last = conn.execute(select(func.min(obs.c.id), func.max(obs.c.id)).where(obs.c.batch_id == batch_id)).one()
    if first is None:
        return digest.hexdigest()
    raw: Any = conn.connection.driver_connection
    dialect = conn.dialect.name
    iso = dialect == "postgresql" and _iso_dates(conn)
    fixed = _fixed_fields(raw, dialect, int(first), int(last), iso)
    rest, params = _lines_sql(dialect, fixed, int(first), iso)
    blocks = _pg_blocks if dialect == "postgresql" else _sqlite_blocks
    for block in blocks(raw, batch_id, rest, params):
        digest.update(block)
    return digest.hexdigest()


# Record entities: one row each (or a batch with its observations), never changed after the event.
RECORDS: dict[str, Callable[[Connection, str], list[dict[str, Any]]]] = {
    "import_batch": _batch,
    "evidence": _one(schema.evidence),
    "analyst_note": _one(schema.analyst_note),
    "assessment_run": _one(schema.assessment_run),
    "data_call": _one(schema.data_call),
    "submission": loop.submission_record,
    "unit_contact": _one(schema.unit_contact),
    "reminder": _one(schema.reminder),
    "evidence_file": loop.evidence_file_record,
}
# Reference tables replaced or updated by loads: the entity is the whole table (entity_id is the table's name).
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        schema.area,
        schema.area_succession,
        schema.indicator,
        schema.content_pack,
        schema.release,
        schema.institution_change,
        schema.organisation,
    )
}


def covers(entity: str, entity_id: str) -> bool:
    """Whether dxtrack re-hashes what an event about (entity, entity_id) names."""
    return entity in RECORDS or (entity == "table" and entity_id in TABLES)


def record_rows(conn: Connection, entity: str, entity_id: str) -> list[dict[str, Any]] | None:
    """The stored rows an event about (entity, entity_id) covers, or None when dxtrack does not hash that entity."""
    if entity in RECORDS:
        return RECORDS[entity](conn, entity_id)
    if entity == "table" and entity_id in TABLES:
        return _whole(TABLES[entity_id])(conn, entity_id)
    return None


def record_hash(conn: Connection, entity: str, entity_id: str, form: str | None = None) -> str | None:
    """The content hash of what (entity, entity_id) holds now; None if the record is gone (or not hashed).

    ``form`` is the event's ``hash_form`` (an import batch's ``obs-csv-1``; None: the JSON form)."""
    if entity == "import_batch" and form == BATCH_FORM:
        return batch_hash(conn, int(entity_id))
    rows = record_rows(conn, entity, entity_id)
    if not rows and entity in RECORDS:
        return None
    return None if rows is None else content_hash(rows)


def table_hash(conn: Connection, table_name: str) -> str:
    """The content hash of a whole reference table (for the before/after of a load)."""
    return content_hash(_whole(TABLES[table_name])(conn, table_name))


@contextmanager
def tables_load(conn: Connection, tables: Sequence[str], *, actor: str, action: str = "load") -> Iterator[None]:
    """Around a load that replaces or updates reference tables: one event per table whose content changed."""
    before = {name: table_hash(conn, name) for name in tables}
    yield
    for name in tables:
        after = table_hash(conn, name)
        if after != before[name]:
            append_event(
                conn, actor=actor, action=action, entity="table", entity_id=name, before=before[name], after=after
            )


def append_record_event(
    conn: Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: str | None = None,
    detail: Mapping[str, object] | None = None,
) -> int:
    """Append an event whose ``after`` is the record's content hash as it stands in this transaction (an import
    batch in form ``obs-csv-1``, named in the event's detail)."""
    form = None
    if entity == "import_batch":
        form, detail = BATCH_FORM, {**(detail or {}), "hash_form": BATCH_FORM}
    after = record_hash(conn, entity, entity_id, form)
    return append_event(
        conn, actor=actor, action=action, entity=entity, entity_id=entity_id, before=before, after=after, detail=detail
    )


def adopt_existing(conn: Connection) -> int:
    """Start the chain on a database that had records before it had an audit trail: one ``adopt`` event per
    existing record and per non-empty reference table, by ``system``. Returns how many events were appended."""
    appended = 0
    for entity, table in (
        ("import_batch", schema.import_batch),
        ("evidence", schema.evidence),
        ("analyst_note", schema.analyst_note),
        ("assessment_run", schema.assessment_run),
    ):
        for rid in conn.scalars(select(table.c.id).order_by(table.c.id)):
            append_record_event(conn, actor="system", action="adopt", entity=entity, entity_id=str(rid))
            appended += 1
    for name in TABLES:
        if conn.execute(select(func.count()).select_from(TABLES[name])).scalar():
            append_record_event(conn, actor="system", action="adopt", entity="table", entity_id=name)
            appended += 1
    return appended


def events(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every audit event in chain order (by id)."""
    ev = schema.audit_event
    for row in conn.execute(select(ev).order_by(ev.c.id)):
        yield dict(row._mapping)


def uncovered(conn: Connection, covered: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Records that exist but no event names: (entity, id) pairs, first by entity then id.

    ``covered`` are the (entity, entity_id) pairs the chain names. Observations are covered by their batch.
    """
    have = set(covered)
    missing: list[tuple[str, str]] = []
    for entity, table in (
        ("import_batch", schema.import_batch),
        ("evidence", schema.evidence),
        ("analyst_note", schema.analyst_note),
        ("assessment_run", schema.assessment_run),
    ):
        for rid in conn.scalars(select(table.c.id).order_by(table.c.id)):
            if (entity, str(rid)) not in have:
                missing.append((entity, str(rid)))
    obs = schema.observation
    for rid in conn.scalars(select(obs.c.id).where(obs.c.batch_id.is_(None)).order_by(obs.c.id)):
        missing.append(("observation", str(rid)))
    return missing


def event_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(schema.audit_event)).scalar() or 0)


# Tables whose rows are never changed or removed; on PostgreSQL migration 0004_orgs makes them refuse it.
APPEND_ONLY = ("audit_event", "observation", "evidence", "analyst_note", "assessment_run")


def unguarded(conn: Connection) -> list[str]:
    """On PostgreSQL, the append-only tables whose refusing trigger is missing or disabled (SQLite: none)."""
    if conn.dialect.name != "postgresql":
        return []
    query = text(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname = c.relname || '_append_only' AND t.tgenabled IN ('O', 'A')"
    )
    guarded = set(conn.scalars(query))
    return [name for name in APPEND_ONLY if name not in guarded]


def check(conn: Connection) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Walk the chain and the records it covers; returns (problems in chain order, summary).

    A problem is ``{"kind", "event", "entity", "entity_id"}``; kinds: ``event_missing`` (a gap in the ids),
    ``event_changed`` (hash does not match its content), ``chain_broken`` (prev_hash is not the previous
    event's hash), ``record_changed``, ``record_removed``, ``record_unaudited`` (a record no event names),
    ``guard_missing`` (PostgreSQL: an append-only table's trigger was dropped or disabled). An event
    moved to another place fails its own hash (the id is hashed) and breaks the chain; times are not compared,
    since clocks may step back.
    """
    problems: list[dict[str, Any]] = []

    def problem(kind: str, event: int | None, entity: str | None = None, entity_id: str | None = None) -> None:
        problems.append({"kind": kind, "event": event, "entity": entity, "entity_id": entity_id})

    latest: dict[tuple[str, str], dict[str, Any]] = {}
    previous: dict[str, Any] | None = None
    count = 0
    for event in events(conn):
        count += 1
        expected_id = 1 if previous is None else int(previous["id"]) + 1
        if int(event["id"]) != expected_id:
            problem("event_missing", expected_id)
        if event_hash(event, event["prev_hash"]) != event["hash"]:
            problem("event_changed", event["id"], event["entity"], event["entity_id"])
        expected_prev = GENESIS if previous is None else previous["hash"]
        if event["prev_hash"] != expected_prev:
            problem("chain_broken", event["id"], event["entity"], event["entity_id"])
        latest[(event["entity"], event["entity_id"])] = event
        previous = event
    checked = 0
    for (entity, entity_id), event in sorted(latest.items(), key=lambda kv: int(kv[1]["id"])):
        if not covers(entity, entity_id):
            continue
        checked += 1
        now = record_hash(conn, entity, entity_id, (event.get("detail") or {}).get("hash_form"))
        if now is None and event["after_hash"] is not None:
            problem("record_removed", event["id"], entity, entity_id)
        elif now != event["after_hash"]:
            problem("record_changed", event["id"], entity, entity_id)
    for entity, entity_id in uncovered(conn, latest):
        problem("record_unaudited", None, entity, entity_id)
    for name in unguarded(conn):
        problem("guard_missing", None, "table", name)
    summary = {"events": count, "records_checked": checked, "head": GENESIS if previous is None else previous["hash"]}
    return problems, summary
