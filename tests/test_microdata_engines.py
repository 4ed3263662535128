"""DuckDB and Spark (local mode, one session for the run) give identical results on the same files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.cli.main import app
from dxtrack.microdata.areas import load_areas
from dxtrack.microdata.definitions import definitions
from dxtrack.microdata.engines import run, spark_session
from dxtrack.microdata.generate import generate
from dxtrack.microdata.rollup import tidy
from tests.microdata_records import edge_cases, write

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java (openjdk-17-jre-headless)")
KEYS = ["vn_month", "area_id", "ministry", "bad_code"]


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    session = spark_session("local[1]", app="dxtrack-tests")
    yield session
    session.stop()


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(KEYS, key=lambda s: s.fillna("") if s.dtype == object else s).reset_index(drop=True)


def test_duckdb_and_spark_identical(spark: Any, data_dir: Path, tmp_path: Path) -> None:
    pack = load_pack("vn-nq57")
    defs = definitions(pack)
    areas = load_areas(data_dir)
    generated = tmp_path / "gen"
    generate(generated, rows=4000, seed=11, start="2025-01", count=13, areas=areas)  # spans the change
    edge = write(tmp_path / "edge", edge_cases())
    for folder in (generated, edge):
        duck, sp = run("duckdb", folder, defs), run("spark", folder, defs, session=spark)
        pd.testing.assert_frame_equal(_sorted(duck), _sorted(sp[duck.columns]))
        t_duck, r_duck = tidy(duck, defs, areas)
        t_spark, r_spark = tidy(sp, defs, areas)
        pd.testing.assert_frame_equal(t_duck, t_spark)
        assert r_duck.as_dict() == r_spark.as_dict()
    assert len(t_duck) > 0 and r_duck.excluded == 6


def test_cli_spark_engine_writes_the_same_table(spark: Any, tmp_path: Path) -> None:
    folder = write(tmp_path / "edge", edge_cases())
    runner = CliRunner()
    outs = {}
    for engine in ("duckdb", "spark"):
        out = tmp_path / f"{engine}.csv"
        res = runner.invoke(app, ["services", "indicators", str(folder), "--engine", engine, "--master", "local[1]",
                                  "--format", "csv", "--out", str(out)])
        assert res.exit_code == 0, res.output
        outs[engine] = out.read_text(encoding="utf-8")
    assert outs["duckdb"] == outs["spark"]
    assert outs["duckdb"].splitlines()[0] == "indicator,area,period,value,numerator,denominator"


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_viet_nam_month_turns_at_17_00_utc_to_the_microsecond(engine: str, spark: Any, tmp_path: Path) -> None:
    """00:00 in Viet Nam (UTC+7) is 17:00 UTC the day before: the last microsecond before it is still the old month."""
    import datetime as dt

    from tests.microdata_records import record

    utc = dt.UTC
    stamps = {
        "VN63_02": dt.datetime(2025, 6, 30, 16, 59, 59, 999999, tzinfo=utc),  # 30/06 23:59:59.999999 VN: June
        "VN34_08": dt.datetime(2025, 6, 30, 17, 0, 0, tzinfo=utc),  # 01/07 00:00 VN: July
        "VN34_01": dt.datetime(2025, 12, 31, 16, 59, 59, 999999, tzinfo=utc),  # still December 2025
        "VN34_02": dt.datetime(2025, 12, 31, 17, 0, 0, tzinfo=utc),  # January 2026
        "VN34_03": dt.datetime(2025, 1, 31, 23, 0, 0, tzinfo=utc),  # 01/02 06:00 VN: February, not January
    }
    folder = write(tmp_path / "edge", [record(i, area_id=a, submitted=s) for i, (a, s) in enumerate(stamps.items())])
    defs = definitions(load_pack("vn-nq57", check_seeds=False), ["SVC_APPLICATIONS"])
    frame = run(engine, folder, defs, session=spark if engine == "spark" else None)
    months = dict(zip(frame["area_id"], frame["vn_month"], strict=True))
    assert months == {"VN63_02": "2025-06", "VN34_08": "2025-07", "VN34_01": "2025-12", "VN34_02": "2026-01",
                      "VN34_03": "2025-02"}
