"""Run the compiled query on a folder of Parquet records: DuckDB in process, or Apache Spark (local or a cluster).

Both read the same files and return the same small partial table (:func:`dxtrack.microdata.definitions.partial_sql`);
the session time zone is UTC in both, so the Viet Nam month is computed the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dxtrack.errors import InputError
from dxtrack.microdata.definitions import TABLE, Definition, partial_sql

ENGINES = ("duckdb", "spark")


def parquet_files(folder: Path) -> list[Path]:
    """The record files of a data set folder (``**/*.parquet``), sorted; an error when there are none."""
    if not folder.is_dir():
        raise InputError("not a folder of Parquet records", file=str(folder))
    files = sorted(folder.rglob("*.parquet"))
    if not files:
        raise InputError("no Parquet files (*.parquet) in the folder", file=str(folder))
    return files


def duckdb_connection(threads: int | None = None) -> Any:
    """A DuckDB connection that never downloads an extension, in UTC."""
    import duckdb

    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    con.execute("SET TimeZone = 'UTC'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def duckdb_view(con: Any, folder: Path) -> None:
    """``records``: the folder's Parquet files (partition folders are ignored: the month comes from the data)."""
    glob = str(folder / "**" / "*.parquet").replace("'", "''")
    con.execute(f"CREATE OR REPLACE VIEW {TABLE} AS SELECT * FROM read_parquet('{glob}', hive_partitioning = false)")


def run_duckdb(folder: Path, defs: list[Definition], *, threads: int | None = None) -> pd.DataFrame:
    parquet_files(folder)
    con = duckdb_connection(threads)
    try:
        duckdb_view(con, folder)
        frame: pd.DataFrame = con.execute(partial_sql(defs, "duckdb")).df()
    finally:
        con.close()
    return frame


def spark_session(master: str | None = None, app: str = "dxtrack") -> Any:
    """A Spark session (``local[*]`` unless ``master`` is given, e.g. ``spark://host:7077``), UTC, no UI."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master or "local[*]")
        .appName(app)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_spark(folder: Path, defs: list[Definition], *, master: str | None = None, session: Any = None) -> pd.DataFrame:
    parquet_files(folder)
    spark = session or spark_session(master)
    df = spark.read.option("recursiveFileLookup", "true").parquet(str(folder))
    df.createOrReplaceTempView(TABLE)
    result = spark.sql(partial_sql(defs, "spark"))
    # collect() rather than toPandas(): the result is small, and it keeps pyspark's pandas version check out
    return pd.DataFrame.from_records([tuple(r) for r in result.collect()], columns=result.columns)


def run(
    engine: str,
    folder: Path,
    defs: list[Definition],
    *,
    master: str | None = None,
    session: Any = None,
    threads: int | None = None,
) -> pd.DataFrame:
    """The partial table from ``engine`` (duckdb | spark), with plain integer counts."""
    if engine == "duckdb":
        frame = run_duckdb(folder, defs, threads=threads)
    elif engine == "spark":
        frame = run_spark(folder, defs, master=master, session=session)
    else:
        raise InputError(f"unknown engine '{engine}'; expected one of {', '.join(ENGINES)}", column="--engine")
    counts = [c for c in frame.columns if c not in ("vn_month", "area_id", "ministry")]  # bad_code included
    frame[counts] = frame[counts].fillna(0).astype("int64")
    for key in ("vn_month", "area_id", "ministry"):
        frame[key] = frame[key].astype(object).where(frame[key].notna(), None)
    return frame
