"""Honest clocks, on SQLite and PostgreSQL: a stored run reads in a snapshot no import commits into, so replaying
it with ``as_recorded=<its stamp>`` reads exactly the same rows even when the run overlapped an import; a value
published in the future is refused unless asked for, and then stays invisible until its date."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from dxtrack.ingest.batch import ImportRejected, ObservationBatch
from dxtrack.services import store as svc
from dxtrack.store import repository as repo
from tests.ingest_catalogue import install


def _batch(n: int, year: int) -> ObservationBatch:
    rows = [
        {
            "indicator": "Y_COUNT",
            "area": "VNM",
            "period": str(year),
            "period_start": dt.date(year, 1, 1),
            "period_end": dt.date(year, 12, 31),
            "disaggregation": f"g{i}",
            "value": float(i),
            "unit": "count",
            "source_id": "src:test",
            "status": "published",
            "published_on": dt.date(2024, 1, 1),
            "comment": None,
        }
        for i in range(n)
    ]
    source = {"id": "src:test", "publisher": "t", "title": "t", "url_or_document": None, "retrieved_on": None,
              "licence": None, "note": None}  # fmt: skip
    return ObservationBatch("test", f"batch {year}", f"{year:064d}", pd.DataFrame(rows), [source])


def test_a_run_during_an_import_replays_exactly(db_url: str) -> None:
    engine = svc.open_store(db_url)
    install(engine)
    svc.store_batch(engine, _batch(5, 2020), recorded_by="t")
    written = threading.Event()

    def slow_import() -> None:
        with repo.transaction(engine) as conn:
            svc.write_batch(conn, _batch(50, 2021), recorded_by="t")
            written.set()
            time.sleep(1.5)  # rows stamped, not yet committed

    worker = threading.Thread(target=slow_import)
    worker.start()
    assert written.wait(30)
    with repo.run_snapshot(engine) as (conn, stamp):
        seen = sorted(repo.observations(conn, indicators=["Y_COUNT"])["id"])
    worker.join()
    replayed = sorted(repo.read_observations(engine, indicators=["Y_COUNT"], as_recorded=stamp)["id"])
    assert replayed == seen
    assert len(seen) == 55  # the run waited for the import to commit, then saw it
    engine.dispose()


def test_future_publication_is_refused_or_invisible_until_its_date(db_url: str, tmp_path: Path) -> None:
    engine = svc.open_store(db_url)
    install(engine)
    path = tmp_path / "future.csv"
    future = dt.date.today() + dt.timedelta(days=30)
    path.write_text(f"indicator,area,period,value,published_on\nY_COUNT,VNM,2025,7,{future}\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="is after today"):
        svc.import_file(engine, path, source="s")
    assert svc.import_file(engine, path, source="s", allow_future=True) == (1, 0)
    assert repo.read_observations(engine, indicators=["Y_COUNT"]).empty
    later = repo.read_observations(engine, indicators=["Y_COUNT"], as_of=future)
    assert later["value"].tolist() == [7.0]
    engine.dispose()
