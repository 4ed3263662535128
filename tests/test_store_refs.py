"""Observation's references hold on both databases: foreign keys on SQLite, statement-level triggers on PostgreSQL
(migration 0009_pgrefs) — an unknown parent is refused, a named parent cannot be removed, bulk inserts pass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, bindparam, delete, exc, func, insert, select, text, update

from dxtrack.services.store import open_store
from dxtrack.store import repository as repo
from dxtrack.store import schema, staging

DAY = dt.date(2024, 1, 1)


def _observation(**changes: Any) -> dict[str, Any]:
    row = {
        "indicator": "IND_A",
        "area": "VNM",
        "period": "2020",
        "period_start": dt.date(2020, 1, 1),
        "period_end": dt.date(2020, 12, 31),
        "disaggregation": "",
        "value": 1.0,
        "source_id": "src_a",
        "status": "published",
        "published_on": DAY,
        "recorded_at": dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
        "batch_id": 1,
    }
    return row | changes


def _indicator(code: str) -> dict[str, Any]:
    return {"code": code, "name_vi": code, "name_en": code, "unit": "%", "direction": "higher_better",
            "aggregation": {"kind": "mean"}}  # fmt: skip


@pytest.fixture
def store(db_url: str) -> Iterator[Engine]:
    """Two indicators (IND_A named by observation 1, IND_FREE by none), two areas, two sources, one batch."""
    engine = _seeded(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_store(new_pg_database: Callable[[], str]) -> Iterator[Engine]:
    """The same store on PostgreSQL only (concurrent writers)."""
    engine = _seeded(new_pg_database())
    yield engine
    engine.dispose()


def _seeded(url: str) -> Engine:
    engine = open_store(url)
    with engine.begin() as conn:
        conn.execute(insert(schema.source), [
            {"id": "src_a", "publisher": "P", "title": "A"}, {"id": "src_free", "publisher": "P", "title": "Free"}
        ])  # fmt: skip
        conn.execute(insert(schema.area), [
            {"code": "VNM", "name_vi": "VN", "name_en": "VN", "level": "country"},
            {"code": "THA", "name_vi": "TH", "name_en": "TH", "level": "country"},
        ])  # fmt: skip
        conn.execute(insert(schema.indicator), [_indicator("IND_A"), _indicator("IND_FREE")])
        conn.execute(insert(schema.import_batch).values(
            kind="file", file="a.csv", sha256="0" * 64, rows=1, recorded_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
        ))  # fmt: skip
        conn.execute(insert(schema.observation).values(**_observation()))
    return engine


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(schema.observation)) or 0)


@pytest.mark.parametrize(
    ("column", "value"),
    [("indicator", "NO_SUCH"), ("area", "XYZ"), ("source_id", "no_source"), ("supersedes", 999), ("batch_id", 42)],
)
def test_an_observation_naming_a_missing_parent_is_refused(store: Engine, column: str, value: Any) -> None:
    with pytest.raises(exc.IntegrityError) as info, store.begin() as conn:
        conn.execute(insert(schema.observation).values(**_observation(period="2021", **{column: value})))
    if store.dialect.name == "postgresql":  # the trigger names the column and the value, as a foreign key does
        assert f"observation.{column} = '{value}' is not present" in str(info.value)
    assert _count(store) == 1


def test_existing_parents_and_empty_optional_references_are_accepted(store: Engine) -> None:
    with store.begin() as conn:
        conn.execute(insert(schema.observation).values(**_observation(period="2021", supersedes=1)))
        conn.execute(insert(schema.observation).values(**_observation(area="THA", batch_id=None)))
    with store.connect() as conn:
        rows = conn.execute(select(schema.observation.c.id, schema.observation.c.supersedes,
                                   schema.observation.c.batch_id).order_by("id")).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [(1, None, 1), (2, 1, 1), (3, None, None)]


def test_a_bulk_insert_select_is_checked_as_a_whole(store: Engine) -> None:
    """5,000 rows (2,500 per area, all existing parents) in one INSERT … SELECT pass; the same with one row naming
    an unknown source is refused entirely."""
    columns = "indicator, area, period, period_start, period_end, disaggregation, value, source_id, status, " \
              "published_on, recorded_at, batch_id"  # fmt: skip
    rows = (
        "SELECT 'IND_A', CASE WHEN n % 2 = 0 THEN 'VNM' ELSE 'THA' END, '2020', :start, :end, 'd' || n, n, "
        "CASE WHEN n = :odd THEN 'no_source' ELSE 'src_a' END, 'published', :day, :at, 1 FROM ({numbers}) s"
    )
    numbers = (
        "SELECT generate_series(1, 5000) AS n"
        if store.dialect.name == "postgresql"
        else "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5000) SELECT n FROM r"
    )
    obs = schema.observation.c
    statement = text(f"INSERT INTO observation ({columns}) {rows.format(numbers=numbers)}").bindparams(
        bindparam("start", dt.date(2020, 1, 1), type_=obs.period_start.type),
        bindparam("end", dt.date(2020, 12, 31), type_=obs.period_end.type),
        bindparam("day", DAY, type_=obs.published_on.type),
        bindparam("at", type_=obs.recorded_at.type),
    )
    at = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
    with pytest.raises(exc.IntegrityError), store.begin() as conn:
        conn.execute(statement, {"odd": 4321, "at": at})
    assert _count(store) == 1
    with store.begin() as conn:
        conn.execute(statement, {"odd": 0, "at": at})
    assert _count(store) == 5001
    with store.connect() as conn:
        by_area = dict(conn.execute(text("SELECT area, count(*) FROM observation GROUP BY area")).all())
    assert by_area == {"VNM": 2501, "THA": 2500}


def _staged_import(engine: Engine, sources: list[str]) -> int:
    """Stage one row per source (key IND_A, VNM, 2030, d<n>) in a bulk transaction and insert them; rows written."""
    frame = pd.DataFrame(
        [
            _observation(period="2030", period_start=dt.date(2030, 1, 1), period_end=dt.date(2030, 12, 31),
                         disaggregation=f"d{n}", value=float(n), source_id=source, unit=None, comment=None)
            for n, source in enumerate(sources)
        ]
    ).drop(columns=["recorded_at", "batch_id"])  # fmt: skip
    with staging.bulk_transaction(engine) as conn:
        staging.begin_stage(conn)
        staging.stage_rows(conn, frame)
        batch = repo.add_batch(conn, kind="tidy", file="b.csv", sha256="1" * 64, rows=len(frame), recorded_by="t")
        return staging.insert_staged(conn, batch_id=batch, recorded_by="t")[0]


def test_a_staged_import_naming_a_missing_parent_is_refused_whole(store: Engine) -> None:
    """The bulk import path (SQLite: foreign keys off for the transaction, references checked once per distinct
    name) refuses a batch naming an unknown source with the column and value, and writes nothing; afterwards the
    pooled connection checks foreign keys per row again; a batch naming known parents passes."""
    with pytest.raises(exc.IntegrityError, match=r"observation\.source_id = 'no_source' is not present"):
        _staged_import(store, ["src_a", "no_source", "src_a"])
    assert _count(store) == 1
    with store.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(schema.import_batch)) == 1
    with pytest.raises(exc.IntegrityError), store.begin() as conn:
        conn.execute(insert(schema.observation).values(**_observation(period="2021", source_id="no_source")))
    assert _staged_import(store, ["src_a", "src_free"]) == 2
    assert _count(store) == 3
    with store.connect() as conn:
        batch = conn.scalar(select(func.max(schema.import_batch.c.id)))
        rows = conn.execute(
            select(schema.observation.c.source_id, schema.observation.c.batch_id).where(schema.observation.c.id > 1)
        ).all()
    assert sorted(tuple(r) for r in rows) == [("src_a", batch), ("src_free", batch)]


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [(schema.indicator, "code", "IND_A"), (schema.source, "id", "src_a"), (schema.area, "code", "VNM"),
     (schema.import_batch, "id", 1)],
)  # fmt: skip
def test_a_named_parent_cannot_be_deleted(store: Engine, table: Any, key: str, value: Any) -> None:
    with pytest.raises(exc.IntegrityError), store.begin() as conn:
        conn.execute(delete(table).where(table.c[key] == value))
    with store.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(table).where(table.c[key] == value)) == 1


def test_a_named_parent_key_cannot_be_changed(store: Engine) -> None:
    with pytest.raises(exc.IntegrityError), store.begin() as conn:
        conn.execute(update(schema.indicator).where(schema.indicator.c.code == "IND_A").values(code="IND_B"))
    with pytest.raises(exc.IntegrityError), store.begin() as conn:
        conn.execute(update(schema.source).values(id="src_renamed"))
    assert _count(store) == 1


def test_unnamed_parents_go_and_upserts_keep_their_keys(store: Engine) -> None:
    """What dxtrack does to parents passes: an upsert rewriting named rows (same key), removing unnamed ones."""
    with store.begin() as conn:
        new = repo.upsert(conn, schema.indicator, "code", [_indicator("IND_A") | {"name_en": "Renamed"},
                                                           _indicator("IND_NEW")])  # fmt: skip
        repo.upsert_areas(conn, [{"code": "VNM", "name_vi": "Việt Nam", "name_en": "Viet Nam", "level": "country"}])
        conn.execute(delete(schema.indicator).where(schema.indicator.c.code == "IND_FREE"))
        conn.execute(delete(schema.source).where(schema.source.c.id == "src_free"))
        conn.execute(update(schema.indicator).where(schema.indicator.c.code == "IND_NEW").values(code="IND_NEWER"))
    assert new == 1
    with store.connect() as conn:
        assert set(conn.scalars(select(schema.indicator.c.code))) == {"IND_A", "IND_NEWER"}
        assert conn.scalar(select(schema.indicator.c.name_en).where(schema.indicator.c.code == "IND_A")) == "Renamed"
        assert conn.scalar(select(schema.area.c.name_en).where(schema.area.c.code == "VNM")) == "Viet Nam"
        assert set(conn.scalars(select(schema.source.c.id))) == {"src_a"}


@pytest.mark.pg
def test_postgresql_locks_the_parents_an_uncommitted_insert_names(pg_store: Engine) -> None:
    """As a foreign key does: while an insert naming IND_FREE is uncommitted, deleting IND_FREE waits for it (here:
    gives up after 200 ms), and once it committed the delete is refused; TRUNCATE of a named parent is refused."""
    store = pg_store
    with store.connect() as writer, store.connect() as other:
        writer.begin()
        writer.execute(insert(schema.observation).values(**_observation(indicator="IND_FREE")))
        other.begin()
        other.execute(text("SET LOCAL lock_timeout = '200ms'"))
        with pytest.raises(exc.OperationalError, match="lock timeout"):
            other.execute(delete(schema.indicator).where(schema.indicator.c.code == "IND_FREE"))
        other.rollback()
        writer.commit()
        with pytest.raises(exc.IntegrityError, match=r"indicator\.code = 'IND_FREE' is still named"):
            other.execute(delete(schema.indicator).where(schema.indicator.c.code == "IND_FREE"))
        other.rollback()
        with pytest.raises(exc.IntegrityError, match='TRUNCATE on table "indicator"'):
            other.execute(text("TRUNCATE indicator"))
        other.rollback()
    assert _count(store) == 2
