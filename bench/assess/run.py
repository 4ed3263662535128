"""Benchmark: assess 100,000 synthetic series with 80 %/95 % intervals on 2 cores.

Run: ``.venv/bin/python bench/assess/run.py [--n 100000] [--sample 500] [--workers 2]``

Each series (3–30 annual points, bounded shares or positive levels, either direction, with or
without a target, deadline 2025 or 2030) gets the open-sdg status and score, share of distance
covered, required growth, a forecast at the deadline with 80 %/95 % intervals and the attainment
probability. The vectorised engines run in ``--workers`` processes; a naive per-series loop
(``series_progress`` + statsmodels ``forecast``) is timed in the same run on ``--sample`` series
and extrapolated. Finally the rolling-origin backtest of the calibrated forecasts (tuning and held-out sets of
resources/forecast/calibration.json) reports interval coverage per horizon and the Brier score.
"""

from __future__ import annotations

import argparse
import sys
import time
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.analysis import calibration
from dxtrack.analysis.backtest import evaluate, series_from_long
from dxtrack.analysis.forecast import forecast, forecast_batch
from dxtrack.analysis.opensdg import STATUS_CODES, progress_batch, series_progress

Series = dict[str, Any]


def make_series(n: int, seed: int) -> list[Series]:
    """Synthetic annual series: logistic shares (0–100) or exponential levels, with noise."""
    rng = np.random.default_rng(seed)
    out: list[Series] = []
    for i in range(n):
        k = int(rng.integers(3, 31))
        end = int(rng.integers(2019, 2025))
        years = np.arange(end - k + 1, end + 1)
        if k > 5 and rng.random() < 0.2:  # a few gaps
            drop = rng.choice(np.arange(1, k - 1), size=int(rng.integers(1, 3)), replace=False)
            years = np.delete(years, drop)
        t = years - years[0]
        direction = 1 if rng.random() < 0.5 else -1
        bounded = i % 2 == 0
        if bounded:
            z = rng.normal(-1.5, 1.0) + direction * rng.uniform(0.0, 0.25) * t + rng.normal(0, 0.08, t.size)
            values = 100 / (1 + np.exp(-z))
        else:
            g = direction * rng.uniform(-0.01, 0.08)
            values = rng.uniform(5, 5000) * np.exp(g * t + rng.normal(0, 0.03, t.size))
        deadline = 2025 if rng.random() < 0.3 else 2030
        target = np.nan
        if rng.random() < 0.6:
            target = float(values[-1] * (1 + direction * rng.uniform(0.05, 0.4)))
            if bounded:
                target = min(target, 99.0)
        out.append(
            {
                "years": years.astype(np.int64),
                "values": values,
                "direction": direction,
                "bounds": (0.0, 100.0) if bounded else None,
                "target": target,
                "deadline": deadline,
            }
        )
    return out


def assess_chunk(chunk: list[Series]) -> dict[str, np.ndarray[Any, Any]]:
    """Vectorised assessment of a chunk of series (runs in a worker process)."""
    ys = [s["years"] for s in chunk]
    vs = [s["values"] for s in chunk]
    d = np.array([s["direction"] for s in chunk])
    tg = np.array([s["target"] for s in chunk], dtype=float)
    dl = np.array([s["deadline"] for s in chunk])
    lo = np.array([np.nan if s["bounds"] is None else s["bounds"][0] for s in chunk])
    hi = np.array([np.nan if s["bounds"] is None else s["bounds"][1] for s in chunk])
    pr = progress_batch(ys, vs, d, target=tg, target_year=dl)
    fc = forecast_batch(ys, vs, dl, bounds_lo=lo, bounds_hi=hi, target=tg, target_sense=d)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (pr.current_value - pr.base_value) / (tg - pr.base_value)
        required = (tg / pr.current_value) ** (1.0 / (dl - pr.current_year)) - 1.0
    return {
        "status": pr.status,
        "score": pr.score,
        "share": share,
        "required": required,
        "mean": fc.mean,
        "lo80": fc.lo80,
        "hi80": fc.hi80,
        "lo95": fc.lo95,
        "hi95": fc.hi95,
        "prob": fc.prob,
    }


def naive_one(s: Series) -> tuple[str, float | None, tuple[float, float] | None, float | None]:
    """The naive path: one series at a time, statsmodels for the forecast."""
    opts: dict[str, Any] = {
        "direction": "positive" if s["direction"] == 1 else "negative",
        "target_year": s["deadline"],
    }
    if not np.isnan(s["target"]):
        opts["target"] = s["target"]
    pr = series_progress(s["years"], s["values"], opts)
    fc = forecast(s["years"], s["values"], s["deadline"], bounds=s["bounds"])
    if fc is None:
        return pr.status, None, None, None
    i80 = fc.interval(0.8)
    fc.interval(0.95)
    prob = None
    if not np.isnan(s["target"]):
        prob = fc.prob(">=" if s["direction"] == 1 else "<=", s["target"])
    return pr.status, fc.mean, i80, prob


