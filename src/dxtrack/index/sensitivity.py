"""Uncertainty and variance-based sensitivity analysis, following COINr's ``get_sensitivity()``.

Each uncertain input is a :class:`Factor`: a list of discrete alternatives (winsorisation limit,
normalisation, aggregation, a weight set, an excluded indicator) or a continuous uniform range,
plus how it edits a :class:`~dxtrack.index.pipeline.PipelineConfig`.

* Uncertainty analysis (UA): ``N x d`` uniform sample, ``N`` runs.
* Sensitivity analysis (SA): Saltelli design ``[A; B; AB_1 .. AB_d]`` (``AB_i`` = A with column i
  from B), ``N (d + 2)`` runs. The output per run is the mean absolute rank change of the units
  against the nominal ranks; ``S_i = mean(yB (yAB_i - yA)) / V``,
  ``ST_i = sum((yA - yAB_i)^2) / (2 N V)`` with ``V = var(c(yA, yB))``, and bootstrap 5%/95%
  quantiles over ``Nboot`` resamples of the N rows.
* A uniform value ``u`` selects a discrete alternative with R's ``cut(u, n_alt)`` over the
  sample column (as COINr's ``sample_2_para``), so a sample drawn by COINr (``SA_sample``)
  reproduces COINr's runs exactly: see :func:`run_samples`. :func:`run_choices` takes the chosen
  alternatives directly.

Failed runs (e.g. a geometric mean meeting a zero) give NaN scores, as COINr's NA columns. A run
in which an indicator cannot be treated is not a failed run: the indicator stays untreated (as in
COINr's ``Treat()``) and the warning is counted in :attr:`SensitivityResult.warnings`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.errors import DxtrackError, InputError
from dxtrack.index.aggregate import AggSpec
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import IndexData, PipelineConfig, run
from dxtrack.index.spec import IndexSpec
from dxtrack.index.stats import FloatArray, quantile_type7, rank_min

Apply = Callable[[PipelineConfig, Any], PipelineConfig]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Factor:
    """An uncertain input: discrete ``alternatives`` (or a ``low``/``high`` uniform range)."""

    name: str
    apply: Apply
    alternatives: tuple[Any, ...] = ()
    low: float | None = None
    high: float | None = None

    def value(self, u: FloatArray) -> list[Any]:
        """Map a column of uniform draws to parameter values (COINr ``sample_2_para``)."""
        if not self.alternatives:
            if self.low is None or self.high is None:
                raise InputError(f"factor '{self.name}': give alternatives or a low/high range")
            return list(u * (self.high - self.low) + self.low)
        idx = r_cut(u, len(self.alternatives))
        return [self.alternatives[i] for i in idx]


def r_cut_breaks(u: FloatArray, n: int) -> FloatArray:
    """The ``n + 1`` breaks R's ``cut(u, n)`` uses (``cut.default`` with ``breaks`` a single number).

    ``seq.int(min, max, length.out = n + 1)``, i.e. ``min + i * by`` with ``by = (max - min) / n``
    and the last break exactly ``max``; then the outer breaks move out by 0.1% of the range
    (``min - dx/1000``, ``max + dx/1000``) so both extremes fall inside. A constant sample spreads
    ``min - dx/1000 .. max + dx/1000`` with ``dx = |min|`` (or 1 when it is 0).
    """
    u = np.asarray(u, dtype=np.float64)
    if n < 2:
        raise InputError("a discrete factor needs at least 2 alternatives (R's cut() refuses fewer)")
    ok = u[~np.isnan(u)]
    if ok.size == 0:
        raise InputError("cut(): no non-missing values to take the range of")
    lo, hi = float(ok.min()), float(ok.max())
    dx = hi - lo
    if dx == 0:
        dx = abs(lo) if lo != 0 else 1.0
        lo, hi = lo - dx / 1000, hi + dx / 1000
        return _seq_length_out(lo, hi, n + 1)
    breaks = _seq_length_out(lo, hi, n + 1)
    breaks[0], breaks[-1] = lo - dx / 1000, hi + dx / 1000
    return breaks


def _seq_length_out(start: float, end: float, length: int) -> FloatArray:
    """R's ``seq.int(start, end, length.out = length)``: ``start + i * by``, the last value ``end``."""
    by = (end - start) / (length - 1)
    out = start + np.arange(length, dtype=np.float64) * by
    out[0], out[-1] = start, end
    return out


