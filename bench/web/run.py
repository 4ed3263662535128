#!/usr/bin/env python3
"""Benchmark the web dashboard: throughput and latency at 32 concurrent connections.

Starts ``uvicorn dxtrack.web.app:create_app`` on a free port of 127.0.0.1 (a loaded database is needed:
``--db`` or ``DXTRACK_DB``; ``dxtrack quickstart`` makes one), warms it up, then for each of the status board
and one target page drives 32 concurrent keep-alive connections (httpx, asyncio) for a bounded time and
prints requests/s and p50/p90/p99 latency. Only loopback traffic; the run stops by itself.

    python bench/web/run.py --db sqlite:////tmp/dxweb.db --seconds 15 --workers 1
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time

import httpx

from dxtrack.web.launch import free_port, start_server

PAGES = {
    "status board": "/?lang=vi",
    "target page": "/targets/R52.2025.digital_economy_20?lang=vi",
}


def start(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    try:
        return start_server(db, port, workers=workers)
    except RuntimeError as exc:
        sys.exit(str(exc))


async def drive(base: str, path: str, connections: int, seconds: float) -> tuple[list[float], int]:
    """``connections`` workers each loop GET path on its own keep-alive connection until time is up."""
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                r = await client.get(path)
                if r.status_code != 200:
                    errors += 1
                latencies.append(time.perf_counter() - t0)

        await asyncio.gather(*(worker() for _ in range(connections)))
    return latencies, errors


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("DXTRACK_DB"), help="database URL (loaded)")
    parser.add_argument("--seconds", type=float, default=15.0, help="duration per page (bounded)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = parser.parse_args()
    if not args.db:
        sys.exit("give --db or set DXTRACK_DB to a loaded database (dxtrack quickstart)")
    seconds = min(args.seconds, 120.0)
    port = free_port()
    proc = start(args.db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        for path in PAGES.values():  # warm caches (assessment, templates) in every worker
            for _ in range(4 * args.workers):
                httpx.get(base + path, timeout=120)
        print(
            f"dxtrack web benchmark: {args.connections} connections, {seconds:.0f} s per page, "
            f"{args.workers} worker(s), {os.cpu_count()} CPU(s)"
        )
        print(f"{'page':<14} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8}")
        for name, path in PAGES.items():
            t0 = time.perf_counter()
            lat, errors = asyncio.run(drive(base, path, args.connections, seconds))
            elapsed = time.perf_counter() - t0
            print(
                f"{name:<14} {len(lat):>9} {errors:>7} {len(lat) / elapsed:>8.1f} {statistics.median(lat) * 1000:>8.1f}"
                f" {pct(lat, 0.90) * 1000:>8.1f} {pct(lat, 0.99) * 1000:>8.1f}"
            )
    finally:
        proc.terminate()
        proc.wait(timeout=15)


if __name__ == "__main__":
    main()
