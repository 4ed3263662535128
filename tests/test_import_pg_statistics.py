"""PostgreSQL analyses ``observation`` before checking a large batch against it, not before a small one: a batch of
a few rows is looked up fast enough on stale statistics, and the ANALYZE of a national table costs about 0.3 s,
most of a one-row import (issue 14: a one-row import in under a second)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from dxtrack.services import store as svc
from dxtrack.store.repository import STATS_ROWS
from tests.ingest_catalogue import install

pytestmark = pytest.mark.pg


def _rows(path: Path, first: int, count: int) -> Path:
    lines = "".join(f"Y_COUNT,VNM,2020,{i},d{i}\n" for i in range(first, first + count))
    path.write_text("indicator,area,period,value,disaggregation\n" + lines, encoding="utf-8")
    return path


def _estimated_rows(engine: Engine) -> float:
    """The planner's row count of ``observation`` (-1 until the table is first analysed)."""
    with engine.connect() as conn:
        return float(conn.scalar(text("SELECT reltuples FROM pg_class WHERE oid = 'observation'::regclass")))


def test_only_a_batch_of_more_than_stats_rows_analyses_observation_first(
    new_pg_database: Callable[[], str], tmp_path: Path
) -> None:
    engine = svc.open_store(new_pg_database())
    install(engine)
    with engine.begin() as conn:  # no autovacuum analysing the table behind the test's back
        conn.execute(text("ALTER TABLE observation SET (autovacuum_enabled = false)"))
    day = dt.date(2024, 1, 1)
    assert svc.import_file(engine, _rows(tmp_path / "first.csv", 0, 1), source="s", published_on=day) == (1, 0)
    assert _estimated_rows(engine) == -1  # never analysed: statistics as stale as they get
    # the pair (Y_COUNT, VNM) is stored now, so each later batch is checked against the stored rows
    small = _rows(tmp_path / "small.csv", 1, STATS_ROWS)
    assert svc.import_file(engine, small, source="s", published_on=day) == (STATS_ROWS, 0)
    assert _estimated_rows(engine) == -1  # checked without an ANALYZE
    large = _rows(tmp_path / "large.csv", 1 + STATS_ROWS, STATS_ROWS + 1)
    assert svc.import_file(engine, large, source="s", published_on=day) == (STATS_ROWS + 1, 0)
    assert _estimated_rows(engine) == 1 + STATS_ROWS  # analysed before the large batch was written
    engine.dispose()
