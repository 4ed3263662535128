#!/usr/bin/env python3
"""Benchmark the web server under an ``as_of`` storm: do cached pages stay fast and memory bounded?

One command (``python bench/web/run.py``): builds a loaded vn-nq52 database in a temporary folder unless ``--db``
or ``DXTRACK_DB`` names one, starts the real server (``dxtrack.web.launch``, one uvicorn process on 127.0.0.1),
warms the cached pages, then

1. baseline: ``--readers`` clients fetch cached pages for ``--baseline`` seconds, nothing else;
2. storm: the same readers again while ``--clients`` (32) storm clients, each from its own loopback address
   (127.0.0.N, so each has its own per-client limit), ask for pages and API answers as of random dates for
   ``--seconds`` (15) seconds.

It prints the readers' p50/p99 latency and throughput in both phases with the ratios storm/baseline, what the
storm got (answers by status, computations), and the server's resident memory (RSS) before and after the storm
and its peak. Only loopback traffic; everything stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from dxtrack.web.launch import free_port, start_server

CACHED = [
    "/?lang=vi",
    "/targets?lang=en",
    "/targets/R52.2025.digital_economy_20?lang=vi",
    "/api/v1/status",
]
STORM = ["/?lang=vi&as_of={day}", "/api/v1/status?as_of={day}", "/targets?lang=en&as_of={day}"]
FIRST_DAY = dt.date(2015, 1, 1)


@dataclass
class Run:
    """Latencies (seconds) and answers of one group of clients."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    seconds: float = 0.0

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def build_db(folder: Path) -> str:
    """A loaded vn-nq52 SQLite database (areas, the pack, the bundled data), as the test suite builds it."""
    from dxtrack.catalog import load_pack
    from dxtrack.services import store as svc
    from dxtrack.settings import data_dir

    url = f"sqlite:///{folder / 'dxtrack.db'}"
    engine = svc.open_store(url)
    svc.load_areas(engine, data_dir(None))
    svc.load_content_pack(engine, load_pack("vn-nq52"))
    svc.load_bundled_data(engine, data_dir(None))
    engine.dispose()
    return url


def rss_mb(pid: int, field_name: str = "VmRSS") -> float:
    """Resident memory of process ``pid`` in MB (``VmHWM``: its peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def readers(base: str, n: int, seconds: float) -> Run:
    """``n`` clients fetching the cached pages in turn for ``seconds``."""
    run = Run()
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def one(i: int) -> None:
            k = i
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                r = await client.get(CACHED[k % len(CACHED)])
                run.latencies.append(time.perf_counter() - t0)
                run.statuses[r.status_code] += 1
                k += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(n)))
        run.seconds = time.perf_counter() - t0
    return run


async def storm(base: str, n: int, seconds: float, seed: int) -> Run:
    """``n`` clients, each from its own loopback address, asking for random ``as_of`` dates for ``seconds``;
    requests still waiting at the end are abandoned (the storm's own latency is not the point)."""
    run = Run()
    rng = random.Random(seed)
    days = (dt.date.today() - FIRST_DAY).days
    stop = time.perf_counter() + seconds

    async def one(i: int) -> None:
        transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{10 + i}")
        async with httpx.AsyncClient(base_url=base, transport=transport, timeout=seconds + 5) as client:
            while time.perf_counter() < stop:
                day = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
                t0 = time.perf_counter()
                try:
                    r = await client.get(rng.choice(STORM).format(day=day.isoformat()))
                except httpx.HTTPError:
                    run.statuses[0] += 1
                    continue
                run.latencies.append(time.perf_counter() - t0)
                run.statuses[r.status_code] += 1

    tasks = [asyncio.ensure_future(one(i)) for i in range(n)]
    t0 = time.perf_counter()
    await asyncio.wait(tasks, timeout=seconds + 1)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    run.seconds = time.perf_counter() - t0
    return run


async def storm_with_readers(base: str, args: argparse.Namespace) -> tuple[Run, Run]:
    stormed, read = await asyncio.gather(
        storm(base, args.clients, args.seconds, args.seed), readers(base, args.readers, args.seconds)
    )
    return read, stormed


def line(name: str, run: Run) -> str:
    return (
        f"{name:<26} {len(run.latencies):>8} {run.rate:>8.1f} {run.pct(0.5) * 1000:>9.1f} {run.pct(0.99) * 1000:>9.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("DXTRACK_DB"), help="a loaded database (default: build one)")
    parser.add_argument("--clients", type=int, default=32, help="storm clients sending random as_of dates")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of the storm (at most 120)")
    parser.add_argument("--readers", type=int, default=4, help="clients fetching cached pages")
    parser.add_argument("--baseline", type=float, default=5.0, help="length of the baseline (no storm)")
    parser.add_argument("--seed", type=int, default=57)
    args = parser.parse_args()
    args.seconds = min(args.seconds, 120.0)
    with tempfile.TemporaryDirectory(prefix="dxtrack-bench-web-") as tmp:
        db = args.db or build_db(Path(tmp))
        port = free_port()
        try:
            proc: subprocess.Popen[bytes] = start_server(db, port, timeout=120)
        except RuntimeError as exc:
            sys.exit(str(exc))
        base = f"http://127.0.0.1:{port}"
        try:
            for path in CACHED:  # warm: each cached page computed once
                httpx.get(base + path, timeout=300).raise_for_status()
            base_run = asyncio.run(readers(base, args.readers, args.baseline))
            before = rss_mb(proc.pid)
            read, stormed = asyncio.run(storm_with_readers(base, args))
            time.sleep(0.5)
            after, peak = rss_mb(proc.pid), rss_mb(proc.pid, "VmHWM")
            cache = httpx.get(base + "/healthz", timeout=60).json().get("cache", {})
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print(
        f"dxtrack web benchmark: {args.clients} storm clients × {args.seconds:.0f} s of random as_of dates, "
        f"{args.readers} readers of cached pages; baseline {args.baseline:.0f} s; {os.cpu_count()} CPU(s)"
    )
    print(f"{'':<26} {'requests':>8} {'req/s':>8} {'p50 ms':>9} {'p99 ms':>9}")
    print(line("cached pages, baseline", base_run))
    print(line("cached pages, under storm", read))
    print(line("storm (answered)", stormed))
    print(
        f"ratios storm/baseline: cached p50 ×{read.pct(0.5) / base_run.pct(0.5):.2f}, "
        f"p99 ×{read.pct(0.99) / base_run.pct(0.99):.2f}, throughput ×{read.rate / base_run.rate:.2f}"
    )
    print(f"cached pages answered: {dict(read.statuses)}; cached p99 under storm < 250 ms: {read.pct(0.99) < 0.25}")
    print(f"storm answers by status: {dict(sorted(stormed.statuses.items()))}")
    print(f"server RSS: {before:.0f} MB before the storm, {after:.0f} MB after (peak {peak:.0f} MB)")
    print(f"server cache after: {cache}")
    print(f"median storm answer: {statistics.median(stormed.latencies or [float('nan')]):.2f} s")


if __name__ == "__main__":
    main()
