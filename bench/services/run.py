"""Benchmark of dxtrack's record indicators: generation rate; each indicator on DuckDB (dxtrack, from the pack's
definition) against a hand-written DuckDB query timed in the same run, against pandas, and on Spark local; peak
memory of each stage.

Run: ``python bench/services/run.py`` (10^7 records), ``--big`` (10^8), ``--rows N`` for another size.
Each stage runs in a child process so its peak memory (ru_maxrss, the JVM included for Spark) is its own.
Timings: best wall-clock time of ``--repeat`` runs (default 3), dxtrack and the hand-written query alternated, and
the median CPU time (user + system, all of DuckDB's threads) of the same runs: on a shared machine the CPU time is
the steadier measure of work done, so the ratio against the hand-written query is printed for both.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CODES = [
    "SVC_APPLICATIONS", "SVC_ONLINE_SHARE", "SVC_FULLY_ONLINE_SHARE", "SVC_ON_TIME_SHARE",
    "SVC_ONLINE_PAYMENT_SHARE", "SVC_RESULT_DIGITISED_SHARE", "SVC_SATISFACTION_MEAN",
]

# -- the hand-written DuckDB queries (one per indicator; the same valid-record rules, written out by hand) ------------
BAD = """(record_id IS NULL OR procedure_code IS NULL OR agency_level IS NULL OR agency_id IS NULL OR area_id IS NULL
  OR channel IS NULL OR fully_online IS NULL OR submitted_at IS NULL OR due_at IS NULL OR status IS NULL
  OR result_digitised IS NULL
  OR agency_level NOT IN ('central', 'province', 'commune') OR channel NOT IN ('online', 'offline')
  OR status NOT IN ('completed', 'rejected', 'pending', 'withdrawn')
  OR due_at < submitted_at OR coalesce(completed_at < submitted_at, false)
  OR (status = 'pending' AND completed_at IS NOT NULL) OR (status <> 'pending' AND completed_at IS NULL)
  OR coalesce(satisfaction NOT BETWEEN 1 AND 5, false) OR (fully_online AND channel = 'offline'))"""
HAND: dict[str, tuple[str, str]] = {  # code -> (numerator aggregate, population condition)
    "SVC_APPLICATIONS": ("count(*)", "true"),
    "SVC_ONLINE_SHARE": ("count(*) FILTER (channel = 'online')", "status <> 'withdrawn'"),
    "SVC_FULLY_ONLINE_SHARE": ("count(*) FILTER (channel = 'online' AND fully_online)", "status <> 'withdrawn'"),
    "SVC_ON_TIME_SHARE": ("count(*) FILTER (completed_at <= due_at)", "status IN ('completed', 'rejected')"),
    "SVC_ONLINE_PAYMENT_SHARE": ("count(*) FILTER (paid_online)", "paid_online IS NOT NULL AND status <> 'withdrawn'"),
    "SVC_RESULT_DIGITISED_SHARE": ("count(*) FILTER (result_digitised)", "status = 'completed'"),
    "SVC_SATISFACTION_MEAN": ("sum(satisfaction)", "satisfaction IS NOT NULL"),
}


def hand_sql(code: str, glob: str) -> str:
    num, pop = HAND[code]
    return f"""SELECT strftime(date_trunc('month', submitted_at::TIMESTAMP + INTERVAL 7 HOUR), '%Y-%m') AS m,
  area_id, CASE WHEN agency_level = 'central' THEN agency_id END AS ministry, {num} AS num, count(*) AS den