def r_cut(u: FloatArray, n: int) -> np.ndarray:
    """0-based interval of each value as R's ``cut(u, n)`` (COINr ``sample_2_para``).

    Intervals are right-closed, ``(b_k, b_k+1]`` (``right = TRUE``; COINr leaves
    ``include.lowest = FALSE``, which cannot matter because the outer breaks lie outside the
    data), so a value exactly on a break falls into the lower interval. Breaks: :func:`r_cut_breaks`.
    """
    u = np.asarray(u, dtype=np.float64)
    breaks = r_cut_breaks(u, n)
    return np.clip(np.searchsorted(breaks, u, side="left") - 1, 0, n - 1)


# ---------------------------------------------------------------------------------------------
# factor builders


def winmax_factor(values: Sequence[int] = (1, 2, 3, 4, 5), name: str = "Winmax") -> Factor:
    """Winsorisation limit (COINr address ``$Log$Treat$global_specs$f1_para$winmax``)."""
    return Factor(name, lambda c, v: c.with_(treat=replace(c.treat, winmax=int(v))), tuple(values))


def normalise_factor(alternatives: Sequence[NormSpec | Mapping[str, Any] | str], name: str = "Normalisation") -> Factor:
    """Normalisation method/parameters (``$Log$Normalise$global_specs``)."""
    alts = tuple(a if isinstance(a, NormSpec) else NormSpec.from_dict(a) for a in alternatives)
    return Factor(name, lambda c, v: c.with_(normalise=v), alts)


def aggregate_factor(methods: Sequence[str] = ("amean", "gmean"), name: str = "Aggregation") -> Factor:
    """Aggregation function (``$Log$Aggregate$f_ag``); weights of the base config are kept."""
    for m in methods:
        AggSpec(method=m)
    return Factor(name, lambda c, v: c.with_(aggregate=replace(c.aggregate, method=v)), tuple(methods))


def weights_factor(weight_sets: Sequence[Mapping[str, float]], name: str = "Weights") -> Factor:
    """One of several weight sets (``$Log$Aggregate$w``)."""
    return Factor(name, lambda c, v: c.with_(aggregate=replace(c.aggregate, weights=v)), tuple(weight_sets))


def exclude_factor(codes: Sequence[str], name: str = "Exclude") -> Factor:
    """Exclude one indicator or none (each with probability 1/(Q+1), as the JRC/OECD handbook)."""
    alts: tuple[Any, ...] = (None, *codes)
    return Factor(name, lambda c, v: c if v is None else c.with_(exclude=(*c.exclude, v)), alts)


def noisy_weights(
    spec: IndexSpec, noise: Mapping[int, float], nrep: int, rng: np.random.Generator
) -> list[dict[str, float]]:
    """COINr ``get_noisy_weights``: ``w' = w + U(-1, 1) * factor * w`` for the nodes at each level."""
    base = spec.weights()
    out: list[dict[str, float]] = []
    for _ in range(nrep):
        w = dict(base)
        for level, f in noise.items():
            codes = spec.codes_at(int(level))
            if not codes:
                raise InputError(f"noisy weights: no nodes at level {level}")
            wts = np.array([base[c] for c in codes])
            wts = wts + (rng.random(len(codes)) * 2 - 1) * float(f) * wts
            w.update(dict(zip(codes, wts.tolist(), strict=True)))
        out.append(w)
    return out


# ---------------------------------------------------------------------------------------------
# designs and estimators


def sa_sample(n: int, d: int, rng: np.random.Generator) -> FloatArray:
    """COINr ``SA_sample``: rows ``[A; B; AB_1; ...; AB_d]``, shape ``(n (d + 2), d)``."""
    base = rng.random((n, 2 * d))
    a, b = base[:, :d], base[:, d:]
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def sa_estimate(
    yy: FloatArray, n: int, d: int, nboot: int | None = None, rng: np.random.Generator | None = None
) -> tuple[float, pd.DataFrame]:
    """COINr ``SA_estimate``: output variance and first/total-order indices (with bootstrap bands)."""
    yy = np.asarray(yy, dtype=np.float64)
    if yy.size != n * (d + 2):
        raise InputError(f"expected {n * (d + 2)} outputs for N={n}, d={d}, got {yy.size}")
    ya, yb = yy[:n], yy[n : 2 * n]
    yab = yy[2 * n :].reshape(d, n).T
    var = float(np.var(np.concatenate([ya, yb]), ddof=1))
    si_el = yb[:, None] * (yab - ya[:, None])
    st_el = ya[:, None] - yab
    with np.errstate(invalid="ignore", divide="ignore"):
        si = si_el.mean(axis=0) / var
        st = (st_el**2).sum(axis=0) / (2 * n * var)
    df = pd.DataFrame({"Variable": [f"V{i + 1}" for i in range(d)], "Si": si, "STi": st})
    if nboot:
        rng = rng or np.random.default_rng()
        idx = rng.integers(0, n, size=(nboot, n))
        with np.errstate(invalid="ignore", divide="ignore"):
            si_b = si_el[idx].mean(axis=1) / var  # (nboot, d)
            st_b = (st_el[idx] ** 2).sum(axis=1) / (2 * n * var)
        df["Si_q5"] = quantile_type7(si_b, 0.05)
        df["Si_q95"] = quantile_type7(si_b, 0.95)
        df["STi_q5"] = quantile_type7(st_b, 0.05)
        df["STi_q95"] = quantile_type7(st_b, 0.95)
    return var, df


