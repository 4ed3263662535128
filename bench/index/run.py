"""Benchmark of dxtrack.index against COINr 1.1.14 reference timings (2 cores, one R session).

Run: ``python bench/index/run.py`` (reads ASEM from $DXTRACK_DATA_DIR, default ../shared/data).
All timings are in-process (time.perf_counter), median over repeated runs.
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
from dxtrack.index.coinr import coinr_config, example_coin_config, load_coin, read_table
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import IndexData, PipelineConfig, run
from dxtrack.index.spec import IndexSpec, Node
from dxtrack.index.stats import skew_kurt
from dxtrack.index.treat import TreatSpec

COINR = {"pipeline_treat": 0.126, "pipeline_notreat": 0.030, "ua100": 22.0, "sa600": 121.0}
ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("DXTRACK_DATA_DIR", ROOT.parent / "shared" / "data"))
ASEM = DATA / "peers" / "coinr_asem"


def median_time(f: Callable[[], object], reps: int) -> float:
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


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
    di, dm = read_table(ASEM / "ASEM_iData.csv"), read_table(ASEM / "ASEM_iMeta.csv")
    spec, data = load_coin(di, dm)
    rows: list[tuple[str, float, float | None]] = []
    print("== ASEM pipeline (51 units x 49 indicators), median seconds per run ==")
    for key, cfg in (("pipeline_treat", coinr_config()), ("pipeline_notreat", coinr_config(treat="none"))):
        t_full = median_time(lambda cfg=cfg: run(*reversed(load_coin(di, dm)), cfg), 300)
        t_eng = median_time(lambda cfg=cfg: run(data, spec, cfg), 500)
        ref = COINR[key]
        print(
            f"{key:18s} from iData/iMeta frames: {t_full * 1e3:7.3f} ms ({1 / t_full:8.0f} runs/s, "
            f"{ref / t_full:6.1f}x COINr)   engine only: {t_eng * 1e3:7.3f} ms ({1 / t_eng:8.0f} runs/s, "
            f"{ref / t_eng:6.1f}x COINr)"
        )
        rows.append((key, t_full, ref))
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
    n_mc = int(os.environ.get("DXTRACK_BENCH_MC", "10000"))
    t = time.perf_counter()
    sa.uncertainty(cdata, cspec, cbase, cf, n_mc, seed=5)
    t_mc = time.perf_counter() - t
    print(f"single full run (with treatment): {t1:7.3f} s")
    print(f"UA with {n_mc} runs: {t_mc:7.2f} s ({t_mc / n_mc * 1e3:.2f} ms/run)")
    if n_mc < 10_000:
        print(
            f"10,000 runs: extrapolated {t_mc / n_mc * 10_000:7.1f} s (measured {n_mc}; set "
            "DXTRACK_BENCH_MC=10000 to run it fully)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