FROM read_parquet('{glob}', hive_partitioning = false) WHERE NOT {BAD} AND {pop} GROUP BY ALL"""


def _children_hwm_kb() -> int:
    """Peak RSS (VmHWM) of this process's live children, e.g. Spark's JVM, summed."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != os.getpid():
                continue
            for line in (stat.parent / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return total


def peak_mb(children_kb: int = 0) -> float:
    """Peak RSS of this process plus its children (reaped ones from rusage, live ones from /proc)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, children_kb)
    return round((own + kids) / 1024, 1)


# -- stages (each in its own process) -------------------------------------------------------------------------------
def stage_generate(a: argparse.Namespace) -> dict[str, Any]:
    from dxtrack.microdata.areas import load_areas
    from dxtrack.microdata.generate import generate
    from dxtrack.settings import data_dir

    t = time.perf_counter()
    res = generate(Path(a.data), rows=a.rows, seed=1, start=a.start, count=a.months, areas=load_areas(data_dir()))
    dt = time.perf_counter() - t
    size = sum(p.stat().st_size for p in Path(a.data).rglob("*.parquet"))
    return {"seconds": dt, "rows_per_s": res.rows / dt, "files": res.files, "mb_on_disk": size / 2**20}


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _dxtrack_timed(engine: str, folder: Path, codes: list[str], session: Any = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of computing the indicators from the folder, pack and areas already loaded."""
    from dxtrack.catalog import load_pack
    from dxtrack.microdata.areas import load_areas
    from dxtrack.microdata.definitions import definitions
    from dxtrack.microdata.engines import run
    from dxtrack.microdata.rollup import tidy
    from dxtrack.settings import data_dir

    pack = load_pack("vn-nq57", check_seeds=False)
    areas = load_areas(data_dir())
    t, c = time.perf_counter(), _cpu()
    defs = definitions(pack, codes)
    tidy(run(engine, folder, defs, session=session), defs, areas)
    return time.perf_counter() - t, _cpu() - c


def _dxtrack(engine: str, folder: Path, codes: list[str], session: Any = None) -> float:
    return _dxtrack_timed(engine, folder, codes, session)[0]


def stage_duckdb(a: argparse.Namespace) -> dict[str, Any]:
    from dxtrack.microdata.engines import duckdb_connection

    folder = Path(a.data)
    glob = str(folder / "**" / "*.parquet")
    out: dict[str, Any] = {}
    for code in CODES:
        ours, hand, ours_cpu, hand_cpu = [], [], [], []
        for _ in range(a.repeat):
            wall, cpu = _dxtrack_timed("duckdb", folder, [code])
            ours.append(wall)
            ours_cpu.append(cpu)
            con = duckdb_connection()
            t, c = time.perf_counter(), _cpu()
            con.execute(hand_sql(code, glob)).df()
            hand.append(time.perf_counter() - t)
            hand_cpu.append(_cpu() - c)
            con.close()
        out[code] = {"dxtrack": min(ours), "hand_sql": min(hand), "dxtrack_cpu": statistics.median(ours_cpu),
                     "hand_cpu": statistics.median(hand_cpu)}
    out["ALL (one scan)"] = {"dxtrack": min(_dxtrack("duckdb", folder, CODES) for _ in range(a.repeat))}
    return out


def stage_pandas(a: argparse.Namespace) -> dict[str, Any]:
    import pandas as pd

    folder = Path(a.data)
    out: dict[str, Any] = {}
    for code in CODES:
        t = time.perf_counter()
        df = pd.read_parquet(folder, dtype_backend="pyarrow")
        sub, due, done = df["submitted_at"], df["due_at"], df["completed_at"]
        bad = (
            df[["record_id", "procedure_code", "agency_level", "agency_id", "area_id", "channel", "fully_online",
                "submitted_at", "due_at", "status", "result_digitised"]].isna().any(axis=1)
            | ~df["agency_level"].isin(["central", "province", "commune"])
            | ~df["channel"].isin(["online", "offline"])
            | ~df["status"].isin(["completed", "rejected", "pending", "withdrawn"])
            | (due < sub) | (done < sub).fillna(False)
            | ((df["status"] == "pending") & done.notna()) | ((df["status"] != "pending") & done.isna())
            | ~df["satisfaction"].between(1, 5).fillna(True)
            | (df["fully_online"] & (df["channel"] == "offline"))
        )
        st = df["status"]
        pop = {
            "SVC_APPLICATIONS": pd.Series(True, index=df.index),
            "SVC_ONLINE_SHARE": st != "withdrawn",
            "SVC_FULLY_ONLINE_SHARE": st != "withdrawn",
            "SVC_ON_TIME_SHARE": st.isin(["completed", "rejected"]),
            "SVC_ONLINE_PAYMENT_SHARE": df["paid_online"].notna() & (st != "withdrawn"),
            "SVC_RESULT_DIGITISED_SHARE": st == "completed",
            "SVC_SATISFACTION_MEAN": df["satisfaction"].notna(),
        }[code] & ~bad
        num = {
            "SVC_APPLICATIONS": pd.Series(1, index=df.index),
            "SVC_ONLINE_SHARE": (df["channel"] == "online").astype("int64"),
            "SVC_FULLY_ONLINE_SHARE": ((df["channel"] == "online") & df["fully_online"]).astype("int64"),
            "SVC_ON_TIME_SHARE": (done <= due).fillna(False).astype("int64"),
            "SVC_ONLINE_PAYMENT_SHARE": df["paid_online"].fillna(False).astype("int64"),
            "SVC_RESULT_DIGITISED_SHARE": df["result_digitised"].astype("int64"),
            "SVC_SATISFACTION_MEAN": df["satisfaction"].fillna(0).astype("int64"),
        }[code]
        d = df.loc[pop, ["area_id", "agency_level", "agency_id"]].copy()
        month = (sub[pop].dt.tz_convert("UTC").dt.tz_localize(None) + pd.Timedelta(hours=7)).dt.strftime("%Y-%m")
        d["m"] = month
        d["ministry"] = d["agency_id"].where(d["agency_level"] == "central")
        d["num"] = num[pop]
        d.groupby(["m", "area_id", "ministry"], dropna=False).agg(num=("num", "sum"), den=("num", "size"))
        out[code] = {"pandas": time.perf_counter() - t}
        del df, d
    return out


def stage_spark(a: argparse.Namespace) -> dict[str, Any]:
    from dxtrack.microdata.engines import spark_session

    folder = Path(a.data)
    t = time.perf_counter()
    spark = spark_session(a.master, app="dxtrack-bench")
    start = time.perf_counter() - t
    out: dict[str, Any] = {"session_start": start}
    for code in CODES:
        out[code] = {"spark": min(_dxtrack("spark", folder, [code], spark) for _ in range(max(1, a.repeat - 1)))}
    out["ALL (one scan)"] = {"spark": _dxtrack("spark", folder, CODES, spark)}
    out["jvm_kb"] = _children_hwm_kb()
    spark.stop()
    return out


STAGES = {"generate": stage_generate, "duckdb": stage_duckdb, "pandas": stage_pandas, "spark": stage_spark}


def child(stage: str, a: argparse.Namespace) -> dict[str, Any]:
    args = [sys.executable, __file__, "--stage", stage, "--data", a.data, "--rows", str(a.rows), "--start", a.start,
            "--months", str(a.months), "--repeat", str(a.repeat), "--master", a.master]
    res = subprocess.run(args, capture_output=True, text=True, check=False, cwd=ROOT)
    if res.returncode != 0:
        raise SystemExit(f"stage {stage} failed:\n{res.stderr[-3000:]}")
    doc: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return doc


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=10**7)
    p.add_argument("--big", action="store_true", help="10^8 records")
    p.add_argument("--start", default="2025-01")
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--data", default=None, help="Folder for the generated records (default: a temporary one)")
    p.add_argument("--skip", action="append", default=[], choices=["pandas", "spark"])
    p.add_argument("--stage", choices=list(STAGES), help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.big:
        a.rows = 10**8
    if a.rows > 3 * 10**7 and "pandas" not in a.skip:
        a.skip.append("pandas")  # pandas holds the whole table: about 0.3 GB per 10^6 records, beyond this machine
        print("pandas skipped: it loads every record into memory (about 3 GB per 10^7 records)")
    if a.stage:
        doc = STAGES[a.stage](a)
        doc["peak_mb"] = peak_mb(int(doc.pop("jvm_kb", 0)))
        print(json.dumps(doc))
        return
    tmp = None
    if a.data is None:
        tmp = tempfile.TemporaryDirectory(prefix="dxtrack-bench-services-")
        a.data = str(Path(tmp.name) / "records")
    print(f"records: {a.rows:,} over {a.months} months from {a.start}; {os.cpu_count()} cores; repeat {a.repeat}")
    gen = child("generate", a)
    print(f"generate: {gen['seconds']:.1f} s, {gen['rows_per_s']:,.0f} records/s, {gen['files']} files, "
          f"{gen['mb_on_disk']:.0f} MB Parquet, peak {gen['peak_mb']:.0f} MB")
    duck = child("duckdb", a)
    pand = child("pandas", a) if "pandas" not in a.skip else {}
    spark = child("spark", a) if "spark" not in a.skip else {}
    print()
    print("| indicator | dxtrack DuckDB (s) | hand-written DuckDB SQL (s) | speed vs hand (≥ 0.8) | "
          "CPU s dxtrack / hand | CPU speed vs hand | pandas (s) | pandas / dxtrack | Spark local (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for code in [*CODES, "ALL (one scan)"]:
        d = duck[code]
        hand = d.get("hand_sql")
        speed = f"{hand / d['dxtrack']:.2f}×" if hand else "–"
        pd_s = pand.get(code, {}).get("pandas")
        sp_s = spark.get(code, {}).get("spark")
        hand_cell = f"{hand:.3f}" if hand else "–"
        cpu = (f"{d['dxtrack_cpu']:.2f} / {d['hand_cpu']:.2f} | {d['hand_cpu'] / d['dxtrack_cpu']:.2f}×"
               if hand else "– | –")
        print(f"| {code} | {d['dxtrack']:.3f} | {hand_cell} | {speed} | {cpu} | ", end="")
        print(f"{pd_s:.2f} | {pd_s / d['dxtrack']:.1f}× | " if pd_s else "– | – | ", end="")
        print(f"{sp_s:.2f} |" if sp_s else "– |")
    print()
    print(f"peak memory (MB): generate {gen['peak_mb']:.0f}, DuckDB {duck['peak_mb']:.0f}"
          + (f", pandas {pand['peak_mb']:.0f}" if pand else "")
          + (f", Spark local (driver + JVM) {spark['peak_mb']:.0f}; session start {spark['session_start']:.1f} s"
             if spark else ""))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
