"""PostgreSQL analyses ``observation`` before checking a large batch against stale statistics, not before a small
one: a batch of a few rows is looked up fast enough on stale statistics, and the ANALYZE of a national table costs
about 0.3 s, most of a one-row import (issue 14: a one-row import in under a second)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select, text

from dxtrack.services import store as svc
from dxtrack.store import schema
from dxtrack.store.staging import STATS_ROWS
from tests.ingest_catalogue import install

pytestmark = pytest.mark.pg

SEEDED = 2_000
AT = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
"""Rows stored before the import; a tenth of them (200) is more than either batch, so the analysis after writing
(when a batch grew the table by a tenth) happens only where the table had never been analysed."""
DAY = dt.date(2024, 1, 1)


def _seeded(url: str) -> Engine:
    """SEEDED rows of (Y_COUNT, VNM) written without an import: the table was never analysed (stale statistics)."""
    engine = svc.open_store(url)
    install(engine)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE observation SET (autovacuum_enabled = false)"))  # no analysis behind our back
        conn.execute(insert(schema.source).values(id="seed", publisher="P", title="seed"))
        conn.execute(insert(schema.import_batch).values(
            kind="file", file="seed.csv", sha256="0" * 64, rows=SEEDED, recorded_at=AT
        ))  # fmt: skip
        batch = conn.scalar(select(func.max(schema.import_batch.c.id)))
        conn.execute(insert(schema.observation), [
            {"indicator": "Y_COUNT", "area": "VNM", "period": "2020", "period_start": dt.date(2020, 1, 1),
             "period_end": dt.date(2020, 12, 31), "disaggregation": f"d{i}", "value": float(i), "source_id": "seed",
             "status": "published", "published_on": DAY, "recorded_at": AT,
             "batch_id": batch}
            for i in range(SEEDED)
        ])  # fmt: skip
    return engine


def _estimated_rows(engine: Engine) -> float:
    """The planner's row count of ``observation`` (-1 until the table is first analysed)."""
    with engine.connect() as conn:
        return float(conn.scalar(text("SELECT reltuples FROM pg_class WHERE oid = 'observation'::regclass")))


@pytest.mark.parametrize(
    ("rows", "estimated"),
    [
        (STATS_ROWS, SEEDED + STATS_ROWS),  # checked on stale statistics; analysed once, after writing
        (STATS_ROWS + 1, SEEDED),  # analysed before the check (not again after: it grew by less than a tenth)
    ],
)
def test_only_a_batch_of_more_than_stats_rows_analyses_observation_before_the_check(
    new_pg_database: Callable[[], str], tmp_path: Path, rows: int, estimated: int
) -> None:
    engine = _seeded(new_pg_database())
    assert _estimated_rows(engine) == -1
    path = tmp_path / "batch.csv"
    lines = "".join(f"Y_COUNT,VNM,2020,{i},e{i}\n" for i in range(rows))
    path.write_text("indicator,area,period,value,disaggregation\n" + lines, encoding="utf-8")
    assert svc.import_file(engine, path, source="s", published_on=DAY) == (rows, 0)
    assert _estimated_rows(engine) == estimated
    engine.dispose()
