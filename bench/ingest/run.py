"""Import at national volume, on SQLite and PostgreSQL: time and peak memory of `dxtrack import`.

Run: ``python bench/ingest/run.py [--rows N] [--huge] [--pg URL] [--sqlite-only | --postgresql-only]`` (default
1,000,000 rows; ``--huge`` 10,000,000). Each database gets the bundled pack and data (``dxtrack load``), then,
each measured as a fresh `dxtrack` process (wall time and the child's peak RSS):

1. ``status`` and ``assess`` before any volume (the baseline of this run);
2. an import of N rows of an indicator no target uses (unrelated volume);
3. a 1-row import into that N-row indicator;
4. 100,000 revisions (the first 100,000 keys published again with new values) — fewer when N is smaller;
5. ``status`` and ``assess`` again: the ratio to step 1 (goal: within ±20%).

PostgreSQL: ``--pg postgresql://user@host:port`` (a database ``dxtrack_bench_<pid>`` is created there), or, when
PostgreSQL's binaries are installed, a throwaway server started in a temporary folder, with the stock settings
unless ``--pg-setting NAME=VALUE`` (repeatable) says otherwise (the stock 128 MB of shared buffers make a 1 M-row
import write and re-read its own pages: ``--pg-setting shared_buffers=2GB --pg-setting max_wal_size=8GB``).
Goals (issue 14): 1 M rows in ≤ 15 s and 10 M within 1 GiB peak on each database; a 1-row import < 1 s.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INDICATOR = "BENCH_VOLUME"


def dxtrack(url: str, *args: str) -> tuple[float, float]:
    """Run `dxtrack --db URL ARGS` as a fresh process; (wall seconds, peak RSS MiB). Fails loudly on error.
    The child's CPU time (user + system; a PostgreSQL server's work is not in it) is kept in ``LAST_CPU``."""
    script = Path(sys.executable).with_name("dxtrack")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "dxtrack"]
    start = time.perf_counter()
    proc = subprocess.Popen([*command, "--db", url, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    if status != 0:
        raise SystemExit(f"dxtrack {' '.join(args)} failed: {err.decode()[-500:]} {out.decode()[-300:]}")
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024


LAST_CPU = [0.0]


def write_volume(path: Path, rows: int, first: int = 0, value_offset: float = 0.0) -> Path:
    """N rows of the bench indicator: 200 years × as many disaggregations as needed (unique keys)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("indicator,area,period,value,disaggregation\n")
        for i in range(first, first + rows):
            handle.write(f"{INDICATOR},VNM,{1900 + i % 200},{(i % 997) + value_offset},d{i // 200}\n")
    return path


def add_bench_indicator(url: str) -> None:
    from dxtrack.services import store as svc
    from dxtrack.store import repository as repo
    from dxtrack.store import schema

    engine = svc.open_store(url)
    row = {
        "code": INDICATOR,
        "name_vi": "Chỉ số đo tải",
        "name_en": "Bench volume",
        "unit": "count",
        "direction": "higher_better",
        "aggregation": {"kind": "sum"},
        "definition": {"vi": "", "en": "", "sources": [], "bounds": None, "value_type": "real"},
        "pack_id": "bench",
    }
    with engine.begin() as conn:
        repo.upsert(conn, schema.indicator, "code", [row])
    engine.dispose()


@contextmanager
def throwaway_postgres(settings: list[str]) -> Iterator[str]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("no PostgreSQL: pass --pg URL or --sqlite-only")
    bindir = Path(found[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="dxtrack-bench-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"],
                   check=True, capture_output=True)  # fmt: skip
    opts = " ".join([f"-p {port} -k {root} -c listen_addresses=127.0.0.1", *(f"-c {s}" for s in settings)])
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-w", "-l", str(root / "log"),
                    "start"], check=True, capture_output=True)  # fmt: skip
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def new_pg_database(base: str) -> str:
    import psycopg

    name = f"dxtrack_bench_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def bench(label: str, url: str, rows: int, folder: Path) -> list[tuple[str, float, float]]:
    results: list[tuple[str, float, float]] = []

    def step(name: str, *args: str) -> tuple[float, float]:
        wall, rss = dxtrack(url, *args)
        results.append((name, wall, rss))
        print(f"  {label:10} {name:46} {wall:8.2f} s {rss:6.0f} MiB  cpu {LAST_CPU[0]:7.2f} s", flush=True)
        return wall, rss

    step("load (pack + bundled data)", "load")
    add_bench_indicator(url)
    status0, _ = step("status (baseline)", "status", "--format", "json")
    assess0, _ = step("assess (baseline)", "assess", "--format", "json")
    volume = write_volume(folder / f"volume-{rows}.csv", rows)
    step(f"import {rows:,} rows", "import", str(volume), "--source", "bench", "--published-on", "2024-01-01")
    one = folder / "one.csv"
    one.write_text(f"indicator,area,period,value,disaggregation\n{INDICATOR},VNM,2099,1,extra\n", encoding="utf-8")
    step(f"import 1 row into the {rows:,}-row indicator", "import", str(one), "--source", "bench",
         "--published-on", "2024-01-01")  # fmt: skip
    revised = min(100_000, rows)
    revisions = write_volume(folder / f"revisions-{revised}.csv", revised, value_offset=0.5)
    step(f"import {revised:,} revisions", "import", str(revisions), "--source", "bench revised",
         "--published-on", "2025-01-01")  # fmt: skip
    step(f"import {rows:,} rows again (already imported)", "import", str(volume), "--source", "bench",
         "--published-on", "2024-01-01")  # fmt: skip
    status1, _ = step("status (after the volume)", "status", "--format", "json")
    assess1, _ = step("assess (after the volume)", "assess", "--format", "json")
    print(f"  {label:10} ratio status after/before: {status1 / status0:.2f}; assess after/before: "
          f"{assess1 / assess0:.2f}", flush=True)  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--huge", action="store_true", help="10,000,000 rows")
    parser.add_argument("--pg", help="PostgreSQL server URL (without database name)")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true", help="skip the SQLite run")
    parser.add_argument(
        "--pg-setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting of the throwaway PostgreSQL server (repeatable; default: the stock settings), e.g. "
        "shared_buffers=2GB max_wal_size=8GB as PostgreSQL's 'Populating a Database' advises for bulk loads",
    )
    args = parser.parse_args()
    rows = 10_000_000 if args.huge else args.rows
    folder = Path(tempfile.mkdtemp(prefix="dxtrack-bench-ingest-"))
    print(f"bench/ingest: {rows:,} rows; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    try:
        if not args.postgresql_only:
            bench("sqlite", f"sqlite:///{folder / 'bench.db'}", rows, folder)
        if not args.sqlite_only:
            if args.pg:
                bench("postgresql", new_pg_database(args.pg), rows, folder)
            else:
                if args.pg_setting:
                    print(f"  throwaway PostgreSQL server with {' '.join(args.pg_setting)}")
                with throwaway_postgres(args.pg_setting) as base:
                    bench("postgresql", new_pg_database(base), rows, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
