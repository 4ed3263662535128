"""`dxtrack services indicators --load`: values recorded as observations traceable to the records and definition."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.cli.main import app
from dxtrack.microdata.dataset import identify
from dxtrack.microdata.definitions import definition_hash
from dxtrack.services.store import open_store
from dxtrack.store.repository import read_observations
from tests.microdata_records import edge_cases, write


def test_load_records_observations_with_provenance(db_url: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "records", edge_cases())
    out = tmp_path / "ind.csv"
    args = ["--db", db_url, "services", "indicators", str(folder), "--out", str(out), "--load",
            "--bad-report", str(tmp_path / "bad.json")]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    obs = read_observations(open_store(db_url, create=False), indicators=sorted({r["indicator"] for r in rows}))
    # a new province's June 2025, rebuilt from its predecessors' records, is in the table but not stored: the
    # unit did not exist then (VN34_… from 01/07/2025); everything else is stored
    rebuilt = [r for r in rows if r["area"].startswith("VN34_") and r["period"] < "2025-07" and len(r["period"]) == 7]
    assert rebuilt and any(r["indicator"] == "SVC_ON_TIME_SHARE" and r["area"] == "VN34_08" for r in rebuilt)
    assert f"{len(rebuilt)} values for periods before or after their unit existed" in res.output
    assert len(obs) == len(rows) - len(rebuilt)
    assert obs[(obs.area == "VN34_08") & (obs.period == "2025-06")].empty
    data = identify(folder)
    assert data.rows == 13
    pack = load_pack("vn-nq57")
    # Tuyên Quang (VN63_08) in June 2025: record 2 closed 9 days after submission, due after 5 (late); record 4
    # withdrawn (left out) — 0 of 1 on time
    one = obs[(obs.indicator == "SVC_ON_TIME_SHARE") & (obs.area == "VN63_08") & (obs.period == "2025-06")].iloc[0]
    assert one.value == 0
    assert one.source_url == data.path
    assert data.sha256 in one.source_title and "13 records" in one.source_title
    assert definition_hash(pack, "SVC_ON_TIME_SHARE") in one.source_title
    assert "numerator 0, denominator 1" in one.comment
    moj = obs[(obs.indicator == "SVC_APPLICATIONS") & (obs.disaggregation == "agency:MOJ")]
    assert set(moj.area) == {"VNM"} and set(moj.period) == {"2025-06", "2025-07"}
    # the same data set and definitions again: nothing new
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "recorded 0 observations" in again.output