def data_dir() -> Path:
    """The packaged data snapshot, or ``DXTRACK_DATA_DIR`` when set."""
    from dxtrack.settings import data_dir as configured

    return configured()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="number of synthetic series")
    ap.add_argument("--sample", type=int, default=500, help="series timed with the naive loop")
    ap.add_argument("--workers", type=int, default=2, help="processes (cores) for the vectorised run")
    ap.add_argument("--seed", type=int, default=52)
    args = ap.parse_args(argv)

    t = time.perf_counter()
    series = make_series(args.n, args.seed)
    gen = time.perf_counter() - t
    npts = np.array([s["years"].size for s in series])
    print(f"generated {args.n:,} series ({npts.min()}–{npts.max()} points, {npts.sum():,} observations) in {gen:.1f} s")

    chunks = [series[i :: args.workers * 4] for i in range(args.workers * 4)]
    t = time.perf_counter()
    with get_context("fork").Pool(args.workers) as pool:
        parts = pool.map(assess_chunk, chunks)
    elapsed = time.perf_counter() - t
    order = np.concatenate([np.arange(i, args.n, args.workers * 4) for i in range(args.workers * 4)])
    res = {k: np.empty(args.n) for k in parts[0]}
    for k in res:
        res[k][order] = np.concatenate([p[k] for p in parts])
    rate = args.n / elapsed
    print(f"vectorised assessment on {args.workers} cores: {elapsed:.2f} s, {rate:,.0f} series/s")
    counts = pd.Series([STATUS_CODES[int(c)] for c in res["status"]]).value_counts()
    print("statuses: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"with intervals: {np.isfinite(res['lo95']).sum():,}; with a probability: {np.isfinite(res['prob']).sum():,}")

    rng = np.random.default_rng(args.seed + 1)
    sample = rng.choice(args.n, size=min(args.sample, args.n), replace=False)
    naive_one(series[int(sample[0])])  # warm-up: imports statsmodels outside the timing
    t = time.perf_counter()
    naive = [naive_one(series[int(i)]) for i in sample]
    naive_time = time.perf_counter() - t
    per = naive_time / len(sample)
    print(
        f"naive per-series statsmodels loop (1 core): {len(sample)} series in {naive_time:.2f} s = "
        f"{per * 1e3:.2f} ms/series → {per * args.n:.0f} s for {args.n:,} (extrapolated)"
    )
    print(f"speed-up of the vectorised run over the naive loop: {per * args.n / elapsed:.0f}x")
    agree = sum(STATUS_CODES[int(res["status"][i])] == nv[0] for i, nv in zip(sample, naive, strict=True))
    diffs = [
        abs(res["lo80"][i] - nv[2][0]) / max(abs(nv[2][0]), 1e-12)
        for i, nv in zip(sample, naive, strict=True)
        if nv[2] is not None
    ]
    print(
        f"check on the sample: statuses agree {agree}/{len(sample)}; max rel. diff of 80% lower bounds {max(diffs):.1e}"
    )

    wdi = data_dir() / "worldbank_wdi" / "wdi_asean.csv"
    if wdi.exists():
        df = pd.read_csv(wdi)
        prov = calibration.load().doc["provenance"]
        bounds = {c: None for c in prov["tuning_indicators"] + prov["held_out_indicators"]}
        from dxtrack.catalog.loader import load_pack

        bounds.update({i.code: i.bounds for i in load_pack(prov["bounds_from_pack"]).indicators if i.code in bounds})
        for name in ("tuning", "held_out"):
            group = {c: bounds[c] for c in prov[f"{name}_indicators"]}
            ev = evaluate(series_from_long(df, group, areas=prov["areas"]), min_points=prov["min_points"])
            cov = ev.coverage
            rows = ", ".join(f"h{h} {cov['80'][h]:.1%}/{cov['95'][h]:.1%}" for h in ev.counts)
            mean = ev.mean_coverage
            print(
                f"rolling backtest, {name} set ({len(group)} indicators × {len(prov['areas'])} areas, n={ev.n}): "
                f"80%/95% coverage {rows}; mean {mean['80']:.1%}/{mean['95']:.1%}; "
                f"Brier {ev.brier:.3f} (climatology {ev.brier_climatology:.3f})"
            )
    else:
        print(f"backtest skipped: {wdi} not found (set DXTRACK_DATA_DIR)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