# ---------------------------------------------------------------------------------------------
# running


@dataclass
class SensitivityResult:
    """Scores/ranks of the target per run (units x runs) and their summaries."""

    units: list[str]
    factors: list[str]
    nominal_scores: FloatArray
    nominal_ranks: FloatArray
    scores: FloatArray
    ranks: FloatArray
    choices: list[list[Any]]
    rank_shift: FloatArray  # mean absolute rank change per run
    rank_stats: pd.DataFrame
    sensitivity: pd.DataFrame | None = None
    variance: float | None = None
    #: warning -> number of runs (the nominal one included) that gave it
    warnings: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready summary (NaN -> null)."""

        def clean(v: Any) -> Any:
            if isinstance(v, float | np.floating):
                return None if v != v else float(v)
            return v

        doc: dict[str, Any] = {
            "factors": self.factors,
            "runs": int(self.scores.shape[1]),
            "mean_abs_rank_shift": clean(float(np.nanmean(self.rank_shift)))
            if np.isfinite(self.rank_shift).any()
            else None,
            "rank_stats": [{k: clean(v) for k, v in r.items()} for r in self.rank_stats.to_dict("records")],
        }
        if self.warnings:
            doc["warnings"] = [{"message": m, "runs": n} for m, n in self.warnings.items()]
        if self.sensitivity is not None:
            doc["variance"] = clean(self.variance)
            doc["sensitivity"] = [{k: clean(v) for k, v in r.items()} for r in self.sensitivity.to_dict("records")]
        return doc


def _target_col(spec: IndexSpec, target: str | None) -> tuple[int, int]:
    code = target or spec.levels[-1].parents[0]
    for lv in spec.levels:
        if code in lv.parents:
            return lv.level, lv.parents.index(code)
    raise InputError(f"target '{code}' is not an aggregate of the index")


def _one(
    data: IndexData,
    spec: IndexSpec,
    cfg: PipelineConfig,
    target: str | None,
    cache: dict[Any, Any],
    warnings: dict[str, int] | None,
) -> tuple[list[str], FloatArray]:
    res = run(data, spec, cfg, cache=cache)
    if warnings is not None:
        for w in res.warnings:
            warnings[w] = warnings.get(w, 0) + 1
    lev, col = _target_col(res.spec, target)
    return res.units, res.levels[lev][:, col]


def run_choices(
    data: IndexData,
    spec: IndexSpec,
    base: PipelineConfig,
    factors: Sequence[Factor],
    choices: Sequence[Sequence[Any]],
    *,
    target: str | None = None,
    progress: Progress | None = None,
    warnings: dict[str, int] | None = None,
) -> tuple[list[str], FloatArray, FloatArray, FloatArray]:
    """Run the pipeline once per row of ``choices`` (one value per factor).

    Returns units, nominal scores, and scores ``units x runs`` (NaN where a run failed or a unit
    was screened out), plus nominal ranks. ``warnings`` (if given) counts each run's warnings.
    """
    cache: dict[Any, Any] = {}
    units, nominal = _one(data, spec, base, target, cache, warnings)
    pos = {u: i for i, u in enumerate(units)}
    out = np.full((len(units), len(choices)), np.nan)
    total = len(choices)
    for r, row in enumerate(choices):
        cfg = base
        for f, v in zip(factors, row, strict=True):
            cfg = f.apply(cfg, v)
        try:
            u, s = _one(data, spec, cfg, target, cache, warnings)
        except DxtrackError:
            u, s = [], np.empty(0)
        if u == units:
            out[:, r] = s
        elif u:
            idx = [pos[x] for x in u if x in pos]
            out[idx, r] = s[[i for i, x in enumerate(u) if x in pos]]
        if progress is not None:
            progress(r + 1, total)
    return units, nominal, out, rank_min(nominal, descending=True)


def _summarise(
    units: list[str],
    factors: Sequence[Factor],
    nominal: FloatArray,
    nranks: FloatArray,
    scores: FloatArray,
    choices: list[list[Any]],
    stat_runs: int,
) -> SensitivityResult:
    ranks = rank_min(scores, descending=True)
    with np.errstate(invalid="ignore"):
        diff = np.abs(ranks - nranks[:, None])
        ok = ~np.isnan(diff)
        cnt = ok.sum(axis=0)
        shift = np.where(cnt > 0, np.where(ok, diff, 0).sum(axis=0) / np.maximum(cnt, 1), np.nan)
    rs = ranks[:, :stat_runs]
    okr = ~np.isnan(rs)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(okr, rs, 0).sum(axis=1) / okr.sum(axis=1)
    stats = pd.DataFrame(
        {
            "uCode": units,
            "Nominal": nranks,
            "Mean": mean,
            "Median": quantile_type7(rs, 0.5, axis=1),
            "Q5": quantile_type7(rs, 0.05, axis=1),
            "Q95": quantile_type7(rs, 0.95, axis=1),
        }
    )
    return SensitivityResult(units, [f.name for f in factors], nominal, nranks, scores, ranks, choices, shift, stats)


def run_samples(
    data: IndexData,
    spec: IndexSpec,
    base: PipelineConfig,
    factors: Sequence[Factor],
    samples: FloatArray,
    *,
    sa: bool = False,
    n: int | None = None,
    nboot: int | None = None,
    target: str | None = None,
    rng: np.random.Generator | None = None,
    progress: Progress | None = None,
) -> SensitivityResult:
    """Run a given uniform sample (rows = runs, columns = factors), e.g. one drawn by COINr."""
    x = np.asarray(samples, dtype=np.float64)
    d = len(factors)
    if x.ndim != 2 or x.shape[1] != d:
        raise InputError(f"the sample needs {d} columns (one per factor), got shape {x.shape}")
    cols = [f.value(x[:, j]) for j, f in enumerate(factors)]
    choices = [list(r) for r in zip(*cols, strict=True)]
    warns: dict[str, int] = {}
    units, nominal, scores, nranks = run_choices(
        data, spec, base, factors, choices, target=target, progress=progress, warnings=warns
    )
    if sa:
        n = n or x.shape[0] // (d + 2)
        res = _summarise(units, factors, nominal, nranks, scores, choices, 2 * n)
        res.variance, res.sensitivity = sa_estimate(res.rank_shift, n, d, nboot, rng)
        res.sensitivity["Variable"] = [f.name for f in factors]
    else:
        res = _summarise(units, factors, nominal, nranks, scores, choices, scores.shape[1])
    res.warnings = warns
    return res


def uncertainty(
    data: IndexData,
    spec: IndexSpec,
    base: PipelineConfig,
    factors: Sequence[Factor],
    n: int,
    *,
    seed: int | None = None,
    target: str | None = None,
    progress: Progress | None = None,
) -> SensitivityResult:
    """Uncertainty analysis: ``n`` runs on a uniform ``n x d`` sample."""
    if n <= 2:
        raise InputError("N must be greater than 2")
    rng = np.random.default_rng(seed)
    return run_samples(data, spec, base, factors, rng.random((n, len(factors))), target=target, progress=progress)


def sensitivity(
    data: IndexData,
    spec: IndexSpec,
    base: PipelineConfig,
    factors: Sequence[Factor],
    n: int,
    *,
    nboot: int | None = 100,
    seed: int | None = None,
    target: str | None = None,
    progress: Progress | None = None,
) -> SensitivityResult:
    """Sensitivity analysis: Saltelli design with ``n (d + 2)`` runs and bootstrap intervals."""
    if len(factors) < 2:
        raise InputError("a sensitivity analysis needs at least 2 uncertain inputs (use an uncertainty analysis)")
    if n <= 2:
        raise InputError("N must be greater than 2")
    rng = np.random.default_rng(seed)
    x = sa_sample(n, len(factors), rng)
    return run_samples(
        data, spec, base, factors, x, sa=True, n=n, nboot=nboot, target=target, rng=rng, progress=progress
    )
