"""Start-up time of the `dxtrack` command: --help, --version and `index coinr` on COINr's ASEM example.

Run: ``python bench/cli/run.py [RUNS]`` (default 10 runs each, after one warm-up). Each call is a fresh
process, as a user's. Printed per command: median and fastest wall time, and the median CPU time (user +
system) of the child, which moves much less than wall time when other programs share the cores. The load
average is printed too: on a busy machine compare CPU times, or the fastest wall time.
Targets (issue 8, deliverable 6): --help and --version under 0.3 s, `index coinr` under 1 s.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from dxtrack.settings import data_dir


def dxtrack_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m dxtrack``."""
    script = Path(sys.executable).with_name("dxtrack")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "dxtrack"]


def measure(args: list[str], runs: int) -> tuple[float, float, float]:
    """Median wall time, fastest wall time and median child CPU time, in seconds."""
    walls, cpus = [], []
    for k in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if k:  # the first call warms the file cache and the bytecode
            walls.append(wall)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    asem = data_dir() / "peers" / "coinr_asem"
    base = dxtrack_command()
    cases = {
        "dxtrack --help": ["--help"],
        "dxtrack --version": ["--version"],
        "dxtrack index coinr (ASEM)": [
            "index",
            "coinr",
            "--idata",
            str(asem / "ASEM_iData.csv"),
            "--imeta",
            str(asem / "ASEM_iMeta.csv"),
        ],
        "python -c pass (floor)": None,
    }
    print(f"{runs} runs each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'command':32} {'median':>8} {'fastest':>8} {'CPU':>8}")
    for name, args in cases.items():
        cmd = [sys.executable, "-c", "pass"] if args is None else [*base, *args]
        median, fastest, cpu = measure(cmd, runs)
        print(f"{name:32} {median:8.3f} {fastest:8.3f} {cpu:8.3f}")


if __name__ == "__main__":
    main()
