"""Benchmark of dxtrack.index against COINr 1.1.14 reference timings (2 cores, one R session).

Run: ``python bench/index/run.py`` (reads ASEM from the packaged data snapshot, or $DXTRACK_DATA_DIR).
All timings are in-process (time.perf_counter), median over repeated runs. The commune Monte Carlo
runs DXTRACK_BENCH_MC runs (default 10,000) in chunks of 1,000 and stops after
DXTRACK_BENCH_MC_BUDGET seconds (default 100, extrapolating to 10,000), so the whole benchmark stays
under 3 minutes on 2 cores (about 75 s in total when the machine is idle). Timings are only meaningful
on an otherwise idle machine (the fastest call is printed too, to show contention).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from dxtrack.index import sensitivity as sa
from dxtrack.index.coinr import coinr_config, example_coin_config
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import IndexData, PipelineConfig, run
from dxtrack.index.spec import IndexSpec, Node
from dxtrack.index.stats import skew_kurt
from dxtrack.index.treat import TreatSpec
from dxtrack.interop.coinr import CoinCache, load_coin, read_table, run_coin, run_pipeline
from dxtrack.settings import data_dir

COINR = {"pipeline_treat": 0.126, "pipeline_notreat": 0.030, "ua100": 22.0, "sa600": 121.0}
ROOT = Path(__file__).resolve().parents[2]
DATA = data_dir()  # the packaged snapshot, or DXTRACK_DATA_DIR
ASEM = DATA / "peers" / "coinr_asem"


BEST: dict[float, float] = {}


def median_time(f: Callable[[], object], reps: int) -> float:
    """Median seconds per call (the fastest call is kept in BEST, keyed by the median)."""
    f()  # warm-up
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    med = statistics.median(ts)
    BEST[med] = min(ts)
    return med


def naive_run(units: list[str], x: list[list[float]], spec: IndexSpec, treat_on: bool) -> dict[str, list[float]]:
    """Per-unit Python loops, same rules (COINr treatment, min-max, arithmetic mean): the baseline."""
    n, k = len(units), len(spec.indicators)
    cols = [[x[i][j] for i in range(n)] for j in range(k)]
    if treat_on:
        for j in range(k):
            c = cols[j]
            arr = np.array(c)
            sk, kt = skew_kurt(arr[:, None])
            if abs(sk[0]) < 2 or kt[0] < 3.5 or np.isnan(sk[0]):
                continue
            w = list(c)
            hi_n = lo_n = 0
            for _ in range(5):
                vals = [v for v in w if v == v]
                s, _k = skew_kurt(np.array(vals)[:, None])
                if s[0] >= 0:
                    m = max(vals)
                    rest = max(v for v in vals if v != m)
                    idx = [i for i in range(n) if w[i] == m]
                    for i in idx:
                        w[i] = rest
                    hi_n = len(idx)
                else:
                    m = min(vals)
                    rest = min(v for v in vals if v != m)
                    idx = [i for i in range(n) if w[i] == m]
                    for i in idx:
                        w[i] = rest
                    lo_n = len(idx)
                s, kk = skew_kurt(np.array([v for v in w if v == v])[:, None])
                if abs(s[0]) < 2 or kk[0] < 3.5 or hi_n + lo_n >= 5:
                    break
            s, kk = skew_kurt(np.array([v for v in w if v == v])[:, None])
            if abs(s[0]) < 2 or kk[0] < 3.5:
                cols[j] = w
            else:
                mn, mx = min(v for v in c if v == v), max(v for v in c if v == v)
                cols[j] = [float(np.log(v - mn + 0.01 * (mx - mn))) if v == v else v for v in c]
    norm: dict[str, list[float]] = {}
    for j, code in enumerate(spec.indicators):
        d = spec.by_code[code].direction
        vals = [v * d for v in cols[j]]
        ok = [v for v in vals if v == v]
        mn, mx = min(ok), max(ok)
        norm[code] = [(v - mn) / (mx - mn) * 100 if v == v else float("nan") for v in vals]
    cur = norm
    for lv in spec.levels:
        nxt: dict[str, list[float]] = {}
        for p in lv.parents:
            kids = [c for c in lv.children if spec.by_code[c].parent == p]
            out = []
            for i in range(n):  # the per-unit loop
                num = den = 0.0
                for c in kids:
                    v = cur[c][i]
                    if v == v:
                        num += spec.by_code[c].weight * v
                        den += spec.by_code[c].weight
                out.append(num / den if den else float("nan"))
            nxt[p] = out
        cur = {**cur, **nxt}
    return cur


def commune_case(n_units: int = 3321, n_ind: int = 100, seed: int = 0) -> tuple[IndexSpec, IndexData]:
    rng = np.random.default_rng(seed)
    nodes = [Node(f"i{j:03d}", 1, f"p{j // 10}", 1.0, 1 if j % 4 else -1) for j in range(n_ind)]
    nodes += [Node(f"p{p}", 2, f"s{p % 3}", 1.0, 1, kind="aggregate") for p in range(n_ind // 10)]
    nodes += [Node(f"s{s}", 3, "IDX", 1.0, 1, kind="aggregate") for s in range(3)]
    nodes += [Node("IDX", 4, None, 1.0, 1, kind="aggregate")]
    spec = IndexSpec(nodes, name="communes")
    x = rng.lognormal(mean=1.0, sigma=0.8, size=(n_units, n_ind))
    x[rng.random(x.shape) < 0.03] = np.nan
    return spec, IndexData([f"C{i:04d}" for i in range(n_units)], list(spec.indicators), x)


def main() -> int:
    if not (ASEM / "ASEM_iData.csv").is_file():
        print(f"ASEM data not found under {ASEM}", file=sys.stderr)
        return 1
    fi, fm = ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv"
    cache = CoinCache()
    t = time.perf_counter()
    run_pipeline(fi, fm)
    t_first = time.perf_counter() - t
    di, dm = read_table(fi), read_table(fm)
    spec, data = load_coin(di, dm)
    print("== ASEM pipeline (51 units x 49 indicators), median per run; COINr 1.1.14 reference in brackets ==")
    print(f"first call from the CSV files (read + check + build + JSON, nothing cached): {t_first * 1e3:7.2f} ms")
    for key, cfg, treat_opt in (
        ("pipeline_treat", coinr_config(), "default"),
        ("pipeline_notreat", coinr_config(treat="none"), "none"),
    ):
        ref = COINR[key]
        t_tab = median_time(lambda cfg=cfg: run_coin(di, dm, cfg), 400)
        t_tabc = median_time(lambda cfg=cfg: run_coin(di, dm, cfg, cache=cache), 400)
        t_json = median_time(lambda o=treat_opt: run_pipeline(di, dm, treat=o, cache=cache), 400)
        t_path = median_time(lambda o=treat_opt: run_pipeline(fi, fm, treat=o, cache=cache), 400)
        t_eng = median_time(lambda cfg=cfg: run(data, spec, cfg), 400)
        print(f"{key} (COINr {ref * 1e3:.0f} ms):")
        for label, tt in (
            ("from iData/iMeta DataFrames -> result, nothing cached (as R)", t_tab),
            ("from DataFrames -> result, iMeta spec in a CoinCache", t_tabc),
            ("from DataFrames -> JSON dict (run_pipeline, CoinCache)", t_json),
            ("repeat call on the CSV paths (compiled coin in a CoinCache)", t_path),
            ("engine only (compiled spec + matrix)", t_eng),
        ):
            best = BEST.get(tt, tt)
            print(f"  {label:60s} {tt * 1e3:7.3f} ms  {ref / tt:7.1f}x COINr   (fastest call {best * 1e3:6.3f} ms)")
    xs = data.values.tolist()
    for treat_on in (True, False):
        t_naive = median_time(lambda t=treat_on: naive_run(data.units, xs, spec, t), 20)
        t_vec = median_time(lambda t=treat_on: run(data, spec, coinr_config(treat="default" if t else "none")), 300)
        print(
            f"naive per-unit-loop baseline ({'with' if treat_on else 'without'} treatment): "
            f"{t_naive * 1e3:7.3f} ms -> vectorised is {t_naive / t_vec:5.1f}x faster"
        )

    print("\n== Uncertainty / sensitivity on ASEM (COINr vignette: build_example_coin + 4 inputs) ==")
    rng = np.random.default_rng(1)
    factors = [
        sa.winmax_factor(),
        sa.normalise_factor([NormSpec("minmax", {"l_u": (1, 100)}), NormSpec("zscore", {"m_sd": (10, 2)})]),
        sa.weights_factor(sa.noisy_weights(spec, {2: 0.25, 3: 0.25}, 100, rng)),
        sa.aggregate_factor(["amean", "gmean"]),
    ]
    base = example_coin_config()
    t_ua = median_time(lambda: sa.uncertainty(data, spec, base, factors, 100, seed=2), 5)
    t_sa = median_time(lambda: sa.sensitivity(data, spec, base, factors, 100, nboot=100, seed=3), 3)
    print(f"UA N=100 (100 runs):            {t_ua:7.3f} s  ({COINR['ua100'] / t_ua:7.1f}x COINr's 22 s)")
    print(f"SA N=100, d=4 (600 runs):       {t_sa:7.3f} s  ({COINR['sa600'] / t_sa:7.1f}x COINr's 121 s)")

    print("\n== Scale: 3,321 communes x 100 indicators, Monte Carlo ==")
    cspec, cdata = commune_case()
    crng = np.random.default_rng(4)
    cf = [
        sa.winmax_factor(),
        sa.normalise_factor([NormSpec("minmax", {"l_u": (1, 100)}), NormSpec("zscore", {"m_sd": (10, 2)})]),
        sa.weights_factor(sa.noisy_weights(cspec, {2: 0.25, 3: 0.25}, 200, crng)),
        sa.aggregate_factor(["amean", "gmean"]),
    ]
    cbase = PipelineConfig(treat=TreatSpec())
    t1 = median_time(lambda: run(cdata, cspec, cbase), 5)
    n_want = int(os.environ.get("DXTRACK_BENCH_MC", "10000"))
    budget = float(os.environ.get("DXTRACK_BENCH_MC_BUDGET", "100"))  # seconds, keeps the total under 3 min
    n_mc, t = 0, time.perf_counter()
    while n_mc < n_want and (n_mc == 0 or time.perf_counter() - t < budget):
        chunk = min(1000, n_want - n_mc)
        sa.uncertainty(cdata, cspec, cbase, cf, chunk, seed=5 + n_mc)
        n_mc += chunk
    t_mc = time.perf_counter() - t
    print(f"single full run (with treatment): {t1:7.3f} s")
    print(f"UA with {n_mc} runs: {t_mc:7.2f} s ({t_mc / n_mc * 1e3:.2f} ms/run)")
    if n_mc < 10_000:
        print(
            f"10,000 runs: extrapolated {t_mc / n_mc * 10_000:7.1f} s (measured {n_mc} in chunks of 1,000 "
            f"before the {budget:.0f} s budget ran out; raise DXTRACK_BENCH_MC_BUDGET to run all)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
